"""Escalation of unanswered alerts along the configured chain (pure: no Telegram, no DB).

Chain (default): department head → medical affairs → compliance lead. Each level has a deadline
that counts only outside that level's quiet hours, in the hospital's time zone; a step to a level
that is in its quiet hours waits for them to end, unless the alert is critical. Critical alerts
(severity critical or a listed rule) start at the configured level (medical affairs) at once.
A "升级/Escalate" press moves the alert up one level immediately; "确认" or "误报" stops it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.texts import severity_name

RESOLVING = frozenset({"ack", "false_positive"})
DUTY_ZH = {
    "department_head": "科室负责人",
    "medical_affairs": "医务处",
    "compliance_lead": "合规负责人",
    "compliance": "合规专员",
}


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily local window [start, end); it crosses midnight when end <= start."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """Parse 'HH:MM-HH:MM'; raise ValueError naming the bad value."""
        try:
            left, right = text.split("-")
            start, end = (time.fromisoformat(x.strip()) for x in (left, right))
        except ValueError as exc:
            raise ValueError(
                f"免打扰时段应为 HH:MM-HH:MM / quiet hours must be HH:MM-HH:MM, got {text!r}"
            ) from exc
        if start == end:
            raise ValueError(f"免打扰时段不能为空 / empty quiet hours {text!r}")
        return cls(start, end)

    def window_around(self, local: datetime) -> tuple[datetime, datetime] | None:
        """The quiet window containing naive-local `local`, or None."""
        for day in (local.date() - timedelta(days=1), local.date()):
            begin = datetime.combine(day, self.start)
            finish = datetime.combine(day + timedelta(days=self.end <= self.start), self.end)
            if begin <= local < finish:
                return begin, finish
        return None

    def next_start(self, local: datetime) -> datetime:
        """The first window start strictly after naive-local `local`."""
        today = datetime.combine(local.date(), self.start)
        return today if today > local else today + timedelta(days=1)


def _quiet_end(quiet: Sequence[QuietHours], local: datetime) -> datetime | None:
    ends = [w[1] for q in quiet if (w := q.window_around(local)) is not None]
    return max(ends) if ends else None


def skip_quiet(at: datetime, quiet: Sequence[QuietHours], tz: ZoneInfo) -> datetime:
    """`at` itself, or the end of the quiet hours it falls in (aware in, aware out)."""
    local = at.astimezone(tz).replace(tzinfo=None)
    while (end := _quiet_end(quiet, local)) is not None:
        local = end
    return local.replace(tzinfo=tz)


def deadline_after(
    start: datetime, minutes: int, quiet: Sequence[QuietHours], tz: ZoneInfo
) -> datetime:
    """`start` plus `minutes` of clock time outside the quiet hours, in local time."""
    local = skip_quiet(start, quiet, tz).replace(tzinfo=None)
    remaining = timedelta(minutes=minutes)
    while True:
        starts = [q.next_start(local) for q in quiet]
        free_until = min(starts) if starts else None
        if free_until is None or local + remaining <= free_until:
            return (local + remaining).replace(tzinfo=tz)
        remaining -= free_until - local
        local = skip_quiet(free_until.replace(tzinfo=tz), quiet, tz).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class Level:
    """One level of the chain: who (a roster duty), how long they have, when not to disturb."""

    duty: str
    deadline_minutes: int
    quiet_hours: tuple[QuietHours, ...] = ()


@dataclass(frozen=True, slots=True)
class Policy:
    """The escalation chain and its overrides, built from settings."""

    levels: tuple[Level, ...]
    critical_level: int = 1
    critical_rules: frozenset[str] = frozenset()
    rule_deadlines: dict[str, int] = field(default_factory=dict)
    department_deadlines: dict[str, int] = field(default_factory=dict)
    department_names: dict[str, str] = field(default_factory=dict)  # roster id → display name

    def department_label(self, department: str) -> str:
        """The roster's display name of a department id ('未指定' when there is none)."""
        return self.department_names.get(department, department) or "未指定"

    def is_critical(self, alert: AlertState) -> bool:
        """Critical findings skip the first level (a gift accepted, another patient's record)."""
        return alert.severity == "critical" or alert.rule_id in self.critical_rules

    def first_level(self, alert: AlertState) -> int:
        """The level an alert starts at."""
        return self.critical_level if self.is_critical(alert) else 0

    def deadline_minutes(self, alert: AlertState, level: int) -> int:
        """A rule's deadline wins over its department's, which wins over the level's."""
        if level == 0:
            if alert.rule_id in self.rule_deadlines:
                return self.rule_deadlines[alert.rule_id]
            if alert.department in self.department_deadlines:
                return self.department_deadlines[alert.department]
        return self.levels[level].deadline_minutes


