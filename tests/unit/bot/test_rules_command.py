"""`wardwatch rules test|lint`: exit codes and what an operator reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from rules.loader import DEFAULT_PACK
from tests.unit.bot.packfactory import own_lexicon_pack


def _pack(tmp_path: Path, replace: tuple[str, str] | None = None) -> Path:
    text = (DEFAULT_PACK / "gift-red-packet-offer.yaml").read_text(encoding="utf-8")
    if replace:
        text = text.replace(*replace)
    (tmp_path / "gift-red-packet-offer.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_rules_test_when_examples_pass_then_exit_0(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "test", str(_pack(tmp_path))]) == 0
    assert "examples passed" in capsys.readouterr().out


def test_rules_test_when_an_example_fails_then_exit_1_naming_rule_and_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _pack(tmp_path, ('    - "医生辛苦了，给您发个红包🧧"', '    - "医生辛苦了，谢谢您"'))
    assert main(["rules", "test", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "失败 / FAIL gift-red-packet-offer[match#" in out and "谢谢您" in out


def test_rules_lint_when_rule_file_invalid_then_exit_1_naming_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _pack(tmp_path, ("severity: high", "severity: huge"))
    assert main(["rules", "lint", str(pack)]) == 1
    assert "severity" in capsys.readouterr().out


def test_rules_test_when_pack_cannot_load_then_exit_2(tmp_path: Path) -> None:
    assert main(["rules", "test", str(_pack(tmp_path, ("mode: enforce", "mode: loud")))]) == 2


@pytest.mark.parametrize("action", ["test", "lint"])
def test_rules_command_when_given_one_rule_file_then_it_is_checked(
    tmp_path: Path, action: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rule = _pack(tmp_path) / "gift-red-packet-offer.yaml"
    assert main(["rules", action, str(rule)]) == 0
    out = capsys.readouterr().out
    assert ("1 条规则 / rules" in out) if action == "test" else ("lint clean" in out)


def test_rules_test_when_config_override_names_unknown_rule_then_exit_2_naming_config_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "wardwatch.yaml"
    config.write_text("rules:\n  overrides:\n    no-such-rule: {mode: monitor}\n",
                      encoding="utf-8")
    assert main(["rules", "test", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert f"错误 / error: {config}:3: rules.overrides.no-such-rule: 未知规则" in err


def test_rules_test_when_no_match_example_fires_then_chinese_first_detail_names_the_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (DEFAULT_PACK / "gift-red-packet-offer.yaml").read_text(encoding="utf-8")
    no_match = text[text.index("  no_match:"):]
    first = next(row for row in no_match.splitlines()[1:] if row.startswith("    - "))
    pack = _pack(tmp_path, (first, '    - "医生辛苦了，给您发个红包🧧"'))
    assert main(["rules", "test", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "失败 / FAIL gift-red-packet-offer[no_match#0]: 意外命中 / unexpected finding:" in out
    assert "「发个红包🧧」GIFT_MONEY" in out


def test_rules_test_when_match_example_misses_then_detail_says_what_the_rule_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _pack(tmp_path, ('    - "医生辛苦了，给您发个红包🧧"', '    - "医生辛苦了，谢谢您"'))
    assert main(["rules", "test", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "未命中 / expected a finding, got none" in out
    assert "实体 / entities GIFT_MONEY" in out and "发送者角色 / sender role patient" in out


def test_rules_test_when_pack_brings_its_own_lexicon_then_examples_use_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = own_lexicon_pack(tmp_path)
    assert main(["rules", "test", str(pack)]) == 0, capsys.readouterr()
    assert "2/2 个示例通过" in capsys.readouterr().out


def test_rules_lint_when_pack_lexicon_name_clashes_with_built_in_then_both_files_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = own_lexicon_pack(tmp_path, lexicon="gift-false-friends")
    assert main(["rules", "lint", str(pack)]) == 1
    out = capsys.readouterr().out
    assert str(pack / "lexicons" / "gift-false-friends.yaml") in out
    assert "rules/data/lexicons/gift-false-friends.yaml" in out and "词表名重复" in out


def test_rules_lint_when_config_packs_leave_out_default_then_summary_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mine").mkdir()
    _pack(tmp_path / "mine")
    config = tmp_path / "wardwatch.yaml"
    config.write_text("rules:\n  packs: [./mine]\n", encoding="utf-8")
    assert main(["rules", "lint", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "（共 1 条规则 / rules）" in out
    assert "未加载默认规则包 cn-healthcare" in out


def test_rules_lint_when_issue_found_then_line_number_is_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _pack(tmp_path, ("severity: high", "severity: huge"))
    assert main(["rules", "lint", str(pack)]) == 1
    out = capsys.readouterr().out
    assert f"{pack / 'gift-red-packet-offer.yaml'}:4: gift-red-packet-offer: severity: " in out
