"""Facts for digests and reports, read from the archive (no message text, no personal data).

Each finding becomes one `FindingFact`: when, where, which rule, the sender's role and a
pseudonymous key, and what happened to its alert (first decision, escalations). The bot's
report code aggregates these; nothing here formats anything for people.

A finding counts at the time its message was sent (`message_record.ts`, indexed by
`ix_message_record_ts` on SQLite and PostgreSQL alike), so imported history lands in the
period it happened in, not the day it was imported; only a message without a time falls back
to when the finding was recorded. Response times run from the alert to the first decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from storage.chain import as_utc
from storage.escalations import escalation_counts
from storage.models import Acknowledgement, ActionRecord, FindingRecord, MessageRecord


@dataclass(frozen=True, slots=True)
class FindingFact:
    """One finding with what happened to its alert; `sender_key` is a pseudonymous key."""

    at: datetime  # when the message was sent
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
    alerted_at: datetime | None = None  # when the alert was planned; response times start here
    title: str = ""  # the rule's Chinese title as its alert showed it ("" without an alert)


def sent_between(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Findings whose message was sent in [start, end) (recorded then, for a timeless one)."""
    lo, hi = as_utc(start), as_utc(end)
    return or_(
        and_(MessageRecord.ts >= lo, MessageRecord.ts < hi),
        and_(MessageRecord.ts.is_(None), FindingRecord.created_at >= lo,
             FindingRecord.created_at < hi),
    )


def finding_facts(
    session: Session, start: datetime, end: datetime, department: str | None = None
) -> list[FindingFact]:
    """Facts for findings on messages sent in [start, end), optionally of one department."""
    stmt = (
        select(FindingRecord.seq, MessageRecord.ts, FindingRecord.created_at,
               FindingRecord.rule_id, FindingRecord.category, FindingRecord.severity,
               MessageRecord.department, MessageRecord.sender_role, MessageRecord.sender_id,
               ActionRecord.seq, ActionRecord.created_at,
               ActionRecord.payload["title_zh"].as_string())
        .join(MessageRecord, MessageRecord.seq == FindingRecord.message_seq)
        .outerjoin(ActionRecord, (ActionRecord.finding_seq == FindingRecord.seq)
                   & (ActionRecord.kind == "alert"))
        .where(sent_between(start, end))
        .order_by(FindingRecord.seq)
    )
    if department:
        stmt = stmt.where(MessageRecord.department == department)
    rows = session.execute(stmt).all()
    alert_seqs = [r[9] for r in rows if r[9] is not None]
    first: dict[int, tuple[str, datetime]] = {}
    for ack in session.scalars(
        select(Acknowledgement).where(Acknowledgement.alert_seq.in_(alert_seqs))
        .order_by(Acknowledgement.seq)
    ):
        first.setdefault(ack.alert_seq, (ack.decision, ack.at))
    escalated = escalation_counts(session, alert_seqs)
    facts = []
    for (_seq, sent, found, rule, category, severity, dept, role, sender, alert, alerted,
         title) in rows:
        decision, decided = first.get(alert, (None, None)) if alert is not None else (None, None)
        facts.append(FindingFact(
            at=as_utc(sent or found) or found, department=dept, category=category,
            rule_id=rule, severity=severity, sender_role=role, sender_key=sender,
            alerted=alert is not None, alert_id=str(alert or ""), decision=decision,
            decided_at=as_utc(decided),
            escalations=escalated.get(alert, 0) if alert is not None else 0,
            alerted_at=as_utc(alerted), title=title or "",
        ))
    return facts


def departments(session: Session) -> list[str]:
    """Every department that has archived messages."""
    stmt = select(MessageRecord.department).distinct().order_by(MessageRecord.department)
    return [d for d in session.scalars(stmt) if d]
