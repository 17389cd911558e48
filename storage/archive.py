"""Append messages, findings and actions to the chained archive (design §2 and §5)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from rules.model import Action, ActionKind, Finding, Message
from storage import chain
from storage.crypto import ArchiveCipher, message_aad
from storage.errors import KeyMissingError, NotFoundError
from storage.models import Chat, MessageRecord, Person
from storage.textindex import index_messages

_LOOKUP_CHUNK = 400


@dataclass(frozen=True, slots=True)
class NewMessage:
    """One item of a batch append: the message, its masked copy, optional media metadata."""

    message: Message
    masked_text: str
    media: dict[str, Any] | None = None


def cipher_of(session: Session) -> ArchiveCipher:
    """The archive cipher the session was opened with; KeyMissingError without a key."""
    cipher = session.info.get("cipher")
    if cipher is None:
        raise KeyMissingError(
            "未配置存档密钥（WARDWATCH_ARCHIVE_KEY 或密钥文件）/ no archive key configured "
            "(WARDWATCH_ARCHIVE_KEY or archive.key_file)"
        )
    return cipher  # type: ignore[no-any-return]


def append_message(
    session: Session, message: Message, *, masked_text: str, media: dict[str, Any] | None = None
) -> MessageRecord | None:
    """Archive one message version; None when (source, chat, message, version) is already in."""
    seqs = append_messages(session, [NewMessage(message, masked_text, media)])
    return session.get(MessageRecord, seqs[0]) if seqs[0] is not None else None


def append_messages(session: Session, items: Iterable[NewMessage]) -> list[int | None]:
    """Archive a batch; per item its chain seq, or None for a replay already archived."""
    cipher = cipher_of(session)
    batch = list(items)
    known = _existing_keys(session, [_key(i.message) for i in batch])
    rows: list[dict[str, Any]] = []
    positions: list[int] = []
    for pos, item in enumerate(batch):
        key = _key(item.message)
        if key in known:
            continue
        known.add(key)
        rows.append(_message_row(cipher, item))
        positions.append(pos)
    _upsert_references(session, [batch[p].message for p in positions])
    seqs = chain.append(session, "message", rows)
    index_messages(session, [(s, r["masked_text"]) for s, r in zip(seqs, rows, strict=True)])
    out: list[int | None] = [None] * len(batch)
    for pos, seq in zip(positions, seqs, strict=True):
        out[pos] = seq
    return out


def _key(m: Message) -> tuple[str, str, str, int]:
    return (m.source, m.chat_id, m.id, m.version)


def _existing_keys(
    session: Session, keys: Sequence[tuple[str, str, str, int]]
) -> set[tuple[str, str, str, int]]:
    # A join against the batch's keys as VALUES, written out directly: compiling a 1,000-tuple
    # IN through SQLAlchemy cost more than the inserts, and SQLite scans the whole table for a
    # row-value IN, while the join probes the unique index once per key.
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    found: set[tuple[str, str, str, int]] = set()
    for start in range(0, len(keys), _LOOKUP_CHUNK):
        chunk = keys[start : start + _LOOKUP_CHUNK]
        values = ", ".join([f"({mark}, {mark}, {mark}, {mark})"] * len(chunk))
        sql = (f"WITH k(s, c, i, v) AS (VALUES {values}) "
               "SELECT m.source, m.chat_id, m.message_id, m.version FROM k JOIN message_record m "
               "ON m.source = k.s AND m.chat_id = k.c AND m.message_id = k.i AND m.version = k.v")
        params = tuple(v for key in chunk for v in key)
        found.update((a, b, c, int(d)) for a, b, c, d in conn.exec_driver_sql(sql, params))
    return found


def _clean(value: str) -> str:
    return value.replace("\x00", "\ufffd")  # PostgreSQL text cannot hold NUL


def _message_row(cipher: ArchiveCipher, item: NewMessage) -> dict[str, Any]:
    m = item.message
    blob, commit = cipher.seal(m.text, m.sender_name, message_aad(m.source, m.chat_id, m.id,
                                                                  m.version))
    return {
        "source": m.source,
        "chat_id": m.chat_id,
        "message_id": m.id,
        "version": m.version,
        "sender_id": m.sender_id,
        "sender_role": m.sender_role.value,
        "department": m.department,
        "ts": chain.as_utc(m.ts),
        "reply_to": m.reply_to,
        "media_kind": m.media_kind,
        "media": item.media,
        "structural": [asdict(e) for e in m.structural] or None,
        "masked_text": _clean(item.masked_text),
        "commitment": commit,
        "ciphertext": blob,
    }


def _upsert_references(session: Session, messages: Sequence[Message]) -> None:
    """Chats and people seen in a batch: one lookup and one insert per table, not per row."""
    chats = {(m.source, m.chat_id): {"title": m.chat_title, "department": m.department}
             for m in messages if m.chat_id}
    people = {(m.source, m.sender_id): {"role": m.sender_role.value, "department": m.department}
              for m in messages if m.sender_id}
    _upsert_many(session, Chat, chats)
    _upsert_many(session, Person, people)


def _upsert_many(session: Session, model: type[Chat] | type[Person],
                 wanted: dict[tuple[str, str], dict[str, str]]) -> None:
    if not wanted:
        return
    table = cast(Table, model.__table__)
    fields = list(next(iter(wanted.values())))
    keys = list(wanted)
    conn = session.connection()
    existing: dict[tuple[str, str], tuple[Any, ...]] = {}
    for start in range(0, len(keys), _LOOKUP_CHUNK):
        chunk = keys[start : start + _LOOKUP_CHUNK]
        stmt = select(table.c.source, table.c.external_id, *(table.c[f] for f in fields)).where(
            table.c.source.in_(sorted({k[0] for k in chunk})),
            table.c.external_id.in_(sorted({k[1] for k in chunk})))
        existing.update(((r[0], r[1]), tuple(r[2:])) for r in conn.execute(stmt))
    now = chain.utcnow()
    fresh = [{"source": k[0], "external_id": k[1], "updated_at": now, **v}
             for k, v in wanted.items() if k not in existing]
    if fresh:
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        conn.execute(insert(table).on_conflict_do_nothing(
            index_elements=["source", "external_id"]), fresh)
    for key, known in existing.items():
        changes = {f: v for f, v, old in zip(fields, wanted[key].values(), known, strict=True)
                   if v and v != "unknown" and v != old}
        if changes:
            conn.execute(update(table).where(table.c.source == key[0],
                                             table.c.external_id == key[1])
                         .values(updated_at=now, **changes))


def _ensure(session: Session, model: type[Chat] | type[Person], source: str, external_id: str,
            defaults: dict[str, str]) -> Any:
    """The row for (source, external_id), inserted race-free (ON CONFLICT DO NOTHING)."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(model)
        .values(source=source, external_id=external_id, updated_at=chain.utcnow(), **defaults)
        .on_conflict_do_nothing(index_elements=["source", "external_id"])
    )
    return session.scalars(
        select(model).where(model.source == source, model.external_id == external_id)
    ).one()


