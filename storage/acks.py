"""Department heads' decisions on alerts, chained like everything else."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import chain
from storage.errors import NotFoundError
from storage.models import Acknowledgement, ActionRecord

DECISIONS = ("ack", "false_positive", "escalate")


def record(session: Session, alert_id: int, actor_id: str, decision: str,
           at: datetime | None = None) -> int:
    """Chain a decision on alert `alert_id` (an action seq); return the acknowledgement seq."""
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {DECISIONS}, not {decision!r}")
    if session.get(ActionRecord, alert_id) is None:
        raise NotFoundError(f"告警 #{alert_id} 不存在 / no alert #{alert_id}")
    row = {"alert_seq": alert_id, "actor_id": str(actor_id), "decision": decision,
           "at": chain.as_utc(at) or chain.utcnow()}
    return chain.append(session, "ack", [row])[0]


def for_alert(session: Session, alert_id: int) -> list[Acknowledgement]:
    """Every decision on one alert, oldest first."""
    stmt = select(Acknowledgement).where(Acknowledgement.alert_seq == alert_id)
    return list(session.scalars(stmt.order_by(Acknowledgement.seq)))
