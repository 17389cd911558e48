"""The bodies of the scheduled jobs. Each runs inside the transaction that marks its run done,
so its notices, escalations and records commit together with that mark, or not at all.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.case_service import case_state
from bot.config import Settings
from bot.escalation import (
    AlertState,
    Level,
    Policy,
    QuietHours,
    escalation_text,
    plan_escalations,
    reminder_text,
)
from bot.jobrunner import JobContext, JobSpec, spec
from bot.reports.aggregate import ReportData, build_report, digest_text
from bot.reports.write import write_report_files
from bot.schedule import parse_duration, report_period
from bot.workflow import CaseState, due_reminders, summarize_closed, summary_text
from bot.workflow import reminder_text as case_reminder_text
from storage import chain, checkpoints, escalations, retention, stats, workflow
from storage import jobs as jobstore

log = logging.getLogger(__name__)
ALERT_WINDOW = timedelta(days=30)  # alerts older than this are not escalated any more


def minutes(spec_text: str) -> int:
    """A duration setting in whole minutes."""
    return int(parse_duration(spec_text).total_seconds() // 60)


def build_policy(settings: Settings) -> Policy:
    """The pure escalation policy from the settings."""
    esc = settings.escalation
    levels = tuple(
        Level(level.duty, minutes(level.deadline),
              tuple(QuietHours.parse(q) for q in level.quiet_hours))
        for level in esc.chain
    )
    duties = [level.duty for level in esc.chain]
    return Policy(
        levels=levels,
        critical_level=duties.index(esc.critical_start),
        critical_rules=frozenset(esc.critical_rules),
        rule_deadlines={k: minutes(v) for k, v in esc.rule_deadlines.items()},
        department_deadlines={k: minutes(v) for k, v in esc.department_deadlines.items()},
        department_names={d.id: d.name for d in settings.roster.departments},
    )


def people_with(settings: Settings, duty: str, department: str | None = None) -> list[int]:
    """Telegram ids of people with `duty` (department heads: of `department`)."""
    found = [
        p.telegram_id for p in settings.roster.people
        if duty in p.duties
        and (duty != "department_head" or not department or p.department == department)
    ]
    return list(dict.fromkeys(found))


def department_name(settings: Settings, department: str) -> str:
    """The configured name of a department id (the id itself when unknown)."""
    for dept in settings.roster.departments:
        if dept.id == department:
            return dept.name
    return department or "全院"


def alert_state(row: escalations.AlertRow) -> AlertState:
    """The pure escalation view of a stored alert."""
    return AlertState(str(row.alert_seq), row.created_at, row.rule_id, row.severity,
                      department=row.department, level=row.level, level_since=row.level_since,
                      decision=row.decision, decided_at=row.decided_at)


def escalation_scan(
    ctx: JobContext, session: Any, period: str, fire: datetime, _prepared: Any = None
) -> str:
    """Escalate every overdue alert one level; notify the new level, remind the old one."""
    now, settings = ctx.clock(), ctx.settings
    policy = build_policy(settings)
    rows = {str(r.alert_seq): r for r in escalations.open_alerts(session, now - ALERT_WINDOW)}
    states = {key: alert_state(row) for key, row in rows.items()}
    steps = plan_escalations(states.values(), policy, now, ctx.tz)
    done = 0
    for step in steps:
        alert, row = states[step.alert_id], rows[step.alert_id]
        duty = policy.levels[step.target].duty
        seq = escalations.record_escalation(session, row.alert_seq, step.target, duty,
                                            step.reason, now)
        if seq is None:
            continue
        done += 1
        if step.reason == "manual" and duty == "medical_affairs":
            continue  # the 升级 button already messaged medical affairs; this records it
        for chat in people_with(settings, duty, row.department) or _fallback(settings):
            jobstore.enqueue_notice(session, f"esc:{row.alert_seq}:{step.target}:{chat}", chat,
                                    escalation_text(step, alert, policy, ctx.tz), now)
        if step.source is not None:
            previous = policy.levels[step.source].duty
            for chat in people_with(settings, previous, row.department):
                jobstore.enqueue_notice(session, f"escrem:{row.alert_seq}:{step.target}:{chat}",
                                        chat, reminder_text(step, alert, policy), now)
    return f"{done} escalated of {len(rows)} open alerts"


def _fallback(settings: Settings) -> list[int]:
    operator = settings.telegram.operator_chat_id
    return [operator] if operator is not None else []


def daily_digest(
    ctx: JobContext, session: Any, period: str, fire: datetime, _prepared: Any = None
) -> str:
    """Yesterday's findings per department, to that department's heads."""
    settings = ctx.settings
    if not settings.digest.enabled:
        return "disabled"
    start, end = fire - timedelta(days=1), fire
    open_rows = escalations.open_alerts(session, fire - timedelta(days=7))
    names = {p.telegram_id: p.name for p in settings.roster.people}
    sent = 0
    for dept in settings.roster.departments:
        facts = stats.finding_facts(session, start, end, department=dept.id)
        unanswered = [r for r in open_rows if r.department == dept.id and r.decision is None]
        text = digest_text(
            facts, len(unanswered), dept.name,
            start.astimezone(ctx.tz).strftime("%Y-%m-%d"), top=settings.digest.top_senders,
            staff_name=lambda key: names.get(int(key)) if key.isdigit() else None,
        )
        for chat in people_with(settings, "department_head", dept.id):
            sent += jobstore.enqueue_notice(session, f"digest:{period}:{dept.id}:{chat}", chat,
                                            text, ctx.clock())
    return f"{sent} digests"


def collect_report(ctx: JobContext, session: Any, kind: str, fire: datetime,
                   department: str | None, *, current: bool = False) -> ReportData:
    """Read one report's facts (department, or hospital when None) and aggregate them."""
    settings, tz = ctx.settings, ctx.tz
    period = report_period(kind, fire, tz, current=current)
    previous = report_period(kind, period.start, tz)
    facts = stats.finding_facts(session, period.start, period.end, department)
    before = stats.finding_facts(session, previous.start, previous.end, department)
    scope = department_name(settings, department) if department else "全院"
    cases = [] if department else case_lines(ctx, session, period.start, period.end)
    return build_report(facts, before, period, scope, tz, now=ctx.clock(),
                        deadline_minutes=minutes(settings.escalation.chain[0].deadline),
                        cases=cases)


