"""The complaint/dispute case stage machine (domain.md §D2), with time moved forward."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.workflow import (
    CaseState,
    WorkflowError,
    advance,
    due_reminders,
    open_case,
    record,
    stage_deadline,
    summarize_closed,
)

TZ = ZoneInfo("Asia/Shanghai")
MON = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
INTAKE = {"complainant": "患者家属（编号 C-17）", "received_at": "2026-11-23T09:00",
          "matter": "群内泄露他人病历", "channel": "phone"}


def run_to_closed(start: datetime) -> CaseState:
    state = open_case("K1", INTAKE, "desk", start)
    steps = [
        ({"verification": "属实"}, {}),
        ({}, {}),
        ({"findings": ["f1"], "evidence_bundle": "B1"}, {}),
        ({"plan": "撤回并培训"}, {}),
        ({}, {"approvers": ["chief"]}),
        ({"implementation": "已撤回"}, {}),
        ({"feedback": "已电话告知", "cause": "personal_data_leak"}, {}),
    ]
    now = start
    for updates, options in steps:
        now += timedelta(hours=10)
        state = record(state, updates)
        actor = "chief" if options else "desk"
        state = advance(state, actor, now, **options)  # type: ignore[arg-type]
    return state


def test_open_case_when_intake_incomplete_then_refused_naming_field() -> None:
    with pytest.raises(WorkflowError, match="channel"):
        open_case("K1", {**INTAKE, "channel": ""}, "desk", MON)


def test_advance_when_investigation_lacks_sealed_evidence_then_refused() -> None:
    state = advance(record(open_case("K1", INTAKE, "desk", MON), {}), "desk", MON)
    state = advance(record(state, {"verification": "属实"}), "desk", MON)
    with pytest.raises(WorkflowError, match="evidence_bundle"):
        advance(record(state, {"findings": ["f1"]}), "desk", MON)


def test_advance_when_not_an_approver_then_refused_and_rejection_returns_to_plan() -> None:
    state = CaseState("K1", "approval", MON, {"plan": "x"})
    with pytest.raises(WorkflowError, match="审批"):
        advance(state, "desk", MON, approvers=["chief"])
    assert advance(state, "chief", MON, approvers=["chief"], approve=False).stage == "plan"


def test_advance_when_all_stages_complete_then_closed_and_frozen() -> None:
    state = run_to_closed(MON)
    assert state.stage == "closed"
    assert [e.stage for e in state.history][-1] == "closed"
    with pytest.raises(WorkflowError):
        record(state, {"note": "late"})


def test_reminders_when_time_moves_forward_then_due_soon_then_overdue() -> None:
    state = open_case("K1", INTAKE, "desk", MON)  # intake due in 1 working day: Tue 09:00
    assert stage_deadline(state, {}, TZ) == MON + timedelta(days=1)
    assert due_reminders([state], {}, MON + timedelta(hours=1), TZ, "4h") == []
    soon = due_reminders([state], {}, MON + timedelta(hours=21), TZ, "4h")
    late = due_reminders([state], {}, MON + timedelta(hours=25), TZ, "4h")
    assert [r.kind for r in soon] == ["due_soon"] and [r.kind for r in late] == ["overdue"]
    assert soon[0].key != late[0].key


def test_summarize_when_cases_closed_then_by_cause_and_stage_hours() -> None:
    summary = summarize_closed([run_to_closed(MON), open_case("K2", INTAKE, "d", MON)], {}, TZ)
    assert summary.closed == 1
    assert summary.by_cause == {"personal_data_leak": 1}
    assert summary.median_stage_hours["investigation"] == 10.0
