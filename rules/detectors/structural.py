"""Structural gifts: platform events that carry value, not text (domain.md §B1 a).

A Telegram `gift` / `unique_gift` service message, a paid message or a Stars payment sent
into a patient group is the platform's 红包; the bot's normaliser puts them on
`Message.structural`. A refund is remediation evidence and produces nothing.
"""

from __future__ import annotations

from rules.detectors import Signal, Subject

VALUE_EVENTS = frozenset({"gift", "unique_gift", "paid_message", "payment", "transfer"})


class StructuralDetector:
    """One signal per value-carrying event; the entity is the event kind in upper case."""

    name = "structural"
    lexicons: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()

    def detect(self, subject: Subject) -> list[Signal]:
        """Signals for gift, unique_gift, paid_message, payment and transfer events."""
        return [
            Signal(event.kind.upper(), None, 1.0, payload=event)
            for event in subject.message.structural
            if event.kind in VALUE_EVENTS
        ]
