"""Personal-data detection: Presidio with our Chinese recognizers and its English ones.

    hits = detect_personal_data(text, previous=last_message_of_same_sender)

Every `PiiHit` is a half-open span of the ORIGINAL text. The text is normalised first
(`rules.normalize`), a cheap prefilter skips Presidio for messages that cannot match, overlaps
are resolved by entity priority, and a number split over the sender's previous message and
this one is found and clipped to this message.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rules.normalize import Normalized, normalize

__all__ = [
    "ENTITIES", "PRIORITY", "DetectionError", "PiiHit", "deoverlap", "detect_personal_data",
]

# Higher wins an overlap; the order follows the specificity of the evidence (a checksum beats
# a keyword, a keyword beats a bare pattern), after neednlab/cn_pii_anonymization's order.
PRIORITY: dict[str, int] = {
    "CN_RESIDENT_ID": 100, "EMAIL_ADDRESS": 95, "CREDIT_CARD": 91, "BANK_CARD": 90,
    "IBAN_CODE": 88, "INSURANCE_NO": 85, "MEDICAL_RECORD_NO": 84, "WECHAT_ID": 80,
    "QQ_ID": 79, "CN_PHONE": 75, "CN_LANDLINE": 70, "IP_ADDRESS": 68, "US_SSN": 67,
    "UK_NHS": 66, "PHONE_NUMBER": 65, "PASSPORT": 60, "HK_MACAO_PERMIT": 59, "BED_NAME": 55,
    "ADDRESS": 50, "PERSON_NAME": 40,
}
ENTITIES = tuple(PRIORITY)
# Entities that a sender can split over two messages ("我电话138 1234" / "5678").
_SPLITTABLE = frozenset({"CN_RESIDENT_ID", "BANK_CARD", "CN_PHONE", "CN_LANDLINE", "QQ_ID",
                         "WECHAT_ID", "MEDICAL_RECORD_NO", "INSURANCE_NO"})
_SPLIT_TAIL = 24  # characters of the previous message that can hold the first half
_SPLIT_PENALTY = 0.9
_SEP = "[" + re.escape(" \t.-_/\\·•,、()~") + "]"
_TRAILING_RUN = re.compile(rf"\d(?:{_SEP}{{1,3}}\d+)*{_SEP}*$")
_LEADING_RUN = re.compile(rf"^{_SEP}*\d+")
_LEADING_GROUP = re.compile(rf"{_SEP}{{1,3}}(\d{{1,7}})(?!\d)")
_ENDS_WITH_DIGIT = re.compile(r"\d[\s.\-_/]{0,3}$")
_STARTS_WITH_DIGIT = re.compile(r"^[\s.\-_/]{0,3}\d")


class DetectionError(RuntimeError):
    """Detection failed; the message gives the text's length, never the text."""


@dataclass(frozen=True, slots=True)
class PiiHit:
    """One piece of personal data: entity type and span of the ORIGINAL text."""

    entity: str
    start: int
    end: int
    score: float


def detect_personal_data(
    text: str,
    *,
    normalized: Normalized | None = None,
    previous: str | None = None,
    min_score: float = 0.5,
) -> list[PiiHit]:
    """Personal data in `text`, de-overlapped, sorted by position.

    `normalized` is `normalize(text)` when the caller already has it. `previous` is the same
    sender's immediately previous message in the same chat: it gives context words, and a
    number begun there and finished here is reported on this message's part.
    """
    try:
        norm = normalized if normalized is not None else normalize(text)
        hits = _detect(norm, previous=previous, min_score=min_score)
        if previous:
            hits += _split_hits(text, previous, min_score=min_score)
    except Exception as exc:  # Presidio or a validator: its message may quote the text
        raise DetectionError(
            f"personal-data detection failed ({type(exc).__name__}) on a {len(text)}-char message"
        ) from None
    return deoverlap(hits)


