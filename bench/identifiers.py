"""Generated personal data for the benchmark corpus: valid identifiers and their disguises.

Every value passes the check a real detector applies (GB 11643 checksum for resident IDs,
Luhn for bank cards, assigned mobile prefixes), so a miss is the detector's, not the data's.
The disguises are the evasions of personal-data.md §3.1: full-width digits, Chinese numerals,
幺 and financial capitals, separators, zero-width characters and letter look-alikes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

# County-level region codes (GB/T 2260) of Beijing, Tianjin and Shanghai districts that were
# assigned for every birth year 1940–2020, so python-stdnum's `cn.ric` accepts each ID.
_REGIONS = ("110101", "110102", "110105", "110108", "120101", "120103", "310101", "310104",
            "310105", "310109")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_MOBILE_PREFIXES = ("130", "131", "133", "135", "136", "138", "139", "150", "151", "152",
                    "158", "159", "176", "177", "180", "181", "186", "187", "188", "189",
                    "191", "198", "199")
# UnionPay BINs of large Chinese banks (ICBC, ABC, CCB, CMB, BOC).
_CARD_BINS = ("622202", "622848", "621700", "622588", "621661")
_AREA_CODES = ("010", "021", "020", "025", "0571", "028", "027", "029", "0755")
_MAIL_DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "gmail.com", "example.com")
_MAIL_NAMES = ("wanglei", "zhang.min", "liuyang88", "chenjing", "mike.zhou", "amy_lin")


def resident_id(rng: random.Random) -> str:
    """An 18-digit resident ID with a valid region, birth date and check character."""
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 80))
    body = rng.choice(_REGIONS) + born.strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def mobile(rng: random.Random) -> str:
    """A mainland mobile number on an assigned prefix."""
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def landline(rng: random.Random) -> str:
    """A landline with its area code, written the usual way (010-62345678).

    Every city in `_AREA_CODES` has 8-digit local numbers; 7-digit ones belong to smaller
    cities, and a 7-digit number after one of these codes would not be a real number.
    """
    return f"{rng.choice(_AREA_CODES)}-{rng.randrange(2, 9)}{rng.randrange(10**7):07d}"


def bank_card(rng: random.Random) -> str:
    """A 16- or 19-digit UnionPay card number with a valid Luhn check digit."""
    length = rng.choice((16, 19))
    body = rng.choice(_CARD_BINS) + "".join(str(rng.randrange(10)) for _ in range(length - 7))
    return body + _luhn_digit(body)


def _luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str(-total % 10)


def record_number(rng: random.Random) -> str:
    """An inpatient / outpatient / medical-record number as hospitals print them."""
    prefix = rng.choice(("ZY", "MZ", "BA", ""))
    return f"{prefix}{rng.randrange(2015, 2026)}{rng.randrange(10**5):05d}"


def email(rng: random.Random) -> str:
    """A personal e-mail address."""
    return f"{rng.choice(_MAIL_NAMES)}{rng.randrange(100)}@{rng.choice(_MAIL_DOMAINS)}"


def passport(rng: random.Random) -> str:
    """A Chinese ordinary passport number (E + 8 digits)."""
    return f"E{rng.randrange(10**8):08d}"


def qq_number(rng: random.Random) -> str:
    """A QQ number (5–11 digits, never starting with 0)."""
    return str(rng.randrange(10**7, 10**10))


GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "CN_ID_CARD": resident_id,
    "PHONE_NUMBER": mobile,
    "CN_LANDLINE": landline,
    "CN_BANK_CARD": bank_card,
    "CN_MEDICAL_RECORD_NO": record_number,
    "EMAIL_ADDRESS": email,
    "CN_PASSPORT": passport,
    "CN_QQ": qq_number,
}
# Design §6 "structured identifiers": ID numbers, phones, bank cards, record numbers.
STRUCTURED = frozenset({"CN_ID_CARD", "PHONE_NUMBER", "CN_LANDLINE", "CN_BANK_CARD",
                        "CN_MEDICAL_RECORD_NO"})

_FULLWIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
_NUMERALS = str.maketrans("0123456789", "零一二三四五六七八九")
_CAPITALS = str.maketrans("0123456789", "零壹贰叁肆伍陆柒捌玖")
_LOOKALIKE = str.maketrans("01", "Ol")


def _grouped(value: str, sep: str) -> str:
    return sep.join(value[i:i + 4] for i in range(0, len(value), 4))


def _mobile_groups(value: str, sep: str) -> str:
    """138 1234 5678: the 3-4-4 grouping people use for phones (4-4-4… for other numbers)."""
    if len(value) == 11:
        return f"{value[:3]}{sep}{value[3:7]}{sep}{value[7:]}"
    return _grouped(value, sep)


DISGUISES: dict[str, Callable[[str], str]] = {
    "fullwidth": lambda v: v.translate(_FULLWIDTH),
    "numerals": lambda v: v.translate(_NUMERALS),
    "yao": lambda v: v.translate(_NUMERALS).replace("一", "幺"),
    "capitals": lambda v: v.translate(_CAPITALS),
    "spaces": lambda v: _mobile_groups(v, " "),
    "dashes": lambda v: _mobile_groups(v, "-"),
    "dots": lambda v: _mobile_groups(v, "."),
    "zero-width": lambda v: "\u200b".join(v),
    "lookalikes": lambda v: v.translate(_LOOKALIKE),
    "fullwidth-spaced": lambda v: _mobile_groups(v, "　").translate(_FULLWIDTH),
}


def disguise(value: str, rng: random.Random) -> tuple[str, str]:
    """Return (disguised value, name of the disguise); only the digits are rewritten."""
    names = [name for name in sorted(DISGUISES) if DISGUISES[name](value) != value]
    name = rng.choice(names)
    return DISGUISES[name](value), name
