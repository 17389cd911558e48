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
_ON_REQUEST = re.compile(
    r"(?:价格|费用|价钱|月薪|工资|薪资|待遇)"
    r"(?:私聊|私信|私下说|面议|面谈|详谈|好说|好谈|好商量|美丽|另算|公道|实惠|合理|从优|可谈|可议)"
)
# Chinese numerals with a unit (八百, 两千五), so 一天三次 is a dose and not a price.
_CN_AMOUNT = r"[一二两三四五六七八九十][十百千万][一二三四五六七八九十百千万两]*"
# A price or a discount: 398元, 八百元, ¥299, 加急费300, 一盒398, 一个月八千, 300一个, 8折, $300,
# 价格私聊, 月薪面谈, 只要99, 才两千, 比外面便宜, 出800 (a price offered for a 号).
_PRICE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:元|块|rmb)|[¥￥$费价]\s*\d+|" + _CN_AMOUNT + r"(?:元|块)"
    r"|一(?:个月|晚上|[个盒瓶斤支箱袋份天晚次包罐])[只仅才]?(?:\d+|" + _CN_AMOUNT + r")"
    r"|\d+\s*(?:一[个盒瓶斤支箱袋份罐包]|起(?![床来效病])|转[给让])|\d+(?:\.\d+)?折"
    r"|(?:\d{2,}|" + _CN_AMOUNT + r")\s*(?:一[次位个盒]|全包)"
    r"|(?:收|租)\d{2,}|\d{2,}\s*拿走|价格只有"
    r"|(?:只要|仅需|才)(?:\d{2,}|" + _CN_AMOUNT + r")(?![\d个天次岁月年周号点分])"
    r"|比[^，。,.!！?？\s]{1,5}(?:便宜|实惠|划算)|(?:价格|价钱)比[^，。,.!！?？\s]{1,5}低"
    r"|出\d{2,}(?![\d.]*\s*(?:ml|毫升|cc|次|天|个|斤|kg))|" + _ON_REQUEST.pattern
)
# A price per unit sells (68元/斤, 298元一罐, ¥39.9, 一箱六瓶168, 30一个): a cost quoted in
# consultation is a total (一针三千多) or a dose (一支300单位), not goods by the piece.
_UNIT = "个盒瓶斤支箱袋份罐包条贴套台件张副"
_UNIT_PRICE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:元|块)?\s*(?:/|每|一)\s*[" + _UNIT + r"]|[¥￥]\s*\d"
    r"|[一二两三四五六七八九十\d][" + _UNIT + r"]装?[只仅才要收]{0,2}\d+(?:\.\d+)?(?:元|块)?"
    r"(?![\d.片粒支盒瓶袋个天次号岁年月周小分毫%mgkiu单点])"
    r"|满\d+[减送]|价值\s*\d+\s*(?:元|块)"
)
# A phone number given to call (咨询电话139…, 预约热线400…, 门店电话0755…, masked 138****5521,
# text +91…): a way to act.
_PHONE = re.compile(
    r"(?:电话|热线|手机|致电|联系|咨询|预约|同号|请打|tel|call|text|whatsapp)[^，。,\d]{0,8}"
    r"(?:1[3-9]\d[\s-]?[\d*x]{4}[\s-]?\d{4}|400[\s-]?\d{3}[\s-]?\d{4}|0\d{9,11}"
    r"|\+\d{1,3}[\s-]?\d{3,5}[\s-]?\d{4,6}|(?!20)\d{7,8})(?!\d)"
)
# An account to pay into (支付宝账号 138xxxx0123, 银行卡号6222…): a way to send money.
_PAYMENT = re.compile(
    r"(?:支付宝|银行卡|卡号|账号|收款)\W{0,3}[\d*x]{6,}"
    r"|(?:卡号|账号|收款码)(?:在|见)[^，。,.!！?？\s]{0,2}(?:图|下面)"
)
# Asking the group to click, bargain or vote for oneself (帮我砍一下, 帮忙点一下, 帮我孩子投个票,
# 每人每天可以投三次): never said but to drum up clicks.
_PLEA = re.compile(
    r"帮[我忙][^。！!?？\n]{0,8}(?:拼多多|砍|助力|投[个一]?票|点个?赞|(?:点|加)(?:一下|个)?关注)"
    r"|(?:拼多多|pdd)[^。！!?？\n]{0,6}(?:帮|砍一|点一下)"
    r"|每(?:人|天|个[^，。,.!！]{1,3})[^，。,.!！]{0,5}(?:可以|能)投"
    r"|(?:用|点|走)我的(?:链接|邀请码|口令)|拉我一[下把]"
    r"|给我[^，。,.!！?？\s]{0,4}(?:点个?赞|助力)|给我[^，。,.!！?？\s]{0,10}投[个一]?票"
    r"|每天(?:都)?(?:帮忙)?(?:点一下|投|助力)"
)
# A contact given to the doctor (医生加我微信 abc123) is no advert.
_TO_STAFF = re.compile(r"医生|大夫|主任|护士|老师|您")
# A customer's voice (那家药店打八折，可以去看看; 我在网上买的，68元一盒): a tip or a purchase,
# not a sale, unless the writer has a stake (我亲戚开的, 报我名字, 便宜出).
_TIP = re.compile(
    r"(?:那家|那个|附近|对面|楼下)[^，。,.!！?？]{0,4}(?:店|药房|超市)|可以去看看"
    r"|我[^，。,.!！?？]{0,8}买的|买了|[做付花]了"
)
_STAKE = re.compile(r"开的|报我|我[们家]?的?店|本店|找我|私|出售|转让|转给|[价宜]出")
# Declining crowdfunding (众筹的事我们自己想办法了, 不打算搞众筹了) is no appeal.
_DECLINED = re.compile(
    r"自己想办法|不(?:打算|准备|想|用|需要|搞|做|发)[^，。,.!！?？]{0,3}(?:众筹|水滴筹|轻松筹|筹款)"
    r"|(?:众筹|水滴筹|轻松筹)[^，。,.!！?？]{0,8}(?:算了|不搞了|不做了|不用了|不发了)"
)
# Asking the group for a 号, a bed or a drug (谁有…的号？ 哪里能买到…？ 排不上床位): an answer
# that has one and gives a way to get it (我有，私聊，300 / 有的，加我细聊) sells it.
_REQUEST = re.compile(
    r"(?:谁|哪里|哪儿|有没有|有人|怎么|有办法|能不能|排不上|挂不上|抢不到|买不到|难挂)"
    r"[^。!！]{0,16}(?:号|床|药|货|买|挂|住院)"
    r"|(?:号|床位?|药)[^。!！]{0,10}(?:排不上|挂不上|抢不到|买不到|断货|难挂)"
)
_SLOT_WANTED = re.compile(r"号|床|住院")
_AVAILABLE = re.compile(
    r"^(?:我|本人)?(?:这边|这里|手上|手里|这)?有(?:的|货|现货|门路|渠道|路子|办法)?(?=[，,。.!！\s]|$)"
    r"|^(?:我|本人)?(?:这边|这里)?(?:能|可以)(?:弄|安排|搞|拿|办|帮)|^(?:可以)?找我|^加我|^私[聊我]"
)
# A discount is an offer in itself (群里病友8折), not only a price.
_DISCOUNT = re.compile(
    r"\d(?:\.\d)?折|原价\s*\d+(?!\d)\S{0,2}?[，,\s]?(?:现价|现在|今天|特价|活动价)?(?:只要|仅需|仅)?\s*\d"
    r"|(?:群内|群友|内部|员工|团购|福利|特惠|活动)价\s*\d"
    r"|(?:群友|病友|群里|家人们|[两三四五\d][人件]|满[\d十百]+)[^，。,.!！?？\s]{0,3}[一二三四五六七八九\d]折"
)
# Someone offering an appointment they hold (我有周三李主任的号), sold with a contact or price.
_HELD_SLOT = re.compile(
    r"(?:我|本人)(?:这|这边|这里|手里|手上)?[有出][^，。,.!！?？\n]{0,12}的(?:专家)?号"
)
# Someone arranging what the queue withholds (找我 三天内安排, 我有路子加号, 保证当天看上).
_BROKER = re.compile(
    r"(?:找我|我有(?:渠道|路子|门路|关系|人)|我认识人|我(?:这边)?(?:能|可以)帮你)[^。!！?？]{0,8}"
    r"(?:安排|加号|插队|挂上|住进|床位)|保证[^，。,.!！?？\s]{0,4}(?:看上|挂上|住上|约上|排上)"
    r"|我(?:认识人|有关系)(?=[\s，。,.!！]|$)"
)
# A bare amount beside a 号 or a bed offered (周主任的号 500): a price without 元.
_BARE_AMOUNT = re.compile(r"(?:^|(?<=[\s，,]))[1-9]\d{1,4}(?=[\s，。,.!！?？]|$)")
_QUESTION = re.compile(r"[?？吗么]")
_LAST_QUESTION = re.compile(r"[?？吗么](?=[^?？吗么]*$)")
# The writer offering what they have (我这有几个阿姨, 试试我们的, 本人…): a seller's voice.
_SELF_OFFER = re.compile(r"我(?:这边|这里|这)有|试试我们|我们(?:的|家)|本人")
# Asking for buyers (谁需要…的？ 有没有人要 哪位需要): a question that sells.
_BUYER_QUESTION = re.compile(
    r"(?:有没有人|有谁|谁家?|哪位)(?:有)?(?:需要|要)"
    r"|有(?:要|买|配|需要|想买|想要)[^，。,.!！?？]{0,8}的吗|有人(?:需要|要)[^，。,.!！?？]{1,8}吗"
    r"|有(?:没有)?人(?:一起|要一起|想一起)?(?:拼单|拼团|团购|合买)"
    r"|有没有人?(?:要|需要|想要)[^，。,.!！?？\s]{1,8}的(?=[\s，。,.!！?？]|$)"
    r"|谁家?有[^，。,.!！?？]{0,6}(?:需要|要)[^，。,.!！?？]{0,8}的[吗？?]"
    r"|有没有人?想[^，。,.!！?？]{0,8}的[吗？?]"
    r"|(?:谁家|哪位|哪家)[^，。,.!！?？]{1,4}(?:需要|要)[^，。,.!！]{0,8}[吗？?]"
    r"|还在为[^，。,.!！?？]{1,10}(?:发愁|烦恼|担心|苦恼)"
)
# A call to act on an offer (需要的联系, 有意向的私信, 要的找我): a contact without a handle.
_CALL_TO_ACT = re.compile(
    r"(?:需要|想要|想进|想了解|想买|要|有意向?|有兴趣|感兴趣)(?:的|者)"
    r"(?:家人们?|朋友们?|姐妹们?|宝子们?|亲们?|病友们?)?(?:请|可以|可|直接)?"
    r"(?:联系|私|找我|加我|跟我|扣|说(?:一声|一下|下)?(?=[。.!！\s]|$)|吱|留言|接龙|戳我|滴滴?我"
    r"|介绍|带走|拿走)"
    r"|(?:需要|想要)(?:请|可以|可|直接)?(?:滴滴?我|戳我)|要的话[^，。,.!！?？]{0,3}(?:找我|联系|私|跟我说|我帮)"
    r"|有意(?:向)?(?:请|可以|可)?(?:联系|私)"
    r"|(?:想|要|需要)[^，。,.!！?？\s]{1,8}的(?:可以|请|直接)?(?:问|找|联系|加|私)(?:我|她|他)"
    r"|[，,\s]私[。.!！]?$"
)
# A WeChat or QQ id written out (咨询微信mm7788, V: abc123, 薇❤abc5678).
_HANDLE = re.compile(
    r"(?<![a-z])(微信|威信|vx|v信|wx|qq|薇|卫星|v|抖音号|快手号)\W{0,3}"
    r"(?=[a-z0-9_-]{5,20}(?![a-z0-9_-]))[a-z][a-z0-9_-]*\d|(qq)\W{0,3}[1-9]\d{4,10}(?!\d)"
)
# WeChat spelt so that filters miss it (薇, 威信, 卫星): only sellers hide their id.
_DISGUISED = frozenset(["薇", "威信", "v信", "卫星"])
# Someone selling: 卖…的, 开的…店, 在做…推广/代理, 买一送一, buy 2 get 1.
_SELLER = re.compile(
    r"卖[^，。,.!！?？\s]{0,6}的|开的[^，。,.!！?？]{0,4}(?:店|馆|中心|诊所)"
    r"|在做[^，。,.!！?？]{0,8}(?:推广|代理|用品|产品|生意|微商|中介)|买[一二两三\d]送[一二两三\d]"
    r"|buy \d get \d|i sell"
    r"|我(?:[们家]?开了?[一家个间]*[^，。,.!！?？]{0,4}(?:店|馆)[^。!！?？]{0,12}(?:来买|来店|优惠|[折价])"
    r"|们是[^，。,.!！?？]{0,8}(?:团队|公司|机构|工作室)"
    r"|们?(?:团队|公司|家)?(?:参与)?(?:研发|生产|代理)的一款|们?(?:帮|替)你们?(?:办|协商|处理|搞定|代)"
    r"|(?:这边|这里|这|手上|手里)还?有[几一二两三四五\d]?[盒瓶包罐支箱袋套台]"
    r"|(?:这里|这边|这)?能(?:办理?|代办|弄到))"
    r"|(?:便宜|低价|亏本|清仓)(?:处理|卖)|试试我们(?:的|家)"
    r"|(?:^|[，。,.!！\s])(?:(?:高价|长期)?收(?![到费据拾入好起缩藏治住院])[^，。,.!！?？]{0,10}(?:药|号|卡)"
    r"|出(?:闲置|二手|全新|[一两几]?[台个张套件辆](?!子)))"
    r"|(?:店|馆|铺)是我[们家]?(?:自己)?开的"
    r"|(?:喝|吃|用)了?我们(?:的|家)|(?:自己|自家|家里|老家)(?:种|养|做|熬|腌|酿|采|晒)的"
    r"|(?:急|长期|诚)招|招(?:聘|工|募|[^，。,.!！?？\s]{0,3}(?:保洁|阿姨|保姆|司机|护工))"
    r"|(?:便宜|低价|半价|成本价|[\d一二三四五六七八九十百千万两])出(?![院门去来现生租诊血汗差国发入报])"
)
# Goods brought to the buyer (医院门口可以送, 包送到家): how a seller delivers.
_DELIVERY = re.compile(
    r"(?:可以|能|包|免费)送(?:货|上门|到[^，。,.!！?？\s]{1,3})?(?=[，。,.!！\s]|$)"
)
# Offers found by pattern, named by the term they count as (weights in `_cues`).
_OFFER_PATTERNS = ((_SELLER, "卖…的"), (_DISCOUNT, "打折"), (_BUYER_QUESTION, "谁需要"),
                   (_UNIT_PRICE, "单价"), (_PLEA, "帮我砍一刀"),
                   (_DELIVERY, "送货"))
