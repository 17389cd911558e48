r"""Hospital identifiers and insurance card numbers, anchored on their keyword.

Hospital numbers (病案号, 住院号, 门诊号, 就诊卡号, ID号, 登记号, 检查号 …) have no national
format: domain.md §C row 5 sketches `keyword [:：]? [A-Za-z]{0,3}\d{5,12}` and warns that
bare long numbers (lab report or order ids) must not be flagged without the keyword.
Insurance / social-security card numbers (医保卡号, 社保卡号, 参保号) are region-specific
alphanumerics (row 4). Only the number is reported, never the keyword.
"""

from __future__ import annotations

import re

from rules.pii.base import KEYWORD_GAP, NOT_ALNUM_AFTER, RegexRecognizer, Rx

MEDICAL = "MEDICAL_RECORD_NO"
INSURANCE = "INSURANCE_NO"

_MEDICAL_KEYWORDS = (
    "病案号", "病历号", "住院号", "门诊号", "就诊卡号", "就诊号", "诊疗卡号", "登记号", "检查号",
    "影像号", "条码号", "病人id", "患者id", "id号", "住院编号", "病案编号", "门诊id", "住院id",
    "就诊id", "病历id", "患者编号", "病人编号", "病理号", "ct号", "mri号", "mr号", "超声号",
    "检验号", "标本号", "放射号", "档案号", "卡号",
)
_INSURANCE_KEYWORDS = (
    "医保卡号", "社保卡号", "医保号", "社保号", "参保号", "医保编号", "社保编号", "医保账号",
    "社会保障卡号",
)


# Beyond the shared gap: the rest of 号码 after a keyword ending in 号 (住院号码为 …), and the
# number signs forms print (病案号 No.0093812, 病案号#0012).
_GAP = r"码?\s*(?:(?:#|no\.?|№)\s*)?" + KEYWORD_GAP


def _anchored(keywords: tuple[str, ...], value: str) -> re.Pattern[str]:
    """`keyword gap value`; a keyword may be typed with spaces between its characters."""
    spaced = (r"\s?".join(map(re.escape, word)) for word in keywords)
    words = "|".join(sorted(spaced, key=len, reverse=True))
    return re.compile(f"(?:{words}){_GAP}(?P<value>{value}){NOT_ALNUM_AFTER}")


# 就诊卡号 alone is a medical number; bare 卡号 only with a hospital word just before it.
# The value: up to 3 letters (ZY, MZ), an optional dash, 5–12 digits that may still carry a
# space or dash where the normaliser left short groups apart (住院号 2853 24, ZY-2024-0012).
_VALUE = r"(?:[a-z]{1,3}[-. ]?)?\d(?:[ .-]?\d){4,11}"
_MEDICAL = _anchored(_MEDICAL_KEYWORDS[:-1], _VALUE)
_CLINIC_CARD = re.compile(
    r"(?:就诊|诊疗|门诊|住院|医院)卡?\S{0,2}?卡号" + _GAP
    + rf"(?P<value>{_VALUE})" + NOT_ALNUM_AFTER
)
_INSURANCE = _anchored(_INSURANCE_KEYWORDS, r"(?=[a-z]*\d)[a-z0-9]{8,20}")  # with a digit


class HospitalNumberRecognizer(RegexRecognizer):
    """MEDICAL_RECORD_NO and INSURANCE_NO: the value right after its keyword."""

    PATTERNS = (
        Rx(INSURANCE, _INSURANCE, 0.85),
        Rx(MEDICAL, _MEDICAL, 0.85),
        Rx(MEDICAL, _CLINIC_CARD, 0.8),
    )
