"""The escalation state machine, moving an injected clock forward (no sleeping)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.escalation import (
    AlertState,
    Level,
    Policy,
    QuietHours,
    deadline_after,
    escalation_text,
    plan_escalations,
)

TZ = ZoneInfo("Asia/Shanghai")
NIGHT = (QuietHours.parse("22:00-07:00"),)
POLICY = Policy(
    levels=(
        Level("department_head", 60, NIGHT),
        Level("medical_affairs", 240),
        Level("compliance_lead", 0),
    ),
    critical_level=1,
    critical_rules=frozenset({"pii-other-patient-record"}),
    rule_deadlines={"gift-red-packet-offer": 30},
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def alert(created: str, **kw: object) -> AlertState:
    base = AlertState("a1", at(created), "pii-phone", "high", department="cardio")
    return replace(base, **kw)  # type: ignore[arg-type]


def test_deadline_when_start_in_daytime_then_plain_minutes() -> None:
    assert deadline_after(at("2026-11-25T10:00"), 60, NIGHT, TZ) == at("2026-11-25T11:00")


def test_deadline_when_crossing_quiet_hours_then_clock_paused_overnight() -> None:
    assert deadline_after(at("2026-11-25T21:30"), 60, NIGHT, TZ) == at("2026-11-26T07:30")
    assert deadline_after(at("2026-11-26T02:00"), 60, NIGHT, TZ) == at("2026-11-26T08:00")


def test_plan_when_deadline_not_reached_then_nothing() -> None:
    assert plan_escalations([alert("2026-11-25T10:00")], POLICY, at("2026-11-25T10:59"), TZ) == []


def test_plan_when_time_moves_past_deadline_then_escalates_to_medical_affairs() -> None:
    steps = plan_escalations([alert("2026-11-25T10:00")], POLICY, at("2026-11-25T11:00"), TZ)
    assert [(s.source, s.target, s.reason) for s in steps] == [(0, 1, "deadline")]
    assert steps[0].next_deadline == at("2026-11-25T15:00")


def test_plan_when_escalated_once_then_next_level_after_its_own_deadline() -> None:
    state = alert("2026-11-25T10:00", level=1, level_since=at("2026-11-25T11:00"))
    assert plan_escalations([state], POLICY, at("2026-11-25T14:59"), TZ) == []
    steps = plan_escalations([state], POLICY, at("2026-11-25T15:00"), TZ)
    assert [(s.source, s.target) for s in steps] == [(1, 2)]


def test_plan_when_last_level_reached_then_stays() -> None:
    state = alert("2026-11-20T10:00", level=2, level_since=at("2026-11-20T15:00"))
    assert plan_escalations([state], POLICY, at("2026-11-25T10:00"), TZ) == []


def test_plan_when_acknowledged_or_false_positive_then_no_escalation() -> None:
    late = at("2026-11-26T10:00")
    for decision in ("ack", "false_positive"):
        state = alert("2026-11-25T10:00", decision=decision, decided_at=at("2026-11-25T10:05"))
        assert plan_escalations([state], POLICY, late, TZ) == []


def test_plan_when_critical_then_medical_affairs_at_once() -> None:
    for state in (alert("2026-11-25T23:00", severity="critical"),
                  alert("2026-11-25T23:00", rule_id="pii-other-patient-record")):
        steps = plan_escalations([state], POLICY, at("2026-11-25T23:00"), TZ)
        assert [(s.source, s.target, s.reason) for s in steps] == [(None, 1, "critical")]


def test_plan_when_escalate_pressed_then_next_level_immediately() -> None:
    state = alert("2026-11-25T10:00", decision="escalate", decided_at=at("2026-11-25T10:01"))
    steps = plan_escalations([state], POLICY, at("2026-11-25T10:01"), TZ)
    assert [(s.target, s.reason) for s in steps] == [(1, "manual")]


def test_plan_when_rule_deadline_configured_then_it_wins() -> None:
    state = alert("2026-11-25T10:00", rule_id="gift-red-packet-offer")
    assert plan_escalations([state], POLICY, at("2026-11-25T10:30"), TZ) != []


def test_plan_when_next_level_quiet_then_waits_until_morning() -> None:
    quiet_top = replace(POLICY, levels=(
        Level("department_head", 60), Level("medical_affairs", 240, NIGHT),
        Level("compliance_lead", 0),
    ))
    state = alert("2026-11-25T21:30")
    assert plan_escalations([state], quiet_top, at("2026-11-25T23:00"), TZ) == []
    steps = plan_escalations([state], quiet_top, at("2026-11-26T07:00"), TZ)
    assert [s.target for s in steps] == [1]


def test_escalation_text_when_rendered_then_chinese_first_without_message_text() -> None:
    state = alert("2026-11-25T10:00")
    step = plan_escalations([state], POLICY, at("2026-11-25T11:00"), TZ)[0]
    text = escalation_text(step, state, POLICY, TZ)
    assert text.startswith("⚠️ 告警升级至医务处（超时未确认）")
    assert "15:00 前确认" in text


def test_escalation_text_when_department_named_in_roster_then_same_labels_as_alerts() -> None:
    named = replace(POLICY, department_names={"cardiology": "心内科 Cardiology"})
    state = alert("2026-11-25T10:00", severity="critical", department="cardiology")
    step = plan_escalations([state], named, at("2026-11-25T10:01"), TZ)[0]
    text = escalation_text(step, state, named, TZ)
    assert "（严重）" in text and "科室：心内科 Cardiology" in text
    assert "critical" not in text.split("\n")[2] and "cardiology" not in text.split("\n")[3]


def _active_minutes(start: datetime, end: datetime, quiet: tuple[QuietHours, ...]) -> int:
    """Minutes in [start, end) outside the quiet hours, counted one by one."""
    count, t = 0, start
    while t < end:
        local = t.astimezone(TZ).replace(tzinfo=None)
        if all(q.window_around(local) is None for q in quiet):
            count += 1
        t += timedelta(minutes=1)
    return count


@given(
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31)),
    minutes=st.integers(min_value=1, max_value=3000),
    window=st.sampled_from(["22:00-07:00", "12:00-13:30", "00:00-06:00", "18:00-08:00"]),
)
@settings(max_examples=60, deadline=None)
def test_deadline_when_any_start_then_exactly_the_active_minutes_outside_quiet_hours(
    start: datetime, minutes: int, window: str
) -> None:
    quiet = (QuietHours.parse(window),)
    begin = start.replace(second=0, microsecond=0, tzinfo=TZ)
    due = deadline_after(begin, minutes, quiet, TZ)
    assert _active_minutes(begin, due, quiet) == minutes
    assert quiet[0].window_around(
        (due - timedelta(minutes=1)).astimezone(TZ).replace(tzinfo=None)) is None
