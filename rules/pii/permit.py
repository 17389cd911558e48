"""Travel permits: Hong Kong / Macao residents' Home Return Permit and mainland permits.

Formats (personal-data.md §2): 港澳居民来往内地通行证 (回乡证) `H`/`M` + 8-digit lifetime number
+ 2-digit renewal count, also quoted without the renewal digits (Ministry of Public Security
rule); 往来港澳通行证 (mainland residents) `C` + 8 characters (secondary sources only).
No checksum: a context word is required. The Taiwan compatriot permit (台胞证) is 8 digits
(10 characters on older cards): taken only right after its keyword.
"""

from __future__ import annotations

import re

from rules.pii.base import KEYWORD_GAP, NOT_ALNUM_AFTER, NOT_ALNUM_BEFORE, RegexRecognizer, Rx

ENTITY = "HK_MACAO_PERMIT"
# The digits may stand apart from the letter (C 12345678).
_HOME_RETURN = re.compile(NOT_ALNUM_BEFORE + r"[hm]\s?\d{8}(?:\d{2})?" + NOT_ALNUM_AFTER)
_TAIWAN_PERMIT = re.compile(
    r"(?:台胞证|台湾居民来往大陆通行证)" + KEYWORD_GAP + r"(?P<value>[0-9a-z]{0,2}\d{8})"
    + NOT_ALNUM_AFTER
)
_MAINLAND_PERMIT = re.compile(NOT_ALNUM_BEFORE + r"c\s?[0-9a-z]\d{7}" + NOT_ALNUM_AFTER)


class PermitRecognizer(RegexRecognizer):
    """HK_MACAO_PERMIT: 回乡证 / 港澳通行证 numbers next to a context word."""

    PATTERNS = (Rx(ENTITY, _HOME_RETURN, 0.35), Rx(ENTITY, _MAINLAND_PERMIT, 0.3),
                Rx(ENTITY, _TAIWAN_PERMIT, 0.8))
    CONTEXT = ("回乡证", "通行证", "港澳", "台胞证", "return permit", "permit")
