"""`wardwatch case …` walks a privacy complaint from intake to closure against a real archive."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.timed_cli import open_archive_for_cli
from rules.model import Message, Role
from storage import archive

APPROVER = "100000005"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(
        f"database: {{url: 'sqlite:///{tmp_path / 'ww.db'}'}}\n"
        f"cases: {{approvers: [{APPROVER}]}}\n"
        f"roster: {{people: [{{telegram_id: {APPROVER}, name: 医务处陈老师, "
        "duties: [medical_affairs]}]}\n", encoding="utf-8")
    return path


def wardwatch(config: Path, *argv: str) -> int:
    return main(["case", *argv, "--config", str(config)])


def test_case_cli_when_walked_through_every_stage_then_closed_and_summarised(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _settings, store = open_archive_for_cli(config)
    message = Message(id="7", text="病历号 A123", chat_id="c1", sender_id="u1",
                      sender_role=Role.DOCTOR, ts=datetime.now(UTC), source="telegram")
    with store.begin() as session:
        record = archive.append_message(session, message, masked_text="病历号 ****")
        assert record is not None
        seq = record.seq
    store.close()
    assert wardwatch(config, "open", "--complainant", "登记表 C-9", "--matter", "泄露他人病历",
                     "--channel", "phone") == 0
    assert "案件编号 #1" in capsys.readouterr().out
    steps = [
        ("advance", "1"), ("record", "1", "verification=属实"), ("advance", "1"),
        ("link", "1", "--message", str(seq), "--finding", "3"),
        ("seal", "1", "--reason", "投诉取证", "--output", str(tmp_path)), ("advance", "1"),
        ("record", "1", "plan=撤回并培训"), ("advance", "1"),
    ]
    for argv in steps:
        assert wardwatch(config, *argv) == 0, argv
    assert wardwatch(config, "advance", "1", "--as", "someone") == 1  # not an approver
    assert "审批" in capsys.readouterr().err
    closing = [
        ("advance", "1", "--as", APPROVER), ("record", "1", "implementation=已撤回"),
        ("advance", "1"), ("record", "1", "feedback=已电话告知", "cause=personal_data_leak"),
        ("advance", "1"),
    ]
    for argv in closing:
        assert wardwatch(config, *argv) == 0, argv
    capsys.readouterr()
    assert wardwatch(config, "show", "1") == 0
    shown = capsys.readouterr().out
    assert "当前阶段：已结案" in shown and "封存证据" in shown
    assert wardwatch(config, "summary") == 0
    assert "共 1 件" in capsys.readouterr().out
    assert len(list(tmp_path.glob("wardwatch-case-1-*.zip"))) == 1


def test_complaint_command_when_used_in_private_chat_then_same_workflow(config: Path) -> None:
    from bot.case_commands import handle

    settings, store = open_archive_for_cli(config)
    now = datetime.now(UTC)
    try:
        opened = handle(settings, store, "42", ["open", "chat", "C-2", "群内", "红包"], now)
        assert opened == "已受理，案件编号 #1"
        assert handle(settings, store, "42", ["advance", "1"], now) == "案件 #1 已进入：初步核实"
        assert "初步核实阶段缺少" in handle(settings, store, "42", ["advance", "1"], now)
        assert handle(settings, store, "42", ["show"], now).startswith("参数不足")
        assert "#1　初步核实" in handle(settings, store, "42", ["list"], now)
    finally:
        store.close()
