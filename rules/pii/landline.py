"""Mainland China landline numbers (座机).

Format: trunk 0 + 2–3-digit area code + 7–8-digit subscriber number, written 010-8888 6666,
(021)62345678 or 0571 8888 8888 (domain.md §C row 2). After normalisation the separators are
gone, so the pattern sees `0xx[x]` + 7–8 digits, or the bracketed area code. Validation by
`phonenumbers` (FIXED_LINE). A landline alone is often the hospital's own switchboard, so it
needs a context word (座机 / 电话 / tel …) to be reported, and one labelled as a ward's or
service desk's number (护士站电话, 总机, 急诊电话) is not reported at all.

A number written without its area code (座机 8888 1234, 家里电话62345678 转 123) is only taken
right after a landline word: 7–8 digits starting 2–8, as local subscriber numbers do. An
extension (转 123 / 分机 123) belongs to the number and is masked with it.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberType

from rules.pii.base import (
    KEYWORD_GAP,
    NOT_DIGIT_AFTER,
    NOT_DIGIT_BEFORE,
    RegexRecognizer,
    Rx,
    labelled_as_institution,
)

ENTITY = "CN_LANDLINE"
_EXTENSION = r"(?:\s?(?:转|分机|ext\.?|-)\s?[0-9]{1,5}(?![0-9]))?"
_LANDLINE = re.compile(
    NOT_DIGIT_BEFORE
    + r"(?P<value>(?:\(0[1-9]\d{1,2}\)\s?|\(?0[1-9]\d{1,2}[ -]?)[2-9]\d{6,7}"
    + _EXTENSION + ")" + NOT_DIGIT_AFTER
)
_LOCAL = re.compile(
    r"(?:座机|固话|固定电话|家里电话|家庭电话|家电|宅电|办公室电话|单位电话|办公电话|分机"
    r"|电话)" + KEYWORD_GAP + r"(?P<value>[2-8]\d{6,7}" + _EXTENSION + ")" + NOT_DIGIT_AFTER
)
# A date after 电话 is when, not which: 电话20240305那天打过.
DATE = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)")
_EXTENSION_AT_END = re.compile(r"\s?(?:转|分机|ext\.?|-)\s?[0-9]{1,5}$")
_FIXED_TYPES = {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


class LandlineRecognizer(RegexRecognizer):
    """CN_LANDLINE: area code + subscriber number, reported with a context word."""

    PATTERNS = (Rx(ENTITY, _LANDLINE, 0.4), Rx(ENTITY, _LOCAL, 0.8))
    CONTEXT = ("座机", "电话", "固话", "宅电", "联系", "打给", "打我", "致电", "拨打", "家里",
               "号码", "tel", "phone")

    def rescore(self, value: str, rx: Rx, text: str, start: int, end: int) -> float:
        """The pattern score for a valid fixed line; 0 for anything phonenumbers rejects and
        for the hospital's own numbers (护士站电话, 医院总机 …)."""
        if labelled_as_institution(text, start):
            return 0.0
        if rx.regex is _LOCAL:
            return 0.0 if DATE.match(value) else rx.score
        try:
            number = phonenumbers.parse(_EXTENSION_AT_END.sub("", value), "CN")
        except phonenumbers.NumberParseException:
            return 0.0
        valid = (phonenumbers.is_valid_number(number)
                 and phonenumbers.number_type(number) in _FIXED_TYPES)
        return rx.score if valid else 0.0
