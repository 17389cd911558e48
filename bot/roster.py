"""Who is who in a patient group: roles and departments from the config roster.

A role given in the input (JSONL `sender_role`, or set by the caller) wins over the roster;
otherwise the sender is looked up by Telegram id, then by display name. A display name shared
by two roster entries matches nobody, so a namesake is never given a doctor's role.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from bot.config import Person, Settings
from rules.model import Message, Role

_PEER_PREFIX = re.compile(r"^user(?=\d+$)")


def _name_key(name: str) -> str:
    """Names compare without surrounding or inner whitespace and case."""
    return "".join(name.split()).casefold()


class Roster:
    """Role and department lookup over the configured people."""

    def __init__(self, people: Iterable[Person] = ()) -> None:
        self._by_id: dict[str, Person] = {}
        by_name: dict[str, Person | None] = {}
        for person in people:
            self._by_id[str(person.telegram_id)] = person
            key = _name_key(person.name)
            if key:
                by_name[key] = None if key in by_name else person  # ambiguous names: nobody
        self._by_name = {key: person for key, person in by_name.items() if person is not None}

    @classmethod
    def from_settings(cls, settings: Settings) -> Roster:
        """The roster of a settings object."""
        return cls(settings.roster.people)

    def find(self, sender_id: str = "", sender_name: str = "") -> Person | None:
        """The roster entry for a Telegram id (`123` or `user123`) or else a display name."""
        person = self._by_id.get(_PEER_PREFIX.sub("", sender_id.strip())) if sender_id else None
        if person is None and sender_name:
            person = self._by_name.get(_name_key(sender_name))
        return person

    def resolve(self, message: Message) -> Message:
        """The message with its sender's role and department filled in; an input role wins."""
        person = self.find(message.sender_id, message.sender_name)
        if person is None:
            return message
        role = message.sender_role
        if role is Role.UNKNOWN:
            role = person.role
        department = message.department or person.department
        if role is message.sender_role and department == message.department:
            return message
        return dataclasses.replace(message, sender_role=role, department=department)
