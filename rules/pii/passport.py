"""Chinese ordinary passports (护照号).

Format: e-passport `E` + 8 digits, newer `E` + letter + 7 digits, older `G` + 8 digits
(personal-data.md §2, after the Trellix "Chinese Passport Pattern" and wuming `cn/passport`).
There is no checksum, so a bare match scores below the threshold and needs 护照 / passport.
"""

from __future__ import annotations

import re

from rules.pii.base import NOT_ALNUM_AFTER, NOT_ALNUM_BEFORE, RegexRecognizer, Rx

ENTITY = "PASSPORT"
# Text is lower-cased; the letter after `e` excludes i and o, which passports do not use. The
# digits may stand apart from the letters (E 8765 4321: the normaliser joins the digit groups).
_PASSPORT = re.compile(
    NOT_ALNUM_BEFORE + r"(?:[eg]\s?\d{8}|e[a-hj-np-z]\s?\d{7})" + NOT_ALNUM_AFTER
)


class PassportRecognizer(RegexRecognizer):
    """PASSPORT: E/G + 8 characters, reported with a context word."""

    PATTERNS = (Rx(ENTITY, _PASSPORT, 0.35),)
    CONTEXT = ("护照", "passport", "出国", "签证", "visa")
