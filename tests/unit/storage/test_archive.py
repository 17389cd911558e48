"""Appending messages, findings and actions: idempotent, chained, encrypted at rest."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select
from storagekit import make_alert, make_finding, make_message

from rules.model import Role
from storage import acks, archive, outbox
from storage.archive import NewMessage
from storage.chain import head, verify_chain
from storage.db import Store
from storage.errors import KeyMissingError, NotFoundError
from storage.models import ActionRecord, Chat, Event, MessageRecord, Person


def test_append_message_when_new_then_chained_with_encrypted_original(store: Store) -> None:
    with store.begin() as s:
        msg = make_message(1, "电话13812345678")
        rec = archive.append_message(s, msg, masked_text="电话[电话]")
        assert rec is not None
        assert rec.masked_text == "电话[电话]"
        assert rec.ciphertext is not None and b"1381" not in rec.ciphertext
        assert head(s)[0] == rec.seq == 1


def test_append_message_when_replayed_then_noop_and_chain_unchanged(store: Store) -> None:
    msg = make_message(1)
    with store.begin() as s:
        assert archive.append_message(s, msg, masked_text="x") is not None
    with store.begin() as s:
        before = head(s)
        assert archive.append_message(s, msg, masked_text="x") is None
        assert head(s) == before


def test_append_message_when_edited_then_new_version_kept_beside_original(store: Store) -> None:
    msg = make_message(1)
    with store.begin() as s:
        archive.append_message(s, msg, masked_text="v0")
        archive.append_message(s, replace(msg, version=1, text="改了"), masked_text="v1")
        versions = s.scalars(select(MessageRecord.masked_text).order_by(MessageRecord.version))
        assert list(versions) == ["v0", "v1"]


def test_append_messages_when_batch_has_duplicates_then_each_key_once(store: Store) -> None:
    items = [NewMessage(make_message(n), f"m{n}") for n in (1, 2, 2, 3)]
    with store.begin() as s:
        seqs = archive.append_messages(s, items)
    assert seqs == [1, 2, None, 3]
    with store.begin() as s:
        assert archive.append_messages(s, items) == [None, None, None, None]


def test_append_messages_when_chat_and_sender_new_then_references_upserted(store: Store) -> None:
    with store.begin() as s:
        archive.append_message(s, make_message(1), masked_text="x")
        archive.append_message(s, make_message(2, sender_role=Role.UNKNOWN, department=""),
                               masked_text="y")
        chat = s.scalar(select(Chat))
        person = s.scalar(select(Person))
    assert chat is not None and (chat.title, chat.department) == ("心内科患者群", "心内科")
    assert person is not None and person.role == "patient"  # unknown never overwrites


def test_append_message_when_no_key_then_key_missing_error(db_url: str, tmp_path) -> None:
    from storage.db import open_store

    keyless = open_store(db_url, archive_key=None, key_dir=tmp_path, upgrade=True)
    try:
        with pytest.raises(KeyMissingError), keyless.begin() as s:
            archive.append_message(s, make_message(1), masked_text="x")
    finally:
        keyless.close()


def test_record_findings_when_actions_planned_then_outbox_holds_them(store: Store) -> None:
    msg = make_message(1)
    with store.begin() as s:
        rec = archive.append_message(s, msg, masked_text="x")
        assert rec is not None
        f_seqs, a_seqs = archive.record_findings(s, rec, [make_finding(msg)], [make_alert(msg)])
    with store.begin() as s:
        [action] = outbox.due(s, msg.ts.replace(year=2030), 10)  # type: ignore[union-attr]
        assert action.seq == a_seqs[0] and action.finding_seq == f_seqs[0]
        assert verify_chain(s).ok


def test_outbox_when_sent_then_not_due_and_delivery_chained(store: Store) -> None:
    msg = make_message(1)
    with store.begin() as s:
        rec = archive.append_message(s, msg, masked_text="x")
        _, [alert] = archive.record_findings(s, rec, [make_finding(msg)], [make_alert(msg)])
        outbox.mark_sent(s, alert, "tg-555")
    with store.begin() as s:
        assert outbox.due(s, archive.chain.utcnow(), 10) == []
        event = s.scalar(select(Event).where(Event.kind == "delivered"))
        assert event is not None and event.target_seq == alert
        assert verify_chain(s).ok


def test_outbox_when_failed_then_due_only_after_retry_at(store: Store) -> None:
    from datetime import timedelta

    msg = make_message(1)
    now = archive.chain.utcnow()
    with store.begin() as s:
        rec = archive.append_message(s, msg, masked_text="x")
        _, [alert] = archive.record_findings(s, rec, [], [make_alert(msg)])
        outbox.mark_failed(s, alert, "429 Too Many Requests", now + timedelta(seconds=30))
    with store.begin() as s:
        assert outbox.due(s, now + timedelta(seconds=10), 10) == []
        [again] = outbox.due(s, now + timedelta(seconds=31), 10)
        assert (again.attempts, again.status) == (1, "failed")
        outbox.give_up(s, alert, "too many attempts")
    with store.begin() as s:
        assert outbox.due(s, now + timedelta(days=1), 10) == []
        assert s.get(ActionRecord, alert).status == "gave_up"  # type: ignore[union-attr]


def test_acks_when_decision_recorded_then_chained(store: Store) -> None:
    msg = make_message(1)
    with store.begin() as s:
        rec = archive.append_message(s, msg, masked_text="x")
        _, [alert] = archive.record_findings(s, rec, [make_finding(msg)], [make_alert(msg)])
        acks.record(s, alert, "9001", "false_positive")
        assert [a.decision for a in acks.for_alert(s, alert)] == ["false_positive"]
        with pytest.raises(NotFoundError):
            acks.record(s, 999, "9001", "ack")
        with pytest.raises(ValueError):
            acks.record(s, alert, "9001", "maybe")
        assert verify_chain(s).ok


def test_mark_removed_when_message_removed_then_marked_not_erased(store: Store) -> None:
    with store.begin() as s:
        rec = archive.append_message(s, make_message(1), masked_text="x")
        assert rec is not None
        archive.mark_removed(s, rec.seq, by="bot", reason="redact")
    with store.begin() as s:
        kept = s.get(MessageRecord, rec.seq)
        assert kept is not None and kept.removed_at is not None and kept.masked_text == "x"
        assert verify_chain(s).ok
