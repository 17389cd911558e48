"""Off-topic detector: fundraising, medical advertising, shop links, QR codes, commerce and
scalping in patient groups (domain.md §B6).

An advert has a shape: something offered (a product, a claim, an appointment, a donation
appeal) and a way to act on it (a contact, a link, a QR code, a price). Patients name the same
things when they ask or complain ("能根治吗？", "号贩子要500，太黑了") and hospitals post
扫码挂号 every day, so a single cue stays below the usual threshold, questions weigh less, and
a report or complaint (听说, 太黑, 骗子: offtopic-hearsay) weighs much less.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rules.detectors import Signal, Subject, clamp
from rules.lexicon import Hit, outside
from rules.model import Role

_URL = re.compile(
    r"(?:https?://|www\.)[^\s，。）)]+"
    r"|(?<![a-z0-9@.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|top|vip|shop|xyz|cc|me|ly|biz)"
    r"(?:/[^\s，。]*)?"
)
# Government pages are official notices, never a sale (医保局 报销目录, 卫健委 通知).
_OFFICIAL_URL = re.compile(r"\.gov\.cn(?:/|$)")
# Shops and their short links. General shorteners (t.cn, suo.im, dwz) are plain links: a
# shared Weibo post or a hospital notice behind one is not a sale without a selling word.
_SHOP = re.compile(
    r"taobao|tmall|jd\.com|3\.cn|pinduoduo|yangkeduo|weidian|youzan|vdian|douyin|kwai|"
    r"tb\.cn|淘口令|[¥$€]\w{6,14}[¥$€]"
)
# A price given on request (价格面议, 费用私聊) is a price and an invitation to get in touch.
_ON_REQUEST = re.compile(r"(?:价格|费用|价钱)(?:私聊|私信|面议|详谈)")
# A price or a discount: 398元, ¥299, 加急费300, 一盒398, 300一个, 8折, $300, 价格私聊.
_PRICE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:元|块|rmb)|[¥￥$费价]\s*\d+|一[个盒瓶斤支箱袋份天晚次][只仅]?\d+"
    r"|\d+\s*一[个盒瓶斤支箱袋份]|\d+(?:\.\d+)?折|" + _ON_REQUEST.pattern
)
# A discount is an offer in itself (群里病友8折), not only a price.
_DISCOUNT = re.compile(r"\d(?:\.\d)?折")
# Someone offering an appointment they hold (我有周三李主任的号), sold with a contact or price.
_HELD_SLOT = re.compile(r"我(?:这|这里|手里|手上)?有[^，。,.!！?？\n]{0,12}的号")
_QUESTION = re.compile(r"[?？吗么]")
# Addressing the whole group: a fundraising platform named to 大家 / 各位 is a campaign post.
_GROUP = re.compile(r"大家|各位")
# A ban or a plea (禁止 / 不要 / 请勿 … 发广告、链接) before the word, in the same sentence;
# 别 inside 识别 / 特别 / 区别 (长按识别二维码) is no plea.
_BANNED = re.compile(
    r"(?:禁止|不要|不得|请勿|严禁|不准|不许|(?<![识辨鉴区类特个告分级性派])别|勿)"
    r"(?!错过|犹豫|等)[^。!！?？\n,，]{0,10}$"
)
_STRONG_AD = frozenset(
    ["包治", "祖传", "秘方", "特效药", "神药", "药到病除", "无效退款", "治愈率", "有效率",
     "无副作用", "包好", "miracle cure", "guaranteed cure"]
)
# Words any patient or doctor says ("需要的话联系我"): half weight, an advert needs more.
_WEAK_OFFER = frozenset(
    ["需要的", "有需要", "有需要的", "谁要", "哪位需要", "有没有需要", "领取", "报名", "购买",
     "下单", "便宜", "划算", "优惠", "套餐", "广告", "点赞", "投票", "发货", "免费体检", "拼多多",
     "淘宝", "earn", "shop", "guaranteed", "signals"]
)
# Never said but to sell or beg: worth an offer and a contact together.
_DECISIVE_OFFER = frozenset(["砍一刀", "【广告】"])
# "有需要…的吗？" asks for buyers: the question mark does not make it a patient's question.
_BUYER_CALL = frozenset(["有需要", "有需要的", "谁要", "哪位需要", "有没有需要"])
_BROKERS = frozenset(["黄牛", "号贩子"])
_STAFF = frozenset([Role.DOCTOR, Role.NURSE])

LEXICONS = (
    "offtopic-fundraising-platform", "offtopic-fundraising", "offtopic-medical-ad",
    "offtopic-commerce", "offtopic-qr", "offtopic-scalping", "offtopic-scalping-offer",
    "offtopic-contact", "offtopic-false-friends", "offtopic-hearsay", "offtopic-link",
)
TRIGGERS = (
    "offtopic-fundraising-platform", "offtopic-fundraising", "offtopic-medical-ad",
    "offtopic-commerce", "offtopic-qr", "offtopic-scalping", "offtopic-scalping-offer",
    "offtopic-link",
)


@dataclass(frozen=True, slots=True)
class _Cues:
    """What makes a message actionable, and what makes it a question or a report."""

    urls: list[Hit]
    reach: bool  # a contact, a link or a QR code
    staff: bool  # doctors and nurses hand out contacts and QR codes as part of the job
    price: bool
    offer: float  # weighted offer words, at most 0.6
    question: bool  # a question not addressed to buyers
    hearsay: bool
    group: bool  # addressed to 大家 / 各位

    @property
    def damping(self) -> float:
        """How much a question without a contact, or a report of someone else, takes away."""
        return 0.3 * (self.question and not self.reach) + 0.4 * self.hearsay


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

        qr, commerce = live("offtopic-qr"), live("offtopic-commerce")
        cues = self._cues(subject, text, qr, commerce, live("offtopic-contact"))
        appeals = live("offtopic-fundraising")
        found = [
            self._fundraising(live("offtopic-fundraising-platform"), appeals, cues),
            self._advert(live("offtopic-medical-ad"), cues),
            self._links(cues, text),
            ("QR_CODE", qr, 0.85 if subject.message.media_kind == "photo" else
             0.8 if cues.offer or appeals else 0.4),
            ("COMMERCE", commerce,
             cues.offer + (0.2 if cues.staff else 0.35) * cues.reach + 0.25 * cues.price
             - cues.damping),
            self._scalping(live("offtopic-scalping"),
                           live("offtopic-scalping-offer") + self._held_slots(text), cues),
        ]
        return [
            Signal(entity, span, clamp(score))
            for entity, hits, score in found if hits
            for span in sorted({subject.span(h.start, h.end) for h in hits})
        ]

    @staticmethod
    def _cues(subject: Subject, text: str, qr: list[Hit], commerce: list[Hit],
              contact: list[Hit]) -> _Cues:
        urls = []
        if subject.has("offtopic-link"):
            urls = [Hit("url", m.start(), m.end(), m.group()) for m in _URL.finditer(text)
                    if not _OFFICIAL_URL.search(m.group())]
        terms = _outermost({h.term for h in commerce})
        offer = sum(0.15 if t in _WEAK_OFFER else 0.6 if t in _DECISIVE_OFFER else 0.3
                    for t in terms)
        offer += 0.3 * bool(_DISCOUNT.search(text))
        return _Cues(urls=urls, reach=bool(urls or qr or contact or _ON_REQUEST.search(text)),
                     staff=subject.role in _STAFF,
                     price=bool(_PRICE.search(text)), offer=min(0.6, offer),
                     question=bool(_QUESTION.search(text)) and not terms & _BUYER_CALL,
                     hearsay=subject.has("offtopic-hearsay"), group=bool(_GROUP.search(text)))

    @staticmethod
    def _fundraising(platform: list[Hit], appeals: list[Hit],
                     cues: _Cues) -> tuple[str, list[Hit], float]:
        if platform:  # 水滴筹能开证明吗？ / 众筹的钱到账了 name it; a link or an appeal posts it
            posted = appeals or cues.reach or (cues.group and not cues.damping)
            return "FUNDRAISING", platform + appeals, 0.9 if posted else 0.5
        distinct = len({h.term for h in appeals})
        return "FUNDRAISING", appeals, 0.45 * distinct + 0.3 * cues.reach - cues.damping

    @staticmethod
    def _advert(ads: list[Hit], cues: _Cues) -> tuple[str, list[Hit], float]:
        terms = _outermost({h.term for h in ads})
        strong = 0.5 * len(terms & _STRONG_AD)
        weak = 0.3 * len(terms - _STRONG_AD)
        selling = 0.3 if cues.reach else 0.15 if cues.offer or cues.price else 0.0
        # "我妈吃鱼油能停药吗" names products and claims; only an offer makes them an advert
        claims = strong + (min(weak, 0.6) if selling else min(weak, 0.3))
        return "MEDICAL_AD", ads, claims + selling - cues.damping

    @staticmethod
    def _links(cues: _Cues, text: str) -> tuple[str, list[Hit], float]:
        shop = [Hit("shop", m.start(), m.end(), m.group()) for m in _SHOP.finditer(text)]
        if shop:
            return "SHOP_LINK", shop + cues.urls, 0.9
        return "SHOP_LINK", cues.urls, 0.8 if cues.offer >= 0.3 else 0.3  # 报名链接 is no sale

    @staticmethod
    def _held_slots(text: str) -> list[Hit]:
        """我有…的号: someone holding an appointment, which becomes an offer beside a price."""
        return [Hit("slot", m.start(), m.end(), "我有的号") for m in _HELD_SLOT.finditer(text)]

    @staticmethod
    def _scalping(named: list[Hit], offers: list[Hit],
                  cues: _Cues) -> tuple[str, list[Hit], float]:
        """Selling a 号 or a bed needs an offer and a contact or price; naming 号贩子 does not.

        A 专家号 or 床位 with a contact and a price is sold too, unless staff post it: a nurse
        quoting 床位费 and saying 有问题找我 is doing her job.
        """
        if offers:
            base = 0.35 * min(2, len(_outermost({h.term for h in offers}))) + 0.1 * bool(named)
        elif any(h.term in _BROKERS for h in named):
            base = 0.3
        else:
            base = 0.1 * (bool(named) and not cues.staff)
        score = base + 0.3 * cues.reach + 0.25 * cues.price - cues.damping
        return "SCALPING", sorted(named + offers, key=lambda h: h.start) if base else [], score


def _outermost(terms: set[str]) -> set[str]:
    """Terms not inside another term found (特效 ⊂ 特效药, 批发 ⊂ 批发价): counted once."""
    return {t for t in terms if not any(t != u and t in u for u in terms)}
