"""Retention purges: remove content past its period, never touching records under legal hold.

A purged record keeps its row, identity key and chain entry (the digest and link), so the
chain still verifies and a re-import cannot bring the message back; only its content goes.
Defaults follow domain.md §D3: internet-care process records 3 years (1095 days); audit logs
never under 6 months (网络安全法 Art. 21).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from storage import audit, chain
from storage.archive import append_event
from storage.cases import held_message_seqs
from storage.models import ActionRecord, AuditEvent, FindingRecord, InboxItem, MessageRecord
from storage.textindex import unindex_messages

CATEGORIES = ("personal_data", "gift", "unexamined_advice", "unlicensed_advice", "off_topic")
DEFAULT_RETENTION_DAYS: dict[str, int] = {
    "message": 1095,  # a message with no finding; findings and actions follow their message
    **dict.fromkeys(CATEGORIES, 1095),  # a message with findings: the longest of their periods
    "audit": 1095,
    "inbox": 30,  # raw updates, already processed (not chained: deleted outright)
}
MIN_AUDIT_DAYS = 180
_BATCH = 2000


@dataclass
class PurgeReport:
    """How many records of each kind were purged, and how many were kept under hold."""

    purged: dict[str, int] = field(default_factory=dict)
    held: int = 0
    cutoffs: dict[str, str] = field(default_factory=dict)
    dry_run: bool = False


def effective_days(configured: Mapping[str, int] | None) -> dict[str, int]:
    """Defaults overlaid with the configured periods; refuse unknown kinds or short audits."""
    days = dict(DEFAULT_RETENTION_DAYS)
    for kind, value in (configured or {}).items():  # message, audit, inbox or a category
        if kind not in days:
            raise ValueError(f"archive.retention_days: unknown record kind {kind!r} "
                             f"(known: {', '.join(days)})")
        days[kind] = int(value)
    if days["audit"] < MIN_AUDIT_DAYS:
        raise ValueError(f"archive.retention_days.audit: at least {MIN_AUDIT_DAYS} days "
                         "(网络安全法 第二十一条 / Cybersecurity Law Art. 21)")
    return days


def purge(session: Session, *, actor: str, retention_days: Mapping[str, int] | None = None,
          now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Purge content older than each kind's period; held records are skipped and counted."""
    days = effective_days(retention_days)
    now = chain.as_utc(now) or chain.utcnow()
    cutoff = {kind: now - timedelta(days=n) for kind, n in days.items()}
    report = PurgeReport(cutoffs={k: v.isoformat() for k, v in cutoff.items()}, dry_run=dry_run)
    due = _due_messages(session, days, now)
    held = held_message_seqs(session)
    report.held = sum(1 for seq in due if seq in held)
    targets = [seq for seq in due if seq not in held]
    report.purged["message"] = len(targets)
    old_audit = AuditEvent.purged_at.is_(None), AuditEvent.at < cutoff["audit"]
    report.purged["audit"] = len(list(session.scalars(select(AuditEvent.seq).where(*old_audit))))
    old_inbox = InboxItem.done_at.is_not(None), InboxItem.received_at < cutoff["inbox"]
    report.purged["inbox"] = len(list(session.scalars(select(InboxItem.update_id)
                                                      .where(*old_inbox))))
    if dry_run:
        return report
    purged_seqs = list(session.scalars(select(AuditEvent.seq).where(*old_audit)))
    for start in range(0, len(targets), _BATCH):
        purged_seqs += _purge_messages(session, targets[start : start + _BATCH], now)
    session.execute(update(AuditEvent).where(*old_audit).values(
        target="", reason="", detail=None, purged_at=now))
    session.execute(delete(InboxItem).where(*old_inbox))
    # The chained purge event lists every purged seq, so `verify_chain` can tell a purge
    # from someone blanking a record and marking it purged.
    detail = {"purged": report.purged, "held": report.held, "cutoffs": report.cutoffs,
              "ranges": seq_ranges(purged_seqs)}
    append_event(session, "purge", None, detail, now)
    audit.record(session, actor, "purge", "retention", "retention policy", detail, now)
    return report


def _due_messages(session: Session, days: Mapping[str, int], now: datetime) -> list[int]:
    """Unpurged messages past the period of their longest-kept finding category."""
    shortest = min(days[k] for k in ("message", *CATEGORIES))
    candidates = {seq: chain.as_utc(ts) for seq, ts in session.execute(
        select(MessageRecord.seq, MessageRecord.ts).where(
            MessageRecord.purged_at.is_(None),
            MessageRecord.ts < now - timedelta(days=shortest)))}
    period: dict[int, int] = {}
    seqs = list(candidates)
    for start in range(0, len(seqs), _BATCH):
        rows = session.execute(select(FindingRecord.message_seq, FindingRecord.category).where(
            FindingRecord.message_seq.in_(seqs[start : start + _BATCH])))
        for seq, category in rows:
            period[seq] = max(period.get(seq, 0), days.get(category, days["message"]))
    default = days["message"]
    return sorted(seq for seq, ts in candidates.items()
                  if ts is not None and ts < now - timedelta(days=period.get(seq, default)))


def seq_ranges(seqs: list[int]) -> list[list[int]]:
    """Sorted seqs as inclusive [first, last] runs."""
    runs: list[list[int]] = []
    for seq in sorted(seqs):
        if runs and seq == runs[-1][1] + 1:
            runs[-1][1] = seq
        else:
            runs.append([seq, seq])
    return runs


def _purge_messages(session: Session, seqs: list[int], now: datetime) -> list[int]:
    """Blank a batch of messages and their findings and actions; return every purged seq."""
    followers = [*session.scalars(select(FindingRecord.seq).where(
        FindingRecord.message_seq.in_(seqs), FindingRecord.purged_at.is_(None))),
                 *session.scalars(select(ActionRecord.seq).where(
        ActionRecord.message_seq.in_(seqs), ActionRecord.purged_at.is_(None)))]
    indexed = [(seq, text) for seq, text in session.execute(
        select(MessageRecord.seq, MessageRecord.masked_text).where(MessageRecord.seq.in_(seqs)))]
    unindex_messages(session, indexed)
    session.execute(update(MessageRecord).where(MessageRecord.seq.in_(seqs)).values(
        masked_text="", commitment=None, ciphertext=None, media=None, structural=None,
        sender_id="", reply_to=None, purged_at=now))
    session.execute(update(FindingRecord).where(FindingRecord.message_seq.in_(seqs)).values(
        spans=None, redacted_text=None, purged_at=now))
    session.execute(update(ActionRecord).where(ActionRecord.message_seq.in_(seqs)).values(
        payload=None, purged_at=now))
    return seqs + followers
