"""Imported history is reported in the period its messages were sent, not the import day."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.cli import main

HISTORY = [
    {"id": str(n), "text": text, "chat_id": "g1", "chat_title": "心内科随访群",
     "sender_id": "300", "sender_role": "family", "ts": f"2024-06-03T09:{n:02d}:00+08:00"}
    for n, text in enumerate(["我的电话13812345678，麻烦回电", "医生辛苦了，给您发个红包🧧",
                              "王医生您好，我是3床家属"], start=1)
]


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A SQLite archive holding three messages sent on 2024-06-03, imported today."""
    (tmp_path / "export.jsonl").write_text(
        "\n".join(json.dumps(m, ensure_ascii=False) for m in HISTORY) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    (tmp_path / "config.yaml").write_text(f'database:\n  url: "{url}"\n', encoding="utf-8")
    assert main(["archive", "import", "--config", str(tmp_path / "config.yaml"),
                 str(tmp_path / "export.jsonl")]) == 0
    capsys.readouterr()
    return tmp_path


def _findings(ws: Path, capsys: pytest.CaptureFixture[str], *args: str) -> int:
    main(["report", *args, "--config", str(ws / "config.yaml"), "--output", str(ws / "out")])
    out = capsys.readouterr().out
    found = re.search(r"发现 (\d+) 条", out)
    assert found is not None, out
    return int(found.group(1))


def test_report_when_history_imported_then_counted_in_the_month_it_was_sent(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    june = _findings(imported, capsys, "--period", "month", "--date", "2024-06-15")
    assert june >= 2  # the phone number and the red packet
    assert _findings(imported, capsys, "--period", "year", "--date", "2024-06-15") == june
    assert _findings(imported, capsys, "--period", "month", "--date", "2024-07-15") == 0
    assert _findings(imported, capsys, "--period", "month", "--current") == 0
