"""`wardwatch archive …` end to end: import, search, show, case, seal, verify, tamper."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.cli import main

EXPORT = [
    {"id": "1", "text": "王医生您好，我是3床家属", "chat_id": "g1", "chat_title": "心内科随访群",
     "sender_id": "300", "sender_role": "family", "ts": "2026-03-01T09:00:00+08:00"},
    {"id": "2", "text": "我的电话13812345678，麻烦回电", "chat_id": "g1",
     "chat_title": "心内科随访群", "sender_id": "300", "sender_role": "family",
     "ts": "2026-03-01T09:01:00+08:00"},
    {"id": "3", "text": "医生辛苦了，给您发个红包🧧", "chat_id": "g1",
     "chat_title": "心内科随访群",
     "sender_id": "300", "sender_role": "family", "ts": "2026-03-01T09:02:00+08:00"},
]


@pytest.fixture
def workspace(tmp_path: Path, db_url: str) -> Path:
    """A config file, an export and an empty (upgraded) database."""
    (tmp_path / "export.jsonl").write_text(
        "\n".join(json.dumps(m, ensure_ascii=False) for m in EXPORT) + "\n", encoding="utf-8")
    (tmp_path / "config.yaml").write_text(f"database:\n  url: \"{db_url}\"\n", encoding="utf-8")
    assert main(["db", "upgrade", "--url", db_url]) == 0
    return tmp_path


def _run(ws: Path, *args: str) -> int:
    return main(["archive", *args[:1], *(["--config", str(ws / "config.yaml")]
                                         if args[0] not in ("case", "verify-bundle") else []),
                 *args[1:]])


def _case(ws: Path, *args: str) -> int:
    return main(["archive", "case", args[0], "--config", str(ws / "config.yaml"), *args[1:]])


def test_archive_cli_when_officer_walks_through_then_bundle_verifies(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = workspace
    assert _run(ws, "import", str(ws / "export.jsonl")) == 0
    assert "3 条新消息" in capsys.readouterr().out
    assert _run(ws, "import", str(ws / "export.jsonl")) == 0
    assert "3 条已存在" in capsys.readouterr().out
    assert _run(ws, "search", "红包", "--reason", "投诉 17", "--format", "jsonl") == 0
    [hit] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hit["message_id"] == "3" and hit["rules"]
    assert _run(ws, "search", "电话", "--reason", "投诉 17", "--format", "jsonl") == 0
    [phone] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "13812345678" not in phone["masked_text"]  # only the masked copy is searchable
    assert _run(ws, "show", str(phone["seq"]), "--original", "--reason", "投诉 17",
                "--format", "json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["versions"][0]["original_text"] == EXPORT[1]["text"]
    capsys.readouterr()
    assert _case(ws, "open", "--title", "3床家属投诉", "--reason", "投诉 17") == 0
    ref = _evidence_reference(capsys.readouterr().out)
    assert _case(ws, "add", ref, "--chat", "g1") == 0
    assert f"records to {ref}" in capsys.readouterr().out
    assert _case(ws, "list") == 0
    [listed] = capsys.readouterr().out.splitlines()
    assert listed.startswith(f"{ref}\t3床家属投诉\t3 条") and listed.endswith("\tid 1")
    assert _case(ws, "seal", "1", "--reason", "移交医务处", "--out", str(ws / "out")) == 0
    sealed = capsys.readouterr().out
    [bundle] = (ws / "out").glob("*.zip")
    assert f"已封存 / sealed {ref}: {bundle.resolve()}\n" in sealed  # the full path
    key = re.search(r"公钥 / public key ([0-9a-f]{64})", sealed)
    assert key is not None, sealed
    assert main(["archive", "verify-bundle", str(bundle), "--public-key", key.group(1)]) == 0
    out = capsys.readouterr().out
    assert f"案件 / case: {ref} · 3床家属投诉\n" in out and "证据包完好 / bundle verified" in out
    assert main(["archive", "verify-bundle", str(bundle), "--config",
                 str(ws / "config.yaml")]) == 0  # the archive's own known key
    capsys.readouterr()
    assert _run(ws, "checkpoint") == 0
    assert "检查点" in capsys.readouterr().out
    assert _run(ws, "purge", "--dry-run") == 0
    assert "held and kept: 0" in capsys.readouterr().out  # nothing is old enough yet
    assert _run(ws, "verify") == 0
    assert "2 个检查点" in capsys.readouterr().out  # the seal's and the one on demand


def test_archive_show_when_printed_then_times_are_in_the_hospital_time_zone(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = workspace
    assert _run(ws, "import", str(ws / "export.jsonl")) == 0
    capsys.readouterr()
    assert _run(ws, "show", "1", "--reason", "投诉 17") == 0
    assert "2026-03-01 09:00:00" in capsys.readouterr().out  # as written, Asia/Shanghai


def test_archive_search_when_sender_in_roster_then_table_names_them(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = workspace
    monkeypatch.setenv("COLUMNS", "200")  # one table row per line
    config = ws / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "roster:\n  people:\n"
                      "    - {telegram_id: 300, name: 张家属, role: family}\n", encoding="utf-8")
    assert _run(ws, "import", str(ws / "export.jsonl")) == 0
    capsys.readouterr()
    assert _run(ws, "search", "红包", "--reason", "投诉 17") == 0
    assert "张家属 300" in capsys.readouterr().out


def test_archive_verify_when_database_tampered_then_exit_1_naming_record(
    workspace: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(workspace, "import", str(workspace / "export.jsonl")) == 0
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE message_record SET masked_text = '没有红包' WHERE seq = 3"))
    engine.dispose()
    capsys.readouterr()
    assert _run(workspace, "verify") == 1
    assert "#3" in capsys.readouterr().err


def test_archive_case_when_reference_unknown_then_chinese_error_and_exit_1(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _case(workspace, "add", "证据-2026-0042", "--message", "1") == 1
    assert "错误 / error: 案件 证据-2026-0042 不存在" in capsys.readouterr().err


def _evidence_reference(text: str) -> str:
    """The evidence-case reference a command printed, e.g. `证据-2026-0001`."""
    found = re.search(r"证据-\d{4}-\d{4}", text)
    assert found is not None, text
    return found.group(0)


def test_archive_search_when_reason_missing_then_usage_error(workspace: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _run(workspace, "search", "红包")
    assert exit_info.value.code == 2
