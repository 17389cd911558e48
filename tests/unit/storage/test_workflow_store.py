"""Case workflow rows: stages saved, every move chained, closed cases listed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from storage import workflow
from storage.chain import verify_chain
from storage.db import Store
from storage.models import Event

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_case_when_opened_and_moved_then_history_and_chained_events(store: Store) -> None:
    intake = {"complainant": "登记表 C-17", "received_at": "2026-11-23T09:00",
              "matter": "群内泄露他人病历", "channel": "phone"}
    with store.begin() as session:
        case_id = workflow.open_case(session, "隐私投诉 C-17", "desk", intake, T0)
    with store.begin() as session:
        row = workflow.load(session, case_id)
        workflow.save(session, case_id, "verification", T0 + timedelta(hours=3),
                      {**row.data, "note": "x"}, T0 + timedelta(hours=3), actor="desk")
    with store.begin() as session:
        row = workflow.load(session, case_id)
        assert (row.stage, row.title, row.data["note"]) == ("verification", "隐私投诉 C-17", "x")
        assert [(s, a) for s, _, a, _ in row.history] == [("intake", "desk"),
                                                          ("verification", "desk")]
        kinds = list(session.scalars(select(Event.kind).where(Event.kind == "case_stage")))
        assert len(kinds) == 2
        assert verify_chain(session).ok
        assert [c.case_id for c in workflow.list_cases(session, open_only=True)] == [case_id]
