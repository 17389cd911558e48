"""Run every rule's embedded examples (Semgrep's ruleid / ok / todoruleid / todook).

`match` examples must produce a finding of their rule (with the expected redaction when one
is given), `no_match` examples must not. `todo_*` examples record known gaps: they never
fail, and the result says when a gap has closed so the example can be promoted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rules.engine import Engine
from rules.lexicon import LEXICON_DIR, Lexicon, LexiconMatcher, hit_spans, load_lexicons
from rules.model import Finding, Message, Mode, Role, StructuralEvent
from rules.normalize import normalize
from rules.schema import Example, Rule

KINDS = ("match", "no_match", "todo_match", "todo_no_match")
SELF = "example-sender"
KNOWN_GAP = "已知缺口 / known gap"
GAP_CLOSED = "缺口已修复，请改为正式示例 / gap closed: promote this example"


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """The outcome of one example."""

    rule_id: str
    kind: str
    index: int
    example: Example
    passed: bool
    detail: str = ""

    @property
    def label(self) -> str:
        """`rule-id[kind#index]`, the pytest id and the CLI's name for an example."""
        return f"{self.rule_id}[{self.kind}#{self.index}]"


def example_messages(rule: Rule, example: Example) -> tuple[list[Message], Message]:
    """The context messages and the example message, as the engine will see them."""
    default = rule.match.sender_roles[0] if rule.match.sender_roles else Role.UNKNOWN
    context = [
        Message(
            id=f"ctx-{i}", text=c.text, chat_id="example", sender_role=c.role,
            sender_id=SELF if c.sender == "self" else (c.sender or f"ctx-{c.role.value}"),
        )
        for i, c in enumerate(example.context)
    ]
    message = Message(
        id="example", text=example.text, chat_id="example", sender_id=SELF,
        sender_role=example.role or default, media_kind=example.media_kind,
        structural=tuple(StructuralEvent(s.kind, s.amount, s.currency)
                         for s in example.structural),
    )
    return context, message


def unexpected(findings: Sequence[Finding], text: str) -> str:
    """`意外命中 / unexpected finding: 「红包」GIFT_MONEY …`: what fired where it should not."""
    spans = [f"「{text[s.start:s.end]}」{s.entity}" for f in findings for s in f.spans]
    score = max(f.score for f in findings)
    return (f"意外命中 / unexpected finding: {', '.join(spans) or '（无片段 / no span）'}"
            f"（得分 / score {score:.2f}）")


def lexicon_terms(text: str, names: Sequence[str], lexicons: Mapping[str, Lexicon] | None = None
                  ) -> list[tuple[str, str]]:
    """(lexicon, term) for every hit of the named lexicons in `text`, in text order."""
    known = lexicons if lexicons is not None else load_lexicons(LEXICON_DIR)
    matcher = LexiconMatcher(known[n] for n in names if n in known)
    hits = hit_spans(matcher.find(normalize(text).text), names)
    return [(h.lexicon, h.term) for h in hits]


def _terms(text: str, names: Sequence[str], lexicons: Mapping[str, Lexicon] | None) -> str:
    found = lexicon_terms(text, names, lexicons) if names else []
    return ", ".join(f"{name}「{term}」" for name, term in found) or "无 / none"


def missing(rule: Rule, message: Message, others: Sequence[Finding],
            lexicons: Mapping[str, Lexicon] | None = None) -> str:
    """`未命中 / expected a finding, got none`, what the rule needs and what the text hit."""
    m, ex = rule.match, rule.exclude
    wanted = sorted({*m.lexicon, *m.all_of, *(m.near.lexicons if m.near else ())})
    excluding = sorted({*ex.lexicon, *ex.lexicon_anywhere})
    wants = [f"检测器 / detectors {', '.join(m.detectors)}"] * bool(m.detectors)
    wants += [f"实体 / entities {', '.join(m.entities)}"] * bool(m.entities)
    wants += [f"词表 / lexicons {', '.join(wanted)}"] * bool(wanted)
    parts = [f"需要 / needs {'; '.join(wants)}",
             f"发送者角色 / sender role {message.sender_role.value}"]
    if wanted:
        parts.append(f"命中词表 / lexicon terms found: {_terms(message.text, wanted, lexicons)}")
    if excluding:
        parts.append("排除词表命中 / exclusion terms found: "
                     + _terms(message.text, excluding, lexicons))
    fired = sorted({f.rule_id for f in others})
    if fired:
        parts.append(f"其他规则命中 / other rules fired: {', '.join(fired)}")
    return "未命中 / expected a finding, got none — " + "; ".join(parts)


def check_example(engine: Engine, rule: Rule, kind: str, index: int, example: Example,
                  lexicons: Mapping[str, Lexicon] | None = None) -> ExampleResult:
    """Evaluate one example against its rule (`lexicons` explain a missed match)."""
    context_messages, message = example_messages(rule, example)
    context = engine.new_context()
    for earlier in context_messages:
        engine.evaluate(earlier, context)
    findings = engine.evaluate(message, context)
    mine = [f for f in findings if f.rule_id == rule.id]
    matched = bool(mine)
    want = kind in ("match", "todo_no_match")
    passed, detail = matched == want, ""
    if not passed:
        detail = (unexpected(mine, message.text) if matched
                  else missing(rule, message, findings, lexicons))
    elif kind == "match" and example.redacted is not None:
        got = mine[0].redacted_text
        if got != example.redacted:
            passed = False
            detail = (f"脱敏结果不同 / redacted text differs: 应为 / expected "
                      f"{example.redacted!r}, 实为 / got {got!r}")
    if kind.startswith("todo_"):
        detail = KNOWN_GAP if passed else GAP_CLOSED
        passed = True
    return ExampleResult(rule.id, kind, index, example, passed, detail)


def examples_engine(rules: Sequence[Rule], lexicons: Mapping[str, Lexicon] | None = None
                    ) -> Engine:
    """An engine over the rules with `off` rules switched to monitor so their examples run.

    `lexicons`: every lexicon the rules may name (built-in plus the packs' own lists).
    """
    return Engine([r.model_copy(update={"mode": Mode.MONITOR}) if r.mode is Mode.OFF else r
                   for r in rules], lexicons=lexicons)


def run_examples(rules: Sequence[Rule], engine: Engine | None = None,
                 lexicons: Mapping[str, Lexicon] | None = None) -> list[ExampleResult]:
    """Every example of every rule, in rule-id order."""
    engine = engine or examples_engine(rules, lexicons)
    results = []
    for rule in sorted(rules, key=lambda r: r.id):
        for kind in KINDS:
            for index, example in enumerate(getattr(rule.examples, kind)):
                results.append(check_example(engine, rule, kind, index, example, lexicons))
    return results
