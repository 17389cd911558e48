"""Every example embedded in every rule of the default pack is a test case (Semgrep-style)."""

from __future__ import annotations

import pytest

from rules.engine import Engine
from rules.loader import load_rules
from rules.model import Category
from rules.schema import Rule
from rules.tester import KINDS, ExampleResult, check_example, examples_engine

RULES = load_rules()
CASES = [(rule, kind, i) for rule in RULES for kind in KINDS
         for i in range(len(getattr(rule.examples, kind)))]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return examples_engine(RULES)


@pytest.mark.parametrize(("rule", "kind", "index"), CASES,
                         ids=[f"{r.id}-{k}-{i}" for r, k, i in CASES])
def test_rule_example_when_evaluated_then_behaves_as_declared(
    engine: Engine, rule: Rule, kind: str, index: int
) -> None:
    result: ExampleResult = check_example(
        engine, rule, kind, index, getattr(rule.examples, kind)[index])
    assert result.passed, f"{result.label}: {result.detail}: {result.example.text!r}"


def test_gift_rules_when_all_examples_run_then_recall_is_at_least_0_9(engine: Engine) -> None:
    gifts = [r for r in RULES if r.category is Category.GIFT]
    positives = [(r, k, i, e) for r in gifts for k in ("match", "todo_match")
                 for i, e in enumerate(getattr(r.examples, k))]
    found = sum(check_example(engine, r, "match", i, e).passed for r, _, i, e in positives)
    assert len(positives) >= 30
    assert found / len(positives) >= 0.9


def test_pack_when_counted_then_every_category_has_match_and_no_match_examples() -> None:
    for category in Category:
        rules = [r for r in RULES if r.category is category]
        assert sum(len(r.examples.match) for r in rules) >= 3, category
        assert sum(len(r.examples.no_match) for r in rules) >= 3, category
