"""Raw updates persisted before processing; (source, update_id) makes replays no-ops."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storage import chain
from storage.db import Store
from storage.models import InboxItem


def put(session: Session, source: str, update_id: int, payload: dict[str, Any]) -> bool:
    """Store a raw update; False when it was already stored (a replay)."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = insert(InboxItem).values(
        source=source, update_id=update_id, payload=payload, received_at=chain.utcnow()
    ).on_conflict_do_nothing(index_elements=["source", "update_id"])
    return session.execute(stmt.returning(InboxItem.update_id)).first() is not None


def pending(session: Session, limit: int = 1000, source: str | None = None) -> list[InboxItem]:
    """Stored but unprocessed updates, oldest first."""
    stmt = select(InboxItem).where(InboxItem.done_at.is_(None))
    if source is not None:
        stmt = stmt.where(InboxItem.source == source)
    stmt = stmt.order_by(InboxItem.received_at, InboxItem.update_id).limit(limit)
    return list(session.scalars(stmt))


def mark_done(session: Session, source: str, update_id: int) -> None:
    """Record that an update was processed (or set aside after logging why)."""
    session.execute(
        update(InboxItem)
        .where(InboxItem.source == source, InboxItem.update_id == update_id)
        .values(done_at=chain.utcnow())
    )


def mark_done_many(session: Session, source: str, update_ids: list[int]) -> None:
    """`mark_done` for many updates in one statement (the bot's group commit)."""
    if update_ids:
        session.execute(
            update(InboxItem)
            .where(InboxItem.source == source, InboxItem.update_id.in_(update_ids))
            .values(done_at=chain.utcnow())
        )


class StoreInbox:
    """The bot's InboxStore protocol over a Store: each call is its own committed transaction."""

    def __init__(self, store: Store, source: str = "telegram") -> None:
        self.store = store
        self.source = source

    def put(self, update_id: int, payload: dict[str, Any]) -> bool:
        """Store and commit; False when already there."""
        with self.store.begin() as session:
            return put(session, self.source, update_id, payload)

    def pending(self) -> list[tuple[int, dict[str, Any]]]:
        """Unprocessed updates, oldest first."""
        with self.store.begin() as session:
            return [(i.update_id, i.payload) for i in pending(session, 100_000, self.source)]

    def mark_done(self, update_id: int) -> None:
        """Retire an update."""
        with self.store.begin() as session:
            mark_done(session, self.source, update_id)
