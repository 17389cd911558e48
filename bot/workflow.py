"""The privacy-complaint / dispute case workflow of domain.md §D2 (pure stage machine).

intake → verification → investigation → plan → approval → implementation → follow_up → closed.
Each move checks what the stage needs (the investigation needs linked findings and sealed
evidence, approval needs a configured approver, closure needs a cause and feedback to the
complainant); an approval may send the plan back. Deadlines and reminders are per stage.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.schedule import add_duration

STAGES = (
    "intake", "verification", "investigation", "plan", "approval", "implementation",
    "follow_up", "closed",
)
STAGE_ZH = {
    "intake": "受理登记", "verification": "初步核实", "investigation": "调查取证",
    "plan": "处理方案", "approval": "审批", "implementation": "整改落实",
    "follow_up": "反馈随访", "closed": "已结案",
}
CHANNELS = ("in_person", "phone", "letter", "online", "chat", "other")
DEFAULT_DEADLINES = {
    "intake": "1wd", "verification": "2wd", "investigation": "5wd", "plan": "2wd",
    "approval": "2wd", "implementation": "5wd", "follow_up": "10wd",
}
# What a stage must have recorded before the case may leave it.
REQUIRED = {
    "intake": ("complainant", "received_at", "matter", "channel"),
    "verification": ("verification",),
    "investigation": ("findings", "evidence_bundle"),
    "plan": ("plan",),
    "implementation": ("implementation",),
    "follow_up": ("feedback", "cause"),
}


class WorkflowError(ValueError):
    """A move the workflow does not allow; the message is for the user (Chinese first)."""


@dataclass(frozen=True, slots=True)
class Event:
    """One recorded move: the case entered `stage` at `at`, by `actor`."""

    stage: str
    at: datetime
    actor: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class CaseState:
    """A case as the stage machine sees it."""

    case_id: str
    stage: str
    stage_since: datetime
    data: Mapping[str, object] = field(default_factory=dict)
    history: tuple[Event, ...] = ()


def open_case(case_id: str, intake: Mapping[str, object], actor: str, now: datetime) -> CaseState:
    """A new case at intake; complainant, received_at, matter and channel are required."""
    missing = [k for k in REQUIRED["intake"] if not intake.get(k)]
    if missing:
        names = ", ".join(missing)
        raise WorkflowError(f"受理登记缺少：{names} / intake is missing {names}")
    if intake["channel"] not in CHANNELS:
        raise WorkflowError(f"未知投诉渠道 / channel must be one of {CHANNELS}")
    return CaseState(case_id, "intake", now, dict(intake), (Event("intake", now, actor),))


def record(state: CaseState, updates: Mapping[str, object]) -> CaseState:
    """The case with more facts recorded at its current stage (no move)."""
    if state.stage == "closed":
        raise WorkflowError("案件已结案，不能再修改 / the case is closed")
    return replace(state, data={**state.data, **updates})


def advance(
    state: CaseState,
    actor: str,
    now: datetime,
    *,
    approvers: Sequence[str] = (),
    approve: bool = True,
    causes: Sequence[str] = (),
    note: str = "",
) -> CaseState:
    """Move the case to its next stage, checking what the current stage requires."""
    stage = state.stage
    if stage == "closed":
        raise WorkflowError("案件已结案 / the case is already closed")
    missing = [k for k in REQUIRED.get(stage, ()) if not state.data.get(k)]
    if missing:
        names = ", ".join(missing)
        raise WorkflowError(
            f"{STAGE_ZH[stage]}阶段缺少：{names} / stage {stage} is missing {names}")
    if stage == "follow_up" and causes and state.data.get("cause") not in causes:
        raise WorkflowError(f"原因分类须为 {list(causes)} 之一 / cause must be one of {causes}")
    target = STAGES[STAGES.index(stage) + 1]
    if stage == "approval":
        if actor not in approvers:
            raise WorkflowError("只有指定审批人可以审批 / only a configured approver may approve")
        target = "implementation" if approve else "plan"
    event = Event(target, now, actor, note)
    return replace(state, stage=target, stage_since=now, history=(*state.history, event))


def stage_deadline(
    state: CaseState, deadlines: Mapping[str, str], tz: ZoneInfo
) -> datetime | None:
    """When the current stage is due, or None for a closed case."""
    if state.stage == "closed":
        return None
    spec = deadlines.get(state.stage, DEFAULT_DEADLINES[state.stage])
    return add_duration(state.stage_since, spec, tz)


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder to send once: `key` is its idempotency key."""

    case_id: str
    stage: str
    kind: str  # due_soon | overdue
    due_at: datetime
    key: str


