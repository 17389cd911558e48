"""`wardwatch jobs list|run`: the scheduled jobs, their next and last runs, and their results."""

from __future__ import annotations

import argparse
import unicodedata
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from bot.config import Settings
    from storage.db import Store

HELP = "定时任务 / scheduled jobs: list with next/last run, or run due jobs now"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`jobs list [--config FILE]`, `jobs run [NAME ...] [--config FILE]`."""
    from bot.timed_cli import add_config_argument

    sub = parser.add_subparsers(dest="jobs_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="列出任务 / list jobs with next and last run")
    add_config_argument(listing)
    runner = sub.add_parser("run", help="立即执行到期任务 / run due jobs now (notices are "
                                        "queued for the bot to send)")
    runner.add_argument("names", nargs="*", metavar="NAME", help="任务名 / job names")
    add_config_argument(runner)


def _when(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M") if value else "—"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _row(cells: tuple[str, ...], widths: tuple[int, ...]) -> str:
    """Cells padded by display width (a Chinese character is two columns)."""
    return "".join(c + " " * max(1, w - _width(c)) for c, w in zip(cells, widths, strict=True))


def run(args: argparse.Namespace) -> int:
    """List the jobs as a table, or run the due ones."""
    from bot.jobs import build_runner
    from bot.timed_cli import run_with_archive

    def body(settings: Settings, store: Store, now: datetime) -> int:
        runner = build_runner(settings, store)
        tz = ZoneInfo(settings.timezone)
        if args.jobs_command == "run":
            unknown = sorted(set(args.names) - set(runner.specs))
            if unknown:
                raise ValueError(f"未知任务 {unknown} / unknown jobs; known: {list(runner.specs)}")
            for name in args.names or list(runner.specs):
                result = runner.run_due(name, on_request=True)
                print(f"{name}: {result if result is not None else '本周期已完成 / already done'}")
            return 0
        widths = (16, 28, 20, 18, 18)  # the longest title is 26 columns wide
        print(_row(("任务 job", "说明", "计划 schedule", "下次 next", "上次 last"), widths)
              + "结果 result")
        for status in runner.statuses():
            last = status.last
            result = "从未运行 / never run"
            if last is not None:
                detail = (last.last_error or last.last_result or "")[:70]
                result = f"[{last.last_status}] {last.last_period}: {detail}"
            started = last.last_started_at if last else None
            cells = (status.name, status.title, status.schedule, _when(status.next_run, tz),
                     _when(started, tz))
            print(_row(cells, widths) + result)
        return 0

    return run_with_archive(args, body)
