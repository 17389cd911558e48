"""QQ numbers next to their context word.

Format: 5–11 digits, not starting with 0 (domain.md §C row 12, after JioNLP's QQ_PATTERN).
Bare 5–11-digit numbers are everywhere (lab values, order numbers), so the keyword QQ / 扣扣 /
企鹅号 must come right before the number. QQ mail addresses are e-mails, not QQ ids.
"""

from __future__ import annotations

import re

from rules.pii.base import KEYWORD_GAP, RegexRecognizer, Rx

ENTITY = "QQ_ID"
_QQ = re.compile(
    r"(?<![a-z])(?:qq|扣扣|企鹅|加我?q(?![a-z])|q号)(?:号码|号)?" + KEYWORD_GAP
    + r"(?P<value>[1-9]\d{4,10})(?![0-9a-z@])"
)


class QQRecognizer(RegexRecognizer):
    """QQ_ID: 5–11 digits right after QQ / 扣扣 / 企鹅号."""

    PATTERNS = (Rx(ENTITY, _QQ, 0.85),)