def deoverlap(hits: list[PiiHit]) -> list[PiiHit]:
    """Keep the best hit of every overlapping group (priority, then score, then length).

    Overlapping hits of one entity are first merged into their union (a cued address phrase
    and the admin-area part inside it are one address).
    """
    ranked = sorted(_merge_same_entity(hits), key=lambda h: (-PRIORITY.get(h.entity, 0), -h.score,
                                         h.start - h.end, h.start))
    kept: list[PiiHit] = []
    # Kept hits never overlap, so sorted by (start, end) their ends rise too: only the last
    # kept hit starting before `hit.end` can overlap it. (Checking every kept hit was
    # quadratic: a 64 KB message of e-mail addresses took seconds.)
    spans: list[tuple[int, int]] = []
    for hit in ranked:
        before = bisect.bisect_left(spans, (hit.end, -1))
        if before and spans[before - 1][1] > hit.start:
            continue
        bisect.insort(spans, (hit.start, hit.end))
        kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end))


def _merge_same_entity(hits: list[PiiHit]) -> list[PiiHit]:
    merged: list[PiiHit] = []
    for hit in sorted(hits, key=lambda h: (h.entity, h.start, -h.end)):
        last = merged[-1] if merged else None
        if last and last.entity == hit.entity and hit.start < last.end:
            merged[-1] = PiiHit(hit.entity, last.start, max(last.end, hit.end),
                                max(last.score, hit.score))
        else:
            merged.append(hit)
    return merged


def _detect(norm: Normalized, *, previous: str | None, min_score: float) -> list[PiiHit]:
    from rules.pii import analyzer  # Presidio and spaCy load only when a message needs them

    hits: list[PiiHit] = []
    if analyzer.might_contain(norm.text):
        context = [normalize(previous).text] if previous else None
        for r in analyzer.analyze_chinese(norm.text, context=context, min_score=min_score):
            start, end = norm.to_original(r.start, r.end)
            hits.append(PiiHit(r.entity_type, start, end, r.score))
        for r in analyzer.analyze_english(norm.original, min_score=min_score):
            hits.append(PiiHit(r.entity_type, r.start, r.end, r.score))
    return hits


def _split_hits(text: str, previous: str, *, min_score: float) -> list[PiiHit]:
    """Numbers that start in the previous message and end in this one, clipped to this one."""
    tail = previous[-_SPLIT_TAIL:]
    if not (_ENDS_WITH_DIGIT.search(normalize(tail).text)
            and _STARTS_WITH_DIGIT.search(normalize(text[:_SPLIT_TAIL]).text)):
        return []
    joined = _seam(normalize(tail), normalize(text))
    out = []
    for hit in _detect(joined, previous=None, min_score=min_score):
        if hit.entity in _SPLITTABLE and hit.start < len(tail) < hit.end:
            out.append(PiiHit(hit.entity, 0, hit.end - len(tail), hit.score * _SPLIT_PENALTY))
    return out


def _seam(first: Normalized, second: Normalized) -> Normalized:
    """`first` + `second` as one normalised text, with the separators around the seam gone.

    Each message was normalised on its own, so "卡号621 7" kept its space (too short to be
    a number) and "身份证440 3051 98" / "910167579" would meet as two numbers. The digit groups
    that end `first` and the short groups that begin `second` are glued together here.
    """
    keep: list[int] = []  # (index into first.text) or (len(first.text) + index into second)
    tail = _TRAILING_RUN.search(first.text)
    cut = tail.start() if tail else len(first.text)
    keep += range(cut)
    keep += (i for i in range(cut, len(first.text)) if first.text[i].isdigit())
    lead = _LEADING_RUN.match(second.text)
    pos = lead.end() if lead else 0
    if lead:
        keep += (i + len(first.text) for i in range(pos) if second.text[i].isdigit())
        while group := _LEADING_GROUP.match(second.text, pos):
            keep += (i + len(first.text) for i in range(group.start(1), group.end(1)))
            pos = group.end()
    keep += (i + len(first.text) for i in range(pos, len(second.text)))
    both = first.text + second.text
    offset = len(first.original)
    index = tuple(first.char_to_original(i) if i < len(first.text)
                  else offset + second.char_to_original(i - len(first.text)) for i in keep)
    return Normalized(first.original + second.original, "".join(both[i] for i in keep), index)
