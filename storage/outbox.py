"""The outbox: planned actions the executor drains, retries with backoff, or gives up on.

Rows are `action_record`s (chained when planned, in the same transaction as their findings).
Delivery state lives outside the hash; each delivery or give-up is chained as an event.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import chain
from storage.archive import append_event
from storage.errors import NotFoundError
from storage.models import ActionRecord

RETRYABLE = ("pending", "failed")


def due(session: Session, now: datetime, limit: int = 100) -> list[ActionRecord]:
    """Actions to send now, oldest first; rows locked (SKIP LOCKED) on PostgreSQL."""
    stmt = (
        select(ActionRecord)
        .where(ActionRecord.status.in_(RETRYABLE), ActionRecord.next_attempt_at <= now)
        .order_by(ActionRecord.seq)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    return list(session.scalars(stmt))


def _get(session: Session, action_id: int) -> ActionRecord:
    action = session.get(ActionRecord, action_id)
    if action is None:
        raise NotFoundError(f"动作 #{action_id} 不存在 / no action #{action_id}")
    return action


def mark_sent(session: Session, action_id: int, delivered_message_id: str | None,
              at: datetime | None = None) -> None:
    """Record a delivery (and the Telegram message id, for later edits); chain it."""
    action = _get(session, action_id)
    when = chain.as_utc(at) or chain.utcnow()
    action.status, action.sent_at = "sent", when
    action.delivered_message_id = delivered_message_id
    action.attempts += 1
    append_event(session, "delivered", action_id,
                 {"delivered_message_id": delivered_message_id}, when)


def mark_failed(session: Session, action_id: int, error: str, retry_at: datetime) -> None:
    """Record a failed attempt and when to retry; `error` must hold no message content."""
    action = _get(session, action_id)
    action.status, action.attempts = "failed", action.attempts + 1
    action.last_error = error[:500]
    action.next_attempt_at = chain.as_utc(retry_at)


def give_up(session: Session, action_id: int, error: str, at: datetime | None = None) -> None:
    """Stop retrying an action; chain the give-up so the gap in alerting is on record."""
    action = _get(session, action_id)
    when = chain.as_utc(at) or chain.utcnow()
    action.status, action.last_error = "gave_up", error[:500]
    append_event(session, "gave_up", action_id, {"error": error[:500]}, when)


def status_counts(session: Session) -> dict[str, int]:
    """How many actions are in each delivery state (for health output)."""
    from sqlalchemy import func

    rows = session.execute(select(ActionRecord.status, func.count()).group_by(ActionRecord.status))
    return {status: int(n) for status, n in rows}