@dataclass(frozen=True, slots=True)
class AlertState:
    """What the planner needs to know about one alert; no message text, no personal data."""

    alert_id: str
    created_at: datetime
    rule_id: str
    severity: str
    category: str = ""
    department: str = ""
    level: int | None = None  # None: never escalated, still with its first recipients
    level_since: datetime | None = None
    decision: str | None = None  # latest ack decision: ack | false_positive | escalate
    decided_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """One escalation to perform: move `alert_id` from level `source` to `target`."""

    alert_id: str
    source: int | None
    target: int
    due_at: datetime
    reason: str  # critical | deadline | manual
    next_deadline: datetime | None


def _step_for(alert: AlertState, policy: Policy, now: datetime, tz: ZoneInfo) -> Step | None:
    last = len(policy.levels) - 1
    first = policy.first_level(alert)
    level = first if alert.level is None else alert.level
    since = alert.level_since or alert.created_at
    if alert.decision in RESOLVING:
        return None
    if alert.level is None and first > 0:
        due, reason, source = alert.created_at, "critical", None
    elif (
        alert.decision == "escalate"
        and alert.decided_at is not None
        and alert.decided_at >= since
        and level < last
    ):
        due, reason, source = alert.decided_at, "manual", level
    elif level < last:
        due = deadline_after(since, policy.deadline_minutes(alert, level),
                             policy.levels[level].quiet_hours, tz)
        reason, source = "deadline", level
        if not policy.is_critical(alert):
            due = skip_quiet(due, policy.levels[level + 1].quiet_hours, tz)
    else:
        return None
    if due > now:
        return None
    target = first if reason == "critical" else level + 1
    following = None
    if target < last:
        following = deadline_after(now, policy.deadline_minutes(alert, target),
                                   policy.levels[target].quiet_hours, tz)
    return Step(alert.alert_id, source, target, due, reason, following)


def plan_escalations(
    alerts: Iterable[AlertState], policy: Policy, now: datetime, tz: ZoneInfo
) -> list[Step]:
    """Every escalation due at `now`, one level per alert per scan, in alert order."""
    steps = (_step_for(alert, policy, now, tz) for alert in alerts)
    return [step for step in steps if step is not None]


def escalation_text(step: Step, alert: AlertState, policy: Policy, tz: ZoneInfo) -> str:
    """The message for the new level: Chinese first, no message text or personal data."""
    duty = policy.levels[step.target].duty
    why = {"critical": "严重事件，直接上报", "deadline": "超时未确认", "manual": "人工升级"}
    created = alert.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    lines = [
        f"⚠️ 告警升级至{DUTY_ZH.get(duty, duty)}（{why[step.reason]}）",
        f"告警编号：{alert.alert_id}",
        f"规则：{alert.rule_id}（{severity_name(alert.severity)}）",
        f"科室：{policy.department_label(alert.department)}　发生时间：{created}",
    ]
    if step.next_deadline is not None:
        deadline = step.next_deadline.astimezone(tz).strftime("%m-%d %H:%M")
        lines.append(f"请于 {deadline} 前确认，否则将继续升级。")
    lines.append(f"Alert {alert.alert_id} escalated ({step.reason}); please acknowledge.")
    return "\n".join(lines)


def reminder_text(step: Step, alert: AlertState, policy: Policy) -> str:
    """The reminder to the level that let the deadline pass."""
    duty = policy.levels[step.target].duty
    return (
        f"提醒：告警 {alert.alert_id}（{alert.rule_id}）未在时限内确认，"
        f"已升级至{DUTY_ZH.get(duty, duty)}。仍可在告警消息中点击“确认”或“误报”。\n"
        f"Reminder: alert {alert.alert_id} was not acknowledged in time and has been escalated."
    )
