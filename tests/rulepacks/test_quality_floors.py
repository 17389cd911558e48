"""Floors on the realistic cases of `quality_eval.py` (design §6: gifts recall ≥ 0.9, false
flags on ordinary messages ≤ 1%). The floors sit a little under today's numbers so a change
that costs recall or precision fails here before it reaches real chats."""

from __future__ import annotations

import pytest

from rules.engine import Engine
from tests.rulepacks.quality_eval import (
    ADVICE_BATCHES,
    ALL,
    CATEGORIES,
    GIFT_BATCHES,
    OFFTOPIC_BATCHES,
    judge,
    scores,
)

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


# Blind advice batches (advice_blind_batch.py), just under the recall reached: A after tuning
# 73/73 (with 10 diagnosis-alone cases) and 27/27, B (held out, not tuned on) 58/63 and 26/27
# after the diagnosis rule and the brand list; no false flags on either (0/100, 0/90). C
# (advice_blind_batch_c.py, by a writer who never saw the detectors, not tuned on): 48/48 and
# 21/22, 0/81.
ADVICE_BATCH_FLOORS = {
    "advice-A": {"unexamined_advice": 0.97, "unlicensed_advice": 0.96},
    "advice-B": {"unexamined_advice": 0.90, "unlicensed_advice": 0.92},
    "advice-C": {"unexamined_advice": 0.97, "unlicensed_advice": 0.93},
}


@pytest.mark.parametrize("batch", sorted(ADVICE_BATCH_FLOORS))
def test_advice_batch_when_scored_then_recall_at_floor_and_at_most_one_false_flag(
    batch: str,
) -> None:
    measured = scores(judge(Engine.load(), ADVICE_BATCHES[batch]))
    for category, floor in ADVICE_BATCH_FLOORS[batch].items():
        assert measured[category]["recall"] >= floor, category
        assert measured[category]["precision"] >= 0.95, category
    assert measured["negatives"]["cases"] >= 80
    assert measured["negatives"]["false_flag_rate"] <= 0.0125


# Blind gift batches, just under the recall reached: A and B (gift_blind_batch2.py) after
# tuning 101/101 and 100/100, C (gift_blind_batch3.py: 87/106 when held out, then opened for
# tuning) 106/106, D (gift_blind_batch4.py: 91/121 when held out, 94/121 a round later, then
# opened for tuning) 121/121; no gift false flag on any (0/77, 0/78, 0/81, 0/96). E and F
# (gift_blind_batch5.py, by writers who never saw the detector: 71/100 and 65/84 first) after
# the evidence fallback (gift_evidence.py) 98/100 and 83/84, gift false flags 0/101 and 0/84.
# G (gift_blind_batch6.py, by a writer who never saw the detector: 87/104, 4/103 gift false
# flags when held out) 103/104, 0/103 after its false flags and misses were fixed by class.
GIFT_BATCH_FLOORS = {"gift-A": 0.97, "gift-B": 0.97, "gift-C": 0.98, "gift-D": 0.98,
                     "gift-E": 0.97, "gift-F": 0.98, "gift-G": 0.98}


@pytest.mark.parametrize("batch", sorted(GIFT_BATCH_FLOORS))
def test_gift_batch_when_scored_then_recall_at_floor_and_at_most_one_gift_false_flag(
    batch: str,
) -> None:
    results = judge(Engine.load(), GIFT_BATCHES[batch])
    assert scores(results)["gift"]["recall"] >= GIFT_BATCH_FLOORS[batch]
    ordinary = [got for case, got in results if case.expect is None]
    assert len(ordinary) >= 75
    assert sum("gift" in got for got in ordinary) <= 1


# Off-topic batches, just under the recall reached: A 61/61 and B 61/61 (offtopic_blind_batch.py;
# B was held out in the first round), G 69/69 (offtopic_blind_batch_g.py, held out from the third
# round: 35/69 before it), H 60/60 (offtopic_blind_batch_h.py, held out until the fourth round:
# 47/60 before it), the tuning sets 192/195 (offtopic_blind_batch_tuning.py); off-topic false
# flags 0 on every one.
OFFTOPIC_BATCH_FLOORS = {"offtopic-A": 0.98, "offtopic-B": 0.98, "offtopic-G": 0.98,
                         "offtopic-H": 0.98, "offtopic-tuning": 0.98,
                         "offtopic-I": 0.9}  # held out: 57/62, never tuned on


@pytest.mark.parametrize("batch", sorted(OFFTOPIC_BATCH_FLOORS))
def test_offtopic_batch_when_scored_then_recall_at_floor_and_no_offtopic_false_flag(
    batch: str,
) -> None:
    results = judge(Engine.load(), OFFTOPIC_BATCHES[batch])
    measured = scores(results)["off_topic"]
    assert measured["recall"] >= OFFTOPIC_BATCH_FLOORS[batch]
    assert measured["precision"] >= 0.95
    ordinary = [got for case, got in results if case.expect is None]
    assert len(ordinary) >= 70
    assert [got for got in ordinary if "off_topic" in got] == []
