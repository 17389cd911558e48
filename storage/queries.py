"""Audited compliance queries: search the masked copy, show a message with its history.

Every search and view is an audit event (who, when, what, why). Reading originals needs the
compliance role, a stated reason and the archive key; a refused attempt is audited too.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, text
from sqlalchemy.orm import Session

from storage import audit, chain
from storage.archive import cipher_of
from storage.canonical import commitment
from storage.crypto import message_aad
from storage.errors import NotFoundError
from storage.models import (
    Acknowledgement,
    ActionRecord,
    Chat,
    Event,
    FindingRecord,
    MessageRecord,
)
from storage.textindex import fts_phrase

ORIGINAL_READER_ROLES = frozenset({"compliance", "compliance_lead"})
MAX_PAGE_SIZE = 500
COMMON_HITS = 20_000  # above this many matches, scan by time instead of sorting the matches


@dataclass
class SearchHit:
    """One message version in a result page (masked text only)."""

    seq: int
    source: str
    chat_id: str
    chat_title: str
    message_id: str
    version: int
    sender_id: str
    sender_role: str
    department: str
    ts: datetime | None
    masked_text: str
    rules: list[str]
    removed: bool

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (ISO time)."""
        out = dict(self.__dict__)
        out["ts"] = self.ts.isoformat() if self.ts else None
        return out


@dataclass
class SearchPage:
    """A page of hits, newest first."""

    hits: list[SearchHit]
    page: int
    page_size: int
    has_more: bool


@dataclass
class Filters:
    """What a search narrows by; every field optional."""

    text: str | None = None
    chat: str | None = None
    sender: str | None = None
    role: str | None = None
    department: str | None = None
    rule: str | None = None
    category: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def described(self) -> dict[str, str]:
        """The non-empty filters, as recorded in the audit trail."""
        return {k: (v.isoformat() if isinstance(v, datetime) else str(v))
                for k, v in self.__dict__.items() if v not in (None, "")}


def search(
    session: Session, *, actor: str, reason: str, page: int = 1, page_size: int = 50,
    text: str | None = None, chat: str | None = None, sender: str | None = None,
    role: str | None = None, department: str | None = None, rule: str | None = None,
    category: str | None = None, since: datetime | None = None, until: datetime | None = None,
) -> SearchPage:
    """Search masked text and metadata; audited. Chinese substrings of any length match."""
    filters = Filters(text, chat, sender, role, department, rule, category, since, until)
    page, page_size = max(page, 1), min(max(page_size, 1), MAX_PAGE_SIZE)
    stmt = _filtered(session, filters).order_by(
        MessageRecord.ts.desc(), MessageRecord.seq.desc()
    ).offset((page - 1) * page_size).limit(page_size + 1)
    rows = list(session.scalars(stmt))
    hits = _hits(session, rows[:page_size])
    audit.record(session, actor, "search", json.dumps(filters.described(), ensure_ascii=False),
                 reason, {"page": page, "results": len(hits)})
    return SearchPage(hits=hits, page=page, page_size=page_size, has_more=len(rows) > page_size)


def _filtered(session: Session, f: Filters) -> Select[Any]:
    m = MessageRecord
    conds: list[ColumnElement[bool]] = [m.purged_at.is_(None)]
    if f.chat:
        titled = select(Chat.external_id).where(Chat.title == f.chat)
        conds.append(or_(m.chat_id == f.chat, m.chat_id.in_(titled)))
    simple = ((m.sender_id, f.sender), (m.sender_role, f.role), (m.department, f.department))
    conds += [col == value for col, value in simple if value]
    if f.since:
        conds.append(m.ts >= chain.as_utc(f.since))
    if f.until:
        conds.append(m.ts < chain.as_utc(f.until))
    finding = [FindingRecord.message_seq == m.seq]
    if f.rule:
        finding.append(FindingRecord.rule_id == f.rule)
    if f.category:
        finding.append(FindingRecord.category == f.category)
    if len(finding) > 1:
        conds.append(exists().where(and_(*finding)))
    if f.text:
        conds.append(_text_condition(session, f.text))
    return select(m).where(*conds)


def _text_condition(session: Session, query: str) -> ColumnElement[bool]:
    m = MessageRecord
    dialect = session.get_bind().dialect.name
    if len(query) < 2:  # a single character: no bigram to look up, scan instead
        fn = func.instr if dialect == "sqlite" else func.strpos
        return fn(func.lower(m.masked_text), query.lower()) > 0
    if dialect == "sqlite":
        phrase = fts_phrase(query)
        matching = text("SELECT rowid FROM message_fts WHERE message_fts MATCH :phrase")
        if _common(session, phrase):
            # A common word: walk messages newest first and test membership (`seq + 0` keeps
            # SQLite from driving by the hit list), instead of sorting every hit by time.
            return (m.seq + 0).in_(matching.bindparams(phrase=phrase))
        return m.seq.in_(matching.bindparams(phrase=phrase))
    return and_(
        func.ww_bigrams(m.masked_text).op("@>")(func.ww_bigrams(query)),
        func.strpos(func.lower(m.masked_text), func.lower(query)) > 0,
    )


