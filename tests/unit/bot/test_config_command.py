"""`wardwatch config check` and `wardwatch run`'s config errors, as an operator reads them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from rules.loader import DEFAULT_PACK
from tests.unit.bot.packfactory import own_lexicon_pack

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "config.example.yaml"


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_config_check_when_example_valid_then_summary_exit_0_and_nothing_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "wardwatch.yaml"
    shutil.copy(EXAMPLE, config)
    assert main(["config", "check", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    rules = len(list(DEFAULT_PACK.glob("*.yaml")))
    assert f"规则包 / packs: cn-healthcare（共 {rules} 条规则 / rules）" in out
    assert "花名册 / roster: " in out and "科室 / departments: 1: cardiology" in out
    assert "患者群 / patient groups: 1" in out and f"配置有效 / config OK: {config}" in out
    assert _files(tmp_path) == ["wardwatch.yaml"]  # no database, no key file


def test_config_check_when_keys_invalid_then_each_error_in_house_format_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "wardwatch.yaml"
    config.write_text("timezon: Asia/Shanghai\ntelegram:\n  operator_chat_id: ops\n",
                      encoding="utf-8")
    assert main(["config", "check", "--config", str(config)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"错误 / error: {config}:1: timezon: 未知字段 / unknown field 'timezon'，"
        "是否想写 / did you mean 'timezone'?",
        f"错误 / error: {config}:3: telegram.operator_chat_id: 类型错误 / wrong type: "
        "应为整数 / expected an integer, 实为 / got 'ops'",
    ]
    assert _files(tmp_path) == ["wardwatch.yaml"]


def test_config_check_when_a_pack_rule_is_broken_then_exit_2_naming_the_rule_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "my-pack"
    pack.mkdir()
    text = (DEFAULT_PACK / "gift-red-packet-offer.yaml").read_text(encoding="utf-8")
    (pack / "gift-red-packet-offer.yaml").write_text(
        text.replace("severity: high", "severity: urgent"), encoding="utf-8")
    config = tmp_path / "wardwatch.yaml"
    config.write_text("rules:\n  packs: [./my-pack]\n", encoding="utf-8")
    assert main(["config", "check", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"错误 / error: {pack / 'gift-red-packet-offer.yaml'}:4: ")
    assert "取值无效 / invalid value 'urgent'" in err


def test_config_check_when_default_pack_left_out_then_summary_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own_lexicon_pack(tmp_path)
    config = tmp_path / "wardwatch.yaml"
    config.write_text("rules:\n  packs: [./my-pack]\n", encoding="utf-8")
    assert main(["config", "check", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "（共 1 条规则 / rules）" in out and "未加载默认规则包 cn-healthcare" in out


def test_scan_when_config_adds_a_pack_with_its_own_lexicon_then_both_packs_find(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own_lexicon_pack(tmp_path)
    config = tmp_path / "wardwatch.yaml"
    config.write_text("rules:\n  packs: [cn-healthcare, ./my-pack]\n", encoding="utf-8")
    chat = tmp_path / "chat.jsonl"
    lines = [{"id": "1", "chat_id": "c", "sender_id": "p", "sender_role": "patient",
              "text": "医生，给您带了点土特产"},
             {"id": "2", "chat_id": "c", "sender_id": "p", "sender_role": "patient",
              "text": "医生辛苦了，给您发个红包🧧"}]
    chat.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                    encoding="utf-8")
    assert main(["config", "check", "--config", str(config)]) == 0
    assert "未加载默认规则包" not in capsys.readouterr().out
    main(["scan", str(chat), "--config", str(config)])
    found = {json.loads(row)["rule_id"] for row in capsys.readouterr().out.splitlines()
             if row.startswith("{")}
    assert {"ward-local-gift", "gift-red-packet-offer"} <= found


def test_run_when_config_invalid_then_errors_in_house_format_not_a_log_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "wardwatch.yaml"
    config.write_text("timezon: Asia/Shanghai\n", encoding="utf-8")
    assert main(["run", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"错误 / error: {config}:1: timezon: 未知字段 / unknown field")
    assert " ERROR " not in err


def test_run_start_up_log_when_only_a_custom_pack_configured_then_warns_default_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.commands.run import log_packs
    from bot.config import load_settings
    from rules.loader import load_rules

    pack = own_lexicon_pack(tmp_path)
    config = tmp_path / "wardwatch.yaml"
    config.write_text("rules:\n  packs: [./my-pack]\n", encoding="utf-8")
    settings = load_settings(config, env={})
    with caplog.at_level("INFO", logger="bot.commands.run"):
        log_packs(settings, load_rules([pack]))
    assert [r.levelname for r in caplog.records] == ["INFO", "WARNING"]
    assert f"规则包 / packs: {pack}（共 1 条规则 / rules）" == caplog.records[0].getMessage()
    assert "未加载默认规则包 cn-healthcare" in caplog.records[1].getMessage()
