"""The default pack passes its own linter, and `wardwatch rules test|lint` agrees."""

from __future__ import annotations

import argparse

import pytest

from bot.commands import rules as rules_command
from rules.linter import lint_packs


def test_default_pack_when_linted_then_no_issues() -> None:
    assert [str(i) for i in lint_packs(["cn-healthcare"])] == []


def test_rules_lint_command_when_pack_clean_then_exit_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = argparse.Namespace(action="lint", packs=["cn-healthcare"], config=None, quiet=True)
    assert rules_command.run(args) == 0
    assert "lint clean" in capsys.readouterr().out
