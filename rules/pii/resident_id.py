"""18-digit resident identity number (居民身份证号), and the legacy 15-digit form.

Format: GB 11643-1999 — 6-digit region code (GB/T 2260), birth date YYYYMMDD, 3-digit sequence,
ISO 7064 MOD 11-2 check character (0-9 or X). Validation by `stdnum.cn.ric` (checksum, birth
date, region). Residence permits of Hong Kong / Macao / Taiwan residents use the region prefixes
810000 / 820000 / 830000, which `stdnum`'s region table lacks (personal-data.md §2), so they
are checked by date and checksum only. A valid checksum with an unknown region (a county code
newer than the table) is kept at a lower score rather than rejected.

Verification by phone asks for the last four or six characters (身份证后四位 0817, 身份证尾号
12345X): reported right after such a phrase only, at a lower score.
"""

from __future__ import annotations

import re
from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent, ValidationError

from rules.pii.base import NOT_ALNUM_AFTER, NOT_DIGIT_BEFORE, RegexRecognizer, Rx

ENTITY = "CN_RESIDENT_ID"
_DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_ID18 = re.compile(
    NOT_DIGIT_BEFORE + rf"[1-9]\d{{5}}(?:18|19|20)\d{{2}}{_DATE}\d{{3}}(?:[0-9]|[ -]?x)"
    + NOT_ALNUM_AFTER
)
_ID15 = re.compile(NOT_DIGIT_BEFORE + rf"[1-9]\d{{7}}{_DATE}\d{{3}}" + NOT_ALNUM_AFTER)
_TAIL = re.compile(
    r"(?:身份证|身分证|证件)(?:号码|号)?(?:的)?(?:后|末|尾号|尾数|最后)(?:[46四六]位)?"
    r"(?:数字|数|号码)?\s*(?:是|为)?\s*[:：]?\s*(?P<value>\d{3}[0-9x]|\d{5}[0-9x])"
    + NOT_ALNUM_AFTER
)
_PERMIT_PREFIXES = ("810000", "820000", "830000")


class ResidentIdRecognizer(RegexRecognizer):
    """CN_RESIDENT_ID: checksum-valid 18-character IDs; 15-digit ones only with context."""

    PATTERNS = (Rx(ENTITY, _ID18, 1.0), Rx(ENTITY, _ID15, 0.2), Rx(ENTITY, _TAIL, 0.6))
    CONTEXT = ("身份证", "身分证", "证件号", "身份号", "社保号", "社会保障号", "居住证",
               "id card", "identity")

    def rescore(self, value: str, rx: Rx, text: str, start: int, end: int) -> float:
        """1.0 when fully valid; 0.6 when only the region is unknown; 0 on a bad checksum."""
        if rx.regex is _TAIL:
            return rx.score
        if len(value) == 15:
            return rx.score if _valid_date("19" + value[6:12]) else 0.0
        number = value.upper().replace(" ", "").replace("-", "")  # "…5 0 6 X": X after a gap
        if number.startswith(_PERMIT_PREFIXES):
            ok = _valid_date(number[6:14]) and ric.calc_check_digit(number) == number[-1]
            return 0.95 if ok else 0.0
        try:
            ric.validate(number)
        except InvalidComponent:
            # birth date or region: stdnum raises the same error for both, so tell them apart
            checksum_ok = ric.calc_check_digit(number) == number[-1]
            return 0.6 if checksum_ok and _valid_date(number[6:14]) else 0.0
        except ValidationError:
            return 0.0
        return 1.0


def _valid_date(yyyymmdd: str) -> bool:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return born <= date.today()
