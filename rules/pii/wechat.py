"""WeChat ids (微信号) next to their context word.

Format: a WeChat id is 6–20 characters, starting with a letter, then letters, digits, `_` or
`-` (domain.md §C row 12, after JioNLP's WECHAT_ID_PATTERN); many people use their phone number
as the id, and the internal `wxid_…` form also circulates. Chat abbreviations wx / vx / V信 /
威信 (domain.md §B1 e) are context words too, and so is a bare v before a colon
(v：zhang88). Masked ids (加我微信****) are not matched.
"""

from __future__ import annotations

import re

from rules.pii.base import KEYWORD_GAP, NOT_ALNUM_AFTER, RegexRecognizer, Rx

ENTITY = "WECHAT_ID"
_KEYWORDS = (
    r"(?:(?:加我?)?(?:微信|威信|薇信|v信|weixin|wechat)"
    r"|(?<![a-z])(?:wx|vx)(?![a-z])|加我?v(?![a-z])|(?<![a-z0-9])v(?=\s*[:=]))"
)
_SEARCH = r"(?:\s*(?:直接)?(?:搜索?|搜一下|添加|加))?"  # 微信搜 zhao-ming1990
_WECHAT = re.compile(
    _KEYWORDS + _SEARCH + KEYWORD_GAP
    + r"(?P<value>[a-z][a-z0-9_\-]{5,19}|1[3-9]\d{9})" + NOT_ALNUM_AFTER
)
_WXID = re.compile(r"(?<![a-z0-9_])wxid_[a-z0-9]{6,20}" + NOT_ALNUM_AFTER)


class WeChatRecognizer(RegexRecognizer):
    """WECHAT_ID: an id right after 微信 / wx / vx, or a bare `wxid_…`."""

    PATTERNS = (Rx(ENTITY, _WECHAT, 0.85), Rx(ENTITY, _WXID, 0.8))

    def rescore(self, value: str, rx: Rx, text: str, start: int, end: int) -> float:
        """Drop a plain short English word after the keyword (微信 group, wx please …)."""
        return 0.0 if value.isalpha() and len(value) < 8 else rx.score
