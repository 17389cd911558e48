"""Typed SQLAlchemy 2 models of the evidence archive (design §5).

Chained records (message versions, findings, actions, acknowledgements, audit and other events)
use their chain sequence number as primary key: `chain_entry.seq` is the one ordering of
everything the archive ever appended. Reference data (chats, people), the inbox, cases and
checkpoints are not chained; what happens to them is chained as `event` or `audit` records.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JsonType = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")

seq_pk = Annotated[
    int, mapped_column(BigInteger, ForeignKey("chain_entry.seq"), primary_key=True,
                       autoincrement=False)
]
tstamp = Annotated[datetime, mapped_column(DateTime(timezone=True))]
ts_null = Annotated[datetime | None, mapped_column(DateTime(timezone=True))]
str64 = Annotated[str, mapped_column(String(64))]
str200 = Annotated[str, mapped_column(String(200))]
json_null = Annotated[Any, mapped_column(JsonType, nullable=True)]


class Base(DeclarativeBase):
    """Declarative base; enums are stored by value as plain strings."""


class Meta(Base):
    """Key/value facts about this store: store id, key check, signing public key."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChainHead(Base):
    """The single row naming the last appended record; locked FOR UPDATE to append."""

    __tablename__ = "chain_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))


class ChainEntry(Base):
    """One link: hash = SHA-256(prev_hash ‖ digest), digest = SHA-256(canonical record)."""

    __tablename__ = "chain_entry"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16))
    prev_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    digest: Mapped[bytes] = mapped_column(LargeBinary(32))
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))  # no index: random keys, slow inserts


