"""ChatContext: what the engine remembers about one chat between messages (domain.md §B4).

Patients whose messages showed first-visit, condition-change, red-flag or follow-up cues;
senders who introduced themselves as assistants; and the previous message, so a number
split over two consecutive messages of one sender can be found.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

from rules.detectors import Flags
from rules.lexicon import Hit
from rules.model import Message, Role

# Lexicon of the cue → (flag name, how many messages later a staff reply still counts).
PATIENT_CUES = {
    "cue-first-visit": ("first_visit", 40),
    "cue-condition-change": ("condition_change", 12),
    "cue-red-flag": ("red_flag", 6),
    "cue-followup": ("followup", 40),
}
_RECENT = 200  # message ids kept to resolve `reply_to` to a sender
# A staff "收到，谢谢" this many messages after a patient's gift offer reads as acceptance.
GIFT_WINDOW = 3


def _referral(hits: Mapping[str, list[Hit]]) -> bool:
    """A referral to an in-person visit that is not negated (不用来医院了)."""
    negated = hits.get("advice-no-visit", [])
    return any(not any(n.start <= h.start and h.end <= n.end for n in negated)
               for h in hits.get("advice-in-person", []))


class ChatContext:
    """Per-chat memory; `rules.engine` reads it before a message and updates it after."""

    def __init__(self) -> None:
        self.seq = 0
        self.assistants: set[str] = set()
        self._cues: dict[str, dict[str, int]] = {flag: {} for flag, _ in PATIENT_CUES.values()}
        self._sender_of: dict[str, str] = {}
        self._order: deque[str] = deque()
        self._last: tuple[str, str] | None = None  # (sender_id, text) of the previous message
        self._gift: tuple[str, int] | None = None  # (sender, seq) of the latest gift offer

    def previous_text(self, message: Message) -> str | None:
        """The previous message's text when the same sender wrote it, else None."""
        if self._last is not None and message.sender_id and self._last[0] == message.sender_id:
            return self._last[1]
        return None

    def prompt_text(self, message: Message) -> str | None:
        """The previous message's text when another sender wrote it (what a reply answers)."""
        if self._last is not None and self._last[0] != message.sender_id:
            return self._last[1]
        return None

    def flags(self, message: Message, hits: Mapping[str, list[Hit]]) -> Flags:
        """The context conditions for `message` (patients' cues plus this message's own)."""
        target = self._sender_of.get(message.reply_to or "")
        values: dict[str, bool] = {}
        for flag, window in PATIENT_CUES.values():
            marked = self._cues[flag]
            if target is not None:
                values[flag] = target in marked and self.seq - marked[target] <= window
            else:
                values[flag] = any(self.seq - at <= window for at in marked.values())
        return Flags(
            **values,
            in_person_referral=_referral(hits),
            disclaimer=bool(hits.get("advice-disclaimer")),
            gift_offered=self._gift_offered(target),
        )

    def _gift_offered(self, target: str | None) -> bool:
        """A non-staff gift offer among the last `GIFT_WINDOW` messages (from the replied-to
        sender when the message is a reply)."""
        if self._gift is None:
            return False
        sender, at = self._gift
        return self.seq - at < GIFT_WINDOW and (target is None or target == sender)

    def remember(self, message: Message, role: Role, hits: Mapping[str, list[Hit]],
                 *, gift: bool = False) -> None:
        """Record `message` after it was evaluated (`gift`: it was flagged as a gift offer)."""
        self.seq += 1
        sender = message.sender_id or f"anonymous:{message.id}"
        if gift and not role.is_staff:
            self._gift = (sender, self.seq)
        if not role.is_staff:
            for lexicon, (flag, _) in PATIENT_CUES.items():
                if hits.get(lexicon):
                    self._cues[flag][sender] = self.seq
        if hits.get("cue-assistant") and role in (Role.UNKNOWN, Role.ASSISTANT):
            self.assistants.add(sender)
        self._sender_of[message.id] = sender
        self._order.append(message.id)
        if len(self._order) > _RECENT:
            self._sender_of.pop(self._order.popleft(), None)
        self._last = (message.sender_id, message.text)
