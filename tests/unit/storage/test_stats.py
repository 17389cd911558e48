"""Finding facts for reports: department, role, alert and first decision, no text."""

from __future__ import annotations

from datetime import timedelta

from storagekit import BASE_TS, make_alert, make_finding, make_message

from storage import acks, archive, escalations, stats
from storage.chain import utcnow
from storage.db import Store


def test_finding_facts_when_alert_marked_false_positive_then_first_decision_kept(
    store: Store,
) -> None:
    now = utcnow()
    with store.begin() as session:
        for n in (1, 2):
            message = make_message(n, sender_id=f"u{n}")
            record = archive.append_message(session, message, masked_text="***")
            assert record is not None
            _, alerts = archive.record_findings(
                session, record, [make_finding(message)], [make_alert(message)]
            )
            if n == 1:
                acks.record(session, alerts[0], "h", "false_positive", now + timedelta(minutes=9))
                acks.record(session, alerts[0], "h", "ack", now + timedelta(minutes=20))
                escalations.record_escalation(session, alerts[0], 1, "medical_affairs",
                                              "deadline", now)
    with store.begin() as session:
        # counted by when the messages were sent (BASE_TS), not when they were archived
        sent = (BASE_TS, BASE_TS + timedelta(hours=1))
        facts = stats.finding_facts(session, *sent)
        other = stats.finding_facts(session, *sent, department="骨科")
        archived = (now - timedelta(hours=1), now + timedelta(hours=1))
        assert stats.finding_facts(session, *archived) == []
        assert stats.departments(session) == ["心内科"]
    assert other == []
    assert [(f.sender_key, f.decision, f.escalations, f.alerted) for f in facts] == [
        ("u1", "false_positive", 1, True), ("u2", None, 0, True),
    ]
    assert facts[0].department == "心内科" and facts[0].category == "personal_data"