class Chat(Base):
    """A group or private chat as last seen: title and the department it belongs to."""

    __tablename__ = "chat"
    __table_args__ = (UniqueConstraint("source", "external_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str200]
    title: Mapped[str] = mapped_column(String(500), default="")
    department: Mapped[str200] = mapped_column(default="")
    updated_at: Mapped[tstamp]


class Person(Base):
    """A platform user (Telegram id, WeChat name key) with role and department; no name."""

    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("source", "external_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str200]
    role: Mapped[str] = mapped_column(String(16), default="unknown")
    department: Mapped[str200] = mapped_column(default="")
    updated_at: Mapped[tstamp]


class MessageRecord(Base):
    """One version of one message; original text and sender name only as AES-GCM ciphertext."""

    __tablename__ = "message_record"
    __table_args__ = (
        UniqueConstraint("source", "chat_id", "message_id", "version", name="uq_message_version"),
        Index("ix_message_record_chat_ts", "chat_id", "ts"),
        Index("ix_message_record_sender_ts", "sender_id", "ts"),
        Index("ix_message_record_ts", "ts"),
    )
    seq: Mapped[seq_pk]
    source: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str200]
    message_id: Mapped[str200]
    version: Mapped[int] = mapped_column(Integer)
    sender_id: Mapped[str200]
    sender_role: Mapped[str] = mapped_column(String(16))
    department: Mapped[str200]
    ts: Mapped[ts_null]
    reply_to: Mapped[str | None] = mapped_column(String(200))
    media_kind: Mapped[str | None] = mapped_column(String(32))
    media: Mapped[json_null]
    structural: Mapped[json_null]
    masked_text: Mapped[str] = mapped_column(Text)
    commitment: Mapped[str | None] = mapped_column(String(64))
    ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    removed_at: Mapped[ts_null]
    purged_at: Mapped[ts_null]


class FindingRecord(Base):
    """A rule that matched a message version."""

    __tablename__ = "finding_record"
    seq: Mapped[seq_pk]
    message_seq: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("message_record.seq"), index=True
    )
    rule_id: Mapped[str] = mapped_column(String(100), index=True)
    category: Mapped[str] = mapped_column(String(32), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    spans: Mapped[json_null]
    redacted_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[tstamp]
    purged_at: Mapped[ts_null]


class ActionRecord(Base):
    """A planned action; also the outbox row the executor drains (status outside the hash)."""

    __tablename__ = "action_record"
    __table_args__ = (Index("ix_action_record_due", "status", "next_attempt_at"),)
    seq: Mapped[seq_pk]
    message_seq: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("message_record.seq"), index=True
    )
    finding_seq: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    rule_id: Mapped[str] = mapped_column(String(100))
    chat_id: Mapped[str200]
    target: Mapped[str200]
    severity: Mapped[str] = mapped_column(String(16))
    payload: Mapped[json_null]
    created_at: Mapped[tstamp]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[ts_null]
    last_error: Mapped[str | None] = mapped_column(String(500))
    delivered_message_id: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[ts_null]
    purged_at: Mapped[ts_null]


class Acknowledgement(Base):
    """A department head's decision on an alert: ack, false_positive or escalate."""

    __tablename__ = "acknowledgement"
    seq: Mapped[seq_pk]
    alert_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    actor_id: Mapped[str200]
    decision: Mapped[str] = mapped_column(String(16))
    at: Mapped[tstamp]


class AuditEvent(Base):
    """Who did what, to what, when and why (every search, view and export)."""

    __tablename__ = "audit_event"
    seq: Mapped[seq_pk]
    actor: Mapped[str200]
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    detail: Mapped[json_null]
    at: Mapped[tstamp] = mapped_column(index=True)
    purged_at: Mapped[ts_null]


class Event(Base):
    """Something that happened to a record after it was appended (removed, delivered, sealed…)."""

    __tablename__ = "event"
    seq: Mapped[seq_pk]
    kind: Mapped[str] = mapped_column(String(32))
    target_seq: Mapped[int | None] = mapped_column(BigInteger, index=True)
    detail: Mapped[json_null]
    at: Mapped[tstamp]


class Case(Base):
    """A dispute or privacy complaint; sealing freezes its records under legal hold.

    `id` is the internal key; people read `reference`, numbered per kind and year
    (`证据-2026-0001` an evidence case, `投诉-2026-0001` a complaint), see `storage.cases`.
    """

    __tablename__ = "case"
    __table_args__ = (Index("ix_case_reference", "reference", unique=True),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), server_default="evidence")
    reference: Mapped[str] = mapped_column(String(32), server_default="")
    title: Mapped[str] = mapped_column(String(500))
    opened_by: Mapped[str200]
    reason: Mapped[str] = mapped_column(Text)
    opened_at: Mapped[tstamp]
    sealed_at: Mapped[ts_null]
    sealed_by: Mapped[str | None] = mapped_column(String(200))
    bundle_sha256: Mapped[str | None] = mapped_column(String(64))
    bundle_name: Mapped[str | None] = mapped_column(String(500))


class CaseItem(Base):
    """A message version selected into a case (held from the moment it is added)."""

    __tablename__ = "case_item"
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), primary_key=True)
    message_seq: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("message_record.seq"), primary_key=True, index=True
    )


class Checkpoint(Base):
    """A signed statement that the chain head was (seq, hash) at signed_at."""

    __tablename__ = "checkpoint"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    signed_at: Mapped[tstamp]
    public_key: Mapped[str64]
    signature: Mapped[str] = mapped_column(String(128))


class InboxItem(Base):
    """A raw update persisted before processing; (source, update_id) makes replays no-ops."""

    __tablename__ = "inbox"
    __table_args__ = (Index("ix_inbox_pending", "done_at", "received_at"),)
    source: Mapped[str] = mapped_column(String(32), primary_key=True)
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[json_null]
    received_at: Mapped[tstamp]
    done_at: Mapped[ts_null]


RECORD_MODELS: dict[str, Any] = {  # kind → model; each has `seq` and its hashed fields
    "message": MessageRecord,
    "finding": FindingRecord,
    "action": ActionRecord,
    "ack": Acknowledgement,
    "audit": AuditEvent,
    "event": Event,
}
