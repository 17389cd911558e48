"""`wardwatch rules test|lint`: exit codes and what an operator reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from rules.loader import DEFAULT_PACK


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
    assert "FAIL gift-red-packet-offer[match#0]" in out and "谢谢您" in out


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
    assert f"{config}: rules.overrides" in err and "no-such-rule" in err
