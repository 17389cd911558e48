"""Quality on the development corpus: false flags on real consultations, recall on names,
addresses and English PII. Floors sit a little under what was measured (see each test)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from rules.pii import PiiHit, detect_personal_data

pytestmark = pytest.mark.corpus

NAMES = {"PERSON_NAME", "BED_NAME"}


def _jsonl(path: Path) -> Iterator[dict]:
    for line in path.read_text(encoding="utf-8").splitlines():
        yield json.loads(line)


def _overlaps(hits: list[PiiHit], start: int, end: int, entities: set[str]) -> bool:
    return any(h.entity in entities and h.start < end and start < h.end for h in hits)


def test_consultations_when_scanned_then_at_most_one_percent_flagged(corpus_dir: Path) -> None:
    # Measured: 1 of 6,947 turns (a patient giving his own name: 我是伍克宁), 0.01 %.
    turns = [turn["utterance"] for path in sorted((corpus_dir / "dialogues-zh").glob("*.jsonl"))
             for dialogue in _jsonl(path) for turn in dialogue["turns"]]
    flagged = [text for text in turns if detect_personal_data(text)]
    assert len(turns) > 6000
    assert len(flagged) / len(turns) <= 0.01, flagged[:20]


def test_resume_names_when_in_their_sentences_then_recall_at_least_075(corpus_dir: Path) -> None:
    # Measured 0.81: resume sentences frame names with 先生 / 女士 / ，男，; the misses are
    # names with no cue at all (谢永林，副行长).
    total = found = 0
    for item in _jsonl(corpus_dir / "names-zh" / "resume_ner_train.jsonl"):
        hits = detect_personal_data(item["text"])
        for span in (s for s in item["spans"] if s["label"] == "NAME"):
            total += 1
            found += _overlaps(hits, span["start"], span["end"], NAMES)
    assert total > 900
    assert found / total >= 0.75


def test_weibo_sentences_without_entities_when_scanned_then_no_name_flagged(
    corpus_dir: Path,
) -> None:
    # Informal posts are where jieba's `nr` misfires; cue-framed names must not. (Name recall on
    # Weibo itself is near zero: posts rarely frame a name with a cue.)
    texts = [item["text"] for item in
             _jsonl(corpus_dir / "names-zh" / "weibo_ner_golden_horse_train.jsonl")
             if not item["spans"]]
    flagged = [t for t in texts if any(h.entity in NAMES for h in detect_personal_data(t))]
    assert len(texts) > 500
    assert len(flagged) <= len(texts) // 100, flagged


def test_addresses_when_given_after_a_context_word_then_recall_at_least_095(
    corpus_dir: Path,
) -> None:
    # Measured 0.996 (was 0.48 before the cued phrase): the misses carry no address word at
    # all (上梅八中对面中通快递自取, 国际商贸城H6-28744).
    texts = [item["text"] for item in
             _jsonl(corpus_dir / "names-zh" / "chinese_address_parsing_train_sample.jsonl")]
    found = sum(any(h.entity == "ADDRESS" for h in detect_personal_data(f"地址：{t}"))
                for t in texts)
    assert found / len(texts) >= 0.95


def test_addresses_when_bare_then_street_level_ones_found(corpus_dir: Path) -> None:
    # Measured 0.60 without any cue: two admin levels down to a street or village, a house
    # number with a flat or an estate, a building with its unit; the rest are partial
    # (江干区万科草庄西岸9-1148) or shops.
    texts = [item["text"] for item in
             _jsonl(corpus_dir / "names-zh" / "chinese_address_parsing_train_sample.jsonl")]
    found = sum(any(h.entity == "ADDRESS" for h in detect_personal_data(t)) for t in texts)
    assert found / len(texts) >= 0.55


def test_weibo_posts_when_scanned_then_no_address_flagged(corpus_dir: Path) -> None:
    texts = [item["text"] for item in
             _jsonl(corpus_dir / "names-zh" / "weibo_ner_golden_horse_train.jsonl")]
    flagged = [t for t in texts if any(h.entity == "ADDRESS" for h in detect_personal_data(t))]
    assert len(flagged) <= len(texts) // 200, flagged


@pytest.mark.parametrize(
    "label, entities, floor",
    # Measured: EMAIL 1.0, CREDIT_CARD 1.0 (12-digit Maestro after "card"), PHONE_NUMBER 1.0
    # (numbers phonenumbers calls invalid, "(37) 788-063", are found by their label "Phone:").
    [("EMAIL_ADDRESS", {"EMAIL_ADDRESS"}, 0.98),
     ("CREDIT_CARD", {"CREDIT_CARD", "BANK_CARD"}, 0.97),
     ("PHONE_NUMBER", {"PHONE_NUMBER", "CN_PHONE", "CN_LANDLINE"}, 0.95)],
)
def test_english_synthetic_when_scanned_then_recall_above_floor(
    corpus_dir: Path, label: str, entities: set[str], floor: float
) -> None:
    data = json.loads((corpus_dir / "presidio-synth-en" / "synth_dataset_v2.json").read_text())
    total = found = 0
    for item in data:
        spans = [s for s in item["spans"] if s["entity_type"] == label]
        if not spans:
            continue
        hits = detect_personal_data(item["full_text"])
        for span in spans:
            total += 1
            found += _overlaps(hits, span["start_position"], span["end_position"], entities)
    assert total > 40
    assert found / total >= floor
