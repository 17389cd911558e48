"""Mainland China mobile numbers (手机号).

Format: 11 digits `1[3-9]x xxxx xxxx`, optionally prefixed by +86 / 0086 / 86 (domain.md §C
row 2; personal-data.md §2). The normaliser has already folded full-width digits, Chinese
numerals, separators and look-alikes, so the pattern sees plain digits. Validation by
`phonenumbers` (its metadata follows the number-range allocations, e.g. 12x / 149 invalid):
a valid mobile number is reported even without context; an 11-digit number that phonenumbers
rejects needs a context word. A number after a foreign country code (+1 415 555 0132) is
not a mainland mobile.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberType

from rules.pii.base import (
    NOT_DIGIT_AFTER,
    NOT_DIGIT_BEFORE,
    RegexRecognizer,
    Rx,
    labelled_as_reference,
)

ENTITY = "CN_PHONE"
_MOBILE = re.compile(
    NOT_DIGIT_BEFORE + r"(?:(?:\+|00)?86[ -]?|(?<!\+))(?P<value>1[3-9]\d{9})" + NOT_DIGIT_AFTER
)
_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
CONTEXT_WORDS = (
    "手机", "电话", "联系", "号码", "打给", "致电", "来电", "拨打", "call", "phone", "mobile",
    "tel", "cell", "contact",
)


class MobileRecognizer(RegexRecognizer):
    """CN_PHONE: 11-digit mainland mobile numbers, validated with phonenumbers."""

    PATTERNS = (Rx(ENTITY, _MOBILE, 0.75),)
    CONTEXT = CONTEXT_WORDS

    def rescore(self, value: str, rx: Rx, text: str, start: int, end: int) -> float:
        """0.75 for a number phonenumbers calls a valid mobile; 0.3 otherwise; 0 for an order
        or batch number (订单号 / 编号 …)."""
        if labelled_as_reference(text, start):
            return 0.0
        return rx.score if is_valid_mobile(value) else 0.3


def is_valid_mobile(digits: str) -> bool:
    """True when phonenumbers accepts `digits` as a mainland mobile number."""
    try:
        number = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return False
    return (phonenumbers.is_valid_number(number)
            and phonenumbers.number_type(number) in _MOBILE_TYPES)
