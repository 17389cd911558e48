"""`wardwatch case …` walks a privacy complaint from intake to closure against a real archive."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.timed_cli import open_archive_for_cli
from rules.model import Message, Role
from storage import archive, cases

APPROVER = "100000005"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(
        f"database: {{url: 'sqlite:///{tmp_path / 'ww.db'}'}}\n"
        f"cases: {{approvers: [{APPROVER}]}}\n"
        f"roster: {{people: [{{telegram_id: {APPROVER}, name: 医务处陈老师, "
        "duties: [medical_affairs]}]}\n", encoding="utf-8")
    assert main(["db", "upgrade", "--config", str(path)]) == 0  # `case` never creates one
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
    ref = _reference(capsys.readouterr().out)
    steps = [  # the reference and the internal id name the same case
        ("advance", ref), ("record", "1", "verification=属实"), ("advance", "1"),
        ("link", ref, "--message", str(seq), "--finding", "3"),
        ("seal", ref, "--reason", "投诉取证", "--out", str(tmp_path)), ("advance", "1"),
        ("record", ref, "plan=撤回并培训"), ("advance", ref),
    ]
    for argv in steps:
        assert wardwatch(config, *argv) == 0, argv
    assert wardwatch(config, "advance", "1", "--as", "someone") == 1  # not an approver
    walked = capsys.readouterr()
    assert "审批" in walked.err
    closing = [
        ("advance", "1", "--as", APPROVER), ("record", "1", "implementation=已撤回"),
        ("advance", "1"), ("record", "1", "feedback=已电话告知", "cause=personal_data_leak"),
        ("advance", "1"),
    ]
    for argv in closing:
        assert wardwatch(config, *argv) == 0, argv
    capsys.readouterr()
    assert wardwatch(config, "show", ref) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"案件 {ref}　投诉/纠纷")
    assert "当前阶段：已结案" in shown and "封存证据" in shown
    assert wardwatch(config, "summary") == 0
    assert "共 1 件" in capsys.readouterr().out
    [bundle] = tmp_path.glob("*.zip")
    assert re.fullmatch(rf"{ref}-\d{{8}}T\d{{6}}Z\.zip", bundle.name)  # 投诉-2026-0001-….zip
    # sealing says where the bundle is and how to check it against the signer's key
    assert str(bundle.resolve()) in walked.out and "verify-bundle FILE --public-key" in walked.out


def test_case_cli_when_advanced_or_listed_then_reference_shown(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert wardwatch(config, "open", "--complainant", "登记表 C-3", "--matter", "群内发红包",
                     "--channel", "chat") == 0
    ref = _reference(capsys.readouterr().out)
    assert wardwatch(config, "advance", "1") == 0
    assert f"案件 {ref} 进入阶段 / now at stage: 初步核实" in capsys.readouterr().out
    assert wardwatch(config, "list") == 0
    assert capsys.readouterr().out.startswith(f"{ref}　初步核实　时限 ")


def test_case_cli_when_case_unknown_then_chinese_error_naming_it(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert wardwatch(config, "show", "投诉-2026-0042") == 1
    assert "错误 / error: 案件 投诉-2026-0042 不存在" in capsys.readouterr().err


def test_case_cli_when_evidence_case_shown_then_says_it_has_no_workflow(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _settings, store = open_archive_for_cli(config)
    with store.begin() as session:
        ref = cases.open_case(session, title="保全", opened_by="officer", reason="纠纷").reference
    store.close()
    assert wardwatch(config, "show", ref) == 1
    assert f"案件 {ref} 是证据保全案件，没有投诉处理流程" in capsys.readouterr().err


def test_complaint_command_when_used_in_private_chat_then_same_workflow(config: Path) -> None:
    from bot.case_commands import handle

    settings, store = open_archive_for_cli(config)
    now = datetime.now(UTC)
    try:
        opened = handle(settings, store, "42", ["open", "chat", "C-2", "群内", "红包"], now)
        ref = _reference(opened)
        assert opened == f"已受理，案件编号 {ref}"
        assert handle(settings, store, "42", ["advance", "1"], now) == (
            f"案件 {ref} 已进入：初步核实")
        assert "初步核实阶段缺少" in handle(settings, store, "42", ["advance", ref], now)
        assert handle(settings, store, "42", ["show"], now).startswith("参数不足")
        assert f"{ref}　初步核实" in handle(settings, store, "42", ["list"], now)
        assert handle(settings, store, "42", ["show", "1"], now).startswith(f"案件 {ref}　")
        assert handle(settings, store, "42", ["show", ref], now).startswith(f"案件 {ref}　")
        assert handle(settings, store, "42", ["note", ref, "verification=属实"], now) == (
            "已记录：verification")
        assert handle(settings, store, "42", ["advance", ref], now) == (
            f"案件 {ref} 已进入：调查取证")
    finally:
        store.close()


def test_complaint_command_when_case_unknown_then_polite_chinese_error(config: Path) -> None:
    from bot.case_commands import handle

    settings, store = open_archive_for_cli(config)
    now = datetime.now(UTC)
    try:
        for key in ("投诉-2026-0042", "42", "C-2"):
            reply = handle(settings, store, "42", ["show", key], now)
            assert reply.startswith(f"案件 {key} 不存在 / no case {key}\n请核对案件编号"), reply
            assert "int()" not in reply and "/complaint list" in reply
    finally:
        store.close()


def test_complaint_link_when_record_number_malformed_then_names_the_item(config: Path) -> None:
    from bot.case_commands import handle

    settings, store = open_archive_for_cli(config)
    now = datetime.now(UTC)
    try:
        ref = _reference(handle(settings, store, "42", ["open", "chat", "C-3", "红包"], now))
        reply = handle(settings, store, "42", ["link", ref, "msg:abc"], now)
        expected = "未能完成 / not done: “msg:abc” 不是记录编号，应为 msg:1234"
        assert reply.startswith(expected), reply
        assert "int()" not in reply
    finally:
        store.close()


def _reference(text: str) -> str:
    """The complaint reference in a reply, e.g. `投诉-2026-0001` (the year is the local one)."""
    found = re.search(r"投诉-\d{4}-\d{4}", text)
    assert found is not None, text
    return found.group(0)