def summary_line(data: ReportData) -> str:
    """The caption sent with a report's PDF."""
    totals = data.totals
    return f"{data.title}：发现 {totals['findings']} 条，误报 {totals['false_positives']} 条"


def report_recipients(settings: Settings, department: str | None) -> list[int]:
    """Who receives a report: configured duties for the hospital, heads for a department."""
    if department is None:
        chats = [c for duty in settings.reports.recipient_duties
                 for c in people_with(settings, duty)]
    elif settings.reports.include_department_heads:
        chats = people_with(settings, "department_head", department)
    else:
        chats = []
    return list(dict.fromkeys(chats))


def periodic_report(kind: str) -> tuple[Any, Any]:
    """(prepare, work) for weekly, monthly or annual reports.

    Rendering happens in `prepare`, outside the run's transaction, into files named after the
    period (a re-run overwrites them); `work` then enqueues the notices and marks the run done.
    """

    def prepare(ctx: JobContext, period: str, fire: datetime) -> list[tuple[str | None, str, str]]:
        settings = ctx.settings
        scopes: list[str | None] = [None, *(d.id for d in settings.roster.departments)]
        with ctx.store.begin() as session:  # short: reads only, the lock is not held to render
            datas = [(dept, collect_report(ctx, session, kind, fire, dept)) for dept in scopes]
        out_dir = Path(settings.reports.output_dir)
        made = []
        for department, data in datas:
            written = write_report_files(data, out_dir, ctx.tz, settings.reports.font_path)
            if written.pdf is None:  # no CJK font: send the HTML page, and say why
                log.warning("%s", written.font_problem)
            made.append((department, str(written.pdf or written.html), summary_line(data)))
        return made

    def work(ctx: JobContext, session: Any, period: str, fire: datetime,
             made: list[tuple[str | None, str, str]]) -> str:
        for department, pdf_path, line in made:
            for chat in report_recipients(ctx.settings, department):
                key = f"report:{kind}:{period}:{department or 'all'}:{chat}"
                jobstore.enqueue_notice(session, key, chat, f"📄 {line}", ctx.clock(),
                                        document=pdf_path)
        return f"{len(made)} reports in {ctx.settings.reports.output_dir}"

    return prepare, work


def case_states(session: Any, *, open_only: bool) -> list[CaseState]:
    """Stored cases as pure workflow states, named by internal id (reminder keys use it)."""
    return [case_state(row) for row in workflow.list_cases(session, open_only=open_only)]


def case_lines(ctx: JobContext, session: Any, start: datetime, end: datetime) -> list[str]:
    """The case summary of cases closed in [start, end), as report lines."""
    closed = [s for s in case_states(session, open_only=False)
              if s.stage == "closed" and start <= s.stage_since < end]
    if not closed:
        return []
    summary = summarize_closed(closed, ctx.settings.cases.stage_deadlines, ctx.tz)
    return summary_text(summary, "").splitlines()


def case_reminders(
    ctx: JobContext, session: Any, period: str, fire: datetime, _prepared: Any = None
) -> str:
    """Remind case handlers once when a stage is near its deadline, once when overdue."""
    settings, now = ctx.settings, ctx.clock()
    rows = workflow.list_cases(session, open_only=True)
    states = [case_state(row) for row in rows]
    cited = {str(row.case_id): row.reference for row in rows}
    reminders = due_reminders(states, settings.cases.stage_deadlines, now, ctx.tz,
                              settings.cases.remind_before)
    sent = 0
    for reminder in reminders:
        chats = (list(settings.cases.approvers) if reminder.stage == "approval"
                 else people_with(settings, "medical_affairs"))
        # the key keeps the internal id (a reminder sent before references is not sent again);
        # the text names the case as people cite it, 投诉-2026-0001
        text = case_reminder_text(replace(reminder, case_id=cited[reminder.case_id]), ctx.tz)
        for chat in chats or _fallback(settings):
            sent += jobstore.enqueue_notice(session, f"{reminder.key}:{chat}", chat, text, now)
    return f"{sent} reminders for {len(states)} open cases"


