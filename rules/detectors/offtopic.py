"""Off-topic detector: fundraising, medical advertising, shop links, QR codes, commerce and
scalping in patient groups (domain.md §B6).

Patients ask "能根治吗？" and hospitals post 扫码挂号 every day, so single weak cues stay
below the usual threshold: a signal needs a strong cue, or two cues, or a cue plus a link,
QR code or contact request.
"""

from __future__ import annotations

import re

from rules.detectors import Signal, Subject, clamp
from rules.lexicon import Hit, outside

_URL = re.compile(
    r"(?:https?://|www\.)[^\s，。）)]+"
    r"|(?<![a-z0-9@.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|top|vip|shop|xyz|cc)(?:/[^\s，。]*)?"
)
# Shops and their short links. General shorteners (t.cn, suo.im, dwz) are plain links: a
# shared Weibo post or a hospital notice behind one is not a sale without a selling word.
_SHOP = re.compile(
    r"taobao|tmall|jd\.com|3\.cn|pinduoduo|yangkeduo|weidian|youzan|vdian|douyin|kwai|"
    r"tb\.cn|淘口令|[¥$€]\w{8,14}[¥$€]"
)
_QUESTION = re.compile(r"[?？吗么]")
# A ban or a plea (禁止 / 不要 / 请勿 … 发广告、链接) before the word, in the same sentence.
_BANNED = re.compile(
    r"(?:禁止|不要|不得|请勿|严禁|不准|不许|别|勿)(?!错过|犹豫|等)[^。!！?？\n,，]{0,10}$"
)
_STRONG_AD = frozenset(
    ["包治", "祖传", "秘方", "特效药", "神药", "药到病除", "无效退款", "治愈率", "有效率",
     "无副作用", "包好", "miracle cure", "guaranteed cure"]
)

LEXICONS = (
    "offtopic-fundraising-platform", "offtopic-fundraising", "offtopic-medical-ad",
    "offtopic-commerce", "offtopic-qr", "offtopic-scalping", "offtopic-false-friends",
    "offtopic-link",
)
TRIGGERS = (*LEXICONS[:6], "offtopic-link")


class OfftopicDetector:
    """Advertising, fundraising, QR codes, shop links and scalping."""

    name = "offtopic"
    lexicons = LEXICONS
    triggers = TRIGGERS

    def detect(self, subject: Subject) -> list[Signal]:
        """Off-topic signals for one message."""
        text = subject.norm.text
        blocked = subject.found("offtopic-false-friends")

        def live(name: str) -> list[Hit]:  # 禁止发广告、链接和二维码 is a group rule
            return [h for h in outside(subject.found(name), blocked)
                    if not _BANNED.search(text, max(0, h.start - 12), h.start)]

        urls = self._urls(subject, text)
        qr, commerce = live("offtopic-qr"), live("offtopic-commerce")
        contact = bool(urls or qr or commerce)
        question = bool(_QUESTION.search(text))
        # 扫码 is in both lists: a QR code needs a selling word besides the scan itself
        selling = outside(commerce, qr)
        found = [
            self._fundraising(live("offtopic-fundraising-platform"),
                              live("offtopic-fundraising"), contact, question),
            self._advert(live("offtopic-medical-ad"), contact, question),
            self._links(urls, text, bool(commerce or live("offtopic-medical-ad"))),
            ("QR_CODE", qr, 0.85 if subject.message.media_kind == "photo" else
             0.8 if selling or live("offtopic-fundraising") else 0.4),
            ("COMMERCE", commerce, min(0.8, 0.1 + 0.25 * len({h.term for h in commerce}))
             + 0.2 * bool(urls or qr)),
            ("SCALPING", live("offtopic-scalping"), 0.7 + 0.2 * contact),
        ]
        return [
            Signal(entity, span, clamp(score))
            for entity, hits, score in found if hits
            for span in sorted({subject.span(h.start, h.end) for h in hits})
        ]

    @staticmethod
    def _urls(subject: Subject, text: str) -> list[Hit]:
        if not subject.has("offtopic-link"):
            return []
        return [Hit("url", m.start(), m.end(), m.group()) for m in _URL.finditer(text)]

    @staticmethod
    def _fundraising(
        platform: list[Hit], appeals: list[Hit], contact: bool, question: bool
    ) -> tuple[str, list[Hit], float]:
        if platform:  # 水滴筹能开证明吗？ asks about it; a link or an appeal posts it
            asks = question and not (contact or appeals)
            return "FUNDRAISING", platform + appeals, 0.5 if asks else 0.9
        distinct = len({h.term for h in appeals})
        return "FUNDRAISING", appeals, 0.45 * distinct + 0.3 * contact

    @staticmethod
    def _advert(ads: list[Hit], contact: bool, question: bool) -> tuple[str, list[Hit], float]:
        terms = {h.term for h in ads}
        terms = {t for t in terms if not any(t != u and t in u for u in terms)}  # 特效 ⊂ 特效药
        score = sum(0.5 if t in _STRONG_AD else 0.3 for t in terms)
        return "MEDICAL_AD", ads, score + 0.3 * contact - 0.3 * question

    @staticmethod
    def _links(urls: list[Hit], text: str, selling: bool) -> tuple[str, list[Hit], float]:
        shop = [Hit("shop", m.start(), m.end(), m.group()) for m in _SHOP.finditer(text)]
        if shop:
            return "SHOP_LINK", shop + urls, 0.9
        return "SHOP_LINK", urls, 0.8 if selling else 0.3