def _common(session: Session, phrase: str) -> bool:
    """More than COMMON_HITS messages contain the phrase (counted no further than that)."""
    sql = ("SELECT count(*) FROM (SELECT rowid FROM message_fts WHERE message_fts MATCH ? "
           "LIMIT ?)")
    count = session.connection().exec_driver_sql(sql, (phrase, COMMON_HITS + 1)).scalar()
    return bool(count and count > COMMON_HITS)


def _hits(session: Session, rows: Sequence[MessageRecord]) -> list[SearchHit]:
    seqs = [r.seq for r in rows]
    rules: dict[int, list[str]] = defaultdict(list)
    for seq, rule_id in session.execute(
        select(FindingRecord.message_seq, FindingRecord.rule_id)
        .where(FindingRecord.message_seq.in_(seqs)).order_by(FindingRecord.seq)
    ):
        rules[seq].append(rule_id)
    titles = _chat_titles(session, {(r.source, r.chat_id) for r in rows})
    return [
        SearchHit(seq=r.seq, source=r.source, chat_id=r.chat_id,
                  chat_title=titles.get((r.source, r.chat_id), ""), message_id=r.message_id,
                  version=r.version, sender_id=r.sender_id, sender_role=r.sender_role,
                  department=r.department, ts=chain.as_utc(r.ts), masked_text=r.masked_text,
                  rules=rules.get(r.seq, []), removed=r.removed_at is not None)
        for r in rows
    ]


def _chat_titles(session: Session, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    if not keys:
        return {}
    chat_ids = {k[1] for k in keys}
    stmt = select(Chat.source, Chat.external_id, Chat.title).where(Chat.external_id.in_(chat_ids))
    return {(s, c): t for s, c, t in session.execute(stmt)}


@dataclass
class VersionView:
    """One version of the shown message; `original` only when unmasked reading was allowed."""

    record: MessageRecord
    original_text: str | None = None
    sender_name: str | None = None
    original_intact: bool | None = None  # commitment matched the decrypted text


@dataclass
class MessageView:
    """A message with every version, its findings, actions, decisions and events."""

    versions: list[VersionView]
    chat_title: str
    findings: list[FindingRecord]
    actions: list[ActionRecord]
    acknowledgements: list[Acknowledgement]
    events: list[Event]
    original_denied: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def show(
    session: Session, seq: int, *, actor: str, reason: str, original: bool = False,
    actor_roles: Sequence[str] = (),
) -> MessageView:
    """A message by seq with its history; audited. Originals need compliance role + reason."""
    first = session.get(MessageRecord, seq)
    if first is None:
        raise NotFoundError(f"消息记录 #{seq} 不存在 / no message record #{seq}")
    view = _history(session, first)
    if original:
        denied = _original_denied(actor_roles, reason)
        if denied:
            audit.record(session, actor, "show_original_denied", f"message #{seq}", reason)
            view.original_denied = denied
            return view
        _decrypt(session, view)
    action = "show_original" if original else "show"
    audit.record(session, actor, action, f"message #{seq}", reason)
    return view


def _original_denied(actor_roles: Sequence[str], reason: str) -> str | None:
    if not ORIGINAL_READER_ROLES & set(actor_roles):
        return "查看原文需要合规人员角色 / reading originals requires the compliance role"
    if not reason.strip():
        return "查看原文须说明理由 / reading originals requires a stated reason"
    return None


def _history(session: Session, first: MessageRecord) -> MessageView:
    m = MessageRecord
    versions = list(session.scalars(select(m).where(
        m.source == first.source, m.chat_id == first.chat_id, m.message_id == first.message_id
    ).order_by(m.version, m.seq)))
    seqs = [v.seq for v in versions]
    findings = list(session.scalars(select(FindingRecord).where(
        FindingRecord.message_seq.in_(seqs)).order_by(FindingRecord.seq)))
    actions = list(session.scalars(select(ActionRecord).where(
        ActionRecord.message_seq.in_(seqs)).order_by(ActionRecord.seq)))
    action_seqs = [a.seq for a in actions]
    acks = list(session.scalars(select(Acknowledgement).where(
        Acknowledgement.alert_seq.in_(action_seqs)).order_by(Acknowledgement.seq)))
    events = list(session.scalars(select(Event).where(
        Event.target_seq.in_(seqs + action_seqs)).order_by(Event.seq)))
    title = _chat_titles(session, {(first.source, first.chat_id)}).get(
        (first.source, first.chat_id), "")
    return MessageView(versions=[VersionView(v) for v in versions], chat_title=title,
                       findings=findings, actions=actions, acknowledgements=acks, events=events)


def _decrypt(session: Session, view: MessageView) -> None:
    cipher = cipher_of(session)
    for version in view.versions:
        rec = version.record
        if rec.ciphertext is None:
            continue
        opened = cipher.open(rec.ciphertext, message_aad(rec.source, rec.chat_id,
                                                         rec.message_id, rec.version))
        version.original_text, version.sender_name = opened.text, opened.sender_name
        version.original_intact = (
            commitment(opened.salt, opened.text, opened.sender_name) == rec.commitment
        )