def case_summary(
    ctx: JobContext, session: Any, period: str, fire: datetime, _prepared: Any = None
) -> str:
    """Last month's closed cases by cause and stage durations, to the configured duties."""
    settings = ctx.settings
    month = report_period("month", fire, ctx.tz)
    lines = case_lines(ctx, session, month.start, month.end) or [f"{month.label}无结案案件。"]
    text = "\n".join([f"📋 {month.label}案件汇总", *lines])
    sent = 0
    for duty in settings.cases.summary_duties:
        for chat in people_with(settings, duty):
            sent += jobstore.enqueue_notice(session, f"casesum:{period}:{chat}", chat, text,
                                            ctx.clock())
    return f"{sent} summaries"


def verify_chain_job(
    ctx: JobContext, session: Any, period: str, fire: datetime, _prepared: Any = None
) -> str:
    """Recompute the whole chain; on a break alert compliance (a finding, not a job failure)."""
    result = chain.verify_chain(session)
    if result.ok:
        return f"ok: {result.checked} records"
    settings = ctx.settings
    text = (f"🚨 存档完整性校验失败：记录 #{result.bad_seq}（{result.problem}）。"
            f"请合规负责人立即核查。\nArchive chain verification FAILED at record "
            f"#{result.bad_seq} ({result.problem}).")
    chats = [c for duty in ("compliance_lead", "compliance") for c in people_with(settings, duty)]
    for chat in dict.fromkeys([*chats, *_fallback(settings)]):
        jobstore.enqueue_notice(session, f"verify:{period}:{chat}", chat, text, ctx.clock())
    return f"BROKEN at #{result.bad_seq}: {result.problem}"


def checkpoint_job(
    ctx: JobContext, session: Any, period: str, fire: datetime, _prepared: Any = None
) -> str:
    """Sign the chain head and post the statement to the witness chat, if one is configured."""
    cp = checkpoints.create(session, ctx.clock())
    witness = ctx.settings.telegram.witness_chat_id
    if witness is not None:
        text = checkpoints.text(cp, session.info.get("store_id", ""))
        jobstore.enqueue_notice(session, f"witness:{period}", witness, f"🔏 {text}", ctx.clock())
    return f"checkpoint at #{cp.seq}"


def retention_purge(
    ctx: JobContext, session: Any, period: str, fire: datetime, _prepared: Any = None
) -> str:
    """Purge records past their retention period; records held by a case are kept."""
    interval_jobs = [name for name, value in ctx.settings.jobs.model_dump().items()
                     if isinstance(value, str) and value.startswith("every ")]
    pruned = jobstore.prune_runs(session, ctx.clock() - timedelta(days=14), interval_jobs)
    report = retention.purge(session, actor="job:retention_purge",
                             retention_days=dict(ctx.settings.archive.retention_days),
                             now=ctx.clock())
    purged = ", ".join(f"{kind} {n}" for kind, n in report.purged.items())
    return f"purged {purged}; held {report.held}; pruned {pruned} job runs"


def notices_due(
    ctx: JobContext, session: Any, period: str, fire: datetime, _prepared: Any = None
) -> str:
    """Bookkeeping run of the delivery job (the sending itself is async, in bot.jobs)."""
    return f"{len(jobstore.due_notices(session, ctx.clock(), limit=500))} notices due"


def all_specs(settings: Settings) -> list[JobSpec]:
    """Every scheduled job, with its schedule from the settings."""
    j = settings.jobs
    return [
        spec("escalation_scan", "告警升级检查", j.escalation_scan, escalation_scan),
        spec("daily_digest", "科室每日摘要", j.daily_digest, daily_digest),
        _report_spec("weekly_report", "周报", j.weekly_report, "week"),
        _report_spec("monthly_report", "月报", j.monthly_report, "month"),
        _report_spec("annual_report", "年报", j.annual_report, "year"),
        spec("checkpoint", "存档检查点签名与见证", j.checkpoint, checkpoint_job),
        spec("verify_chain", "存档哈希链全量校验", j.verify_chain, verify_chain_job),
        spec("retention_purge", "保留期清理（法律保全除外）", j.retention_purge, retention_purge),
        spec("outbox_retry", "通知发送与重试", j.outbox_retry, notices_due),
        spec("case_reminders", "案件时限提醒", j.case_reminders, case_reminders),
        spec("case_summary", "案件月度汇总", j.case_summary, case_summary),
    ]


def _report_spec(name: str, title: str, schedule: str, kind: str) -> JobSpec:
    prepare, work = periodic_report(kind)
    return spec(name, title, schedule, work, prepare)
