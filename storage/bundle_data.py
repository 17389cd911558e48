"""Collect a case's records, originals and chain segment from the archive for its bundle."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from storage import checkpoints
from storage.archive import cipher_of
from storage.bundle import record_fields
from storage.canonical import format_ts
from storage.crypto import message_aad
from storage.models import (
    Acknowledgement,
    ActionRecord,
    Case,
    CaseItem,
    ChainEntry,
    Chat,
    Checkpoint,
    Event,
    FindingRecord,
    MessageRecord,
)

_CHUNK = 5000
T = TypeVar("T")


@dataclass
class BundleData:
    """Everything a bundle holds, JSON-ready."""

    messages: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    acks: list[dict[str, Any]]
    events: list[dict[str, Any]]
    chain: dict[str, Any]  # {"segments": [...]}, each ending at a signed checkpoint
    checkpoint: dict[str, Any]  # the seal's checkpoint (the head when sealed)
    checkpoints: list[dict[str, Any]]  # every checkpoint a segment ends at, seal's last
    chat_titles: dict[str, str]


def _in_chunks(session: Session, model: type[T], column: InstrumentedAttribute[Any],
               values: Sequence[int], *extra: ColumnElement[bool]) -> Iterator[T]:
    for start in range(0, len(values), _CHUNK):
        chunk = list(values[start : start + _CHUNK])
        stmt = select(model).where(column.in_(chunk), *extra)
        yield from session.scalars(stmt)


def collect(session: Session, case: Case, cp: Checkpoint) -> BundleData:
    """Read the case's messages (with originals), findings, actions, decisions and events."""
    seqs = sorted(session.scalars(select(CaseItem.message_seq).where(
        CaseItem.case_id == case.id)))
    messages = sorted(_in_chunks(session, MessageRecord, MessageRecord.seq, seqs),
                      key=lambda r: (format_ts(r.ts) if r.ts else "", r.seq))
    findings = sorted(_in_chunks(session, FindingRecord, FindingRecord.message_seq, seqs),
                      key=lambda r: r.seq)
    actions = sorted(_in_chunks(session, ActionRecord, ActionRecord.message_seq, seqs),
                     key=lambda r: r.seq)
    action_seqs = [a.seq for a in actions]
    acks = sorted(_in_chunks(session, Acknowledgement, Acknowledgement.alert_seq, action_seqs),
                  key=lambda r: r.seq)
    events = sorted(_in_chunks(session, Event, Event.target_seq, seqs + action_seqs),
                    key=lambda r: r.seq)
    others: list[Any] = [*findings, *actions, *acks, *events]
    included = seqs + [r.seq for r in others]
    return BundleData(
        messages=[_message_item(session, r) for r in messages],
        findings=[{"seq": r.seq, "record": record_fields("finding", r)} for r in findings],
        actions=[_action_item(r) for r in actions],
        acks=[{"seq": r.seq, "record": record_fields("ack", r)} for r in acks],
        events=[{"seq": r.seq, "record": record_fields("event", r)} for r in events],
        **_segments(session, included, cp),
        checkpoint=checkpoints.as_dict(cp, session.info["store_id"]),
        chat_titles=_titles(session, {r.chat_id for r in messages}),
    )


def _message_item(session: Session, r: MessageRecord) -> dict[str, Any]:
    item: dict[str, Any] = {"seq": r.seq, "record": record_fields("message", r),
                            "removed_at": format_ts(r.removed_at) if r.removed_at else None}
    if r.ciphertext is not None:
        opened = cipher_of(session).open(
            r.ciphertext, message_aad(r.source, r.chat_id, r.message_id, r.version))
        item["original"] = {"text": opened.text, "sender_name": opened.sender_name,
                            "salt": opened.salt.hex()}
    return item


def _action_item(r: ActionRecord) -> dict[str, Any]:
    delivery = {"status": r.status, "attempts": r.attempts,
                "delivered_message_id": r.delivered_message_id,
                "sent_at": format_ts(r.sent_at) if r.sent_at else None}
    return {"seq": r.seq, "record": record_fields("action", r), "delivery": delivery}


def _segments(session: Session, included: list[int], seal_cp: Checkpoint) -> dict[str, Any]:
    """Chain segments proving every included record: each runs from the first included record
    after the previous anchor to the next signed checkpoint, so a bundle carries roughly the
    checkpoint spacing around its records, not the whole chain since the first of them."""
    store_id = session.info["store_id"]
    anchors: dict[int, Checkpoint] = {}
    for cp in session.scalars(select(Checkpoint).where(
            Checkpoint.seq >= min(included), Checkpoint.seq <= seal_cp.seq,
            Checkpoint.public_key == seal_cp.public_key).order_by(Checkpoint.seq, Checkpoint.id)):
        anchors.setdefault(cp.seq, cp)
    anchors[seal_cp.seq] = seal_cp
    seqs = sorted(anchors)
    groups: dict[int, list[int]] = {}
    for seq in sorted(included):
        groups.setdefault(seqs[bisect.bisect_left(seqs, seq)], []).append(seq)
    segments = [dict(_segment(session, members[0], anchor), checkpoint_seq=anchor)
                for anchor, members in sorted(groups.items())]
    return {"chain": {"segments": segments},
            "checkpoints": [checkpoints.as_dict(anchors[a], store_id) for a in sorted(groups)]}


def _segment(session: Session, first: int, last: int) -> dict[str, Any]:
    prev = session.scalar(select(ChainEntry.prev_hash).where(ChainEntry.seq == first))
    rows = session.execute(
        select(ChainEntry.seq, ChainEntry.kind, ChainEntry.digest)
        .where(ChainEntry.seq >= first, ChainEntry.seq <= last).order_by(ChainEntry.seq)
        .execution_options(yield_per=20_000)
    )
    return {"first_seq": first, "prev_hash": bytes(prev or b"").hex(),
            "entries": [[seq, kind, bytes(digest).hex()] for seq, kind, digest in rows]}


def _titles(session: Session, chat_ids: set[str]) -> dict[str, str]:
    if not chat_ids:
        return {}
    stmt = select(Chat.external_id, Chat.title).where(Chat.external_id.in_(chat_ids))
    return {c: t for c, t in session.execute(stmt)}
