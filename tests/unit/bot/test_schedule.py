"""Schedules, periods and calendar arithmetic in the hospital's time zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.schedule import add_duration, latest_fire, next_fire, parse_schedule, report_period

TZ = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.mark.parametrize(
    "text", ["", "daily", "daily 25:00", "weekly xyz 08:00", "monthly 31 08:00", "every 0m",
             "yearly 02-30 08:00", "hourly", "every 10s"],
)
def test_parse_schedule_when_invalid_then_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="invalid schedule"):
        parse_schedule(text)


def test_latest_fire_when_daily_before_time_then_yesterdays_period() -> None:
    schedule = parse_schedule("daily 08:00")
    fire, key = latest_fire(schedule, at("2026-11-25T07:59"), TZ)
    assert (fire, key) == (at("2026-11-24T08:00"), "2026-11-24")
    fire, key = latest_fire(schedule, at("2026-11-25T08:00"), TZ)
    assert key == "2026-11-25"


def test_latest_fire_when_utc_clock_then_counts_in_hospital_zone() -> None:
    schedule = parse_schedule("daily 08:00")
    now = datetime.fromisoformat("2026-11-25T00:30+00:00")  # 08:30 in Shanghai
    assert latest_fire(schedule, now, TZ)[1] == "2026-11-25"


def test_latest_fire_when_weekly_monthly_yearly_then_period_keys() -> None:
    now = at("2026-11-25T09:00")  # a Wednesday
    assert latest_fire(parse_schedule("weekly mon 08:00"), now, TZ)[1] == "2026-W48"
    assert latest_fire(parse_schedule("weekly fri 08:00"), now, TZ)[1] == "2026-W47"
    assert latest_fire(parse_schedule("monthly 1 08:00"), now, TZ)[1] == "2026-11"
    assert latest_fire(parse_schedule("yearly 12-01 08:00"), now, TZ)[1] == "2025"


def test_next_fire_when_asked_then_first_time_after_now() -> None:
    now = at("2026-11-25T09:00")
    assert next_fire(parse_schedule("daily 08:00"), now, TZ) == at("2026-11-26T08:00")
    assert next_fire(parse_schedule("weekly wed 10:00"), now, TZ) == at("2026-11-25T10:00")
    assert next_fire(parse_schedule("monthly 1 08:00"), now, TZ) == at("2026-12-01T08:00")
    assert next_fire(parse_schedule("every 15m"), now, TZ) == at("2026-11-25T09:15")


def test_add_duration_when_working_days_then_weekend_skipped() -> None:
    friday = at("2026-11-27T10:00")
    assert add_duration(friday, "1wd", TZ) == at("2026-11-30T10:00")
    assert add_duration(friday, "5wd", TZ) == at("2026-12-04T10:00")
    assert add_duration(friday, "4h", TZ) == friday + timedelta(hours=4)


def test_report_period_when_month_then_previous_calendar_month() -> None:
    period = report_period("month", at("2026-01-05T08:00"), TZ)
    assert (period.start, period.end, period.label) == (
        at("2025-12-01T00:00"), at("2026-01-01T00:00"), "2025 年 12 月"
    )
    week = report_period("week", at("2026-11-25T08:00"), TZ)
    assert (week.start, week.end) == (at("2026-11-16T00:00"), at("2026-11-23T00:00"))
