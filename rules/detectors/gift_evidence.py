"""Evidence-accumulating fallback for gift offers the pattern detector missed (§B1).

The pattern detector (gift.py) needs one of its shapes to match; writers who never saw it
phrase plain offers in ways no shape covers (林主任，钱我已经通过支付宝打过去了，您查收一下).
Here four independent cues, each a small regex, are weighed instead: VALUE (a sum, money, a
card, goods, a meal or trip, a fee waived, a kickback), MOVE (a giving verb), TO-STAFF (staff
addressed) and INTENT (thanks, urging). VALUE and MOVE in one clause window plus TO-STAFF or
INTENT make an offer, scored under the pattern detector's strong hits; strong negative
evidence (paying the hospital, the writer's own kin with no staff addressed, a negated verb,
a question about amounts or rules) blocks it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from rules.lexicon import Hit, outside

# A sum: ¥/$ + digits, digits with a unit, bare digits of two or more (not a dose, a time, a
# bed), Chinese numerals with a magnitude (八百, 两千, 一千块, 一万).
_SUM = (
    r"[$¥￥]\s?\d+(?:\.\d+)?"
    r"|(?<![\d.a-z])\d{2,6}(?:\.\d+)?\s?(?:块钱|块|元|刀|k|w|万)?"
    r"(?![\d.]|\s?(?:mg|ml|g\b|%|/|天|次|个|号|床|楼|岁|斤|公斤|度|小时|分|点|月|年|周|日|页|床|人|例"
    r"|毫|米|克|秒|h\b|min))"
    r"|(?<![一二两三四五六七八九十百千万])[一二两三四五六七八九十几]+[十百千万][一二两三四五六七八九十百千万]*"
    r"(?:块钱|块|元)?(?![多米步克斤度个次天张页号床年人例毫分秒])"
)
_MONEY = (
    r"钱|现金|[红哄鸿]包|利是|红封|转账|转帐|那笔|信封|礼金|\bhb\b|\bmoney\b|\bcash\b"
    r"|(?:超市|购物|京东|加油|礼品|油|会员|健身)卡|\bgift\s?cards?\b|(?<=[这那])张[^,，。!?！？]{0,4}?卡"
)
_GOODS = (
    r"[一两二三四五六七八九十几\d]+\s?(?:箱|盒|瓶|条|袋|份|块|台|罐|提|篮|束|斤)"
    r"|镯|项链|首饰|戒指|金条|金饰|玉器"
    r"|(?:一人|每人)(?:买了)?一?[个份盒张瓶]|[那这一]份(?![^,，。!?！？]{0,2}?(?:报告|检查|资料|病历|单|表))|会员|话费|围巾|ipad|iphone|手机|劳力士|手表|茅台|五粮液|虫草|燕窝|海参|茶叶|零食|点心|补品|特产"
    r"|\b(?:bottle|whisky|wine|johnnie walker|watch)\b"
)
_COVERED = r"(?:费|钱)用?(?:我们|我)(?:这边)?来?出(?!院)|算(?:在)?我们?(?:头上|账上)"  # 学费我们出
_HOSTED = (
    r"机票|酒店|订好位|订了位|旅游|[一二两三四五六七八九十\d]天游|游玩|包间|\bktv\b|自助|饭局|名额"
    r"|免费(?!看|领|拿|试|咨询|体验|学|听|送|报名|参加|义诊|测|检查)|不要钱|不收(?:您|你)?钱|别收我钱|全免"
    rf"|包了|我请(?![不假])|买单|{_COVERED}"
)
_KICKBACK = (
    r"返点|回扣|提成|讲课费|返现|[一每](?:台|例|盒|支|个|根|套|瓶|针)返|[一二两三四五六七八九十\d]个点"
    r"|好处费|人头|每(?:台|例|盒|支|个|根|套|瓶|针)给我(?:提|返)"
)
_VALUE = re.compile(f"{_SUM}|{_MONEY}|{_GOODS}|{_HOSTED}|{_KICKBACK}")
# A cost waived for the addressee (您以后去买东西一律不要钱, 一年的课我们包了): a favour given.
_WAIVER = re.compile(rf"免费|不要钱|不收(?:您|你)?钱|全免|包了|{_COVERED}")
_MONEY_VALUE = re.compile(f"{_SUM}|{_MONEY}|{_KICKBACK}")
# A giving verb (not 给我: the writer is no recipient); 给 alone only before a recipient.
_MOVE = re.compile(
    r"(?<![好扭逆运周流旋])转(?![院科诊移氨阴阳归变好化为述告发])|打(?:过去|给|到|了)"
    r"|(?<![诱复爆突引出])发(?:了|给|您|你|过去|个|一个|到)|(?:补|塞|交)给"
    r"|(?<!护)送(?![检医他她我])|充(?=了|给)|带(?![药状病教])|寄|放(?=[在到了您你那这门前])|留(?=[了给在])"
    r"|订(?=[了好])|安排(?=[了好])|包(?=[了个一])|拿(?![药报片结])|塞|走账|返"
    r"|给(?!我)(?=[^,，。!?！？]{0,6}?(?:您|你|医生|大夫|主任|护士|老师|一家))"
    r"|收(?:下|咗|了吧|好)|扫了?(?:您|你)的?码|付(?=了|给)|请(?!问|假|教|稍|您看|你看)|(?:一起)?过来|一起来"
    r"|venmo|paypal|\b(?:transfer(?:red)?|sent|send|left|wired?|gave|bought)\b"
)
# The same verb right after a negation (不要转, 别送, 没发) withholds it.
_NEGATED_MOVE = re.compile(r"(?:不要|不用|不能|不必|别|没有?|不)(?:再|又)?$")
_STAFF_TITLE = r"(?:医生|大夫|主任|护士|专家|教授|院长|\bdr\b|\bdoctor\b|\bdoc\b|\bnurse\b)"
_VOCATIVE = re.compile(rf"^[\W_]*(?:hey|hi|dear)?[^,，。!?！？]{{0,5}}?(?:{_STAFF_TITLE}|老师)")
_ADDRESSEE = re.compile(r"您|你|\byou\b|\bu\b")
# Staff as the recipient without a vocative: given to 您 (the polite form is for staff here), to
# a named title (sent 给 Dr. Zhou, gift for Dr. Xu), or staff as a group (科室的护士都叫上).
_RECIPIENT = re.compile(
    rf"(?:给|送|转|for|to)\s?(?:您|{_STAFF_TITLE})|科室|科里|医生们|护士们|医护"
)
_STAFF_ANYWHERE = re.compile(_STAFF_TITLE)
_INTENT = re.compile(
    r"心意|谢意|感谢|谢谢|辛苦|意思|拜年|收下|别退|查收|点一下|点收|收了吧|收了噻|必须收|一定要收"
    r"|孝敬|补补|关照|拜托|美言|莫客气|别客气|拿着|收好|\bthanks?\b|\bthank you\b"
)
# Strong negative evidence anywhere in the message.
_HOSPITAL = re.compile(
    r"缴费|交费|交一下费|押金|住院费|住院的?钱|治疗费|医疗费|床位费|医保|收费处|退费|挂号|诊费|医药费|药费|检查费|手术费|自费|报销|发票"
    r"|充值|就诊卡|预交|医院的?账|对公|护工|陪护|药店|网上买|\b(?:deposit|bill|insurance)\b"
    # a gift withheld (红包就不发了，医院不让)
    r"|(?:不|没)(?:发|送|给|转|带)(?:了|啦)|不让"
    # kept for the writer's side (是给我爸的, 我们自己带了两盒月饼回家吃)
    r"|给(?:我|我们)(?:爸|妈|家|自己)?[^,，。!?！？]{0,3}的|回家(?:吃|用|喝)|自己(?:吃|用|喝|带|买)"
)
# A sum as a price (一个月五千, 一盒八十): what something costs, not a gift.
_PER = re.compile(
    r"(?:一个月|一天|每天|每月|每次|一次|一盒|一台|一瓶|一年|每年|一晚)[^,，。!?！？]{0,2}$"
)
# Papers, not presents (片子放您桌上了，200块的检查), in the clause of the giving verb.
_PAPERS = re.compile(  # or medicine and belongings (药带了两盒, 放了一袋衣服在护士站)
    r"片子|报告|检查|化验|病历|资料|视频|照片|图片|截图|处方|单子|药|消息|信息|短信|语音|电话|条微信"
    r"|衣服|行李|被子|换洗|饭(?![局店])|手机|钥匙|证件"
)
_CLAUSE = re.compile(r"[,，。.!！?？;；\n]")
# Kin, friends or the group as the other side (老公我给你转了两千; 发红包感谢大家): with no staff
# addressed, money between them is no gift to staff.
_KIN = re.compile(
    r"妈|爸|老公|老婆|儿子|女儿|闺女|哥|姐|弟|妹|舅|姑|姨|叔|朋友|同事|老伴"
    r"|大家|各位|群里|群友|链接|助力"
)
# Asking about amounts, ways or rules (红包给多少合适？) is no offer.
_ASKING = re.compile(r"多少|怎么|哪里|能不能|可以|要不要|是不是|行不行|需不需要|吗")
_WHERE = re.compile(r"在哪|哪里|哪儿|怎么(?:付|交|转|给)|几点(?!都|也)|几号|什么时候")
_QUESTION = re.compile(r"[?？吗]")
_SENTENCE = re.compile(r"[。!！?？\n]")
_WINDOW = 30  # characters between a value and a verb of one offer, inside one sentence
MAX_CHARS = 300  # a chat turn; longer texts (forwarded articles, documents) are left to patterns

OFFER_SCORE = 0.65  # over the rules' 0.6, under the pattern detector's strong 0.9


class Offer(NamedTuple):
    """An offer found by evidence: its entity and the hits that made it."""

    entity: str
    hits: list[Hit]


def _hits(pattern: re.Pattern[str], text: str, blocked: list[Hit]) -> list[Hit]:
    found = [Hit("evidence", m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    return outside(found, blocked) if found and blocked else found


def _moves(text: str, blocked: list[Hit]) -> list[Hit]:
    """Giving verbs not withheld by a negation just before them."""
    return [m for m in _hits(_MOVE, text, blocked)
            if not _NEGATED_MOVE.search(text, max(0, m.start - 3), m.start)]


def to_staff(text: str) -> bool:
    """Staff addressed: a title opening the message, or 您/你 with a title in it."""
    return bool(_VOCATIVE.match(text) or _RECIPIENT.search(text) or (
        _ADDRESSEE.search(text) and _STAFF_ANYWHERE.search(text)))


def _papers(text: str, breaks: list[int], hit: Hit) -> bool:
    """Papers named in the clause of a giving verb or a value (片子放您桌上了)."""
    i = bisect_right(breaks, hit.start)
    start = breaks[i - 1] + 1 if i else 0
    j = bisect_left(breaks, hit.end)
    return bool(_PAPERS.search(text, start, breaks[j] if j < len(breaks) else len(text)))


def _paired(text: str, values: list[Hit], moves: list[Hit]) -> list[Hit]:
    """Values with a giving verb near them in the same sentence, and those verbs."""
    if not (values and moves):
        return []
    breaks = [m.start() for m in _CLAUSE.finditer(text)]
    moves = [m for m in moves if not _papers(text, breaks, m)]
    starts = [m.start for m in moves]
    out: list[Hit] = []
    for v in [v for v in values if not _papers(text, breaks, v)]:
        for m in moves[bisect_left(starts, v.start - _WINDOW - 8):
                       bisect_right(starts, v.end + _WINDOW)]:
            lo, hi = min(v.end, m.end), max(v.start, m.start)
            if hi - lo <= _WINDOW and not _SENTENCE.search(text, lo, hi) and not (
                    m.start >= v.start and m.end <= v.end):  # 转 inside 转账 is no second cue
                out += [v, m]
    return out


def _blocked(text: str, staff: bool, waived: bool) -> bool:
    """Paying the hospital, kin money with no staff addressed, or a question about it."""
    if _HOSPITAL.search(text):
        return True
    if _KIN.search(text) and not (staff and (  # 我送我妈过来住院，带了两箱东西: their own
            waived or _RECIPIENT.search(text) or _INTENT.search(text))):
        return True
    return bool(_WHERE.search(text) or (
        _QUESTION.search(text) and _ASKING.search(text) and not _INTENT.search(text)))


def offer(text: str, blocked: list[Hit], prompted: bool = False) -> Offer | None:
    """An offer to staff shown by VALUE + MOVE in one window and TO-STAFF or INTENT
    (`prompted`: staff hinted at a gift just before, 心里有数就行)."""
    if len(text) > MAX_CHARS:
        return None
    values = [v for v in _hits(_VALUE, text, blocked)
              if not _PER.search(text, max(0, v.start - 6), v.start)]
    if not values:
        return None
    waived = [v for v in values if _WAIVER.fullmatch(v.term) and _ADDRESSEE.search(text)]
    paired = _paired(text, values, _moves(text, blocked)) or waived
    if not paired:
        return None
    staff = prompted or to_staff(text)
    if not (staff or _INTENT.search(text)) or _blocked(text, staff, bool(waived)):
        return None
    money = any(_MONEY_VALUE.fullmatch(h.term) for h in paired)
    return Offer("GIFT_MONEY" if money else "GIFT_GOODS", paired)


# Staff asking to be paid themselves (给我转两百), or passing on a supplier's rebate (每个人头给你
# 提成五百, 按人头返现): with a value in the same window.
_ASK_ME = re.compile(
    r"(?:别|不要|不用)收我钱|给我们?(?:转|发|包|打)|(?:直接|就)给我(?=[,，。!！\s]|$)"
    r"|私下(?:转|给|发)|(?:转|打|发)给?(?:他|她|主任)"  # for a colleague (私下转他一千)
    r"|(?:转|打|发)(?:给)?我(?!们?(?:医院|科室账))"
)
# A fee named (二十块的工本费直接给我): a charge, unless a euphemism for a gift (辛苦费, 讲课费).
_FEE = re.compile(r"(?<!辛苦)(?<!感谢)(?<!好处)(?<!讲课)(?<!红包)费")
_REBATE = re.compile(f"{_KICKBACK}|每人一个[红哄]包")
_REBATE_BANNED = re.compile(  # or paid back to patients (每盒返给病人五十的补贴)
    r"取消|禁止|不得|严禁|不能|不准|拒绝|举报|杜绝|不收|不要|别|返给?(?:病人|患者)|补贴"
)
# Staff taking an offer made just before (卡我先收着了, 我下班过去拿, 恭敬不如从命, 下不为例).
_TAKE = re.compile(
    r"收着|收下|(?:就|先)收了|分着吃|恭敬不如从命|(?:过去|过来|去|来)拿|下不为例|替我谢谢"
    r"|\bgot (?:the|your)\b|收到[啦了]?[,，\s]+[^。!?！？]{0,12}?(?:我会|帮你们?|放心)"
)


def solicit(text: str, blocked: list[Hit]) -> list[Hit]:
    """Staff asking for money for themselves, or relaying a rebate, by evidence."""
    if len(text) > MAX_CHARS or not (_ASK_ME.search(text) or _REBATE.search(text)) or (
            _HOSPITAL.search(text) or _FEE.search(text)):
        return []
    values = _hits(_VALUE, text, blocked)
    asks = _hits(_ASK_ME, text, blocked)
    asked = _paired(text, values, asks) + [h for h in asks if h.term.endswith("收我钱")]
    if not _REBATE_BANNED.search(text):
        rebates = _hits(_REBATE, text, blocked)
        asked += _paired(text, rebates, _moves(text, blocked)) or (
            rebates if len(values) > len(rebates) else [])
    return asked


def taken(text: str) -> list[Hit]:
    """Staff words taking a gift (only meaningful right after an offer)."""
    if len(text) > MAX_CHARS:
        return []
    breaks = [m.start() for m in _CLAUSE.finditer(text)]
    took = [Hit("evidence", m.start(), m.end(), m.group()) for m in _TAKE.finditer(text)]
    return [h for h in took if not _papers(text, breaks, h)]  # 收下这个处方: papers
