"""End-to-end: `wardwatch demo` plays the whole day offline in under a minute."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_demo_when_run_then_every_participant_view_shown_within_a_minute() -> None:
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "bot", "demo"], env=env, capture_output=True,
                          text=True, timeout=90, check=False)
    elapsed = time.monotonic() - start
    out = done.stdout
    assert done.returncode == 0, done.stderr[-2000:]
    assert elapsed < 60
    for seen in ("科主任 Department head sees", "医生 Doctor sees", "群聊 Group sees",
                 "医务处 Compliance sees", "已确认", "证据包离线校验通过", "138****5678",
                 "告警升级至医务处", "📄 HTML:"):
        assert seen in out, seen
    assert re.search(r"证据包离线校验通过 / bundle verified offline — 证据-\d{4}-0001 ", out)
    assert re.search(r"/export 证据-\d{4}-0001\n", out)  # the demo names its case by reference
    bot_lines = [line for line in out.splitlines() if line.startswith(("  →", "      "))]
    for raw in ("13812345678", "11010519491231002X", "13987654321"):
        assert not [line for line in bot_lines if raw in line], raw
