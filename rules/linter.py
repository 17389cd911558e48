"""Rules that police the rule files (Semgrep's rule lints, Sigma's convention checks).

Beyond the loader's schema, ids, stems and duplicates: every rule needs a bilingual message
that says why and how to fix, a legal basis (secondary-source articles marked unverified, as
domain.md §E requires), false positives, actions, and at least one match and one no_match
example.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rules.diagnostics import compose, line_of
from rules.loader import RuleError, read_rules, resolve_pack
from rules.schema import Rule

# Instruments whose article numbers domain.md could only check against secondary sources.
UNVERIFIED_SOURCES = ("互联网诊疗管理办法", "互联网诊疗监管细则", "九项准则")
UNVERIFIED_MARKER = "（条号未核实 / article number unverified）"
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class LintIssue:
    """One problem in one rule file."""

    path: str
    rule_id: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = "" if self.field == "-" else f"{self.field}: "
        return f"{where}: {self.rule_id}: {field}{self.message}"


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
    for index, entry in enumerate(rule.legal_basis):
        if not re.search(r"第.+[条项]", entry):
            yield f"legal_basis.{index}", f"需写明条款 / needs an article number: {entry}"
        if any(s in entry for s in UNVERIFIED_SOURCES) and not (
            "未核实" in entry or "unverified" in entry
        ):
            marked = f"{entry}{UNVERIFIED_MARKER}"
            yield f"legal_basis.{index}", ("二手来源条号须标注未核实，请写作 / mark as "
                                           f"unverified, write: \"{marked}\"")


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


def _checks(rule: Rule) -> list[tuple[str, str]]:
    """(field, problem) pairs for one rule."""
    checks = [*_message_issues(rule), *_basis_issues(rule), *_example_issues(rule)]
    if not rule.actions:
        checks.append(("actions", "缺少处置动作 / no actions"))
    if not rule.falsepositives:
        checks.append(("falsepositives", "请列出已知误报 / list known false positives"))
    return checks


def _line_finder(path: Path | None) -> Callable[[str], int | None]:
    """field path → YAML line in the rule file (None without a readable file)."""
    try:
        node = compose(path.read_text(encoding="utf-8")) if path is not None else None
    except (OSError, UnicodeDecodeError):
        node = None
    return lambda field: line_of(node, field.split(".")) if node is not None else None


def lint(rules: Sequence[Rule], paths: dict[str, Path] | None = None) -> list[LintIssue]:
    """Convention problems in loaded rules (an empty list means clean)."""
    issues = []
    for rule in sorted(rules, key=lambda r: r.id):
        path = (paths or {}).get(rule.id)
        checks = _checks(rule)
        line = _line_finder(path) if checks else None
        issues += [LintIssue(str(path or rule.id), rule.id, f, m, line(f) if line else None)
                   for f, m in checks]
    return issues


def check_packs(packs: Sequence[str | Path]) -> tuple[list[LintIssue], list[Rule]]:
    """Lint issues of the packs, and the rules that loaded (for the summary line)."""
    try:
        dirs = [resolve_pack(p) for p in packs]
    except RuleError as exc:  # a pack that does not exist: name it as the user wrote it
        return [LintIssue(str(exc.path), "-", "pack", exc.msg)], []
    found, errors = read_rules(dirs)
    issues = [LintIssue(str(e.path), e.rule_id or "?", e.field or "-", e.msg, e.line)
              for error in errors for e in (error, *error.others)]
    rules = [r for _, r in found]
    return issues + lint(rules, {r.id: p for p, r in found}), rules


def lint_packs(packs: Sequence[str | Path]) -> list[LintIssue]:
    """Load errors (schema, ids, stems, duplicates, references) plus `lint` of the rest."""
    return check_packs(packs)[0]
