"""Design §6: structured identifiers, obfuscated forms included, recall ≥ 0.97.

Random valid numbers (phonenumbers-valid prefixes, stdnum check digits, Luhn) in chat
templates, each written in the evasions of personal-data.md §3.1. Measured 0.99: the misses are
numbers in which nearly every digit became a look-alike letter (llOlOll955O527O9l2).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from conftest import bank_card, resident_id

from rules.pii import detect_personal_data

_LOWER = "零一二三四五六七八九"
_CAPITAL = "零壹贰叁肆伍陆柒捌玖"


def _digits(s: str, table: Callable[[int], str]) -> str:
    return "".join(table(int(c)) if c.isdigit() else c for c in s)


def _groups(s: str, size: int, sep: str) -> str:
    return sep.join(s[i:i + size] for i in range(0, len(s), size))


EVASIONS: dict[str, Callable[[str], str]] = {
    "plain": lambda s: s,
    "full-width": lambda s: _digits(s, lambda d: chr(0xFF10 + d)),
    "spaces": lambda s: _groups(s, 4, " "),
    "dashes": lambda s: _groups(s, 4, "-"),
    "dots": lambda s: _groups(s, 3, "."),
    "every digit spaced": lambda s: " ".join(s),
    "numerals": lambda s: _digits(s, lambda d: _LOWER[d]),
    "幺": lambda s: _digits(s, lambda d: _LOWER[d]).replace("一", "幺"),
    "capitals": lambda s: _digits(s, lambda d: _CAPITAL[d]),
    "mixed": lambda s: s[:3] + _digits(s[3:7], lambda d: _LOWER[d]) + s[7:],
    "zero-width": lambda s: _groups(s, 3, "\u200b"),
    "look-alikes": lambda s: s.replace("1", "l").replace("0", "O").replace("8", "B"),
    "math bold": lambda s: _digits(s, lambda d: chr(0x1D7CE + d)),
    "circled": lambda s: _digits(s, lambda d: "⓪" if d == 0 else chr(0x245F + d)),
}
TEMPLATES = {
    "CN_PHONE": ["我的手机{}", "电话：{}，谢谢", "{}"],
    "CN_RESIDENT_ID": ["身份证{}", "证件号 {}", "{}"],
    "BANK_CARD": ["卡号{}", "银行卡：{}", "{}"],
}


def _number(entity: str, rng: random.Random) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(16))
    if entity == "CN_PHONE":
        return rng.choice(["138", "139", "186", "150", "177", "199"]) + digits[:8]
    if entity == "CN_RESIDENT_ID":
        region = rng.choice(["110101", "310104", "440305", "330106", "510107"])
        return resident_id(f"{region}{rng.randint(1950, 2010)}"
                           f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{digits[:3]}")
    return bank_card("62" + digits)


def test_obfuscated_identifiers_when_scanned_then_recall_at_least_097() -> None:
    rng = random.Random(7)
    total, misses = 0, []
    for entity, templates in TEMPLATES.items():
        for _ in range(20):
            number = _number(entity, rng)
            for name, evade in EVASIONS.items():
                for template in templates:
                    written = evade(number)
                    text = template.format(written)
                    at = text.index(written)
                    hits = detect_personal_data(text)
                    total += 1
                    if not any(h.entity == entity and h.start <= at
                               and h.end >= at + len(written) - 1 for h in hits):
                        misses.append((entity, name, text))
    assert 1 - len(misses) / total >= 0.97, misses[:20]