# Someone reporting an approach (有黄牛加我微信, 有人私信我说): the contact is not the sender's.
_APPROACHED = re.compile(
    r"(?:有人|有个人|黄牛|号贩子|对方|他们?|她)[^，。,.!！?？]{0,6}(?:加我|找我|问我|私信我|私聊我|联系我)"
)
# A campaign reported as done (水滴筹的钱到账了) is news, not an appeal.
_DONE = re.compile(r"到账|筹够|筹满|已经筹到[^，。,.!！?？]{0,6}了(?![，,]?还差)")
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
    ["需要的", "有需要", "有需要的", "谁要", "谁需要", "哪位需要", "有没有需要", "领取", "报名",
     "购买", "下单", "便宜", "划算", "优惠", "套餐", "广告", "点赞", "投票", "发货", "免费体检",
     "拼多多", "淘宝", "评选", "earn", "shop", "guaranteed", "signals", "福利", "全场", "顺丰",
     "到店", "仅剩", "礼包", "代理人", "微信号", "单价", "全新", "视频号", "保洁", "维修",
     "搞活动", "评比", "回购", "月嫂"]
)
# Never said but to sell or beg: worth an offer and a contact together.
_DECISIVE_OFFER = frozenset(["砍一刀", "【广告】", "帮我砍一刀"])
# "有需要…的吗？" asks for buyers: the question mark does not make it a patient's question.
# Offers found by pattern that quote a price themselves (a unit price, a discount).
_PRICED = frozenset(["单价", "打折"])
_BUYER_CALL = frozenset(["有需要", "有需要的", "谁要", "哪位需要", "有没有需要", "谁需要"])
_BROKERS = frozenset(["黄牛", "号贩子"])
_STAFF = frozenset([Role.DOCTOR, Role.NURSE])

