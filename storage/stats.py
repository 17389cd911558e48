"""Facts for digests and reports, read from the archive (no message text, no personal data).

Each finding becomes one `FindingFact`: when, where, which rule, the sender's role and a
pseudonymous key, and what happened to its alert (first decision, escalations). The bot's
report code aggregates these; nothing here formats anything for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class FindingFact:
    """One finding with what happened to its alert; `sender_key` is a pseudonymous key."""

    at: datetime
    department: str
    category: str
    rule_id: str
    severity: str
    sender_role: str = "unknown"
    sender_key: str = ""
    alerted: bool = False
    alert_id: str = ""
    decision: str | None = None  # first decision: ack | false_positive | escalate
    decided_at: datetime | None = None
    escalations: int = 0
