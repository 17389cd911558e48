"""The audit trail: who did what, to what, when and why — itself chained."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import chain
from storage.models import AuditEvent


def record(session: Session, actor: str, action: str, target: str, reason: str,
           detail: dict[str, Any] | None = None, at: datetime | None = None) -> int:
    """Chain one audit event; return its seq."""
    row = {"actor": actor, "action": action, "target": target, "reason": reason,
           "detail": detail, "at": chain.as_utc(at) or chain.utcnow()}
    return chain.append(session, "audit", [row])[0]


def recent(session: Session, limit: int = 50, actor: str | None = None) -> list[AuditEvent]:
    """The latest audit events, newest first."""
    stmt = select(AuditEvent)
    if actor is not None:
        stmt = stmt.where(AuditEvent.actor == actor)
    return list(session.scalars(stmt.order_by(AuditEvent.seq.desc()).limit(limit)))
