"""The hash chain: append records under the head lock, and verify everything appended."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from storage.canonical import (
    GENESIS,
    HASHED_FIELDS,
    KINDS,
    checkpoint_statement,
    link_hash,
    record_digest,
)
from storage.crypto import verify_signature
from storage.models import RECORD_MODELS, ChainEntry, ChainHead, Checkpoint, Meta

HEAD_ID = 1


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """Aware UTC; naive values (SQLite drops tzinfo) are taken as UTC already."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def append(session: Session, kind: str, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Chain and insert records of one kind; return their sequence numbers.

    The head row is read FOR UPDATE (PostgreSQL) or under SQLite's write lock (BEGIN
    IMMEDIATE), so two writers serialise here and cannot fork the chain; the primary key on
    `chain_entry.seq` would refuse a fork even if they did not.
    """
    if not rows:
        return []
    seq, prev = session.execute(
        select(ChainHead.seq, ChainHead.hash).where(ChainHead.id == HEAD_ID).with_for_update()
    ).one()
    entries: list[dict[str, Any]] = []
    for row in rows:
        seq += 1
        digest = record_digest(kind, row)
        link = link_hash(prev, digest)
        row["seq"] = seq
        entries.append(
            {"seq": seq, "kind": kind, "prev_hash": prev, "digest": digest, "hash": link}
        )
        prev = link
    session.execute(insert(ChainEntry), entries)
    session.execute(insert(RECORD_MODELS[kind]), list(rows))
    session.execute(
        update(ChainHead).where(ChainHead.id == HEAD_ID).values(seq=seq, hash=prev)
    )
    return [e["seq"] for e in entries]


def head(session: Session) -> tuple[int, bytes]:
    """(seq, hash) of the last appended record; (0, GENESIS) for an empty archive."""
    row = session.execute(select(ChainHead.seq, ChainHead.hash)).one()
    return int(row[0]), bytes(row[1])


@dataclass
class VerifyResult:
    """Outcome of `verify_chain`: the first broken record, if any, and what broke."""

    ok: bool
    checked: int = 0
    purged: int = 0
    checkpoints: int = 0
    head_seq: int = 0
    head_hash: str = ""
    problem: str | None = None  # changed | deleted | reordered | inserted | checkpoint
    bad_seq: int | None = None
    detail: str = ""
    counts: dict[str, int] = field(default_factory=dict)


class _Broken(Exception):
    def __init__(self, problem: str, seq: int, detail: str) -> None:
        super().__init__(detail)
        self.problem, self.seq, self.detail = problem, seq, detail


class _RecordStream:
    """Rows of one record kind in seq order, yielding (seq, digest or None when purged)."""

    def __init__(self, session: Session, kind: str, batch: int) -> None:
        model = RECORD_MODELS[kind]
        names = HASHED_FIELDS[kind]
        purged = getattr(model, "purged_at", None)
        cols = [model.seq, purged if purged is not None else model.seq] + [
            getattr(model, n) for n in names
        ]
        stmt = select(*cols).order_by(model.seq).execution_options(yield_per=batch)
        self.kind = kind
        self._rows: Iterator[Any] = iter(session.execute(stmt))
        self._names = names
        self._has_purge = purged is not None
        self.peek: tuple[int, bytes | None] | None = None
        self._advance()

    def _advance(self) -> None:
        row = next(self._rows, None)
        if row is None:
            self.peek = None
            return
        if self._has_purge and row[1] is not None:
            self.peek = (row[0], None)
        else:
            fields = dict(zip(self._names, row[2:], strict=True))
            self.peek = (row[0], record_digest(self.kind, fields))

    def take(self, seq: int) -> bytes | None:
        """The digest of record seq (None if purged); raise _Broken for gaps or strays."""
        if self.peek is not None and self.peek[0] < seq:
            stray = self.peek[0]
            raise _Broken("inserted", stray,
                          f"{self.kind} #{stray} 不在链中 / is not in the chain")
        if self.peek is None or self.peek[0] != seq:
            raise _Broken("deleted", seq, f"{self.kind} #{seq} 记录缺失 / record is missing")
        digest = self.peek[1]
        self._advance()
        return digest


def verify_chain(session: Session, *, batch: int = 20_000) -> VerifyResult:
    """Recompute every digest and link; name the first broken record (design §5)."""
    result = VerifyResult(ok=True, counts=dict.fromkeys(KINDS, 0))
    streams = {kind: _RecordStream(session, kind, batch) for kind in KINDS}
    cps = list(session.scalars(select(Checkpoint).order_by(Checkpoint.seq)))
    wanted = {cp.seq for cp in cps}
    seen: dict[int, bytes] = {}
    prev, expected = GENESIS, 1
    try:
        entries = select(
            ChainEntry.seq, ChainEntry.kind, ChainEntry.prev_hash, ChainEntry.digest,
            ChainEntry.hash,
        ).order_by(ChainEntry.seq).execution_options(yield_per=batch)
        for seq, kind, entry_prev, digest, link in session.execute(entries):
            _check_link(session, seq, expected, bytes(entry_prev), prev)
            if link_hash(bytes(entry_prev), bytes(digest)) != bytes(link):
                raise _Broken("changed", seq, f"#{seq} 链条目被改动 / chain entry altered")
            _check_content(session, streams, kind, seq, bytes(digest), result)
            prev, expected = bytes(link), expected + 1
            result.counts[kind] = result.counts.get(kind, 0) + 1
            if seq in wanted:
                seen[seq] = prev
        result.checked = expected - 1
        _check_tail(session, streams, result.checked, prev)
        result.checkpoints = _check_checkpoints(session, cps, seen)
    except _Broken as broken:
        result.ok, result.problem = False, broken.problem
        result.bad_seq, result.detail = broken.seq, broken.detail
        result.checked = expected - 1
    result.head_seq, result.head_hash = expected - 1, prev.hex()
    return result


def _check_link(session: Session, seq: int, expected: int, entry_prev: bytes,
                prev: bytes) -> None:
    if seq != expected:
        raise _Broken("deleted", expected, f"#{expected} 链中缺失 / missing from the chain")
    if entry_prev == prev:
        return
    pointed = session.scalar(select(ChainEntry.seq).where(ChainEntry.hash == entry_prev))
    if pointed is None:
        raise _Broken("deleted", seq, f"#{seq} 之前的记录被删除 / a record before it was deleted")
    if pointed < seq - 1:
        raise _Broken("inserted", pointed + 1,
                      f"#{pointed + 1} 是插入的记录 / record was inserted into the chain")
    raise _Broken("reordered", seq, f"#{seq} 原在 #{pointed} 之后 / was moved (belongs after "
                  f"#{pointed})")


def _check_content(session: Session, streams: Mapping[str, _RecordStream], kind: str,
                   seq: int, digest: bytes, result: VerifyResult) -> None:
    if kind not in streams:
        raise _Broken("changed", seq, f"#{seq} 类型未知 / unknown record kind")
    for other in streams.values():
        if other.kind != kind and other.peek is not None and other.peek[0] <= seq:
            stray = other.peek[0]
            raise _Broken("inserted", stray,
                          f"{other.kind} #{stray} 不在链中 / is not in the chain")
    actual = streams[kind].take(seq)
    if actual is None:
        result.purged += 1
        return
    if actual == digest:
        return
    twin = session.scalar(
        select(ChainEntry.seq).where(ChainEntry.digest == actual, ChainEntry.seq != seq)
    )
    if twin is not None:
        raise _Broken("reordered", seq,
                      f"#{seq} 的内容属于 #{twin} / holds the content of record #{twin}")
    raise _Broken("changed", seq, f"#{seq} 内容被改动 / record content was changed")


def _check_tail(session: Session, streams: Mapping[str, _RecordStream], last: int,
                prev: bytes) -> None:
    for stream in streams.values():
        if stream.peek is not None:
            stray = stream.peek[0]
            raise _Broken("inserted", stray, f"{stream.kind} #{stray} 不在链中 / not in chain")
    head_seq, head_hash = head(session)
    if head_seq > last:
        raise _Broken("deleted", last + 1,
                      f"链尾 #{last + 1}–#{head_seq} 被删除 / tail records were deleted")
    if head_seq < last:
        raise _Broken("inserted", head_seq + 1,
                      f"#{head_seq + 1} 起的记录在链头之后插入 / appended behind the head")
    if head_hash != prev:
        raise _Broken("changed", last, "链头被改动 / the chain head was altered")


def _check_checkpoints(session: Session, cps: Sequence[Checkpoint],
                       seen: Mapping[int, bytes]) -> int:
    store_id = session.scalar(select(Meta.value).where(Meta.key == "store_id")) or ""
    first_key = session.scalar(select(Meta.value).where(Meta.key == "signing_public_key"))
    for cp in cps:
        if first_key is not None and cp.public_key != first_key:
            raise _Broken("checkpoint", cp.seq,
                          f"检查点 #{cp.id} 由其他密钥签名 / checkpoint signed by another key")
        statement = checkpoint_statement(store_id, cp.seq, bytes(cp.hash), cp.signed_at)
        if not verify_signature(cp.public_key, cp.signature, statement):
            raise _Broken("checkpoint", cp.seq,
                          f"检查点 #{cp.id} 签名无效 / checkpoint signature is invalid")
        if seen.get(cp.seq) != bytes(cp.hash):
            raise _Broken("changed", cp.seq,
                          f"链在 #{cp.seq} 处与已签名检查点不符（链被重写）/ chain differs from "
                          f"signed checkpoint {cp.id}: records up to #{cp.seq} were rewritten")
    return len(cps)
