"""The linter that polices rule files beyond the schema."""

from __future__ import annotations

from pathlib import Path

from rules.linter import UNVERIFIED_MARKER, lint, lint_packs
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


def test_lint_when_secondary_source_not_marked_unverified_then_issue_gives_marked_text(
    tmp_path: Path,
) -> None:
    text = (DEFAULT_PACK / "advice-controlled-drug-online.yaml").read_text(encoding="utf-8")
    text = text.replace("第十九条（条号未核实 / article number unverified）", "第十九条")
    path = tmp_path / "advice-controlled-drug-online.yaml"
    path.write_text(text, encoding="utf-8")
    [issue] = lint([read_rule(path)], {"advice-controlled-drug-online": path})
    entry = next(line for line in text.splitlines() if line.endswith("第十九条"))
    assert issue.field == "legal_basis.0"
    assert issue.line == text.splitlines().index(entry) + 1
    assert f'"{entry.strip(" -")}{UNVERIFIED_MARKER}"' in issue.message
    assert str(issue).startswith(f"{path}:{issue.line}: ")


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
    assert {i.rule_id for i in issues} == {"bad-rule"}
    assert {"title", "severity", "match", "message"} <= {i.field for i in issues}
    assert {i.message for i in issues} == {"缺少必填字段 / required field missing"}


def test_lint_packs_when_pack_missing_then_issue_names_it_as_written() -> None:
    [issue] = lint_packs(["./no-such-pack"])
    assert str(issue) == "no-such-pack: -: pack: 规则包不存在 / rule pack not found"


def test_lint_packs_when_rule_file_invalid_then_issue_has_line_and_did_you_mean(
    tmp_path: Path,
) -> None:
    text = (DEFAULT_PACK / "gift-red-packet-offer.yaml").read_text(encoding="utf-8")
    (tmp_path / "gift-red-packet-offer.yaml").write_text(
        text.replace("  sender_roles:", "  sender_role:"), encoding="utf-8")
    [issue] = lint_packs([tmp_path])
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "  sender_roles:" in row)
    assert (issue.field, issue.line) == ("match.sender_role", line)
    assert "未知字段 / unknown field 'sender_role'" in issue.message
    assert "did you mean 'sender_roles'?" in issue.message


def test_lint_packs_when_lexicon_unknown_then_issue_has_line_and_suggestion(
    tmp_path: Path,
) -> None:
    text = (DEFAULT_PACK / "gift-red-packet-offer.yaml").read_text(encoding="utf-8")
    assert "gift-false-friends" in text
    (tmp_path / "gift-red-packet-offer.yaml").write_text(
        text.replace("gift-false-friends", "gift-false-friend"), encoding="utf-8")
    [issue] = lint_packs([tmp_path])
    assert issue.line is not None and "gift-false-friend" in text.splitlines()[issue.line - 1]
    assert issue.field.startswith("exclude.lexicon")
    assert "未知词表 / unknown lexicon 'gift-false-friend'" in issue.message
    assert "did you mean 'gift-false-friends'?" in issue.message


def test_lint_packs_when_yaml_broken_then_issue_names_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\ntitle: {zh: a, en: b\n",
                                          encoding="utf-8")
    [issue] = lint_packs([tmp_path])
    assert issue.field == "-" and issue.line == 3
    assert "YAML 格式错误 / invalid YAML" in issue.message and "line 3, column" in issue.message
    assert "<unicode string>" not in str(issue)

def test_lint_packs_when_rule_file_has_two_schema_errors_then_both_listed_in_file_order(
    tmp_path: Path,
) -> None:
    text = (DEFAULT_PACK / "gift-red-packet-offer.yaml").read_text(encoding="utf-8")
    text = text.replace("  sender_roles:", "  sender_role:").replace("severity: high",
                                                                     "severity: urgent")
    (tmp_path / "gift-red-packet-offer.yaml").write_text(text, encoding="utf-8")
    issues = lint_packs([tmp_path])
    assert [i.field for i in issues] == ["severity", "match.sender_role"]
    assert [i.line for i in issues] == sorted(i.line or 0 for i in issues)
