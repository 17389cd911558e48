"""Bank card numbers (银行卡号).

Format: 15–19 digits, often grouped in fours; UnionPay BINs start with 62, international
co-branded cards with 3/4/5 (domain.md §C row 3). Validation: Luhn mod 10 (`stdnum.luhn`).
A Luhn-valid 62… number is reported on its own, and so is a 16-digit Luhn-valid Visa (4…) or
Mastercard (51–55…) number; other Luhn-valid numbers and Luhn failures (some domestic cards are
said not to be Luhn-valid, personal-data.md §2) need a context word. Chat names the bank or
the transfer rather than the card (打到这个卡上, 退款请退到, 农行的), so those are context too.
A number labelled as an order, invoice or batch number is not a card. Maestro cards can be as
short as 12 digits: a Luhn-valid 12–14-digit number counts only with a card word, and never
after a hospital or insurance card word (就诊卡号 123456789012 is a clinic card).
"""

from __future__ import annotations

import re

from stdnum import luhn

from rules.pii.base import (
    NOT_DIGIT_AFTER,
    NOT_DIGIT_BEFORE,
    RegexRecognizer,
    Rx,
    labelled_as_reference,
)

ENTITY = "BANK_CARD"
# 2-series Mastercard (2221–2720) and 15-digit JCB / Amex are in too: all Luhn-checked.
_INTERNATIONAL = re.compile(r"4|5[1-5]")
_SHORT = re.compile(NOT_DIGIT_BEFORE + r"\d{12,14}" + NOT_DIGIT_AFTER)
_OTHER_CARD = re.compile(r"就诊|诊疗|门诊|住院|病历|病案|医保|社保|会员|健康")
_CARD = re.compile(NOT_DIGIT_BEFORE + r"[2-6]\d{14,18}" + NOT_DIGIT_AFTER)
# Two long groups the normaliser keeps apart as two numbers (62170080 58887180333): one card
# when together they pass Luhn and a card word is near.
_TWO_GROUPS = re.compile(NOT_DIGIT_BEFORE + r"[2-6]\d{7,10} \d{7,11}" + NOT_DIGIT_AFTER)


class BankCardRecognizer(RegexRecognizer):
    """BANK_CARD: 16–19 digits, Luhn-checked, with 卡号 / 银行卡 / account context."""

    PATTERNS = (Rx(ENTITY, _CARD, 0.7), Rx(ENTITY, _SHORT, 0.3), Rx(ENTITY, _TWO_GROUPS, 0.3))
    CONTEXT = ("卡号", "银行卡", "开户行", "账号", "帐号", "户名", "储蓄卡", "信用卡", "借记卡",
               "转账", "汇款", "卡上", "卡里", "这张卡", "退到", "打到", "打款", "收款", "退款",
               "银行", "工行", "农行", "建行", "中行", "招行", "交行", "邮储", "浦发", "兴业",
               "card", "account", "visa", "master", "cc ")

    def rescore(self, value: str, rx: Rx, text: str, start: int, end: int) -> float:
        """0.7 for a Luhn-valid UnionPay number, 0.55 for a 16-digit Luhn-valid Visa or
        Mastercard, 0.45 for other Luhn-valid numbers, 0.2 otherwise; two long groups that
        make a Luhn-valid 16–19-digit number 0.3 (reported with a card word only)."""
        if labelled_as_reference(text, start):
            return 0.0
        if rx.regex is _TWO_GROUPS:
            digits = value.replace(" ", "")
            return rx.score if 16 <= len(digits) <= 19 and luhn.is_valid(digits) else 0.0
        if rx.regex is _SHORT:
            clinic = _OTHER_CARD.search(text, max(0, start - 8), start)
            return rx.score if luhn.is_valid(value) and not clinic else 0.0
        if not luhn.is_valid(value):
            return 0.2
        if value.startswith("62"):
            return rx.score
        return 0.55 if len(value) == 16 and _INTERNATIONAL.match(value) else 0.45
