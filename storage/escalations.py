"""Escalations of alerts: one row per (alert, level) and a chained `escalated` archive event.

The row makes an escalation idempotent (a restart mid-scan cannot escalate twice) and gives
the current level fast; the chained event is the evidence that it happened and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.archive import append_event
from storage.chain import as_utc
from storage.models import Acknowledgement, ActionRecord, Base, MessageRecord


class Escalation(Base):
    """Alert `alert_seq` reached chain level `level` (0 = first recipients) at `at`."""

    __tablename__ = "escalation"
    __table_args__ = (UniqueConstraint("alert_seq", "level", name="uq_escalation_level"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    level: Mapped[int] = mapped_column(Integer)
    duty: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    event_seq: Mapped[int] = mapped_column(BigInteger)


@dataclass(frozen=True, slots=True)
class AlertRow:
    """An alert and where it stands; no message text."""

    alert_seq: int
    created_at: datetime
    rule_id: str
    severity: str
    chat_id: str
    department: str
    level: int | None
    level_since: datetime | None
    decision: str | None
    decided_at: datetime | None


def open_alerts(session: Session, since: datetime) -> list[AlertRow]:
    """Alerts created since `since` with their latest decision and escalation level."""
    alerts = session.execute(
        select(ActionRecord.seq, ActionRecord.created_at, ActionRecord.rule_id,
               ActionRecord.severity, ActionRecord.chat_id, MessageRecord.department)
        .join(MessageRecord, MessageRecord.seq == ActionRecord.message_seq)
        .where(ActionRecord.kind == "alert", ActionRecord.created_at >= as_utc(since))
        .order_by(ActionRecord.seq)
    ).all()
    if not alerts:
        return []
    seqs = [a.seq for a in alerts]
    decisions: dict[int, tuple[str, datetime]] = {}
    for ack in session.scalars(
        select(Acknowledgement).where(Acknowledgement.alert_seq.in_(seqs))
        .order_by(Acknowledgement.seq)
    ):
        decisions[ack.alert_seq] = (ack.decision, ack.at)
    levels: dict[int, tuple[int, datetime]] = {}
    for esc in session.scalars(
        select(Escalation).where(Escalation.alert_seq.in_(seqs)).order_by(Escalation.level)
    ):
        levels[esc.alert_seq] = (esc.level, esc.at)
    rows = []
    for a in alerts:
        level, since_at = levels.get(a.seq, (None, None))
        decision, decided = decisions.get(a.seq, (None, None))
        rows.append(AlertRow(
            a.seq, as_utc(a.created_at) or a.created_at, a.rule_id, a.severity, a.chat_id,
            a.department, level, as_utc(since_at), decision, as_utc(decided),
        ))
    return rows


def record_escalation(session: Session, alert_seq: int, level: int, duty: str, reason: str,
                      at: datetime) -> int | None:
    """Record and chain an escalation; None when this alert already reached `level`."""
    exists = session.scalar(
        select(Escalation.id).where(Escalation.alert_seq == alert_seq, Escalation.level == level)
    )
    if exists is not None:
        return None
    event_seq = append_event(
        session, "escalated", alert_seq, {"level": level, "duty": duty, "reason": reason}, at
    )
    session.add(Escalation(alert_seq=alert_seq, level=level, duty=duty, reason=reason,
                           at=as_utc(at), event_seq=event_seq))
    session.flush()
    return event_seq


def history(session: Session, alert_seq: int) -> list[Escalation]:
    """Every escalation of one alert, lowest level first."""
    stmt = select(Escalation).where(Escalation.alert_seq == alert_seq).order_by(Escalation.level)
    return list(session.scalars(stmt))


def escalation_counts(session: Session, alert_seqs: list[int]) -> dict[int, int]:
    """How many times each alert was escalated."""
    counts: dict[int, int] = {}
    for seq in session.scalars(
        select(Escalation.alert_seq).where(Escalation.alert_seq.in_(alert_seqs))
    ):
        counts[seq] = counts.get(seq, 0) + 1
    return counts