def due_reminders(
    states: Iterable[CaseState],
    deadlines: Mapping[str, str],
    now: datetime,
    tz: ZoneInfo,
    remind_before: str = "1d",
) -> list[Reminder]:
    """Reminders due at `now`: once when a stage's deadline is near, once when it has passed."""
    out: list[Reminder] = []
    for state in states:
        due = stage_deadline(state, deadlines, tz)
        if due is None:
            continue
        entered = state.stage_since.isoformat()
        if now >= due:
            kind = "overdue"
        elif add_duration(now, remind_before, tz) >= due:
            kind = "due_soon"
        else:
            continue
        key = f"case:{state.case_id}:{state.stage}:{entered}:{kind}"
        out.append(Reminder(state.case_id, state.stage, kind, due, key))
    return out


def reminder_text(reminder: Reminder, tz: ZoneInfo) -> str:
    """The reminder message: Chinese first."""
    due = reminder.due_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    stage = STAGE_ZH[reminder.stage]
    if reminder.kind == "overdue":
        zh = f"⏰ 案件 {reminder.case_id} 的“{stage}”阶段已超期（时限 {due}），请尽快处理。"
    else:
        zh = f"⏰ 案件 {reminder.case_id} 的“{stage}”阶段将于 {due} 到期。"
    return f"{zh}\nCase {reminder.case_id}: stage {reminder.stage} {reminder.kind} ({due})."


def stage_durations(state: CaseState) -> dict[str, float]:
    """Hours spent in each stage (summed over revisits), from the case history."""
    hours: dict[str, float] = defaultdict(float)
    for current, following in zip(state.history, state.history[1:], strict=False):
        hours[current.stage] += (following.at - current.at).total_seconds() / 3600
    return dict(hours)


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """The periodic summary of closed cases: counts by cause, median hours per stage."""

    closed: int
    by_cause: dict[str, int]
    median_stage_hours: dict[str, float]
    overdue_stages: dict[str, int]


def summarize_closed(
    states: Iterable[CaseState], deadlines: Mapping[str, str], tz: ZoneInfo
) -> CaseSummary:
    """Classify closed cases by cause and stage duration (and count late stages)."""
    closed = [s for s in states if s.stage == "closed"]
    causes = Counter(str(s.data.get("cause", "other")) for s in closed)
    per_stage: dict[str, list[float]] = defaultdict(list)
    overdue: Counter[str] = Counter()
    for state in closed:
        for stage, hours in stage_durations(state).items():
            per_stage[stage].append(hours)
        for current, following in zip(state.history, state.history[1:], strict=False):
            spec = deadlines.get(current.stage, DEFAULT_DEADLINES.get(current.stage, "1d"))
            if following.at > add_duration(current.at, spec, tz):
                overdue[current.stage] += 1
    medians = {
        stage: round(statistics.median(per_stage[stage]), 1)
        for stage in STAGES if stage in per_stage
    }
    return CaseSummary(len(closed), dict(causes.most_common()), medians, dict(overdue))


def summary_text(summary: CaseSummary, label: str) -> str:
    """The summary as a short Chinese message."""
    lines = [f"📋 {label}结案汇总：共 {summary.closed} 件"]
    lines += [f"· 原因 {cause}：{count} 件" for cause, count in summary.by_cause.items()]
    for stage, hours in summary.median_stage_hours.items():
        late = summary.overdue_stages.get(stage, 0)
        suffix = f"（超期 {late} 次）" if late else ""
        lines.append(f"· {STAGE_ZH[stage]} 中位用时 {hours} 小时{suffix}")
    return "\n".join(lines)
