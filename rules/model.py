"""Platform-neutral types shared by every layer: messages in, findings and actions out.

`rules/` depends on nothing of ours; `storage/` and `bot/` import these types. They are frozen
so that a message evaluated by the engine is exactly the message archived.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    """A sender's role in a patient group; `assistant` means staff without a medical licence."""

    DOCTOR = "doctor"
    NURSE = "nurse"
    ASSISTANT = "assistant"
    PATIENT = "patient"
    FAMILY = "family"
    UNKNOWN = "unknown"

    @property
    def is_staff(self) -> bool:
        return self in (Role.DOCTOR, Role.NURSE, Role.ASSISTANT)


class Category(StrEnum):
    PERSONAL_DATA = "personal_data"
    GIFT = "gift"
    UNEXAMINED_ADVICE = "unexamined_advice"
    UNLICENSED_ADVICE = "unlicensed_advice"
    OFF_TOPIC = "off_topic"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2, Severity.CRITICAL: 3}


class Mode(StrEnum):
    ENFORCE = "enforce"
    MONITOR = "monitor"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class StructuralEvent:
    """A platform event that is not text: a Telegram gift, a paid message, a Stars payment…

    `kind` is one of: gift, unique_gift, paid_message, payment, refund, transfer.
    """

    kind: str
    amount: int | None = None
    currency: str | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Message:
    """One message (or one version of an edited message) as every layer sees it."""

    id: str
    text: str
    chat_id: str = ""
    sender_id: str = ""
    sender_role: Role = Role.UNKNOWN
    ts: datetime | None = None
    reply_to: str | None = None
    sender_name: str = ""
    chat_title: str = ""
    department: str = ""
    version: int = 0  # 0 = original, 1.. = edits
    source: str = "scan"  # telegram | business | tg-export | wechat | jsonl | scan
    media_kind: str | None = None  # photo, document, voice… (caption is in `text`)
    structural: tuple[StructuralEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of Python `str` indices into the ORIGINAL message text."""

    start: int
    end: int
    entity: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule that matched a message (design §4.2 output, plus what the planner needs)."""

    message_id: str
    rule_id: str
    category: Category
    severity: Severity
    spans: tuple[Span, ...] = ()
    redacted_text: str | None = None
    score: float = 1.0
    mode: Mode = Mode.ENFORCE
    chat_id: str = ""
    sender_id: str = ""
    sender_role: Role = Role.UNKNOWN

    def to_json(self) -> dict[str, object]:
        """The design §4.2 output object (stable key order)."""
        out: dict[str, object] = {
            "message_id": self.message_id,
            "rule_id": self.rule_id,
            "category": self.category.value,
            "severity": self.severity.value,
            "spans": [{"start": s.start, "end": s.end, "entity": s.entity} for s in self.spans],
        }
        if self.redacted_text is not None:
            out["redacted_text"] = self.redacted_text
        return out


class ActionKind(StrEnum):
    ALERT = "alert"  # to the department head(s)
    PROMPT = "prompt"  # private redaction prompt to the sender, masked text ready to repost
    REDACT = "redact"  # delete the original and repost the masked text (enforce + admin)
    DELETE = "delete"
    REMIND = "remind"  # short in-group reminder (e.g. needs an in-person visit)
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Action:
    """Something the executor should do about a finding; planned purely, sent later."""

    kind: ActionKind
    rule_id: str
    message_id: str
    chat_id: str
    target: str = ""  # a role or recipient key resolved by the bot: "department_head", "sender"…
    severity: Severity = Severity.LOW
    payload: dict[str, str] = field(default_factory=dict)