def upsert_chat(
    session: Session, source: str, external_id: str, *, title: str = "", department: str = ""
) -> Chat:
    """Create or update a chat; empty values never overwrite known ones."""
    chat: Chat = _ensure(session, Chat, source, external_id,
                         {"title": title, "department": department})
    if (title and title != chat.title) or (department and department != chat.department):
        chat.title = title or chat.title
        chat.department = department or chat.department
        chat.updated_at = chain.utcnow()
    return chat


def upsert_person(
    session: Session, source: str, external_id: str, *, role: str = "unknown",
    department: str = ""
) -> Person:
    """Create or update a person (role, department); `unknown` never overwrites a known role."""
    person: Person = _ensure(session, Person, source, external_id,
                             {"role": role, "department": department})
    new_role = role if role != "unknown" else person.role
    if new_role != person.role or (department and department != person.department):
        person.role = new_role
        person.department = department or person.department
        person.updated_at = chain.utcnow()
    return person


def find_message(
    session: Session, source: str, chat_id: str, message_id: str, version: int | None = None
) -> MessageRecord | None:
    """A message version by its platform key; the latest version when version is None."""
    stmt = select(MessageRecord).where(
        MessageRecord.source == source,
        MessageRecord.chat_id == chat_id,
        MessageRecord.message_id == message_id,
    )
    if version is not None:
        stmt = stmt.where(MessageRecord.version == version)
    return session.scalar(stmt.order_by(MessageRecord.version.desc()).limit(1))


def append_event(session: Session, kind: str, target_seq: int | None,
                 detail: dict[str, Any] | None = None, at: datetime | None = None) -> int:
    """Chain an event about an existing record (removed, delivered, case sealed…)."""
    row = {"kind": kind, "target_seq": target_seq, "detail": detail,
           "at": chain.as_utc(at) or chain.utcnow()}
    return chain.append(session, "event", [row])[0]


def mark_removed(session: Session, message_seq: int, *, by: str, reason: str = "",
                 at: datetime | None = None) -> int:
    """Mark a message version removed from the chat (never erased); chain the event."""
    when = chain.as_utc(at) or chain.utcnow()
    done = session.execute(
        update(MessageRecord).where(MessageRecord.seq == message_seq).values(removed_at=when)
    )
    if done.rowcount == 0:  # type: ignore[attr-defined]
        raise NotFoundError(f"消息记录 #{message_seq} 不存在 / no message record #{message_seq}")
    return append_event(session, "removed", message_seq, {"by": by, "reason": reason}, when)


def record_findings(
    session: Session, message: MessageRecord | int, findings: Sequence[Finding],
    actions: Sequence[Action] = (),
) -> tuple[list[int], list[int]]:
    """Chain findings and their actions; actions enter the outbox in this same transaction."""
    message_seq = message if isinstance(message, int) else message.seq
    now = chain.utcnow()
    finding_rows = [_finding_row(message_seq, f, now) for f in findings]
    finding_seqs = chain.append(session, "finding", finding_rows)
    by_rule: dict[str, int] = {}
    for f, seq in zip(findings, finding_seqs, strict=True):
        by_rule.setdefault(f.rule_id, seq)
    action_rows = [
        _action_row(message_seq, by_rule.get(a.rule_id), a, now)
        for a in actions if a.kind is not ActionKind.NONE
    ]
    return finding_seqs, chain.append(session, "action", action_rows)


def _finding_row(message_seq: int, f: Finding, now: datetime) -> dict[str, Any]:
    return {
        "message_seq": message_seq,
        "rule_id": f.rule_id,
        "category": f.category.value,
        "severity": f.severity.value,
        "mode": f.mode.value,
        "score": float(f.score),
        "spans": [{"start": s.start, "end": s.end, "entity": s.entity} for s in f.spans],
        "redacted_text": _clean(f.redacted_text) if f.redacted_text is not None else None,
        "created_at": now,
    }


def _action_row(message_seq: int, finding_seq: int | None, a: Action,
                now: datetime) -> dict[str, Any]:
    return {
        "message_seq": message_seq,
        "finding_seq": finding_seq,
        "kind": a.kind.value,
        "rule_id": a.rule_id,
        "chat_id": a.chat_id,
        "target": a.target,
        "severity": a.severity.value,
        "payload": dict(a.payload) or None,
        "created_at": now,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
    }
