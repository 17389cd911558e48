"""18-digit resident identity number (居民身份证号), and the legacy 15-digit form.

Format: GB 11643-1999 — 6-digit region code (GB/T 2260), birth date YYYYMMDD, 3-digit sequence,
ISO 7064 MOD 11-2 check character (0-9 or X). Validation by `stdnum.cn.ric` (checksum, birth
date, region). Residence permits of Hong Kong / Macao / Taiwan residents use the region prefixes
810000 / 820000 / 830000, which `stdnum`'s region table lacks (personal-data.md §2), so they
are checked by date and checksum only. A valid checksum with an unknown region (a county code
newer than the table) is kept at a lower score rather than rejected.

A digit dropped or doubled right after an ID word (17 or 19 characters) is treated the same
way. A typo in the check character (one digit mistyped) makes a checksum-invalid number that is
still someone's ID: with a plausible province code (GB/T 2260 first two digits) and a real
birth date it gets a low score that only a nearby ID cue (身份证号：…) lifts over the reporting
threshold, so it is masked when labelled and ignored when bare.

Verification by phone asks for the last four or six characters (身份证后四位 0817, 身份证尾号
12345X): reported right after such a phrase only, at a lower score.
"""

from __future__ import annotations

import re
from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError

from rules.pii.base import (
    NOT_ALNUM_AFTER,
    NOT_DIGIT_BEFORE,
    RegexRecognizer,
    Rx,
    labelled_as_reference,
)

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
# A digit dropped or doubled (17 or 19 characters) right after an ID word: still the ID. The
# normaliser may leave the region apart when the rest reads as a phone (230103 19560707288).
_WRONG_LENGTH = re.compile(
    r"(?:身份证|身分证|证件)(?:号码|号)?\s*(?:是|为)?\s*:?\s*"
    r"(?P<value>[1-9]\d{5} ?\d{10,12}[0-9x])" + NOT_ALNUM_AFTER
)
_PERMIT_PREFIXES = ("810000", "820000", "830000")
# First two digits of GB/T 2260 province-level codes (Hong Kong, Macao, Taiwan: 81–83).
_PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83",
})
# Below the 0.5 threshold alone; the context enhancer's +0.35 for a cue word lifts it over.
_TYPO_SCORE = 0.2


class ResidentIdRecognizer(RegexRecognizer):
    """CN_RESIDENT_ID: checksum-valid 18-character IDs; 15-digit ones only with context."""

    PATTERNS = (Rx(ENTITY, _ID18, 1.0), Rx(ENTITY, _ID15, 0.2), Rx(ENTITY, _TAIL, 0.6),
                Rx(ENTITY, _WRONG_LENGTH, _TYPO_SCORE))
    CONTEXT = ("身份证", "身分证", "证件号", "身份号", "社保号", "社保卡", "社会保障号", "居住证",
               "sfz", "id card", "identity", "id no")

    def rescore(self, value: str, rx: Rx, text: str, start: int, end: int) -> float:
        """1.0 when fully valid; 0.6 when only the region is unknown; a bad checksum, or 17 or
        19 characters right after an ID word, under a real province and birth date 0.2
        (reported only with a cue word); otherwise 0."""
        if rx.regex is _TAIL:
            return rx.score
        if rx.regex is _WRONG_LENGTH:
            number = value.replace(" ", "")
            return rx.score if _plausible_typo(number, text, start) else 0.0
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
        except InvalidChecksum:
            return _TYPO_SCORE if _plausible_typo(number, text, start) else 0.0
        except ValidationError:
            return 0.0
        return 1.0


def _plausible_typo(number: str, text: str, start: int) -> bool:
    """A mistyped check character: real province and birth date, not an order number."""
    return (number[:2] in _PROVINCES and _valid_date(number[6:14])
            and not labelled_as_reference(text, start))


def _valid_date(yyyymmdd: str) -> bool:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return born <= date.today()
