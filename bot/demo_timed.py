"""The end of `wardwatch demo`: time moves past a deadline, an alert escalates, a report is made.

The demo calls `finale` after its scripted day: a private clock jumps to the first moment an
unacknowledged alert is due to escalate (past the first level's deadline, and past its quiet
hours if the demo runs at night), the real escalation job runs against the demo archive, and
this month's report is written as HTML and PDF. Nothing sleeps; `deliver_notices` with the
returned runner sends the queued messages at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.escalation import plan_escalations
from bot.job_tasks import ALERT_WINDOW, alert_state, build_policy, collect_report, minutes
from bot.jobrunner import JobRunner
from bot.jobs import build_runner
from bot.reports.write import write_report_files
from storage import escalations
from storage import jobs as jobstore
from storage.db import Store

SEARCH_STEP = timedelta(minutes=15)
SEARCH_LIMIT = timedelta(days=3)


@dataclass(frozen=True, slots=True)
class Finale:
    """What the finale produced, and the runner (its clock in the future) to deliver with."""

    escalations: list[str]
    html: Path
    pdf: Path | None
    runner: JobRunner


def first_escalation_time(settings: Settings, store: Store, start: datetime) -> datetime:
    """The first moment after `start` at which some open alert escalates (or start + deadline)."""
    policy = build_policy(settings)
    with store.begin() as session:
        rows = escalations.open_alerts(session, start - ALERT_WINDOW)
    states = [alert_state(row) for row in rows]
    tz = build_runner(settings, store).context.tz
    moment = start + timedelta(minutes=minutes(settings.escalation.chain[0].deadline) + 1)
    while moment - start < SEARCH_LIMIT:
        if plan_escalations(states, policy, moment, tz):
            return moment
        moment += SEARCH_STEP
    return start + timedelta(minutes=minutes(settings.escalation.chain[0].deadline) + 1)


def finale(settings: Settings, store: Store, out_dir: Path, say: Callable[[str], None],
           now: datetime | None = None) -> Finale:
    """Escalate what is overdue at the first deadline, then write this month's report."""
    later = first_escalation_time(settings, store, now or datetime.now(UTC))
    runner = build_runner(settings, store, lambda: later)
    say(f"⏩ 时间快进到 {later.astimezone(runner.context.tz):%m-%d %H:%M}，超过确认时限"
        " / time jumps past the acknowledgement deadline")
    runner.run_due("escalation_scan", on_request=True)
    with store.begin() as session:
        texts = [n.text for n in jobstore.notices(session, "esc:")]
    for text in texts:
        say(text)
    if not texts:
        say("没有超时未确认的告警 / no alert was left unacknowledged")
    with store.begin() as session:
        data = collect_report(runner.context, session, "month", later, None, current=True)
    written = write_report_files(data, out_dir, runner.context.tz, settings.reports.font_path)
    if written.font_problem:
        say(written.font_problem)
    pdf = f"\n📄 PDF: {written.pdf}" if written.pdf else ""
    say(f"📄 {data.title}：发现 {data.totals['findings']} 条，误报 "
        f"{data.totals['false_positives']} 条\n📄 HTML: {written.html}{pdf}")
    return Finale(texts, written.html, written.pdf, runner)
