"""`wardwatch demo` (interim): scan the bundled sample conversation and show the findings.

No token and no network: the sample is read from the package and evaluated by the real engine
with the default rule pack. The live-bot demonstration replaces this command later.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console

from bot.commands import scan
from bot.config import load_settings

HELP = "离线演示：扫描内置示例群聊 / offline demo: scan the bundled sample conversation"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "cardiology-day.jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The interim demo takes no options."""


def run(args: argparse.Namespace) -> int:
    """Scan the sample with default settings and print the findings table and summary."""
    console = Console(file=sys.stdout, highlight=False)
    console.print("WardWatch 演示：心内科随访群的一天（示例数据，均为虚构）\n"
                  "WardWatch demo: a day in a cardiology follow-up group (fictitious data)\n",
                  markup=False)
    settings = load_settings(None, env={})
    engine = scan.load_engine(settings, Console(stderr=True))
    if engine is None:
        return scan.EXIT_BAD_INPUT
    return scan.scan_to(SAMPLE, engine=engine, settings=settings, out_format="table",
                        local_tz=ZoneInfo(settings.timezone))
