"""The linter that polices rule files beyond the schema."""

from __future__ import annotations

from pathlib import Path

from rules.linter import lint, lint_packs
from rules.loader import DEFAULT_PACK, read_rule


def test_lint_when_default_pack_then_clean() -> None:
    assert lint_packs(["cn-healthcare"]) == []


def test_lint_when_message_lacks_how_to_fix_then_issue_names_field(tmp_path: Path) -> None:
    text = (DEFAULT_PACK / "offtopic-scalping.yaml").read_text(encoding="utf-8")
    text = text.replace("Please do not post", "Do not post").replace("Please book", "Book")
    path = tmp_path / "offtopic-scalping.yaml"
    path.write_text(text, encoding="utf-8")
    issues = lint([read_rule(path)])
    assert [(i.rule_id, i.field) for i in issues] == [("offtopic-scalping", "message.en")]


def test_lint_when_secondary_source_not_marked_unverified_then_issue(tmp_path: Path) -> None:
    text = (DEFAULT_PACK / "advice-controlled-drug-online.yaml").read_text(encoding="utf-8")
    text = text.replace("第十九条（条号未核实 / article number unverified）", "第十九条")
    path = tmp_path / "advice-controlled-drug-online.yaml"
    path.write_text(text, encoding="utf-8")
    issues = lint([read_rule(path)])
    assert [i.field for i in issues] == ["legal_basis"]


def test_lint_when_examples_missing_then_issue_per_kind(tmp_path: Path) -> None:
    text = (DEFAULT_PACK / "offtopic-scalping.yaml").read_text(encoding="utf-8")
    text = text[: text.index("examples:")]
    path = tmp_path / "offtopic-scalping.yaml"
    path.write_text(text, encoding="utf-8")
    fields = [i.field for i in lint([read_rule(path)])]
    assert fields == ["examples.match", "examples.no_match"]


def test_lint_packs_when_file_invalid_then_load_error_is_an_issue(tmp_path: Path) -> None:
    (tmp_path / "bad-rule.yaml").write_text("id: bad-rule\n", encoding="utf-8")
    issues = lint_packs([tmp_path])
    assert len(issues) == 1 and issues[0].rule_id == "bad-rule"


def test_lint_packs_when_pack_missing_then_issue_names_it_as_written() -> None:
    [issue] = lint_packs(["./no-such-pack"])
    assert str(issue) == "no-such-pack: -: pack: 规则包不存在 / rule pack not found"
