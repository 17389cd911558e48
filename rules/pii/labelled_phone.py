"""Phone numbers of any country, recognised by the label next to them.

Presidio's PhoneRecognizer accepts only numbers that phonenumbers calls valid for one of a
few regions, so a Swiss desk number (+41 (0)96 471 07 95), a number with an extension
(345-899-3560x4587) or a short local one (467 3395) is missed even after "Phone:". People
label the numbers they hand out: "Phone: …", "call me at …", "… office", "电话：…". A run of
7–15 digits (separators already folded by the normaliser) right after such a label, or right
before "office / fax / mobile", is reported as PHONE_NUMBER.
"""

from __future__ import annotations

import re

from rules.pii.base import RegexRecognizer, Rx, labelled_as_institution
from rules.pii.landline import DATE

ENTITY = "PHONE_NUMBER"
# Text is lower-cased and the digits of a number are already joined: "+41(0964710795".
_NUMBER = r"(?:\+|00)?\(?\d{7,15}(?:\s?(?:x|ext\.?)\s?\d{1,5})?"
# A number that runs into asterisks is already masked (0086 181-****-7240).
_NOT_MASKED_AFTER = r"(?![0-9a-z]|[\s\-]?\*)"
_LEAD = (
    r"(?<![a-z])(?:(?:tele)?phone|tel|mobile|cell(?:phone)?|desk|fax|whatsapp|"
    r"(?:call|reach|text|contact) me (?:at|on)|answering at|messages to|registered|"
    r"(?:contact|phone) number(?: is)?|电话|手机|联系方式|联系电话)"
)
_LABELLED = re.compile(
    _LEAD + r"\s*(?:#|no\.?|number)?\s*(?:[:：]|is|at|on)?\s*(?P<value>" + _NUMBER + ")"
    + _NOT_MASKED_AFTER
)
_TRAILED = re.compile(
    r"(?<![0-9*])(?P<value>" + _NUMBER + r")[\s\-]{0,2}"
    r"(?:office|fax|mobile|cell|home|work)(?![a-z])"
)


class LabelledPhoneRecognizer(RegexRecognizer):
    """PHONE_NUMBER: 7–15 digits right after a phone label, or right before office / fax."""

    PATTERNS = (Rx(ENTITY, _LABELLED, 0.6), Rx(ENTITY, _TRAILED, 0.6))

    def rescore(self, value: str, rx: Rx, text: str, start: int, end: int) -> float:
        """The pattern score, except for a date (电话20240305那天打过) and for a landline or
        service number under a hospital label (急诊电话：0755…, 医院服务热线 400…)."""
        if DATE.fullmatch(value):
            return 0.0
        fixed = value.lstrip("(").startswith(("0", "400", "800"))
        return 0.0 if fixed and labelled_as_institution(text, start) else rx.score
