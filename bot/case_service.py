"""Complaint / dispute cases for the CLI and the bot's private chat (no Telegram here).

Each function is one step of domain.md §D2, checked by the pure stage machine
(`bot.workflow`) and stored, chained, by `storage.workflow` and `storage.cases`.
Replies are Chinese first; nothing here logs a complainant's details.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.schedule import report_period
from bot.workflow import (
    STAGE_ZH,
    CaseState,
    Event,
    advance,
    open_case,
    record,
    stage_deadline,
    summarize_closed,
    summary_text,
)
from storage import cases, workflow
from storage.db import Store
from storage.errors import NotFoundError

FIELDS_ZH = {
    "complainant": "投诉人", "received_at": "受理时间", "matter": "事项", "channel": "渠道",
    "verification": "初步核实", "findings": "关联发现", "messages": "关联消息",
    "evidence_bundle": "封存证据", "plan": "处理方案", "implementation": "整改落实",
    "feedback": "反馈情况", "cause": "原因分类",
}
RECORDABLE = ("verification", "plan", "implementation", "feedback", "cause", "note")
CaseKey = str | int
"""How a caller names a case: its reference (`投诉-2026-0001`) or the internal id."""


def case_state(row: workflow.CaseRow) -> CaseState:
    """One stored case as a pure workflow state, named by its internal id (reminder keys use
    it)."""
    history = tuple(Event(stage, at, actor, note) for stage, at, actor, note in row.history)
    return CaseState(str(row.case_id), row.stage, row.stage_since, row.data, history)


def _load(session: Any, key: CaseKey) -> workflow.CaseRow:
    """The workflow of a case named by reference or id; a clear error for an evidence case."""
    case = cases.find_case(session, key)
    try:
        return workflow.load(session, case.id)
    except NotFoundError:
        raise NotFoundError(f"案件 {case.reference} 是证据保全案件，没有投诉处理流程 / "
                            f"{case.reference} is an evidence case, not a complaint") from None


def reference_of(store: Store, key: CaseKey) -> str:
    """The reference people cite for a case named by reference or id (`投诉-2026-0001`)."""
    with store.begin() as session:
        return cases.find_case(session, key).reference


def intake(store: Store, settings: Settings, fields: dict[str, Any], actor: str,
           now: datetime) -> str:
    """Register a complaint (intake); return its reference, e.g. `投诉-2026-0001`."""
    state = open_case("new", fields, actor, now)  # validates the intake fields
    title = f"投诉/纠纷：{str(fields['matter'])[:40]}"
    with store.begin() as session:
        case_id = workflow.open_case(session, title, actor, dict(state.data), now)
        return cases.get_case(session, case_id).reference


def add_facts(store: Store, key: CaseKey, updates: dict[str, Any], now: datetime) -> None:
    """Record facts at the case's current stage (verification notes, plan, feedback…)."""
    unknown = sorted(set(updates) - set(RECORDABLE))
    if unknown:
        raise ValueError(f"不能直接记录 {unknown}；可记录：{RECORDABLE} / not recordable")
    with store.begin() as session:
        row = _load(session, key)
        state = record(case_state(row), updates)
        workflow.save(session, row.case_id, state.stage, state.stage_since, dict(state.data), now)


def link(store: Store, key: CaseKey, *, findings: list[int], messages: list[int],
         actor: str, now: datetime) -> int:
    """Link findings and messages to the case; messages go under legal hold at once."""
    with store.begin() as session:
        row = _load(session, key)
        case_id = row.case_id
        data = dict(row.data)
        data["findings"] = sorted({*data.get("findings", []), *findings})
        data["messages"] = sorted({*data.get("messages", []), *messages})
        added = cases.add_messages(session, case_id, messages, actor=actor) if messages else 0
        state = record(case_state(row), data)
        workflow.save(session, case_id, state.stage, state.stage_since, dict(state.data), now)
    return added


def seal_evidence(store: Store, settings: Settings, key: CaseKey, actor: str, reason: str,
                  out_dir: Path, now: datetime) -> cases.SealResult:
    """Seal the linked messages into an evidence bundle; return where it is and its SHA-256."""
    with store.begin() as session:
        row = _load(session, key)
        sealed = cases.seal(session, row.case_id, actor=actor, reason=reason, out_dir=out_dir,
                            timezone=settings.timezone)
        data = {**row.data, "evidence_bundle": sealed.sha256, "bundle_file": str(sealed.path)}
        workflow.save(session, row.case_id, row.stage, row.stage_since, data, now)
    return sealed


def move_on(store: Store, settings: Settings, key: CaseKey, actor: str, now: datetime, *,
            approve: bool = True, note: str = "") -> str:
    """Advance the case to its next stage (approval needs a configured approver)."""
    with store.begin() as session:
        row = _load(session, key)
        state = advance(case_state(row), actor, now, approvers=[str(a) for a in
                                                            settings.cases.approvers],
                        approve=approve, causes=settings.cases.causes, note=note)
        workflow.save(session, row.case_id, state.stage, state.stage_since, dict(state.data),
                      now, actor=actor, note=note)
    return state.stage


def describe(store: Store, settings: Settings, key: CaseKey) -> str:
    """A case's stage, deadline, facts and history as Chinese text."""
    tz = ZoneInfo(settings.timezone)
    with store.begin() as session:
        row = _load(session, key)
    due = stage_deadline(case_state(row), settings.cases.stage_deadlines, tz)
    lines = [f"案件 {row.reference}　{row.title}",
             f"当前阶段：{STAGE_ZH[row.stage]}（{row.stage}）"]
    if due is not None:
        lines.append(f"本阶段时限：{due.astimezone(tz):%Y-%m-%d %H:%M}")
    lines += [f"{FIELDS_ZH.get(k, k)}：{v}" for k, v in row.data.items() if k != "bundle_file"]
    lines.append("处理记录：")
    lines += [f"· {at.astimezone(tz):%Y-%m-%d %H:%M} {STAGE_ZH.get(stage, stage)}（{actor}）"
              + (f"：{note}" if note else "") for stage, at, actor, note in row.history]
    return "\n".join(lines)


def listing(store: Store, settings: Settings, *, open_only: bool = True) -> str:
    """One line per case: reference, stage, deadline, title."""
    tz = ZoneInfo(settings.timezone)
    with store.begin() as session:
        rows = workflow.list_cases(session, open_only=open_only)
    if not rows:
        return "暂无案件 / no cases"
    out = []
    for row in rows:
        due = stage_deadline(case_state(row), settings.cases.stage_deadlines, tz)
        when = f"{due.astimezone(tz):%m-%d %H:%M}" if due else "—"
        out.append(f"{row.reference}　{STAGE_ZH[row.stage]}　时限 {when}　{row.title}")
    return "\n".join(out)


def month_summary(store: Store, settings: Settings, now: datetime) -> str:
    """This month's closed cases by cause and median stage durations."""
    tz = ZoneInfo(settings.timezone)
    month = report_period("month", now, tz, current=True)
    with store.begin() as session:
        closed = [case_state(row) for row in workflow.list_cases(session)
                  if row.stage == "closed" and month.start <= row.stage_since < month.end]
    return summary_text(summarize_closed(closed, settings.cases.stage_deadlines, tz),
                        month.label)
