"""Masking personal data while keeping its shape, with presidio-anonymizer operators.

Conventions after Hutool's DesensitizedUtil and aws-samples/desensitize-cn (domain.md §C):
phone `138****5678`, landline `021-******78`, resident ID `110101********1234`, bank card keeps
the last 4, e-mail `a***@example.com`, name keeps the surname (`王**`), bed + name masks both
(`*床王**`), address keeps province / city. Separators and obfuscation stay in place, so a
masked `138 1234 5678` reads `138 **** 5678`. No exception raised here carries the raw text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

from rules.pii import PiiHit, deoverlap
from rules.pii.surnames import surname_length

if TYPE_CHECKING:
    from presidio_anonymizer import AnonymizerEngine

__all__ = ["RedactionError", "mask", "mask_value"]

MASK = "*"
_SEPARATORS = frozenset(" \t\n.-/\\·•,，、。－　()（）+\u200b\u200c\u200d\u2060\ufeff")
_ADMIN_PREFIX = re.compile(r"^(?:.{2,8}?(?:省|自治区|特别行政区))?(?:.{1,8}?(?:市|自治州|盟))?")
_BED_FILLER = re.compile(r"\s*(?:的|那位|那个|病人|患者)?\s*")
_AT = re.compile(r"@|＠|\[at\]|\(at\)|\{at\}|#|艾特|\sat\s")  # disguised e-mails too
_NUMERALS = frozenset("零〇一二三四五六七八九十幺两壹贰叁参肆伍陆柒捌玖貳參陸")


class RedactionError(ValueError):
    """Masking failed; the message names the entity and offsets, never the text."""


def mask(text: str, hits: Iterable[PiiHit]) -> str:
    """`text` with every hit masked in place (overlapping hits: the higher priority wins)."""
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    kept = deoverlap(list(hits))
    for hit in kept:
        if not 0 <= hit.start < hit.end <= len(text):
            raise RedactionError(f"{hit.entity} span ({hit.start}, {hit.end}) outside the text")
    if not kept:
        return text
    results = [RecognizerResult(h.entity, h.start, h.end, h.score) for h in kept]
    operators = {h.entity: OperatorConfig("custom", {"lambda": _masker(h.entity)}) for h in kept}
    try:
        return _engine().anonymize(
            text, results, operators, merge_entities_with_spaces=False
        ).text
    except Exception:
        spans = ", ".join(f"{h.entity}({h.start}, {h.end})" for h in kept)
        raise RedactionError(f"could not mask {spans}") from None


def mask_value(entity: str, value: str) -> str:
    """One value masked the way `mask` masks an entity of this type."""
    return _masker(entity)(value)


@cache
def _engine() -> AnonymizerEngine:
    from presidio_anonymizer import AnonymizerEngine  # loads `cryptography`: ~1 s, once

    return AnonymizerEngine()


def _masker(entity: str) -> Callable[[str], str]:
    return _MASKERS.get(entity, _keep_last_4)


def _significant(ch: str) -> bool:
    """A character that carries the value: a letter or digit in any script or form (１ ① ❶
    𝟏 一 壹), not a separator, an emoji, a keycap or a Chinese word inside the span (转)."""
    if ch in _SEPARATORS:
        return False
    if not ch.isalnum():
        return ch == "_"  # part of an account name (zhangsan_123)
    return not "\u4e00" <= ch <= "\u9fff" or ch in _NUMERALS


def _keep(value: str, head: int, tail: int) -> str:
    """Mask the significant characters between the first `head` and the last `tail`."""
    significant = [i for i, ch in enumerate(value) if _significant(ch)]
    if len(significant) <= head + tail:
        head, tail = 0, 0
    hide = set(significant[head:len(significant) - tail])
    return "".join(MASK if i in hide else ch for i, ch in enumerate(value))


def _keep_last_4(value: str) -> str:
    return _keep(value, 0, 4)


def _phone(value: str) -> str:
    significant = sum(_significant(ch) for ch in value)
    return _keep(value, max(significant - 8, 0), 4)


def _landline(value: str) -> str:
    digits = unicodedata.normalize("NFKC", value).lstrip("( ")
    if digits[:1] not in ("0", "零", "〇"):
        return _keep(value, 0, 2)  # no area code: 8888 1234 转 123
    area = 3 if digits[:2] in ("01", "02", "零一", "零二", "〇一", "〇二") else 4
    return _keep(value, area, 2)


def _record_number(value: str) -> str:
    return _keep(value, 0, 4 if len(value) >= 8 else 2)


def _account(value: str) -> str:
    return _keep(value, 2, 2) if len(value) > 6 else _keep(value, 1, 1)


def _email(value: str) -> str:
    at = _AT.search(value)
    if not at:
        return _keep_last_4(value)
    return f"{value[:1]}{MASK * 3}{value[at.start():]}"


def _name(value: str) -> str:
    keep = surname_length(value, 0) or 1
    return value[:keep] + MASK * (len(value) - keep)


def _bed_name(value: str) -> str:
    bed = value.find("床")
    if bed < 0:
        return MASK * len(value)
    number = "".join(ch if ch in "加号 " else MASK for ch in value[:bed])
    filler = _BED_FILLER.match(value, bed + 1)
    name_at = filler.end() if filler else bed + 1
    return number + value[bed:name_at] + _name(value[name_at:])


def _address(value: str) -> str:
    prefix = _ADMIN_PREFIX.match(value)
    keep = prefix.end() if prefix else 0
    return value[:keep] + MASK * (len(value) - keep)


_MASKERS: dict[str, Callable[[str], str]] = {
    "CN_PHONE": _phone,
    "CN_LANDLINE": _landline,
    "CN_RESIDENT_ID": lambda v: _keep(v, 6, 4),
    "BANK_CARD": _keep_last_4,
    "CREDIT_CARD": _keep_last_4,
    "EMAIL_ADDRESS": _email,
    "PASSPORT": lambda v: _keep(v, 1, 3),
    "HK_MACAO_PERMIT": lambda v: _keep(v, 1, 3),
    "MEDICAL_RECORD_NO": _record_number,
    "INSURANCE_NO": _record_number,
    "WECHAT_ID": _account,
    "QQ_ID": _account,
    "PERSON_NAME": _name,
    "BED_NAME": _bed_name,
    "ADDRESS": _address,
    "IP_ADDRESS": lambda v: "".join(MASK if ch.isalnum() else ch for ch in v),
}
