"""The end of `wardwatch demo`: time moves past a deadline, an alert escalates, a report is made.

The demo calls `finale` after its scripted day: a private clock jumps past the first level's
deadline, the real escalation job runs against the demo archive, and this month's report is
written as HTML and PDF. Nothing sleeps; the live bot delivers the queued notices as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.job_tasks import collect_report, minutes
from bot.jobs import build_runner
from bot.reports.write import write_report_files
from storage import jobs as jobstore
from storage.db import Store


@dataclass(frozen=True, slots=True)
class Finale:
    """What the finale produced."""

    escalations: list[str]
    html: Path
    pdf: Path | None


def finale(settings: Settings, store: Store, out_dir: Path, say: Callable[[str], None],
           now: datetime | None = None) -> Finale:
    """Escalate what is overdue after the first deadline, then write this month's report."""
    start = now or datetime.now(UTC)
    later = start + timedelta(minutes=minutes(settings.escalation.chain[0].deadline) + 1)
    runner = build_runner(settings, store, lambda: later)
    say(f"⏩ 时间快进到 {later.astimezone(runner.context.tz):%H:%M}（超过科室负责人确认时限）"
        " / time jumps past the first deadline")
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
    html_path, pdf_path = written.html, written.pdf
    if written.font_problem:
        say(written.font_problem)
    say(f"📄 报告 / report: {html_path}" + (f"\n📄 PDF: {pdf_path}" if pdf_path else ""))
    return Finale(texts, html_path, pdf_path)
