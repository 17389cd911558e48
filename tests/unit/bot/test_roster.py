"""Roster: a role in the input wins; then Telegram id; then an unambiguous display name."""

from __future__ import annotations

from bot.config import Person
from bot.roster import Roster
from rules.model import Message, Role

ROSTER = Roster([
    Person(telegram_id=1001, name="张医生", role=Role.DOCTOR, department="cardiology"),
    Person(telegram_id=1002, name="Liu Xiao", role=Role.ASSISTANT),
    Person(telegram_id=1003, name="王芳", role=Role.NURSE),
    Person(telegram_id=1004, name="王芳", role=Role.DOCTOR),
])


def test_roster_when_export_peer_id_given_then_matched_by_telegram_id() -> None:
    resolved = ROSTER.resolve(Message(id="1", text="x", sender_id="user1001"))
    assert (resolved.sender_role, resolved.department) == (Role.DOCTOR, "cardiology")


def test_roster_when_input_has_a_role_then_it_wins_and_department_is_filled() -> None:
    resolved = ROSTER.resolve(Message(id="1", text="x", sender_id="1001",
                                      sender_role=Role.PATIENT))
    assert (resolved.sender_role, resolved.department) == (Role.PATIENT, "cardiology")


def test_roster_when_only_name_given_then_matched_ignoring_spaces_and_case() -> None:
    resolved = ROSTER.resolve(Message(id="1", text="x", sender_name=" liu  xiao"))
    assert resolved.sender_role is Role.ASSISTANT


def test_roster_when_name_is_shared_then_nobody_is_matched() -> None:
    message = Message(id="1", text="x", sender_name="王芳")
    assert ROSTER.resolve(message) is message


def test_roster_when_sender_unknown_then_message_unchanged() -> None:
    message = Message(id="1", text="x", sender_id="999", sender_name="路人")
    assert ROSTER.resolve(message) == message and message.sender_role is Role.UNKNOWN
