"""Detection quality on the labelled parts of the benchmark corpus (design §6, last bullet).

A labelled value counts as found when any personal-data span an engine reports overlaps it
(any entity type: a flagged number is masked either way); a value split over two messages is
found when either part is. Message-level numbers use the categories of our findings.
"""

from __future__ import annotations

from typing import Any

from bench.corpus import Item
from bench.identifiers import STRUCTURED

# Detections per engine: message id -> [categories, [[start, end, entity], ...]].
Detections = dict[str, Any]
# Consultation turns that really are gifts: the platform's paid "心意" (corpus README).
_REAL_GIFT_WORDS = ("心意",)
# Categories that are false flags on ordinary consultation turns; advice is not among them,
# because real doctors in these dialogues do prescribe online (corpus README, "Caveats").
FALSE_FLAG_CATEGORIES = frozenset({"personal_data", "gift", "off_topic"})


def evaluate(items: list[Item], engines: dict[str, Detections]) -> dict[str, Any]:
    """Entity recall per labelled subset for every engine, plus our message-level rates."""
    out: dict[str, Any] = {"entities": _entity_table(items, engines)}
    if "presidio" in engines:
        out["presidio_consultation_flag_rate"] = _flag_rate(
            items, engines["presidio"], "consultation", frozenset({"personal_data"}))
    ours = engines.get("wardwatch")
    if ours is not None:
        out["disguises"] = _disguise_table(items, engines)
        out["rates"] = _message_rates(items, ours)
    return out


def _subset(item: Item, entity: str) -> str | None:
    """Which row of the entity table a label belongs to."""
    if item.kind in ("pii-plain", "pii-disguised"):
        if entity not in STRUCTURED:
            return "generated other (email, passport, QQ)" if item.kind == "pii-plain" else None
        return f"structured IDs, {'plain' if item.kind == 'pii-plain' else 'disguised'}"
    if entity == "PERSON":
        return "person names (names-zh, presidio-en)"
    if item.kind == "address-zh":
        return "addresses (address-zh)"
    if item.kind == "presidio-en":
        return "English structured (presidio-en)"
    return None


def _found_groups(items: list[Item], detections: Detections) -> set[str]:
    found: set[str] = set()
    for item in items:
        spans = detections.get(item.message.id, [[], []])[1]
        for label in item.labels:
            if any(s < label.end and label.start < e for s, e, _ in spans):
                found.add(label.group)
    return found


def _entity_table(items: list[Item], engines: dict[str, Detections]) -> dict[str, Any]:
    groups: dict[str, set[str]] = {}
    for item in items:
        for label in item.labels:
            subset = _subset(item, label.entity)
            if subset:
                groups.setdefault(subset, set()).add(label.group)
    found = {name: _found_groups(items, det) for name, det in engines.items()}
    table: dict[str, Any] = {}
    for subset, members in sorted(groups.items()):
        row: dict[str, Any] = {"labelled": len(members)}
        for name, hits in found.items():
            row[name] = len(members & hits)
        table[subset] = row
    every = {g for m in groups.values() for g in m}
    table["_all"] = {"labelled": len(every),
                     **{name: len(every & hits) for name, hits in found.items()}}
    structured = [g for s, m in groups.items() if s.startswith("structured") for g in m]
    table["_structured_recall"] = {
        name: len(set(structured) & hits) / max(1, len(structured))
        for name, hits in found.items()}
    return table


def _disguise_table(items: list[Item], engines: dict[str, Detections]) -> dict[str, Any]:
    """Recall of disguised structured identifiers, per disguise."""
    found = {name: _found_groups(items, det) for name, det in engines.items()}
    rows: dict[str, dict[str, int]] = {}
    for item in items:
        if item.kind != "pii-disguised":
            continue
        variant = "split over two messages" if item.variant.startswith("split") else item.variant
        row = rows.setdefault(variant, {"labelled": 0, **dict.fromkeys(found, 0)})
        for label in item.labels:
            if item.variant == "split-2":
                continue  # counted once, on its first part
            row["labelled"] += 1
            for name, hits in found.items():
                row[name] += label.group in hits
    return dict(sorted(rows.items()))


def _flag_rate(items: list[Item], detections: Detections, kind: str,
               categories: frozenset[str]) -> dict[str, Any]:
    chosen = [i for i in items if i.kind == kind]
    flagged = [i for i in chosen
               if categories & set(detections.get(i.message.id, [[], []])[0])]
    return {"messages": len(chosen), "flagged": len(flagged),
            "rate": len(flagged) / max(1, len(chosen))}


def _message_rates(items: list[Item], ours: Detections) -> dict[str, Any]:
    ordinary = [i for i in items if i.kind == "consultation"
                and not any(w in i.message.text for w in _REAL_GIFT_WORDS)]
    per_category = {
        category: _flag_rate(ordinary, ours, "consultation", frozenset({category}))
        for category in sorted(FALSE_FLAG_CATEGORIES | {"unexamined_advice"})}
    return {
        "gift_recall": _flag_rate(items, ours, "gift", frozenset({"gift"})),
        "advice_recall": _flag_rate(items, ours, "advice",
                                    frozenset({"unexamined_advice", "unlicensed_advice"})),
        "ad_recall": _flag_rate(items, ours, "ad", frozenset({"off_topic"})),
        "gift_false_friends_flagged": _flag_rate(items, ours, "gift-false-friend",
                                                 frozenset({"gift"})),
        "ordinary_chat_flagged": _flag_rate(items, ours, "chat", FALSE_FLAG_CATEGORIES),
        "consultation_false_flags": _flag_rate(ordinary, ours, "consultation",
                                               FALSE_FLAG_CATEGORIES),
        "consultation_by_category": per_category,
    }
