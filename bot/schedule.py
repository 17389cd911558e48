"""Job schedules and calendar arithmetic in the hospital's time zone (pure: no I/O).

A schedule is one short string, validated at start-up:

    every 5m | every 2h          interval jobs (scans, retries); period = the interval slot
    daily 08:00                  period = the local date
    weekly mon 08:00             period = the ISO week (2026-W48)
    monthly 1 08:00              period = the month (2026-11)
    yearly 01-05 08:00           period = the year (2026)

`latest_fire(schedule, now)` gives the most recent fire time not after `now` and its period key;
a job is due when no successful run is recorded for that key, which makes catch-up after a
restart and idempotence by (job, period) one rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_EPOCH = datetime(2000, 1, 3, tzinfo=UTC)  # a Monday, so interval slots are stable
_DURATION = re.compile(r"^(\d+)\s*(m|h|d|wd)$")
_MAX_DURATION_DAYS = 3660


@dataclass(frozen=True, slots=True)
class Schedule:
    """A parsed schedule string (see the module docstring)."""

    kind: str  # every | daily | weekly | monthly | yearly
    at: time = time(0, 0)
    every: timedelta = timedelta(0)
    weekday: int = 0  # 0 = Monday
    day: int = 1
    month: int = 1
    text: str = ""


def _parse_time(text: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"时间格式应为 HH:MM / time must be HH:MM, got {text!r}")
    return time(int(match[1]), int(match[2]))


def parse_duration(text: str) -> timedelta:
    """'15m', '4h', '2d' as a timedelta ('wd' working days are handled by `add_duration`)."""
    match = _DURATION.fullmatch(text.strip())
    if not match or int(match[1]) <= 0:
        raise ValueError(f"时长格式应为 15m/4h/2d/5wd / duration must be like 15m, got {text!r}")
    amount, unit = int(match[1]), match[2]
    if amount > _MAX_DURATION_DAYS * {"m": 24 * 60, "h": 24}.get(unit, 1):
        # a typo such as 99999999d would overflow datetimes (or loop over working days) later
        raise ValueError(f"时长过长 / duration longer than ten years: {text!r}")
    try:
        if unit == "wd":
            return timedelta(days=amount)
        return {"m": timedelta(minutes=amount), "h": timedelta(hours=amount)}.get(
            unit, timedelta(days=amount)
        )
    except OverflowError as exc:  # a typo such as 99999999999d
        raise ValueError(f"时长过长 / duration too long: {text!r}") from exc


def parse_schedule(text: str) -> Schedule:
    """Parse a schedule string; raise ValueError with a bilingual message when invalid."""
    parts = text.split()
    kind = parts[0] if parts else ""
    try:
        if kind == "every" and len(parts) == 2 and not parts[1].endswith("wd"):
            every = parse_duration(parts[1])
            if every < timedelta(minutes=1):
                raise ValueError("间隔至少 1 分钟 / interval must be at least 1m")
            return Schedule("every", every=every, text=text)
        if kind == "daily" and len(parts) == 2:
            return Schedule("daily", at=_parse_time(parts[1]), text=text)
        if kind == "weekly" and len(parts) == 3 and parts[1].lower() in WEEKDAYS:
            weekday = WEEKDAYS.index(parts[1].lower())
            return Schedule("weekly", at=_parse_time(parts[2]), weekday=weekday, text=text)
        if kind == "monthly" and len(parts) == 3 and parts[1].isdigit():
            day = int(parts[1])
            if not 1 <= day <= 28:
                raise ValueError("每月日期须在 1–28 / day of month must be 1..28")
            return Schedule("monthly", at=_parse_time(parts[2]), day=day, text=text)
        if kind == "yearly" and len(parts) == 3:
            month, day = (int(x) for x in parts[1].split("-"))
            date(2001, month, day)  # raises ValueError for 02-30 and friends
            if day > 28 and month == 2:
                raise ValueError("日期无效 / invalid date")
            return Schedule("yearly", at=_parse_time(parts[2]), month=month, day=day, text=text)
    except (ValueError, OverflowError) as exc:  # OverflowError: date(2001, 10**20, 1)
        raise ValueError(f"无效的计划 {text!r} / invalid schedule: {exc}") from exc
    raise ValueError(
        f"无效的计划 {text!r} / invalid schedule; use 'every 5m', 'daily 08:00', "
        "'weekly mon 08:00', 'monthly 1 08:00' or 'yearly 01-05 08:00'"
    )


def _candidate(schedule: Schedule, local: datetime, back: int) -> datetime:
    """The fire time `back` periods before the period containing `local` (naive local)."""
    at = schedule.at
    if schedule.kind == "daily":
        return datetime.combine(local.date() - timedelta(days=back), at)
    if schedule.kind == "weekly":
        monday = local.date() - timedelta(days=local.weekday())
        return datetime.combine(monday + timedelta(days=schedule.weekday - 7 * back), at)
    if schedule.kind == "monthly":
        index = local.year * 12 + local.month - 1 - back
        return datetime.combine(date(index // 12, index % 12 + 1, schedule.day), at)
    return datetime.combine(date(local.year - back, schedule.month, schedule.day), at)


def period_key(schedule: Schedule, fire_local: datetime) -> str:
    """The idempotency key of the period a fire time belongs to."""
    if schedule.kind == "every":
        return fire_local.strftime("%Y-%m-%dT%H:%M")
    if schedule.kind == "daily":
        return fire_local.date().isoformat()
    if schedule.kind == "weekly":
        year, week, _ = fire_local.isocalendar()
        return f"{year}-W{week:02d}"
    if schedule.kind == "monthly":
        return fire_local.strftime("%Y-%m")
    return str(fire_local.year)


def latest_fire(schedule: Schedule, now: datetime, tz: ZoneInfo) -> tuple[datetime, str]:
    """The most recent fire time at or before `now` (aware, in `tz`) and its period key."""
    if schedule.kind == "every":
        slots = (now - _EPOCH) // schedule.every
        fire = (_EPOCH + slots * schedule.every).astimezone(tz)
        return fire, period_key(schedule, fire)
    local = now.astimezone(tz).replace(tzinfo=None)
    for back in range(3):
        candidate = _candidate(schedule, local, back)
        if candidate <= local:
            fire = candidate.replace(tzinfo=tz)
            return fire, period_key(schedule, fire)
    raise AssertionError("unreachable: a fire time lies within three periods")


def next_fire(schedule: Schedule, now: datetime, tz: ZoneInfo) -> datetime:
    """The first fire time strictly after `now` (aware, in `tz`)."""
    if schedule.kind == "every":
        return latest_fire(schedule, now, tz)[0] + schedule.every
    local = now.astimezone(tz).replace(tzinfo=None)
    upcoming = (_candidate(schedule, local, back) for back in (0, -1))
    return min(c for c in upcoming if c > local).replace(tzinfo=tz)


def add_duration(start: datetime, spec: str, tz: ZoneInfo) -> datetime:
    """`start` plus '15m' / '4h' / '2d' (calendar) or '5wd' (working days, Mon–Fri, local)."""
    match = _DURATION.fullmatch(spec.strip())
    if match and match[2] == "wd":
        local = start.astimezone(tz)
        remaining = int(match[1])
        while remaining:
            local = (local.replace(tzinfo=None) + timedelta(days=1)).replace(tzinfo=tz)
            if local.weekday() < 5:
                remaining -= 1
        return local
    return start + parse_duration(spec)


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: [start, end) in local time, with a Chinese label."""

    kind: str  # week | month | year
    start: datetime
    end: datetime
    label: str


def report_period(kind: str, now: datetime, tz: ZoneInfo, *, current: bool = False) -> Period:
    """The last complete week/month/year before `now` (or the current one when `current`)."""
    local = now.astimezone(tz)
    today = local.date()
    if kind == "week":
        start_d = today - timedelta(days=today.weekday()) - timedelta(days=0 if current else 7)
        end_d = start_d + timedelta(days=7)
        year, week, _ = start_d.isocalendar()
        label = f"{year} 年第 {week} 周"
    elif kind == "month":
        index = today.year * 12 + today.month - 1 - (0 if current else 1)
        start_d = date(index // 12, index % 12 + 1, 1)
        end_d = date((index + 1) // 12, (index + 1) % 12 + 1, 1)
        label = f"{start_d.year} 年 {start_d.month} 月"
    elif kind == "year":
        year = today.year - (0 if current else 1)
        start_d, end_d = date(year, 1, 1), date(year + 1, 1, 1)
        label = f"{year} 年度"
    else:
        raise ValueError(f"未知周期 {kind!r} / unknown period (week, month, year)")
    return Period(
        kind,
        datetime.combine(start_d, time(0), tzinfo=tz),
        datetime.combine(end_d, time(0), tzinfo=tz),
        label,
    )
