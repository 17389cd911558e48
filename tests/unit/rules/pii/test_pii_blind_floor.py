"""Floors on the held-out personal-data batch (`tests/rulepacks/pii_blind_batch.py`).

Design §6: structured identifiers, obfuscated forms included, recall ≥ 0.97; false flags on
ordinary messages ≤ 1%. The floors sit a little under today's numbers on the batch (249/250
positives found, structured 172/173; 2/171 hard negatives flagged, both a ward's own landline,
reported on purpose), so a change that loses recall or precision fails here before it reaches
real chats.
"""

from __future__ import annotations

import pytest

from rules.engine import Engine
from tests.rulepacks.pii_blind_batch import ACCEPTS, cases, judge, scores

RECALL_FLOORS = {"structured": 0.98, "all": 0.97, "id": 0.97, "phone": 0.97, "card": 0.94,
                 "record": 0.96, "name": 0.9, "address": 0.9, "account": 0.9, "document": 0.85}


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, float]]:
    return scores(judge(Engine.load(), cases()))


def test_floors_when_listed_then_cover_every_expected_entity() -> None:
    assert set(ACCEPTS) <= set(RECALL_FLOORS)


@pytest.mark.parametrize("group", sorted(RECALL_FLOORS))
def test_blind_batch_when_scanned_then_recall_at_least_floor(
    measured: dict[str, dict[str, float]], group: str
) -> None:
    assert measured[group]["cases"] >= 5
    assert measured[group]["recall"] >= RECALL_FLOORS[group]


def test_blind_batch_when_scanned_then_structured_positives_are_many(
    measured: dict[str, dict[str, float]],
) -> None:
    assert measured["structured"]["cases"] >= 150


def test_blind_batch_when_hard_negatives_scanned_then_few_false_flags(
    measured: dict[str, dict[str, float]],
) -> None:
    assert measured["negatives"]["cases"] >= 140
    assert measured["negatives"]["false_flag_rate"] <= 0.02


def test_blind_batch_when_scanned_then_precision_at_least_0_98(
    measured: dict[str, dict[str, float]],
) -> None:
    assert measured["precision"]["precision"] >= 0.98
