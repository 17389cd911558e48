"""End-to-end: `wardwatch demo` plays the whole day offline in under a minute."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_demo_when_run_then_every_participant_view_shown_within_a_minute(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT)}
    stale = tmp_path / "wardwatch-demo" / "report-全院-month-2000-01-01.html"
    stale.parent.mkdir()
    stale.write_text("an earlier run", encoding="utf-8")
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "bot", "demo"], env=env, capture_output=True,
                          text=True, timeout=90, check=False, cwd=tmp_path)
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
    kept = _kept_files(out, tmp_path / "wardwatch-demo")
    assert stale not in kept  # each run replaces what the previous one left
    escalated = out.split("告警升级至医务处", 1)[1].split("\n━━", 1)[0]
    assert "严重程度" not in escalated and re.search(r"规则：[\w-]+（[低中高严重]+）", escalated)
    assert "科室：心内科" in escalated and "cardiology" not in escalated
    bot_lines = [line for line in out.splitlines() if line.startswith(("  →", "      "))]
    for raw in ("13812345678", "11010519491231002X", "13987654321"):
        assert not [line for line in bot_lines if raw in line], raw


def _kept_files(out: str, folder: Path) -> list[Path]:
    """The report and bundle the demo says it kept, checked to exist after it ended."""
    assert f"演示报告与证据包已保存在 / the demo's report and bundle are in: {folder}" in out
    kept = sorted(folder.iterdir())
    assert {p.suffix for p in kept} == {".html", ".pdf", ".zip"} or (
        {p.suffix for p in kept} == {".html", ".zip"} and "PDF" not in out)
    for path in kept:
        assert f"   {path.name}" in out and path.stat().st_size > 0
    return kept
