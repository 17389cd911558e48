"""Clean-corpus check (Sigma's goodlogs): the whole default pack over real consultations.

Patient turns are role `patient`, doctor turns role `doctor`, one chat per dialogue, in order.
MIE utterances carry a `患者:` / `医生:` speaker prefix that a real chat message would not have,
so it is removed. Any finding not in the reviewed `corpus_allowlist.yaml` fails the test.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from rules.engine import Engine
from rules.model import Message, Role

ALLOWLIST = Path(__file__).with_name("corpus_allowlist.yaml")
_SPEAKER = re.compile(r"^(?:患者|医生)[:：]")
pytestmark = pytest.mark.corpus
Scanned = list[tuple[Message, list[str]]]
Allowed = dict[tuple[str, str], dict[str, str]]


def _messages(corpus: Path) -> Iterator[Message]:
    for path in sorted((corpus / "dialogues-zh").glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                dialogue = json.loads(line)
                for i, turn in enumerate(dialogue["turns"]):
                    role = Role.DOCTOR if turn["speaker"] == "doctor" else Role.PATIENT
                    yield Message(
                        id=f"{dialogue['dialogue_id']}/{i}", chat_id=dialogue["dialogue_id"],
                        text=_SPEAKER.sub("", turn["utterance"]), sender_id=turn["speaker"],
                        sender_role=role,
                    )


@pytest.fixture(scope="module")
def scanned(corpus_dir: Path) -> Scanned:
    engine = Engine.load()
    return [(m, [f.rule_id for f in fs]) for m, fs in engine.scan(_messages(corpus_dir))]


@pytest.fixture(scope="module")
def allowed() -> Allowed:
    entries = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8"))
    return {(e["turn"], e["rule"]): e for e in entries}


def test_allowlist_when_read_then_every_entry_has_kind_and_reason(allowed: Allowed) -> None:
    assert allowed
    for entry in allowed.values():
        assert entry["kind"] in ("expected", "false_positive") and entry["reason"].strip()


def test_default_pack_when_run_over_real_consultations_then_only_reviewed_findings(
    scanned: Scanned, allowed: Allowed
) -> None:
    unexpected = sorted({(m.id, rule) for m, rules in scanned for rule in rules} - set(allowed))
    assert unexpected == [], "add to corpus_allowlist.yaml after review, or fix the rule"


def test_default_pack_when_patients_consult_then_false_flags_at_most_one_percent(
    scanned: Scanned, allowed: Allowed
) -> None:
    patient = [(m, rules) for m, rules in scanned if m.sender_role is Role.PATIENT]
    false = [m.id for m, rules in patient
             if any(allowed.get((m.id, r), {}).get("kind") != "expected" for r in rules)]
    assert len(patient) > 3000
    assert len(false) / len(patient) <= 0.01


def test_default_pack_when_corpus_has_real_gift_cases_then_they_are_found(
    scanned: Scanned, allowed: Allowed
) -> None:
    gifts = {k for k, e in allowed.items() if k[1].startswith("gift-") and e["kind"] == "expected"}
    found = {(m.id, rule) for m, rules in scanned for rule in rules}
    assert len(gifts) >= 8 and gifts <= found
