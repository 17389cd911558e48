"""Escalation records: idempotent per (alert, level), chained, visible in open_alerts."""

from __future__ import annotations

from datetime import timedelta

from storagekit import make_alert, make_finding, make_message

from storage import acks, archive, escalations
from storage.chain import utcnow, verify_chain
from storage.db import Store
from storage.models import Event


def archive_alert(store: Store, n: int = 1) -> int:
    message = make_message(n)
    with store.begin() as session:
        record = archive.append_message(session, message, masked_text="***")
        assert record is not None
        _, actions = archive.record_findings(
            session, record, [make_finding(message)], [make_alert(message)]
        )
    return actions[0]


def test_record_escalation_when_repeated_then_one_chained_event(store: Store) -> None:
    alert = archive_alert(store)
    now = utcnow() + timedelta(hours=1)
    with store.begin() as session:
        args = (session, alert, 1, "medical_affairs", "deadline", now)
        first = escalations.record_escalation(*args)
        again = escalations.record_escalation(*args)
        assert first is not None and again is None
    with store.begin() as session:
        event = session.get(Event, first)
        assert event is not None and event.kind == "escalated" and event.target_seq == alert
        assert verify_chain(session).ok


def test_open_alerts_when_escalated_and_acknowledged_then_state_reported(store: Store) -> None:
    alert = archive_alert(store)
    later = utcnow() + timedelta(hours=1)
    with store.begin() as session:
        [row] = escalations.open_alerts(session, utcnow() - timedelta(days=1))
        assert (row.alert_seq, row.level, row.decision, row.department) == (
            alert, None, None, "心内科"
        )
        escalations.record_escalation(session, alert, 1, "medical_affairs", "deadline", later)
        acks.record(session, alert, "100000005", "ack", later + timedelta(minutes=5))
    with store.begin() as session:
        [row] = escalations.open_alerts(session, utcnow() - timedelta(days=1))
        assert (row.level, row.decision) == (1, "ack")
        assert row.level_since is not None and abs(row.level_since - later) < timedelta(seconds=1)
