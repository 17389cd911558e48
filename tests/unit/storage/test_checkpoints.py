"""Signed checkpoints: made on demand and on schedule; a rewritten chain no longer matches."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, text
from storagekit import make_message, tamper

from storage import archive, checkpoints
from storage.canonical import GENESIS, link_hash, record_digest
from storage.chain import utcnow, verify_chain
from storage.db import Store
from storage.models import ChainEntry, MessageRecord


def _fill(store: Store, n: int = 4) -> None:
    with store.begin() as s:
        for i in range(1, n + 1):
            archive.append_message(s, make_message(i), masked_text=f"m{i}")


def test_checkpoint_when_created_then_signed_head_verifies(store: Store) -> None:
    _fill(store)
    with store.begin() as s:
        cp = checkpoints.create(s)
        statement = checkpoints.text(cp, store.store_id)
    assert cp.seq == 4 and "记录数 / records: 4" in statement
    with store.begin() as s:
        result = verify_chain(s)
    assert result.ok and result.checkpoints == 1


def test_checkpoint_due_when_head_moved_and_period_passed_then_true(store: Store) -> None:
    _fill(store, 1)
    with store.begin() as s:
        assert checkpoints.due(s, timedelta(hours=1))
        checkpoints.create(s)
        assert not checkpoints.due(s, timedelta(hours=1), utcnow() + timedelta(hours=2))
        archive.append_message(s, make_message(9), masked_text="x")
        assert checkpoints.due(s, timedelta(hours=1), utcnow() + timedelta(hours=2))
        assert not checkpoints.due(s, timedelta(hours=1))


def test_verify_chain_when_whole_chain_rewritten_after_checkpoint_then_caught(
    store: Store, db_url: str
) -> None:
    _fill(store)
    with store.begin() as s:
        checkpoints.create(s)
        rows = {r.seq: {c.key: getattr(r, c.key) for c in MessageRecord.__table__.columns}
                for r in s.scalars(select(MessageRecord))}
        kinds = dict(s.execute(select(ChainEntry.seq, ChainEntry.kind)).all())
    rows[2]["masked_text"] = "改写"
    with tamper(db_url) as conn:  # a forger with DB access recomputes every hash consistently
        conn.execute(text("UPDATE message_record SET masked_text = '改写' WHERE seq = 2"))
        prev = GENESIS
        for seq in sorted(kinds):
            digest = record_digest("message", rows[seq])
            link = link_hash(prev, digest)
            conn.execute(text("UPDATE chain_entry SET prev_hash = :p, digest = :d, hash = :h "
                              "WHERE seq = :s"), {"p": prev, "d": digest, "h": link, "s": seq})
            prev = link
        conn.execute(text("UPDATE chain_head SET hash = :h"), {"h": prev})
    with store.begin() as s:
        result = verify_chain(s)
    assert (result.ok, result.problem, result.bad_seq) == (False, "changed", 4)
    assert "checkpoint" in result.detail
