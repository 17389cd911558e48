"""Mainland China landline numbers (座机).

Format: trunk 0 + 2–3-digit area code + 7–8-digit subscriber number, written 010-8888 6666,
(021)62345678 or 0571 8888 8888 (domain.md §C row 2). After normalisation the separators are
gone, so the pattern sees `0xx[x]` + 7–8 digits, or the bracketed area code. Validation by
`phonenumbers` (FIXED_LINE). A landline alone is often the hospital's own switchboard, so it
needs a context word (座机 / 电话 / tel …) to be reported.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberType

from rules.pii.base import NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE, RegexRecognizer, Rx

ENTITY = "CN_LANDLINE"
_LANDLINE = re.compile(
    NOT_DIGIT_BEFORE
    + r"(?P<value>(?:\(0[1-9]\d{1,2}\)\s?|0[1-9]\d{1,2}[ -]?)[2-9]\d{6,7})"
    + NOT_DIGIT_AFTER
)
_FIXED_TYPES = {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


class LandlineRecognizer(RegexRecognizer):
    """CN_LANDLINE: area code + subscriber number, reported with a context word."""

    PATTERNS = (Rx(ENTITY, _LANDLINE, 0.4),)
    CONTEXT = ("座机", "电话", "固话", "联系", "打给", "致电", "拨打", "家里", "tel", "phone")

    def rescore(self, value: str, rx: Rx, text: str, start: int, end: int) -> float:
        """The pattern score for a valid fixed line; 0 for anything phonenumbers rejects."""
        try:
            number = phonenumbers.parse(value, "CN")
        except phonenumbers.NumberParseException:
            return 0.0
        valid = (phonenumbers.is_valid_number(number)
                 and phonenumbers.number_type(number) in _FIXED_TYPES)
        return rx.score if valid else 0.0
