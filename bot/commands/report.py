"""`wardwatch report`: a compliance report (HTML with charts, and a PDF) for a period."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from storage.db import Store

HELP = "合规报告 / compliance report: HTML with charts and a PDF, per department or hospital"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`report --period week|month|year [--department X] [--output DIR] [--current]`."""
    from bot.timed_cli import add_config_argument

    parser.add_argument("--period", choices=("week", "month", "year"), required=True,
                        help="周期 / period: the last complete week, month or year")
    parser.add_argument("--department", default=None,
                        help="科室 id 或名称，缺省为全院 / department id or name (default: all)")
    parser.add_argument("--output", type=Path, default=None,
                        help="输出目录 / output folder (default: reports.output_dir)")
    parser.add_argument("--current", action="store_true",
                        help="统计当前未结束的周期 / the period in progress instead")
    parser.add_argument("--date", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="统计包含该日期的周期，如 2026-03-15 / the period containing DATE")
    add_config_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Write `<stem>.html` and `<stem>.pdf`; exit 1 naming the font package if none is found."""
    from bot.job_tasks import collect_report
    from bot.jobrunner import JobContext
    from bot.reports.write import write_report_files
    from bot.timed_cli import run_with_archive
    from storage import stats

    def body(settings: Settings, store: Store, now: datetime) -> int:
        ctx = JobContext(settings, store, lambda: now)
        with store.begin() as session:
            department = resolve_department(settings, args.department,
                                            stats.departments(session))
            fire = now if args.date is None else datetime.combine(args.date, time(12), ctx.tz)
            data = collect_report(ctx, session, args.period, fire, department,
                                  current=args.current or args.date is not None)
        out_dir = args.output or Path(settings.reports.output_dir)
        written = write_report_files(data, out_dir, ctx.tz, settings.reports.font_path)
        print(f"HTML: {written.html}")
        if written.pdf is None:
            print(f"PDF 未生成 / PDF not written: {written.font_problem}", file=sys.stderr)
            return 1
        print(f"PDF:  {written.pdf}")
        totals = data.totals
        print(f"{data.title}：发现 {totals['findings']} 条，告警 {totals['alerts']} 条，"
              f"误报 {totals['false_positives']} 条")
        return 0

    return run_with_archive(args, body)


def _day(text: str) -> date:
    """An ISO date for --date; argparse shows the message when it is not one."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期格式应为 YYYY-MM-DD / expected a date like 2026-03-15: {text!r}") from None


def resolve_department(settings: Settings, wanted: str | None,
                       archived: list[str]) -> str | None:
    """A department id from an id or a configured name; ValueError listing the known ones."""
    if wanted is None or wanted in ("all", "全院"):
        return None
    for dept in settings.roster.departments:
        if wanted in (dept.id, dept.name):
            return str(dept.id)
    if wanted in archived:
        return wanted
    known = sorted({*(d.id for d in settings.roster.departments), *archived})
    raise ValueError(f"未知科室 {wanted!r} / unknown department; known: {known}")
