"""Detectors: each turns one message (already normalised and lexicon-scanned) into signals.

A detector is a small object with a `name`, the lexicons it reads (`lexicons`), the lexicons
whose hits make it worth running at all (`triggers`; empty = always run, e.g. structural
events) and `detect(subject) -> list[Signal]`. Rules then pick signals by detector, entity
and score; detectors never decide severity or actions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from rules.lexicon import Hit
from rules.model import Message, Role
from rules.normalize import Normalized


@dataclass(frozen=True, slots=True)
class Signal:
    """Something a detector found: an entity, ORIGINAL-text span (None: no text) and a score."""

    entity: str
    span: tuple[int, int] | None
    score: float
    payload: object = None  # detector-specific extra (a PiiHit for personal data)


@dataclass(frozen=True, slots=True)
class Flags:
    """Context conditions for one message (rules.schema.ContextCondition keys)."""

    first_visit: bool = False
    condition_change: bool = False
    red_flag: bool = False
    followup: bool = False
    in_person_referral: bool = False
    disclaimer: bool = False
    gift_offered: bool = False  # a patient offered a gift within the last few messages


@dataclass(slots=True)
class Subject:
    """Everything a detector may look at for one message."""

    message: Message
    role: Role
    norm: Normalized
    hits: dict[str, list[Hit]]
    _flags: Flags | Callable[[], Flags] = Flags()  # or a thunk: computed only when read
    previous: str | None = None  # same sender's immediately previous message in this chat
    prompt: str | None = None  # the immediately previous message when another sender wrote it

    @property
    def flags(self) -> Flags:
        """The context conditions of this message (computed on first use)."""
        if not isinstance(self._flags, Flags):
            self._flags = self._flags()
        return self._flags

    def has(self, *lexicons: str) -> bool:
        """True when any of the named lexicons has a hit."""
        return any(self.hits.get(name) for name in lexicons)

    def found(self, *lexicons: str) -> list[Hit]:
        """The hits of the named lexicons, in text order."""
        out = [h for name in lexicons for h in self.hits.get(name, ())]
        return sorted(out, key=lambda h: (h.start, h.end))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span to the original text."""
        return self.norm.to_original(start, end)

    def spans(self, hits: Iterable[Hit]) -> list[tuple[int, int]]:
        """Map lexicon hits to original spans."""
        return [self.norm.to_original(h.start, h.end) for h in hits]


class Detector(Protocol):
    """What the engine needs from a detector."""

    @property
    def name(self) -> str:
        """The detector name rules refer to."""
        ...

    @property
    def lexicons(self) -> Sequence[str]:
        """Lexicons the detector reads."""
        ...

    @property
    def triggers(self) -> Sequence[str]:
        """Lexicons one of which must hit for the detector to run (empty: always run)."""
        ...

    def detect(self, subject: Subject) -> list[Signal]:
        """Signals for one message."""
        ...


def clamp(score: float) -> float:
    """A score kept inside [0, 1], rounded for stable output."""
    return round(min(1.0, max(0.0, score)), 3)
