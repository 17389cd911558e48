r"""E-mail addresses with CJK-safe boundaries.

Presidio's EmailRecognizer uses `\b`, which never fires between a CJK character and a letter,
so `邮箱abc@example.com谢谢` is missed; it also validates through tldextract, which fetches the
Public Suffix List over the network on first use (personal-data.md §1.3–1.4). This pattern
bounds the local part by "not an e-mail character" instead and needs no network.

Addresses written to dodge scrapers (zhangwei[at]163.com, zhangwei#qq.com, zhangwei at gmail
dot com, zhangwei@163。com) are found for the big mail providers only, where the domain
itself says it is an e-mail address.
"""

from __future__ import annotations

import re

from rules.pii.base import RegexRecognizer, Rx

ENTITY = "EMAIL_ADDRESS"
# Local part per RFC 5322 "dot-atom" (common subset); domain labels of letters, digits, '-';
# the top-level domain is alphabetic, 2–24 letters. Text is already lower-cased.
_EMAIL = re.compile(
    r"(?<![a-z0-9._%+\-])"
    r"[a-z0-9][a-z0-9._%+\-]{0,63}@(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}"
    r"(?![a-z0-9\-])"
)


_PROVIDERS = ("qq|163|126|139|188|sina|sohu|yeah|foxmail|gmail|hotmail|outlook|yahoo|icloud"
              "|aliyun|live|msn|vip\\.qq|vip\\.163")
_AT = r"\s*(?:@|\[at\]|\(at\)|\{at\}|#|艾特|\sat\s)\s*"
_DOT = r"\s*(?:\.|。|点|\[dot\]|\(dot\)|\sdot\s)\s*"
_OBFUSCATED = re.compile(
    r"(?<![a-z0-9._%+\-])[a-z0-9][a-z0-9._%+\-]{1,63}" + _AT
    + f"(?:{_PROVIDERS})" + _DOT + r"(?:com|net|cn|com" + _DOT + r"cn)(?![a-z0-9\-])"
)
# The prefilter's share: a provider name before a dot in any of its disguises.
HINT = re.compile(f"(?:{_PROVIDERS}){_DOT}(?:com|net|cn)")


class EmailRecognizer(RegexRecognizer):
    """EMAIL_ADDRESS: found next to Chinese text, without any network lookup."""

    PATTERNS = (Rx(ENTITY, _EMAIL, 0.9), Rx(ENTITY, _OBFUSCATED, 0.85))
    CONTEXT = ("邮箱", "邮件", "email", "e-mail", "mail")
