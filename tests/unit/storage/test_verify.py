"""`verify_chain` names the first broken record for each kind of tampering (design §5)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, insert, text
from storagekit import KEY, make_finding, make_message, tamper

from storage import archive, audit
from storage.canonical import link_hash, record_digest
from storage.chain import verify_chain
from storage.db import Store, open_store
from storage.models import MessageRecord

RECORD_TABLES = ("message_record", "finding_record", "action_record", "acknowledgement",
                 "audit_event", "event")


def _fill(store: Store, n: int = 6) -> None:
    """n messages (seq 1..n), then a finding on message 2 and an audit event."""
    with store.begin() as s:
        for i in range(1, n + 1):
            archive.append_message(s, make_message(i), masked_text=f"消息{i}")
        archive.record_findings(s, 2, [make_finding(make_message(2))])
        audit.record(s, "officer", "search", "chat c1", "complaint 17")


def _verify(store: Store):  # type: ignore[no-untyped-def]
    with store.begin() as s:
        return verify_chain(s)


def _shift(conn: Connection, from_seq: int, by: int) -> None:
    for table in ("chain_entry", *RECORD_TABLES):
        conn.execute(text(f"UPDATE {table} SET seq = seq + 1000000 WHERE seq >= :s"),
                     {"s": from_seq})
        conn.execute(text(f"UPDATE {table} SET seq = seq - 1000000 + :by WHERE seq >= 1000000"),
                     {"by": by})


def test_verify_chain_when_untouched_then_ok_with_counts(store: Store) -> None:
    _fill(store)
    result = _verify(store)
    assert result.ok and result.checked == 8 and result.head_seq == 8
    assert result.counts["message"] == 6 and result.counts["audit"] == 1


def test_verify_chain_when_empty_then_ok(store: Store) -> None:
    assert _verify(store).ok


def test_verify_chain_when_text_changed_then_names_changed_record(store: Store,
                                                                  db_url: str) -> None:
    _fill(store)
    with tamper(db_url) as conn:
        conn.execute(text("UPDATE message_record SET masked_text = '改过' WHERE seq = 3"))
    result = _verify(store)
    assert (result.ok, result.problem, result.bad_seq) == (False, "changed", 3)


def test_verify_chain_when_record_and_entry_deleted_then_names_deleted(store: Store,
                                                                      db_url: str) -> None:
    _fill(store)
    with tamper(db_url) as conn:
        conn.execute(text("DELETE FROM message_record WHERE seq = 4"))
        conn.execute(text("DELETE FROM chain_entry WHERE seq = 4"))
    result = _verify(store)
    assert (result.problem, result.bad_seq) == ("deleted", 4)


def test_verify_chain_when_deleted_and_renumbered_then_names_deleted(store: Store,
                                                                    db_url: str) -> None:
    _fill(store)
    with tamper(db_url) as conn:
        conn.execute(text("DELETE FROM message_record WHERE seq = 4"))
        conn.execute(text("DELETE FROM chain_entry WHERE seq = 4"))
        _shift(conn, 5, -1)
        conn.execute(text("UPDATE chain_head SET seq = seq - 1"))
    result = _verify(store)
    assert (result.problem, result.bad_seq) == ("deleted", 4)


def test_verify_chain_when_only_record_row_deleted_then_names_deleted(store: Store,
                                                                     db_url: str) -> None:
    _fill(store)
    with tamper(db_url) as conn:
        conn.execute(text("DELETE FROM audit_event"))
    result = _verify(store)
    assert (result.problem, result.bad_seq) == ("deleted", 8)


def test_verify_chain_when_tail_truncated_then_names_first_missing(store: Store,
                                                                  db_url: str) -> None:
    _fill(store)
    with tamper(db_url) as conn:
        conn.execute(text("DELETE FROM audit_event WHERE seq = 8"))
        conn.execute(text("DELETE FROM chain_entry WHERE seq = 8"))
    result = _verify(store)
    assert (result.problem, result.bad_seq) == ("deleted", 8)


def test_verify_chain_when_records_swapped_then_names_reordered(store: Store,
                                                               db_url: str) -> None:
    _fill(store)
    with tamper(db_url) as conn:
        conn.execute(text("UPDATE message_record SET seq = -1 WHERE seq = 3"))
        conn.execute(text("UPDATE message_record SET seq = 3 WHERE seq = 4"))
        conn.execute(text("UPDATE message_record SET seq = 4 WHERE seq = -1"))
    result = _verify(store)
    assert (result.problem, result.bad_seq) == ("reordered", 3)


def test_verify_chain_when_entries_and_records_swapped_then_names_reordered(
    store: Store, db_url: str
) -> None:
    _fill(store)
    with tamper(db_url) as conn:
        for table in ("chain_entry", "message_record"):
            conn.execute(text(f"UPDATE {table} SET seq = -1 WHERE seq = 3"))
            conn.execute(text(f"UPDATE {table} SET seq = 3 WHERE seq = 4"))
            conn.execute(text(f"UPDATE {table} SET seq = 4 WHERE seq = -1"))
    result = _verify(store)
    assert (result.problem, result.bad_seq) == ("reordered", 3)


def test_verify_chain_when_record_inserted_with_valid_link_then_names_inserted(
    store: Store, db_url: str
) -> None:
    _fill(store)
    with store.begin() as s:
        original = s.get(MessageRecord, 3)
        assert original is not None
        forged = {c.key: getattr(original, c.key) for c in MessageRecord.__table__.columns}
        prev = bytes(s.execute(text("SELECT hash FROM chain_entry WHERE seq = 2")).scalar_one())
    forged.update(message_id="999", masked_text="伪造的消息")
    digest = record_digest("message", forged)
    with tamper(db_url) as conn:
        _shift(conn, 3, 1)
        conn.execute(text("INSERT INTO chain_entry (seq, kind, prev_hash, digest, hash) "
                          "VALUES (3, 'message', :p, :d, :h)"),
                     {"p": prev, "d": digest, "h": link_hash(prev, digest)})
        conn.execute(insert(MessageRecord.__table__), forged)
        conn.execute(text("UPDATE chain_head SET seq = seq + 1"))
    result = _verify(store)
    assert (result.problem, result.bad_seq) == ("inserted", 3)


def test_verify_chain_when_stray_record_without_entry_then_names_inserted(
    store: Store, db_url: str
) -> None:
    _fill(store)
    with tamper(db_url) as conn:
        conn.execute(text(
            "INSERT INTO audit_event (seq, actor, action, target, reason, at) "
            "VALUES (5000, 'x', 'search', 't', 'r', '2026-01-01 00:00:00')"))
    result = _verify(store)
    assert (result.problem, result.bad_seq) == ("inserted", 5000)


def test_verify_chain_when_head_points_past_the_end_then_deleted(store: Store,
                                                                db_url: str) -> None:
    _fill(store)
    with tamper(db_url) as conn:
        conn.execute(text("UPDATE chain_head SET seq = 20"))
    assert (_verify(store).problem, _verify(store).bad_seq) == ("deleted", 9)


TAMPERS: dict[str, Callable[[int], str]] = {
    "masked_text": lambda seq: f"UPDATE message_record SET masked_text = 'x' WHERE seq = {seq}",
    "sender_role": lambda seq: f"UPDATE message_record SET sender_role = 'x' WHERE seq = {seq}",
    "commitment": lambda seq: f"UPDATE message_record SET commitment = 'ab' WHERE seq = {seq}",
    "digest": lambda seq: f"UPDATE chain_entry SET digest = hash WHERE seq = {seq}",
}


@settings(max_examples=15, deadline=None)
@given(seq=st.integers(min_value=1, max_value=6), how=st.sampled_from(sorted(TAMPERS)))
def test_verify_chain_when_any_message_tampered_then_that_record_named(seq: int,
                                                                       how: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/a.db"
        store = open_store(url, archive_key=KEY, key_dir=Path(tmp))
        try:
            _fill(store)
            with tamper(url) as conn:
                conn.execute(text(TAMPERS[how](seq)))
            result = _verify(store)
        finally:
            store.close()
    assert not result.ok and result.bad_seq == seq
