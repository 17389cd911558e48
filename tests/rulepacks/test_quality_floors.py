"""Floors on the realistic cases of `quality_eval.py` (design §6: gifts recall ≥ 0.9, false
flags on ordinary messages ≤ 1%). The floors sit a little under today's numbers so a change
that costs recall or precision fails here before it reaches real chats."""

from __future__ import annotations

import pytest

from rules.engine import Engine
from tests.rulepacks.quality_eval import ALL, CATEGORIES, judge, scores

FLOORS = {"gift": 0.95, "unexamined_advice": 0.9, "unlicensed_advice": 0.9, "off_topic": 0.9}


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, float]]:
    return scores(judge(Engine.load(), ALL))


@pytest.mark.parametrize("category", CATEGORIES)
def test_category_when_realistic_cases_run_then_recall_at_least_floor(
    measured: dict[str, dict[str, float]], category: str
) -> None:
    assert measured[category]["cases"] >= 9
    assert measured[category]["recall"] >= FLOORS[category]


@pytest.mark.parametrize("category", CATEGORIES)
def test_category_when_realistic_cases_run_then_precision_at_least_0_95(
    measured: dict[str, dict[str, float]], category: str
) -> None:
    assert measured[category]["precision"] >= 0.95


def test_ordinary_messages_when_scanned_then_false_flags_at_most_one_percent(
    measured: dict[str, dict[str, float]],
) -> None:
    assert measured["negatives"]["cases"] >= 100
    assert measured["negatives"]["false_flag_rate"] <= 0.01
