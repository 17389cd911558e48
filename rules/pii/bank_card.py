"""Bank card numbers (银行卡号).

Format: 15–19 digits, often grouped in fours; UnionPay BINs start with 62, international
co-branded cards with 3/4/5 (domain.md §C row 3). Validation: Luhn mod 10 (`stdnum.luhn`).
A Luhn-valid 62… number is reported on its own; other Luhn-valid numbers and Luhn failures
(some domestic cards are said not to be Luhn-valid, personal-data.md §2) need a context word.
"""

from __future__ import annotations

import re

from stdnum import luhn

from rules.pii.base import NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE, RegexRecognizer, Rx

ENTITY = "BANK_CARD"
# 2-series Mastercard (2221–2720) and 15-digit JCB / Amex are in too: all Luhn-checked.
_CARD = re.compile(NOT_DIGIT_BEFORE + r"[2-6]\d{14,18}" + NOT_DIGIT_AFTER)


class BankCardRecognizer(RegexRecognizer):
    """BANK_CARD: 16–19 digits, Luhn-checked, with 卡号 / 银行卡 / account context."""

    PATTERNS = (Rx(ENTITY, _CARD, 0.7),)
    CONTEXT = ("卡号", "银行卡", "开户行", "账号", "帐号", "户名", "储蓄卡", "信用卡", "借记卡",
               "转账", "汇款", "card", "account")

    def rescore(self, value: str, rx: Rx, text: str, start: int, end: int) -> float:
        """0.7 for a Luhn-valid UnionPay number, 0.45 for other Luhn-valid, 0.2 otherwise."""
        if not luhn.is_valid(value):
            return 0.2
        return rx.score if value.startswith("62") else 0.45
