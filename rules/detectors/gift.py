"""Gift and money-transfer detector (domain.md §B1, false friends §B2).

Non-staff senders produce GIFT_MONEY / GIFT_CARD / GIFT_GOODS (an offer to staff); staff
senders produce GIFT_SOLICIT (索要, the graver act under 医师法 第三十一条) or GIFT_ACCEPT.
Refusals and returns (已退回, 心意领了红包不收) are compliance evidence and silence the
message; false friends (起了个红包, 转氨酶, 挂号费, Hb 110g/L) remove the hits they overlap.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rules.detectors import Signal, Subject, clamp
from rules.lexicon import Hit, outside
from rules.model import Role

# Amount shapes (§B1 g, after JioNLP's MONEY_PATTERN family): ¥500, rmb 1000, 200块, 1.5万元,
# 五百块, 两千元. A bare 一块 ("together") and numbers without a currency are not amounts.
_AMOUNT = re.compile(
    r"(?:[¥$]|rmb|人民币)\s*\d+(?:\.\d+)?\s*[千万kw]?"
    r"|\d+(?:\.\d+)?\s*[千万kw]?\s*(?:块钱|块|元|圆|rmb|人民币|刀)"
    r"|(?:[两三四五六七八九十百千万]|[一二][十百千万两三四五六七八九])"
    r"[一二两三四五六七八九十百千万]*\s*(?:块钱|块|元)"
)
# "zz 200", "转您1k", "转了520给您", "发了个520": a bare number right after a transfer word is
# money and the transfer itself (a weak cue), not a count of days or times (好转了10天 is
# removed as a false friend anyway).
_VERBAL_AMOUNT = re.compile(
    r"(?:(?<![a-z])(?:hb|zz|zfb|v您|v你)|转您|转你|转给您|给您转|转过去|转|包|发了个|发个|准备了"
    r"|(?:transfer|send|sent|wire|pay)\s+(?:you\s+)?)\s*了?\s*个?\s*"
    r"(?:\d{2,}|\d+(?:\.\d+)?\s*[百千万kw]|[两三四五六七八九][百千]|[一二三四五]万)"
    r"(?![\d.]|\s*(?:g|mg|ml|/|%|天|次|个|多|年|月|周|小时|分|号|床|楼|岁|斤|公斤|度|秒|字|张))"
)
# Money moving inside the family or to a carer (老婆给我转了500买药, 我给护工转了300), with
# the sum that follows in the same clause.
_KIN = r"(?:我|他|她|我们|家里|我爸|我妈|我爸妈|孩子|儿子|女儿|老公|老婆|护工|陪护|护理员)"
_FAMILY_MONEY = re.compile(
    rf"(?:给{_KIN}(?:转|打)|转给{_KIN}|{_KIN}转给我)[^,，。!！?？]{{0,8}}"
)
# A gift word right after a negation (不要给医护人员发红包, 别送礼) is advice against gifts.
_NEGATED = re.compile(
    r"(?:不要|不用|不能|不必|不许|请勿|禁止|严禁|别)(?!退|推|嫌|客气|拒)(?:再)?[^,，。!！?？]{0,6}$"
)
# A gift word followed by "not giving it" (红包就不发了，医院不让).
_WITHHELD = re.compile(r"[^,，。!！?？]{0,2}?(?:就|也)?(?:不|没)(?:发|送|给|转)(?:了|啦)")
# A question about eating or drinking it (我妈想吃粽子，术后能吃吗) is diet, not a gift.
_DIET = re.compile(
    r"(?:能|可以|可不可以|能不能)(?:吃|喝)|(?:吃|喝)[^,，。]{0,6}(?:吗|么|没事吧|有影响|好不好)"
)
# Hb / HB + a number + g/L is haemoglobin, not 红包 (§B2).
_HAEMOGLOBIN = re.compile(r"hb\s*[:：]?\s*\d+(?:\.\d+)?\s*(?:g/l|g/dl|g)?")
# 红包 as a skin bump: preceded by 起/长/冒 or followed by an itch/pain/swelling word (§B2).
_SKIN_BUMP = re.compile(
    r"[起长冒出鼓咬][了的]?(?:个|一个|些|一些|很多|好多|几个)?[大小]?红包"
    r"|红包[^,，。!?！？]{0,10}(?:痒|肿|疼|痛|消|破|硬|凸|鼓|脓|皮肤)"
)
# Giving aimed at staff (给您准备了, 给主任带了, 送给医生, 寄给您): a second cue for goods,
# cards and meals, which are weak alone because patients ask about them as food (§B1 d).
_STAFF = r"(?:您|你|医生|大夫|主任|护士站|护士长?|老师|专家|教授|科室|科里)们?"
_GIVE = re.compile(
    rf"给{_STAFF}[^,，。!?！？]{{0,4}}?(?:准备|带|买|寄|送|订|捎|拿|点)"
    r"|放(?:在)?(?:您|你)[^,，。!?！？]{0,4}?(?:抽屉|桌上|桌子上|口袋|兜里|包里|车上)"
    r"|(?:您|你)的?(?:抽屉|桌上|桌子上|口袋|兜里|包里|白大褂)[^,，。!?！？]{0,3}?放"
    rf"|(?:送|寄|捎)(?:给|到)?{_STAFF}|(?:带|拿)(?:给|到){_STAFF}|送过去|放(?:您|你)办公室"
    r"|放护士站|(?:您|你)的?办公室[^,，。!?！？]{0,3}?(?:留|放)"
    rf"|(?:买|带|寄|订)了?[^,，。!?！？]{{0,6}}?给{_STAFF}"
    # to the staff member's family (给您爱人买了条围巾, 您儿子要高考…买了台学习机给他)
    r"|给(?:您|你)(?:爱人|家人|家里|孩子|儿子|女儿|老公|老婆|父母)[^,，。!?！？]{0,4}?"
    r"(?:准备|带|买|寄|送|订)"
    r"|(?:您|你)(?:爱人|家人|孩子|儿子|女儿|老公|老婆)[^。!?！？]{0,14}?(?:买|送|带|寄)了"
)
# Something bought for the staff member's family (给您女儿买了个书包): a gift whatever it is.
_KIN_GIFT = re.compile(
    r"给(?:您|你)(?:爱人|家人|孩子|儿子|女儿|老公|老婆|父母)[^,，。!?！？]{0,4}?"
    r"(?:准备|买|寄|送|订)了"
)
_CLAUSE_BREAK = re.compile(r"[,，。.!！?？;；\n]")
# A meal or drinks offered to staff with others in between (请您和科室的医生吃顿饭).
_TREAT = re.compile(
    rf"请{_STAFF}[^,，。!?！？]{{0,10}}?(?:吃|喝)(?:顿|个|杯|点)?(?:饭|酒|茶|咖啡|宵夜)"
    # trips and outings (九项准则 item 8: 旅游、健身、娱乐): 请您周末去我们农家乐玩两天
    rf"|请{_STAFF}[^,，。!?！？]{{0,10}}?(?:去|来)[^,，。!?！？]{{0,6}}?"
    r"(?:玩|旅游|度假|泡温泉|唱歌|钓鱼|按摩|足疗)"
)
_ACCEPT_WINDOW = 8  # characters between an acknowledgement and the gift it acknowledges
# A bare acknowledgement (收到，谢谢 / 好的收下了): acceptance only right after a gift offer.
_ACK = re.compile(
    r"[\W_]*(?:好的?|嗯+|ok|哦|行吧|行|那)?[\W_]*(?:(?:谢谢|感谢|多谢)(?:您|你)?[\W_]*)?"
    r"(?:收到|收下|已收款?|领了|收了|(?:太|您太|你太)?客气了|下不为例)(?:了|啦)?[\W_]*"
    r"(?:(?:谢谢|感谢|多谢)(?:您|你|啦|了|阿姨|叔叔|大家)?)?[\W_]*"
)

LEXICONS = (
    "gift-transfer", "gift-packet", "gift-euphemism", "gift-weak", "gift-urge", "gift-card",
    "gift-goods", "gift-meal", "gift-festival", "gift-recipient", "gift-peer", "gift-solicit",
    "gift-favour", "gift-solicit-weak", "gift-accept", "gift-refusal", "gift-returned",
    "gift-fees", "gift-false-friends", "gift-trigger",
)
_OFFER_TRIGGERS = (
    "gift-transfer", "gift-packet", "gift-euphemism", "gift-weak", "gift-card", "gift-goods",
    "gift-meal", "gift-trigger", "gift-urge",
)
Live = Callable[..., list[Hit]]  # lexicon names → hits not inside a false friend
TRIGGERS = (
    "gift-transfer", "gift-packet", "gift-euphemism", "gift-weak", "gift-card", "gift-goods",
    "gift-meal", "gift-trigger",
    "gift-solicit", "gift-solicit-weak", "gift-accept", "gift-urge",
)


def _clusters(hits: list[Hit]) -> int:
    """How many separate places the hits cover (收下 inside 您就收下吧 is one place)."""
    count, end = 0, -1
    for h in sorted(hits, key=lambda h: (h.start, h.end)):
        if h.start >= end:
            count += 1
        end = max(end, h.end)
    return count


class GiftDetector:
    """Red packets, transfers, cards, goods and euphemisms offered to, or asked by, staff."""

    name = "gift"
    lexicons = LEXICONS
    triggers = TRIGGERS

    def detect(self, subject: Subject) -> list[Signal]:
        """Gift signals for one message; none when it refuses or returns a gift."""
        text = subject.norm.text
        if not subject.role.is_staff and not subject.has(*_OFFER_TRIGGERS):
            return []  # 收到 / 索要 words only matter from staff
        if self._refused(subject):
            return []
        blocked = self._false_friends(subject, text)

        def live(*names: str) -> list[Hit]:
            return [h for h in outside(subject.found(*names), blocked)
                    if not _NEGATED.search(text, max(0, h.start - 10), h.start)
                    and not _WITHHELD.match(text, h.end)]

        amounts = [] if subject.has("gift-false-friends", "gift-fees") else self._regex(
            _AMOUNT, text, blocked) + self._regex(_VERBAL_AMOUNT, text, blocked)
        if subject.role.is_staff:
            return self._staff(subject, live, amounts)
        return self._offer(subject, live, amounts, self._regex(_TREAT, text, blocked))

    @staticmethod
    def _refused(subject: Subject) -> bool:
        """A return (any sender) or a staff refusal, not overlapped by urging (别退了)."""
        urges = subject.found("gift-urge")
        refusing = subject.role.is_staff or subject.role is Role.UNKNOWN  # staff not on a roster
        names = ("gift-returned", "gift-refusal") if refusing else ("gift-returned",)
        refusals = outside(subject.found(*names), urges)
        if not refusals:
            return False
        # 红包不收，但是可以请我们科室吃顿饭: asking for something after refusing is no refusal
        return not any(h.start >= refusals[-1].end for h in subject.found("gift-solicit"))

    @staticmethod
    def _false_friends(subject: Subject, text: str) -> list[Hit]:
        """Lexicon false friends plus haemoglobin values and skin bumps, as hits."""
        gifts = subject.found("gift-transfer", "gift-packet", "gift-euphemism", "gift-solicit")
        by_start: dict[int, list[Hit]] = {}
        for g in gifts:
            by_start.setdefault(g.start, []).append(g)
        longest = max((g.end - g.start for g in gifts), default=0)
        blocked = [  # 发红 (redness) must not block 发红包: a longer gift term wins
            f for f in subject.found("gift-false-friends")
            if not any(f.end <= g.end and g.end - g.start > f.end - f.start  # look only where
                       for s in range(f.end - longest, f.start + 1)  # a container can start
                       for g in by_start.get(s, ()))
        ]
        if "hb" in text:
            blocked += [Hit("hb", m.start(), m.end(), "") for m in _HAEMOGLOBIN.finditer(text)
                        if any(c.isdigit() for c in m.group())]
        if "红包" in text:
            blocked += [Hit("skin", m.start(), m.end(), "") for m in _SKIN_BUMP.finditer(text)]
        if "转" in text and not subject.role.is_staff:  # staff 转给我 is asking for it
            blocked += [Hit("self", m.start(), m.end(), "") for m in _FAMILY_MONEY.finditer(text)]
        return blocked

    @staticmethod
    def _regex(pattern: re.Pattern[str], text: str, blocked: list[Hit]) -> list[Hit]:
        """Matches of a shape (an amount, a treat) not inside a false friend."""
        found = [Hit("shape", m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
        return outside(found, blocked)

    def _offer(self, subject: Subject, live: Live, amounts: list[Hit], treats: list[Hit]
               ) -> list[Signal]:
        """Patient / family (or unknown) offering something to staff."""
        recipient = subject.has("gift-recipient")
        packets = live("gift-packet")  # bare 红包: strong only when staff are the recipient
        strong = live("gift-transfer") + (packets if recipient else [])
        euph = live("gift-euphemism")
        if subject.has("gift-fees") and not (euph or live("gift-urge")):
            strong = []  # 押金转账 / 缴费: paying the hospital, not a gift
        weak = live("gift-weak") + ([] if recipient else packets)
        weak += [a for a in amounts if _VERBAL_AMOUNT.fullmatch(a.term)]
        cards, goods = live("gift-card"), live("gift-goods")
        goods += self._regex(_KIN_GIFT, subject.norm.text, [])  # 给您女儿买了个书包
        meals = live("gift-meal") + treats
        if _DIET.search(subject.norm.text):
            goods = meals = []
        urges = live("gift-urge")
        support = bool(amounts) + bool(urges) + bool(live("gift-festival"))
        given = list(_GIVE.finditer(subject.norm.text))
        support += bool(given)
        handed = [a for a in amounts for g in given  # 1000块钱放您桌上了: in one clause
                  if not _CLAUSE_BREAK.search(subject.norm.text,
                                              min(a.end, g.end()), max(a.start, g.start()))]
        scale = 0.5 if subject.has("gift-peer") and not recipient else 1.0
        out: list[Signal] = []
        money_hits = strong + euph + amounts
        if strong:
            score = 0.9
        elif euph:
            score = 0.7 + 0.1 * support
        elif handed:
            score = 0.7
        elif recipient and _clusters(urges) >= 2:  # 您就收下吧，不要退回
            score, money_hits = 0.6, urges
        elif weak and (amounts or support >= 2 or (support and recipient)):
            score = 0.6 + 0.1 * support
            money_hits = weak + amounts
        else:
            score = 0.0
        if score:
            out += self._signals(subject, "GIFT_MONEY", money_hits, score * scale)
        kinds = (("GIFT_CARD", cards, 0.5), ("GIFT_GOODS", goods, 0.2), ("GIFT_GOODS", meals, 0.4))
        for entity, hits, base in kinds:
            if hits:  # a weak cue inside the goods word itself (喝茶 in 喝茶叶水) is no second cue
                other = outside(euph + weak + strong, hits)
                cue = support + bool(other) + recipient
                out += self._signals(subject, entity, hits, (base + 0.2 * cue) * scale)
        return out

    def _staff(self, subject: Subject, live: Live, amounts: list[Hit]) -> list[Signal]:
        """Staff soliciting (索要) or accepting a gift."""
        gifts = live("gift-transfer") + live("gift-packet") + live("gift-euphemism")
        gifts += live("gift-card")
        gifts += live("gift-goods") + live("gift-meal") + live("gift-weak")
        solicit, favour, accept = live("gift-solicit"), live("gift-favour"), live("gift-accept")
        out: list[Signal] = []
        if solicit:
            out += self._signals(subject, "GIFT_SOLICIT", solicit + amounts, 0.9)
        elif (favour or live("gift-solicit-weak")) and (amounts or gifts):
            hints = favour + live("gift-solicit-weak")
            out += self._signals(subject, "GIFT_SOLICIT", hints + amounts + gifts, 0.85)
        elif favour and live("gift-solicit-weak"):  # 想早点排手术的话…你懂的
            out += self._signals(subject, "GIFT_SOLICIT", favour + live("gift-solicit-weak"), 0.75)
        elif (favour or live("gift-solicit-weak")) and subject.flags.gift_offered:
            # 你看着办吧 / 别在群里说，私聊 / 转我这边就行 right after a patient's offer
            hints = favour + live("gift-solicit-weak")
            out += self._signals(subject, "GIFT_SOLICIT", hints, 0.75)
        elif (live("gift-transfer") or live("gift-packet")) and amounts:
            out += self._signals(subject, "GIFT_SOLICIT", gifts + amounts, 0.7)
        near = [a for a in accept  # 感谢您的信任 … 送心意 is thanks, not receipt
                if any(max(a.start, g.start) - min(a.end, g.end) <= _ACCEPT_WINDOW for g in gifts)]
        if near and not out:
            out += self._signals(subject, "GIFT_ACCEPT", near + gifts, 0.85)
        elif accept and _ACK.fullmatch(subject.norm.text) and subject.flags.gift_offered:
            out += self._signals(subject, "GIFT_ACCEPT", accept, 0.75)  # after a transfer
        return out

    @staticmethod
    def _signals(subject: Subject, entity: str, hits: list[Hit], score: float) -> list[Signal]:
        """One signal per distinct hit span."""
        spans = sorted({(h.start, h.end) for h in hits})
        return [Signal(entity, subject.span(s, e), clamp(score)) for s, e in spans]
