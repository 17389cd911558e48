"""The benchmark corpus: real Chinese/English text from ../shared/corpus plus generated messages.

Proportions (`MIX`) lean on real consultation turns and ordinary chat, as a ward group does;
personal data, gifts, advice and ads are over-represented against real traffic so that the
expensive paths are exercised and the quality numbers rest on a few hundred cases each. The
same seed gives the same corpus. Without ../shared/corpus (a fresh clone) the real kinds are
replaced by generated ordinary chat and `Corpus.note` says so.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench import identifiers, templates
from rules.model import Message, Role

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
SEED = 20260515

# Fraction of the corpus per kind. Real kinds first.
MIX: dict[str, float] = {
    "consultation": 0.45,  # real doctor–patient turns (dialogues-zh)
    "names-zh": 0.08,  # Weibo / résumé sentences with labelled person names
    "address-zh": 0.02,  # labelled postal addresses
    "presidio-en": 0.08,  # presidio-research synthetic English sentences
    "chat": 0.15,
    "pii-plain": 0.06,
    "pii-disguised": 0.04,
    "gift": 0.03,
    "gift-false-friend": 0.02,
    "advice": 0.04,
    "ad": 0.03,
}
REAL_KINDS = ("consultation", "names-zh", "address-zh", "presidio-en")
# Labels taken from the real files: person names, and the structured English entities that
# Presidio's predefined recognizers target (NER-only types are left out on both sides).
NAME_LABELS = frozenset({"PER.NAM", "NAME", "PERSON"})
EN_STRUCTURED = frozenset({"CREDIT_CARD", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE",
                           "US_SSN", "IP_ADDRESS", "US_DRIVER_LICENSE"})
_GROUPS = 100


@dataclass(frozen=True, slots=True)
class Label:
    """An expected entity: `group` ties together the parts of one value (split messages)."""

    start: int
    end: int
    entity: str
    group: str


@dataclass(frozen=True, slots=True)
class Item:
    """One corpus message with what the benchmark knows about it."""

    message: Message
    kind: str
    labels: tuple[Label, ...] = ()
    variant: str = ""  # the disguise used, for pii-disguised

    def to_json(self) -> dict[str, object]:
        m = self.message
        return {"id": m.id, "text": m.text, "chat_id": m.chat_id, "sender_id": m.sender_id,
                "sender_role": m.sender_role.value, "kind": self.kind, "variant": self.variant,
                "labels": [[x.start, x.end, x.entity, x.group] for x in self.labels]}


@dataclass
class Corpus:
    """The ordered messages plus a note on where they came from."""

    items: list[Item]
    note: str
    counts: dict[str, int] = field(default_factory=dict)


def build(size: int, *, seed: int = SEED, source: Path | None = SHARED_CORPUS) -> Corpus:
    """Build a corpus of about `size` messages (exactly `size` unless dialogues overrun)."""
    rng = random.Random(seed)
    present = source is not None and source.is_dir()
    quotas = {kind: round(size * share) for kind, share in MIX.items()}
    blocks: list[list[tuple[str, str, tuple[Label, ...], str, str, str]]] = []
    if present:
        assert source is not None
        blocks += _real_blocks(source, quotas, rng)
        note = "real text from ../shared/corpus plus generated messages"
    else:
        quotas["chat"] += sum(quotas.pop(kind) for kind in REAL_KINDS)
        note = "generated messages only: ../shared/corpus is absent, real kinds replaced by chat"
    blocks += _generated_blocks(quotas, rng)
    rng.shuffle(blocks)
    items = _number(blocks, rng)
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return Corpus(items=items, note=note, counts=counts)


# A block is a run of messages kept together in one chat:
# (text, role, labels, kind, variant, chat key) per message.
Row = tuple[str, str, tuple[Label, ...], str, str, str]


def _number(blocks: list[list[Row]], rng: random.Random) -> list[Item]:
    items: list[Item] = []
    for b, block in enumerate(blocks):
        chat = block[0][5] or f"group-{rng.randrange(_GROUPS):03d}"
        sender_base = f"{chat}-u{b}"
        for text, role, labels, kind, variant, _ in block:
            n = len(items)
            message = Message(id=f"m{n:07d}", text=text, chat_id=chat,
                              sender_id=f"{sender_base}-{role}", sender_role=Role(role),
                              source="scan")
            relabelled = tuple(Label(x.start, x.end, x.entity, f"{message.id}:{x.group}")
                               for x in labels)
            items.append(Item(message=message, kind=kind, labels=relabelled, variant=variant))
    return _join_split_groups(items)


def _join_split_groups(items: list[Item]) -> list[Item]:
    """A value split over two messages gets one group id (the first message's)."""
    out: list[Item] = []
    for i, item in enumerate(items):
        if item.variant == "split-2" and i and items[i - 1].variant == "split-1":
            first = out[i - 1].labels[0].group
            item = Item(item.message, item.kind,
                        tuple(Label(x.start, x.end, x.entity, first) for x in item.labels),
                        item.variant)
        out.append(item)
    return out


# ---- real text ---------------------------------------------------------------------------


def _real_blocks(source: Path, quotas: dict[str, int], rng: random.Random) -> list[list[Row]]:
    blocks = _consultation_blocks(source / "dialogues-zh", quotas["consultation"], rng)
    names = _labelled_lines(source / "names-zh", ("weibo_ner_golden_horse_train.jsonl",
                                                  "resume_ner_train.jsonl"), NAME_LABELS)
    addresses = _address_lines(source / "names-zh" / "chinese_address_parsing_train_sample.jsonl")
    english = _presidio_lines(source / "presidio-synth-en" / "synth_dataset_v2.json")
    for kind, pool, role in (("names-zh", names, "patient"), ("address-zh", addresses, "family"),
                             ("presidio-en", english, "patient")):
        blocks += [[(text, role, labels, kind, "", "")]
                   for text, labels in _sample(pool, quotas[kind], rng)]
    return blocks


def _consultation_blocks(folder: Path, quota: int, rng: random.Random) -> list[list[Row]]:
    dialogues: list[list[tuple[str, str]]] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            turns = json.loads(line)["turns"]
            dialogues.append([(_strip_speaker(t["utterance"]), t["speaker"]) for t in turns])
    rng.shuffle(dialogues)
    blocks: list[list[Row]] = []
    taken = 0
    for round_no in range(1 + quota // max(1, sum(map(len, dialogues)))):
        for d, turns in enumerate(dialogues):
            if taken >= quota:
                return blocks
            chat = f"consult-{round_no}-{d:03d}"
            rows: list[Row] = [(text, role, (), "consultation", "", chat)
                               for text, role in turns if text]
            blocks.append(rows[: quota - taken])
            taken += len(blocks[-1])
    return blocks


def _strip_speaker(utterance: str) -> str:
    """MIE turns keep their `患者:` / `医生:` prefix; a group message would not have it."""
    for prefix in ("患者:", "医生:", "患者：", "医生："):
        if utterance.startswith(prefix):
            return utterance[len(prefix):]
    return utterance


Pool = list[tuple[str, tuple[Label, ...]]]


def _labelled_lines(folder: Path, names: tuple[str, ...], keep: frozenset[str]) -> Pool:
    pool: Pool = []
    for name in names:
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            labels = tuple(Label(s["start"], s["end"], "PERSON", str(i))
                           for i, s in enumerate(row["spans"]) if s["label"] in keep)
            pool.append((row["text"], labels))
    return pool


def _address_lines(path: Path) -> Pool:
    """One label per address, from its first to its last labelled component."""
    pool: Pool = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        spans = row["spans"]
        if spans:
            label = Label(min(s["start"] for s in spans), max(s["end"] for s in spans),
                          "ADDRESS", "0")
            pool.append((f"我家地址是{row['text']}", (_shift(label, 5),)))
    return pool


def _shift(label: Label, by: int) -> Label:
    return Label(label.start + by, label.end + by, label.entity, label.group)


def _presidio_lines(path: Path) -> Pool:
    pool: Pool = []
    for row in json.loads(path.read_text(encoding="utf-8")):
        labels = tuple(
            Label(s["start_position"], s["end_position"],
                  "PERSON" if s["entity_type"] == "PERSON" else s["entity_type"], str(i))
            for i, s in enumerate(row["spans"])
            if s["entity_type"] in EN_STRUCTURED or s["entity_type"] in NAME_LABELS)
        pool.append((row["full_text"], labels))
    return pool


def _sample(pool: Pool, count: int, rng: random.Random) -> Iterator[tuple[str, tuple[Label, ...]]]:
    """Each line once in shuffled order, cycling (reshuffled) when `count` exceeds the pool."""
    while count > 0 and pool:
        order = rng.sample(pool, len(pool))
        yield from order[:count]
        count -= len(order)


# ---- generated text ----------------------------------------------------------------------


def _generated_blocks(quotas: dict[str, int], rng: random.Random) -> list[list[Row]]:
    blocks: list[list[Row]] = []
    for kind, pool in (("chat", templates.CHAT), ("gift", templates.GIFT),
                       ("gift-false-friend", templates.GIFT_FALSE_FRIENDS),
                       ("advice", templates.ADVICE), ("ad", templates.AD)):
        blocks += [[(text, role, (), kind, "", "")]
                   for text, role in (rng.choice(pool) for _ in range(quotas.get(kind, 0)))]
    blocks += [[_pii_row(rng, disguised=False)] for _ in range(quotas.get("pii-plain", 0))]
    remaining = quotas.get("pii-disguised", 0)
    while remaining > 0:
        block = _split_block(rng) if rng.random() < 0.1 and remaining > 1 else [
            _pii_row(rng, disguised=True)]
        blocks.append(block)
        remaining -= len(block)
    return blocks


def _pii_row(rng: random.Random, *, disguised: bool) -> Row:
    pool = identifiers.STRUCTURED | {"CN_QQ"} if disguised else identifiers.GENERATORS
    entity = rng.choice(sorted(pool))
    value = identifiers.GENERATORS[entity](rng)
    variant = ""
    if disguised:
        value, variant = identifiers.disguise(value, rng)
    template, role = rng.choice(templates.PII[entity])
    start = template.index("{v}")
    text = template.replace("{v}", value)
    label = Label(start, start + len(value), entity, "0")
    return (text, role, (label,), "pii-disguised" if disguised else "pii-plain", variant, "")


def _split_block(rng: random.Random) -> list[Row]:
    """A mobile number typed over two consecutive messages of one sender (138 1234 / 5678)."""
    value = identifiers.mobile(rng)
    cut = rng.choice((3, 7))
    first, second = f"我手机{value[:cut]}", value[cut:]
    return [
        (first, "patient", (Label(3, len(first), "PHONE_NUMBER", "0"),), "pii-disguised",
         "split-1", ""),
        (second, "patient", (Label(0, len(second), "PHONE_NUMBER", "0"),), "pii-disguised",
         "split-2", ""),
    ]