LEXICONS = (
    "offtopic-fundraising-platform", "offtopic-fundraising", "offtopic-medical-ad",
    "offtopic-commerce", "offtopic-qr", "offtopic-scalping", "offtopic-scalping-offer",
    "offtopic-contact", "offtopic-false-friends", "offtopic-hearsay", "offtopic-link",
    "offtopic-cue",
)
# Lexicons whose words the detector scores; offtopic-cue only wakes it for the regexes.
_WORDS = (
    "offtopic-fundraising-platform", "offtopic-fundraising", "offtopic-medical-ad",
    "offtopic-commerce", "offtopic-qr", "offtopic-scalping", "offtopic-scalping-offer",
    "offtopic-contact", "offtopic-link",
)
TRIGGERS = (*_WORDS, "offtopic-cue")


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
    tip: bool  # a customer's tip about someone else's shop, no stake and no contact

    @property
    def damping(self) -> float:
        """How much a question without a contact, a report of someone else or a customer's
        tip takes away."""
        return 0.3 * (self.question and not self.reach) + 0.4 * self.hearsay + 0.3 * self.tip


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

        goods, slots = self._answer(subject, text)
        offers = self._offer_phrases(text) + self._handles(subject) + goods
        held = self._held_slots(subject, text) + slots
        if not (offers or held or subject.has(*_WORDS)):  # woken by offtopic-cue alone
            return []
        qr = live("offtopic-qr")
        commerce = live("offtopic-commerce") + offers
        contact = live("offtopic-contact")
        cues = self._cues(subject, text, qr, commerce, contact)
        appeals = live("offtopic-fundraising")
        found = [
            self._fundraising(live("offtopic-fundraising-platform"), appeals, cues,
                              declined=bool(_DECLINED.search(text)),
                              done=bool(_DONE.search(text))),
            self._advert(live("offtopic-medical-ad"), cues),
            self._links(cues, text),
            ("QR_CODE", qr, (0.85 if subject.message.media_kind == "photo" else
                             0.8 if cues.offer or appeals else 0.4) - 0.4 * cues.hearsay),
            ("COMMERCE", commerce or self._priced_contact(cues, contact),
             cues.offer + (0.2 if cues.staff else 0.35) * cues.reach + 0.25 * cues.price
             - cues.damping),
            self._scalping(live("offtopic-scalping"),
                           live("offtopic-scalping-offer") + held, cues, text),
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
        buyers = bool(terms & _BUYER_CALL)
        approached = bool(_APPROACHED.search(text))
        price = bool(terms & _PRICED or _PRICE.search(text))  # 一箱六瓶168, 群友九折
        reach = (urls or qr or _ON_REQUEST.search(text) or _CALL_TO_ACT.search(text)
                 or _HANDLE.search(text) or _PHONE.search(text) or _PAYMENT.search(text)
                 or (buyers and (price or terms - _BUYER_CALL - _WEAK_OFFER)))  # 15一支，有要的吗
        return _Cues(urls=urls, reach=bool(reach or (contact and not approached)),
                     staff=subject.role in _STAFF, price=price,
                     offer=min(0.6, offer),
                     question=(bool(_QUESTION.search(text)) and not buyers
                               and not _rhetorical(text, terms, contact)),
                     hearsay=subject.has("offtopic-hearsay") or approached,
                     group=bool(_GROUP.search(text)),
                     tip=bool(_TIP.search(text)) and not reach and not _STAKE.search(text))

    @staticmethod
    def _priced_contact(cues: _Cues, contact: list[Hit]) -> list[Hit]:
        """A price with a contact is an offer even when nothing names the goods (费用私聊)."""
        return contact if cues.price and cues.reach and not cues.question else []

    @staticmethod
    def _answer(subject: Subject, text: str) -> tuple[list[Hit], list[Hit]]:
        """An answer that has what the previous sender asked for and a way to get it (a
        contact or a price): (goods, 号 or bed)."""
        if not subject.prompt or not _REQUEST.search(subject.prompt):
            return [], []
        if not (subject.has("offtopic-contact") or _PRICE.search(text) or _HANDLE.search(text)
                or _CALL_TO_ACT.search(text)):
            return [], []
        hits = [Hit("answer", m.start(), m.end(), "应求") for m in _AVAILABLE.finditer(text)]
        return ([], hits) if _SLOT_WANTED.search(subject.prompt) else (hits, [])

    @staticmethod
    def _handles(subject: Subject) -> list[Hit]:
        """A WeChat / QQ id written out by anyone but staff, to anyone but staff: traffic."""
        text = subject.norm.text
        if subject.role in _STAFF or _TO_STAFF.search(text):
            return []
        return [Hit("offtopic-commerce", m.start(), m.end(),
                    "薇信号" if m.group(1) in _DISGUISED else "微信号")
                for m in _HANDLE.finditer(text)]

    @staticmethod
    def _offer_phrases(text: str) -> list[Hit]:
        """Offers no word list holds: 卖…的, 买一送一, 8折, 谁需要…的？"""
        return [Hit("offtopic-commerce", m.start(), m.end(), term)
                for pattern, term in _OFFER_PATTERNS for m in pattern.finditer(text)]

    @staticmethod
    def _fundraising(platform: list[Hit], appeals: list[Hit], cues: _Cues,
                     *, declined: bool, done: bool) -> tuple[str, list[Hit], float]:
        if declined:  # 众筹的事我们自己想办法了
            return "FUNDRAISING", platform + appeals, 0.3
        if platform:  # 水滴筹能开证明吗？ / 众筹的钱到账了 name it; a link or an appeal posts it
            posted = appeals or cues.reach or (cues.group and not cues.damping and not done)
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
    def _held_slots(subject: Subject, text: str) -> list[Hit]:
        """我有…的号 or 找我…安排: someone holding or arranging an appointment or a bed, an
        offer beside a price; staff arranging one (我给你加号) are doing their job."""
        held = [Hit("slot", m.start(), m.end(), "我有的号") for m in _HELD_SLOT.finditer(text)]
        if subject.role in _STAFF:
            return held
        return held + [Hit("slot", m.start(), m.end(), "找我安排") for m in _BROKER.finditer(text)]

    @staticmethod
    def _scalping(named: list[Hit], offers: list[Hit], cues: _Cues,
                  text: str) -> tuple[str, list[Hit], float]:
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
        # a bare sum beside a 号 or bed offered (周主任的号 500) is a price without 元
        priced = cues.price or (bool(offers) and bool(_BARE_AMOUNT.search(text)))
        score = base + 0.3 * cues.reach + 0.25 * priced - cues.damping
        return "SCALPING", sorted(named + offers, key=lambda h: h.start) if base else [], score


def _rhetorical(text: str, terms: set[str], contact: list[Hit]) -> bool:
    """A question that opens a pitch (急用钱？身份证就能借… / 排到下个月了？找我…): after the
    last question comes a way to act, a seller's own voice, or two selling terms."""
    last = _LAST_QUESTION.search(text)
    if last is None:
        return False
    tail = text[last.end():]
    if any(h.start >= last.end() for h in contact) or _SELF_OFFER.search(tail):
        return True
    if _CALL_TO_ACT.search(tail) or _HANDLE.search(tail) or _PHONE.search(tail):
        return True
    return len({t for t in terms if t in tail} - _WEAK_OFFER) >= 2


def _outermost(terms: set[str]) -> set[str]:
    """Terms not inside another term found (特效 ⊂ 特效药, 批发 ⊂ 批发价): counted once."""
    return {t for t in terms if not any(t != u and t in u for u in terms)}
