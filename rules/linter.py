"""Rules that police the rule files (Semgrep's rule lints, Sigma's convention checks).

Beyond the loader's schema, ids, stems and duplicates: every rule needs a bilingual message
that says why and how to fix, a legal basis (secondary-source articles marked unverified, as
domain.md §E requires), false positives, actions, and at least one match and one no_match
example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rules.loader import RuleError, read_rules, resolve_pack
from rules.schema import Rule

# Instruments whose article numbers domain.md could only check against secondary sources.
UNVERIFIED_SOURCES = ("互联网诊疗管理办法", "互联网诊疗监管细则", "九项准则")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class LintIssue:
    """One problem in one rule file."""

    path: str
    rule_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.rule_id}: {self.field}: {self.message}"


def _message_issues(rule: Rule) -> Iterable[tuple[str, str]]:
    if not _HAN.search(rule.title.zh):
        yield "title.zh", "中文标题缺少汉字 / Chinese title has no Chinese"
    if not _HAN.search(rule.message.zh) or "请" not in rule.message.zh:
        yield "message.zh", "消息需说明原因并以“请…”给出做法 / say why and how to fix (请…)"
    if "please" not in rule.message.en.lower():
        yield "message.en", "message must say why and how to fix (Please …)"


def _basis_issues(rule: Rule) -> Iterable[tuple[str, str]]:
    if not rule.legal_basis:
        yield "legal_basis", "缺少法律依据 / missing legal basis"
    for entry in rule.legal_basis:
        if not re.search(r"第.+[条项]", entry):
            yield "legal_basis", f"需写明条款 / needs an article number: {entry}"
        if any(s in entry for s in UNVERIFIED_SOURCES) and not (
            "未核实" in entry or "unverified" in entry
        ):
            yield "legal_basis", f"二手来源条号须标注未核实 / mark as unverified: {entry}"


def _example_issues(rule: Rule) -> Iterable[tuple[str, str]]:
    if not rule.examples.match:
        yield "examples.match", "至少需要一个命中示例 / needs a match example"
    if not rule.examples.no_match:
        yield "examples.no_match", "至少需要一个不命中示例 / needs a no_match example"
    seen: set[str] = set()
    for kind in ("match", "no_match"):
        for example in getattr(rule.examples, kind):
            key = example.model_copy(update={"note": ""}).model_dump_json()
            if key in seen:
                yield "examples", f"示例重复 / duplicate example: {example.text[:20]}"
            seen.add(key)


def lint(rules: Sequence[Rule], paths: dict[str, Path] | None = None) -> list[LintIssue]:
    """Convention problems in loaded rules (an empty list means clean)."""
    issues = []
    for rule in sorted(rules, key=lambda r: r.id):
        where = str((paths or {}).get(rule.id, rule.id))
        checks = [*_message_issues(rule), *_basis_issues(rule), *_example_issues(rule)]
        if not rule.actions:
            checks.append(("actions", "缺少处置动作 / no actions"))
        if not rule.falsepositives:
            checks.append(("falsepositives", "请列出已知误报 / list known false positives"))
        issues += [LintIssue(where, rule.id, f, m) for f, m in checks]
    return issues


def lint_packs(packs: Sequence[str | Path]) -> list[LintIssue]:
    """Load errors (schema, ids, stems, duplicates, references) plus `lint` of the rest."""
    try:
        dirs = [resolve_pack(p) for p in packs]
    except RuleError as exc:  # a pack that does not exist: name it as the user wrote it
        return [LintIssue(str(exc.path), "-", "pack", exc.msg)]
    found, errors = read_rules(dirs)
    issues = [LintIssue(str(e.path), e.rule_id or "?", e.field or "-", e.msg) for e in errors]
    return issues + lint([r for _, r in found], {r.id: p for p, r in found})
