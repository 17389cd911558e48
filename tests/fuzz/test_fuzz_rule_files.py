"""Fuzzed rule files: the loader raises only `RuleError` naming the file; lint never crashes.

Design §7 ("fuzzed rule files never crash the process") and §4.4: a broken rule file is a
`RuleError` that names the file, the rule and the field, and `wardwatch rules lint` prints it
and exits non-zero — no traceback, whatever the bytes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bot.cli import main
from rules.loader import DEFAULT_PACK, RuleError, load_rules, read_rule
from rules.tester import run_examples
from tests.fuzz.budget import budget
from tests.fuzz.mutations import mangled_bytes, mutated_tree

SEEDS = sorted(DEFAULT_PACK.glob("*.yaml"))

@st.composite
def mutated_rules(draw: st.DrawFn) -> tuple[str, str]:
    """(file stem, YAML text) of a real rule with one to three structural mutations."""
    seed = draw(st.sampled_from(SEEDS))
    data: Any = yaml.safe_load(seed.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutated_tree(data))
    return seed.stem, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def mangled_rules(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file stem, bytes) of a real rule with bytes flipped, cut, inserted or cut short."""
    seed = draw(st.sampled_from(SEEDS))
    return seed.stem, draw(mangled_bytes(seed.read_bytes()))


def _check_loads_or_rule_error(stem: str, content: str | bytes) -> None:
    """The file loads, or `RuleError` names it — no other exception type escapes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{stem}.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        try:
            read_rule(path)
            rules = load_rules([tmp])
        except RuleError as exc:
            assert str(path) in str(exc)
            assert exc.path == path or Path(exc.path) == Path(tmp)
            return
    run_examples(rules)  # `wardwatch rules test`: a valid rule's examples run without raising


@budget(60)
@given(mutated_rules())
def test_read_rule_when_fields_are_mutated_then_only_rule_error(case: tuple[str, str]) -> None:
    _check_loads_or_rule_error(*case)


@budget(60)
@given(mangled_rules())
def test_read_rule_when_bytes_are_mangled_then_only_rule_error(case: tuple[str, bytes]) -> None:
    _check_loads_or_rule_error(*case)


@budget(60)
@given(st.binary(max_size=300) | st.text(max_size=300))
def test_read_rule_when_content_is_random_then_only_rule_error(content: bytes | str) -> None:
    _check_loads_or_rule_error("gift-red-packet-offer", content)


@pytest.mark.parametrize("content", [
    "[" * 5000, "{a: " * 5000, "- " * 3000 + "x",  # deeper than the parser's recursion
    "a: &x [1]\nb: [*x, *x, *x]\n",  # aliases are fine, but not in a rule
    "id: 1\n" * 3, "\ufeffid: gift-red-packet-offer\n", "!!binary AAAA\n", "",
    "id: 2024-13-45\n", "severity: " + "9" * 5000 + "\n",
], ids=["deep-list", "deep-map", "deep-block", "aliases", "duplicate-key", "bom", "tag", "empty",
        "bad-date", "huge-int"])
def test_read_rule_when_content_is_pathological_then_rule_error_names_the_file(
    content: str,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gift-red-packet-offer.yaml"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(RuleError) as caught:
            read_rule(path)
        assert str(path) in str(caught.value)


def test_read_rule_when_mode_is_a_bare_off_then_rule_is_off() -> None:
    seed = (DEFAULT_PACK / "gift-red-packet-offer.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gift-red-packet-offer.yaml"
        path.write_text(seed.replace("mode: enforce", "mode: off", 1), "utf-8")
        assert read_rule(path).mode == "off"


def test_read_rule_when_field_has_the_wrong_type_then_error_names_rule_field_and_line() -> None:
    seed = (DEFAULT_PACK / "gift-red-packet-offer.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gift-red-packet-offer.yaml"
        path.write_text(seed.replace("  min_score: 0.6", "  min_score: [high]"), "utf-8")
        with pytest.raises(RuleError) as caught:
            read_rule(path)
    error = caught.value
    assert (error.rule_id, error.field) == ("gift-red-packet-offer", "match.min_score")
    assert error.line == seed.splitlines().index("  min_score: 0.6") + 1


@budget(12)
@given(st.lists(mutated_rules() | mangled_rules(), min_size=1, max_size=3))
def test_rules_lint_when_folder_holds_broken_files_then_readable_lines_and_no_traceback(
    capsys: pytest.CaptureFixture[str], cases: list[tuple[str, str | bytes]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for stem, content in cases:
            data = content.encode("utf-8") if isinstance(content, str) else content
            (Path(tmp) / f"{stem}.yaml").write_bytes(data)
        code = main(["rules", "lint", tmp])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    if code != 0:
        assert tmp in out.out or "issue" in out.out
