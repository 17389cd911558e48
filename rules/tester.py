"""Run every rule's embedded examples (Semgrep's ruleid / ok / todoruleid / todook).

`match` examples must produce a finding of their rule (with the expected redaction when one
is given), `no_match` examples must not. `todo_*` examples record known gaps: they never
fail, and the result says when a gap has closed so the example can be promoted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rules.engine import Engine
from rules.model import Message, Mode, Role, StructuralEvent
from rules.schema import Example, Rule

KINDS = ("match", "no_match", "todo_match", "todo_no_match")
SELF = "example-sender"


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


def check_example(engine: Engine, rule: Rule, kind: str, index: int, example: Example
                  ) -> ExampleResult:
    """Evaluate one example against its rule."""
    context_messages, message = example_messages(rule, example)
    context = engine.new_context()
    for earlier in context_messages:
        engine.evaluate(earlier, context)
    mine = [f for f in engine.evaluate(message, context) if f.rule_id == rule.id]
    matched = bool(mine)
    want = kind in ("match", "todo_no_match")
    passed, detail = matched == want, ""
    if not passed:
        detail = "expected a finding, got none" if want else "unexpected finding"
    elif kind == "match" and example.redacted is not None:
        got = mine[0].redacted_text
        if got != example.redacted:
            passed = False
            detail = f"redacted text differs: expected {example.redacted!r}, got {got!r}"
    if kind.startswith("todo_"):
        detail = "known gap" if passed else "gap closed: promote this example"
        passed = True
    return ExampleResult(rule.id, kind, index, example, passed, detail)


def examples_engine(rules: Sequence[Rule]) -> Engine:
    """An engine over the rules with `off` rules switched to monitor so their examples run."""
    return Engine([r.model_copy(update={"mode": Mode.MONITOR}) if r.mode is Mode.OFF else r
                   for r in rules])


def run_examples(rules: Sequence[Rule], engine: Engine | None = None) -> list[ExampleResult]:
    """Every example of every rule, in rule-id order."""
    engine = engine or examples_engine(rules)
    results = []
    for rule in sorted(rules, key=lambda r: r.id):
        for kind in KINDS:
            for index, example in enumerate(getattr(rule.examples, kind)):
                results.append(check_example(engine, rule, kind, index, example))
    return results
