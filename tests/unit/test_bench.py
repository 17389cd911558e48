"""Smoke tests for `make bench`: a tiny run produces a well-formed report; nothing is timed."""

from __future__ import annotations

import json
import random
from pathlib import Path

import phonenumbers
import pytest
from stdnum import luhn
from stdnum.cn import ric

from bench import __main__ as bench_main
from bench import corpus, identifiers, quality


def test_corpus_when_built_twice_with_one_seed_then_identical() -> None:
    first, second = corpus.build(400), corpus.build(400)
    assert [i.message.text for i in first.items] == [i.message.text for i in second.items]


def test_corpus_when_shared_corpus_absent_then_generated_only_and_noted(tmp_path: Path) -> None:
    built = corpus.build(300, source=tmp_path / "missing")
    assert "generated messages only" in built.note
    assert not set(built.counts) & set(corpus.REAL_KINDS)
    assert len(built.items) == 300


def test_corpus_when_built_then_labels_point_at_valid_identifiers() -> None:
    built = corpus.build(3000, source=None)
    values = {entity: [] for entity in ("CN_ID_CARD", "CN_BANK_CARD")}
    for item in built.items:
        for label in item.labels:
            if item.kind == "pii-plain" and label.entity in values:
                values[label.entity].append(item.message.text[label.start:label.end])
    assert values["CN_ID_CARD"] and all(ric.is_valid(v) for v in values["CN_ID_CARD"])
    assert values["CN_BANK_CARD"] and all(luhn.is_valid(v) for v in values["CN_BANK_CARD"])


def test_phone_generators_when_run_then_numbers_are_valid_for_china() -> None:
    rng = random.Random(3)
    for make in (identifiers.mobile, identifiers.landline):
        numbers = [make(rng) for _ in range(200)]
        assert all(phonenumbers.is_valid_number(phonenumbers.parse(n, "CN")) for n in numbers)


def test_disguise_when_applied_then_value_is_rewritten() -> None:
    rng = random.Random(7)
    for _ in range(50):
        value = identifiers.mobile(rng)
        disguised, name = identifiers.disguise(value, rng)
        assert disguised != value, name


def test_corpus_when_split_number_then_both_parts_share_one_group() -> None:
    built = corpus.build(5000, source=None)
    pairs = [(a, b) for a, b in zip(built.items, built.items[1:], strict=False)
             if a.variant == "split-1" and b.variant == "split-2"]
    assert pairs
    for first, second in pairs:
        assert first.labels[0].group == second.labels[0].group
        assert first.message.sender_id == second.message.sender_id
        assert first.message.chat_id == second.message.chat_id


def test_bench_when_run_at_tiny_scale_then_report_and_results_have_every_section(
        tmp_path: Path) -> None:
    doc, results = tmp_path / "benchmarks.md", tmp_path / "results.json"
    code = bench_main.main(["--quick", "--scale", "200", "--only", "detection",
                            "--doc", str(doc), "--results", str(results)])
    data = json.loads(results.read_text(encoding="utf-8"))
    detection = data["sections"]["detection"]
    assert code == 0
    assert detection["engines"]["presidio"]["messages_per_s"] > 0
    assert detection["corpus"]["messages"] == 200
    text = doc.read_text(encoding="utf-8")
    for heading in ("# Benchmarks", "## Summary", "## Detection", "### Engines"):
        assert heading in text
    assert "≥ 3,000" in text and data["environment"]["python"] in text


def test_bench_when_section_not_importable_then_skipped_with_note() -> None:
    section = bench_main.run_section("nonexistent", 10, quick=True)
    assert "skipped" in section


def test_quality_when_span_overlaps_label_then_found_and_split_counted_once() -> None:
    built = corpus.build(5000, source=None)
    items = [i for i in built.items if i.variant.startswith("split")][:2]
    assert [i.variant for i in items] == ["split-1", "split-2"]
    first, second = items
    # Flag only the second half of the split number: the whole value counts as found.
    label = second.labels[0]
    found = quality.evaluate(items, {"wardwatch": {
        second.message.id: [["personal_data"], [[label.start, label.end, "PHONE_NUMBER"]]]}})
    assert found["disguises"]["split over two messages"] == {"labelled": 1, "wardwatch": 1}
    missed = quality.evaluate(items, {"wardwatch": {
        first.message.id: [[], [[0, first.labels[0].start, "PERSON"]]]}})
    assert missed["disguises"]["split over two messages"]["wardwatch"] == 0


def test_bench_when_only_one_section_rerun_then_others_carried_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_main, "run_section", lambda name, scale, quick: {"skipped": "-"})
    doc, results = tmp_path / "benchmarks.md", tmp_path / "results.json"
    earlier = {"sections": {"archive": {
        "headline": [{"metric": "SQLite ingest msgs/s", "value": 6000.0, "target": "≥ 5,000",
                      "ok": True}],
        "measured": {"at": "2026-01-01 00:00 UTC", "commit": "abc1234", "load_average": "0"}}}}
    results.write_text(json.dumps(earlier), encoding="utf-8")
    bench_main.main(["--quick", "--scale", "100", "--only", "detection", "--doc", str(doc),
                     "--results", str(results)])
    sections = json.loads(results.read_text(encoding="utf-8"))["sections"]
    assert sections["archive"]["carried_over"] is True
    text = doc.read_text(encoding="utf-8")
    assert "| archive* | SQLite ingest msgs/s |" in text
    assert "carried over from an earlier run" in text
