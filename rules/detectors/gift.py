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
from rules.detectors.gift_evidence import MAX_CHARS, OFFER_SCORE, offer, solicit, taken
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
    r"(?:(?<![a-z])(?:hb|zz|zfb|v(?:您|你|医生|大夫|主任|护士长?))(?:\s*(?:u|you)\b)?|转您|转你|转给您|给您转|转过去|转|包|发了个|发个|准备了"
    r"|存了|充了|额外|另外|另加|(?:transfer|send|sent|wire|pay)\s*(?:you\s+)?)\s*了?\s*个?\s*"
    r"(?:\d{2,}|\d+(?:\.\d+)?\s*[百千万kw]|[两三四五六七八九][百千]|[一二三四五]万)"
    r"(?![\d.]|\s*(?:g|mg|ml|/|%|天|次|个|多|年|月|周|小时|分|号|床|楼|岁|斤|公斤|度|秒|字|张))"
)
# Money moving inside the family or to a carer (老婆给我转了500买药, 我给护工转了300), with
# the sum that follows in the same clause.
_KIN = r"(?:我|他|她|我们|家里|我爸|我妈|我爸妈|孩子|儿子|女儿|老公|老婆|护工|陪护|护理员)"
_FAMILY_MONEY = re.compile(
    rf"(?:给{_KIN}(?:转|打)|给{_KIN}(?<!给我)(?:充|买|寄|包|发)|转给{_KIN}|{_KIN}转给我)"
    r"[^,，。!！?？]{0,8}"
)
# A gift word right after a negation (不要给医护人员发红包, 别送礼) is advice against gifts.
_NEGATED = re.compile(
    r"(?:不要|不用|不能|不必|不许|请勿|禁止|严禁|别(?![人处的家]))(?!退|推|嫌|客气|拒)(?:再)?[^,，。!！?？]{0,6}$"
)
# A transfer verb among the weak cues (转过去了): paying the hospital when a fee is named.
_MOVED = re.compile(r"转|打|汇")
# A gift word followed by "not giving it" (红包就不发了，医院不让).
_WITHHELD = re.compile(  # or denied at the end of a clause (红包我没发，您放心)
    r"[^,，。!！?？]{0,2}?(?:就|也)?(?:不|没)(?:发|送|给|转)(?:了|啦|(?=[,，。!！?？\s~]|$))"
)
# A question about eating or drinking it (我妈想吃粽子，术后能吃吗) is diet, not a gift.
_DIET = re.compile(
    r"(?:能|可以|可不可以|能不能)(?:吃|喝)|(?:吃|喝)[^,，。]{0,6}(?:吗|么|没事吧|有影响|好不好)"
)
# Hb / HB + a number + g/L is haemoglobin, not 红包 (§B2).
_HAEMOGLOBIN = re.compile(r"hb\s*[:：]?\s*\d+(?:\.\d+)?\s*(?:g/l|g/dl|g)?")
# 红包 as a skin bump: preceded by 起/长/冒 or followed by an itch/pain/swelling word (§B2).
_SKIN_BUMP = re.compile(
    r"[起长冒出鼓咬][了的]?(?:个|一个|些|一些|很多|好多|几个)?[大小]?红[包苞宝]"
    r"|红[包苞宝][^,，。!?！？]{0,10}(?:痒|肿|疼|痛|消|破|硬|凸|鼓|脓|皮肤)"
)
# Skin words anywhere in the message (红疹, 过敏, 手臂上, itchy): a 红包 not handed over by a verb
# just before it (几个小红包，是不是过敏) is a bump then.
_SKIN = re.compile(
    r"疹|过敏|痒|皮肤|手臂|胳膊|背上|后背|脖子|腿上|脸上|屁股|伤口|蚊子|疖|湿疹|\b(?:rash|itchy?|skin)\b"
)
_HANDED_PACKET = re.compile(r"[发给转包塞收领抢送拿退][^,，。!?！？]{0,2}$")
# Giving aimed at staff (给您准备了, 给主任带了, 送给医生, 寄给您): a second cue for goods,
# cards and meals, which are weak alone because patients ask about them as food (§B1 d).
_STAFF = r"(?:您|你|医生|大夫|主任|护士站|护士长?|老师|专家|教授|科室|科里)们?"
_GIVE = re.compile(
    rf"给{_STAFF}[^,，。!?！？]{{0,4}}?(?:准备|带|买|寄|送|订|捎|拿|点|留|装)"
    rf"|当面给{_STAFF}|(?:带|拿|送)过(?:来|去)|(?:您|你)先?(?:拿|带)(?:回去|回家|着)"
    r"|放(?:在)?(?:您|你)[^,，。!?！？]{0,4}?(?:抽屉|桌上|桌子上|口袋|兜里|包里|车上)"
    # said to be the addressee's (这个是您的, 那个套装是给你的): not a question, not papers
    r"|(?:这|那)[个些份点套盒]?[^,，。!?！？]{0,8}?是(?:给)?(?:您|你)的(?![^,，。!?！？]{0,6}?[吗么?？])"
    r"|(?:您|你)的?(?:抽屉|桌上|桌子上|口袋|兜里|包里|白大褂)[^,，。!?！？]{0,3}?放"
    rf"|(?:送|寄|捎)(?:给|到)?{_STAFF}|(?:带|拿)(?:给|到){_STAFF}|送过去|放(?:您|你)办公室"
    r"|放护士站|(?:您|你)的?办公室[^,，。!?！？]{0,3}?(?:留|放)"
    rf"|(?:买|带|寄|订)了?[^,，。!?！？]{{0,6}}?给{_STAFF}"
    # to the staff member's family (给您爱人买了条围巾, 您儿子要高考…买了台学习机给他)
    r"|给(?:您|你)(?:爱人|家人|家里|孩子|儿子|女儿|老公|老婆|父母)[^,，。!?！？]{0,4}?"
    r"(?:准备|带|买|寄|送|订)"
    r"|(?:您|你)(?:爱人|家人|孩子|儿子|女儿|老公|老婆)[^。!?！？]{0,14}?(?:买|送|带|寄|报|办|充)了"
)
# What the staff member said they wanted (你上回说想要个空气炸锅): what is given then is a gift.
_WISH = re.compile(r"(?:您|你)[^,，。!?！？]{0,6}?(?:想要|想买|缺)")
# Something bought for the staff member's family (给您女儿买了个书包): a gift whatever it is.
_STAFF_KIN = r"(?:爱人|家人|孩子|儿子|女儿|老公|老婆|父母|父亲|母亲|爸|妈|老人家|太太|先生)"
_KIN_GIFT = re.compile(
    rf"给(?:您|你){_STAFF_KIN}[^,，。!?！？]{{0,4}}?(?:准备|买|寄|送|订|报|办|充)了"
    # named first, then 他 / 她 (您爱人腰不好，我给他买了个按摩椅)
    rf"|(?:您|你)(?:的|家)?{_STAFF_KIN}[^。!?！？]{{0,16}}?给(?:他|她|他们|她们|老人家)"
    r"[^,，。!?！？]{0,3}?(?:准备|买|寄|送|订|报|办|充|带|转|打)了"
)
# Somewhere of the staff member's own (你包里, 您车后备箱, 科室门口的柜子): a thing left there is
# given, whatever it is, unless it is papers or the patient's own belongings.
_OWN_PLACE = r"(?:包|抽屉|车|柜|口袋|兜|白大褂|后备箱)"
_LEFT = re.compile(
    rf"(?:放|塞|搁|藏)(?:在|到|进)?(?:您|你)的?[^,，。!?！？]{{0,6}}?{_OWN_PLACE}"
    rf"|给(?:您|你)(?:放|塞|搁)(?:在|到|进)?[^,，。!?！？]{{0,6}}?(?:{_OWN_PLACE}|办公室|桌)"
    rf"|在(?:您|你)的?[^,，。!?！？]{{0,4}}?{_OWN_PLACE}子?(?:里|上)"
)
# The patient's own belongings (我爸的东西, 他的包), left with staff or mislaid (落在你们柜子里).
_OWN_THINGS = re.compile(
    r"(?:我|我们|我爸|我妈|他|她|老人|孩子|病人|患者)家?的(?:东西|包|手机|钥匙|衣服|证件|身份证|行李|水杯)"
    r"|(?:落|忘|丢|掉)(?:在|到)"
)
# Goods for the sender's own relative (买了两箱水 给我爸喝的): no gift to staff.
_FOR_KIN = re.compile(
    r"[^,，。!?！？]{0,8}?给(?:我|我们|我家|家里|自己)(?!们?的?(?:医生|大夫|主任|护士|科室|科里))"
)
# Urging that is about a medicine or a test (请您尝尝这个药): not urging a gift.
_ON_MEDICINE = re.compile(r"[^,，。!?！？]{0,4}?(?:药|片|针|检查|报告)")
# A meal word naming a place (和您一起吃饭的那家食堂): not an invitation.
_PLACE_AFTER = re.compile(r"的[^,，。!?！？]{0,3}?(?:食堂|餐厅|饭店|饭馆|馆子|店|地方|酒店|那家)")
# Selling or appeal marks (点击领取新人红包，最高88元，仅限今天 / 送礼自用都合适，中秋特惠 / 谁要…
# 原价转让 / 轻松筹 求爱心接力): two of them and no staff named make a post to the group, which is
# off-topic, not a gift.
_ADVERT = re.compile(
    r"点击|最高\s?\d|仅限|限时|特惠|优惠|折扣|打折|秒杀|包邮|原价|现价|新人|立减|抢购|团购"
    r"|送礼自用|自用送礼|送礼佳品|https?://|谁要|谁需要|有需要的|转让|出售|一[盒瓶支袋罐]\s?\d+"
    r"|轻松筹|水滴筹|筹款|爱心接力|爱心捐"
)
_STAFF_NAMED = re.compile(r"医生|大夫|主任|护士|老师|专家|教授|\b(?:doctor|nurse|dr)\b")
_CLAUSE_BREAK = re.compile(r"[,，。.!！?？;；\n]")
# A banner or a letter of thanks (送了一面锦旗表示心意): the clause's gift words are about it.
_TOKEN = re.compile(r"[^,，。.!！?？;；\n]*(?:锦旗|感谢信|表扬信|牌匾)[^,，。.!！?？;；\n]*")
# A meal or drinks offered to staff with others in between (请您和科室的医生吃顿饭).
_TREAT = re.compile(
    rf"请{_STAFF}(?:和[^,，。!?！？]{{0,8}}?|一起|[^,，。!?！？]{{0,2}}?)(?:去|来)?(?:吃|喝)"
    r"(?!药|什么|啥|吗|不|没)"
    rf"|请{_STAFF}[^,，。!?！？]{{0,4}}?(?:坐坐|坐一坐|聚聚|聚一聚|聚个?餐|聚一下)"
    # a meal with staff as company (想跟您吃个便饭, 约您一起吃顿饭)
    rf"|(?:跟|和|与|约|陪){_STAFF}(?:和[^,，。!?！？]{{0,8}}?)?(?:一起)?(?:去|来)?(?:吃|喝|聚)"
    r"(?:个|顿|一顿|点)?"
    r"(?:便饭|饭|酒|茶|咖啡|宵夜|夜宵|早茶)(?!的)"  # 和您一起吃饭的那家食堂 names a place
    # trips and outings (九项准则 item 8: 旅游、健身、娱乐): 请您周末去我们农家乐玩两天
    rf"|请{_STAFF}[^,，。!?！？]{{0,10}}?(?:去|来)[^,，。!?！？]{{0,6}}?"
    r"(?:玩|旅游|度假|泡温泉|唱歌|钓鱼|按摩|足疗)"
)
# Structural offers: a giver, something of value and staff as the recipient, in one clause,
# whatever the words around them (the lexicons hold the fixed phrases).
# Money moved to staff: 给您转了两千, 给 您 转 了 1000, 给您zz了, 给您充了500.
_NUMBER = (r"(?:\d[\d\s]*(?:\.\d+)?|[一二两三四五六七八九十]?[十百千万][百千万]?)"
           r"(?![张个份页次天床号])")
# Typos and homophones of the gift words (转帐, 红宝, 鸿包, 红bao) inside the shapes below.
_PACKET = r"(?:[红鸿洪宏哄][包苞宝]|红\s?bao|hong\s?bao)"
_PACKET_WORD = re.compile(_PACKET)
_PAY_TO_STAFF = re.compile(
    rf"给\s?{_STAFF}[^,，。!?！？]{{0,6}}?(?:(?:转|打|汇|充|存|v)\s?了?\s?(?:个|点|些)?\s?"
    rf"(?:{_NUMBER}|钱|[账帐]|一半|一部分)|zz|hb|转[账帐]|{_PACKET})"
    # by a channel (zfb转你了, 支付宝打你了) or in parts (先给您转一半)
    r"|(?:微信|支付宝|zfb|vx|wx|v信|银行卡)\s?(?:上|里)?\s?(?:转|打|汇)(?:给)?\s?(?:您|你)"
    r"|(?:转|打|汇)(?:给)?(?:您|你)\s?(?:一半|一部分|另一半|剩下的|尾款|定金)"
    # paid through the staff member's own code (扫了您桌上那个二维码付了600)
    rf"|扫了?(?:一下)?{_STAFF}[^,，。!?！？]{{0,6}}?(?:二维码|收款码|码)"
    # a big one, an envelope ready, more if it is not enough
    rf"|给\s?{_STAFF}(?:发|包)了?个大的|准备了?(?:个|一个)?大?信封|不够(?:我们?)?再(?:加|补|转)"
    r"|钱[^,，。!?！？]{0,4}?给(?:您|你)的|给(?:您|你)的钱"
    # a gesture promised to staff (跟您表示一下, 少不了您的好处)
    rf"|(?:跟|给|向|对){_STAFF}(?:表示|意思)(?:一下|表示|意思)|少不了{_STAFF}的"
)
# A cost of the staff member's own that the giver covers (学费我这边全包了, 材料人工都不用您掏钱,
# 课程费用您就别管了, 机票我们全包了): a gift of money; not asked about (全包吗), no invoice.
_COVERED = re.compile(
    r"(?:费|钱|材料|人工|花销|开销|(?<!发)票)[^,，。!?！？]{0,6}?"
    r"(?:(?:我|我们)(?:这边|来)?(?:全|都)?(?:包了|出了|付了|买单|承担|来出)"
    r"|(?:都|就|全)?不用(?:您|你)(?:掏钱|出钱|花钱|付|出|管)|(?:您|你)就?别管了?|都?算我们?的)"
    r"(?![^,，。!?！？]{0,3}?[吗么?？])"
)
# A service done to the staff member's car or home (给您车加满油了, 帮您家里换了热水器).
_SERVICE = re.compile(
    r"(?:给|帮|替)(?:您|你)的?(?:车|爱车|家里?|房子|新房)[^,，。!?！？]{0,4}?"
    r"(?:加满?油|洗|保养|修|换|装修|打扫|装)[^,，。!?！？]{0,4}?了"
)
# Money said to be sent already (钱已经打过去了): a gift with staff addressed and urged.
_MONEY_SENT = re.compile(r"钱[^,，。!?！？]{0,4}?(?:已经?|都)?(?:打|转|汇)(?:过去|到)")
# A red packet for another staff member, named first (麻醉科的李医生…我也给他包了一个).
_COLLEAGUE = re.compile(
    r"(?:医生|大夫|主任|护士长?|老师)[^。!?！？]{0,16}?给(?:他|她)[^,，。!?！？]{0,3}?"
    r"(?:包了?(?:一|1)?个(?:大的|小的)?(?=$|[\s,，。!！?？~…])"
    r"|(?:准备|买|带|送|发)了?[^,，。!?！？]{0,4}?(?:红包|礼物|礼品|购物卡|心意|东西))"
)
# Staff asking for a gift just before (规矩你知道的, 意思意思): a bare 已转 answers it.
_ASKED_BEFORE = re.compile(r"规矩|意思意思|表示表示|表示一下|你懂的|看着办|心里有个?数|打点|掂量")
_BARE_SENT = re.compile(
    r"[\W_]*(?:(?:已经?|刚)(?:转|发|打|汇)|(?:转|发|打|汇)(?:过去)?了)(?:过去)?了?[\W_]*"
    r"(?:(?:您|你)?(?:查收|看一下|看下|收一下))?[\W_]*"
)
# A gift promised (我们会表示的, 该有的礼数一样不会少, 好处费不会少您的): a euphemism.
_PROMISE = re.compile(
    r"礼数[^,，。!?！？]{0,10}?(?:不会少|少不了|到位)|(?:会|一定)(?:有所)?表示(?:的|一下)"
    r"|(?:好处|辛苦|感谢)费[^,，。!?！？]{0,4}?(?:不会少|少不了)|不会少(?:您|你)的"
)
# Money said to be sent to staff at the end of a clause (我转给您, 打给你了): not paperwork.
_PAY_PLAIN = re.compile(r"(?:转|打|汇)给(?:您|你)了?(?=$|[\s,，。!！~])")
# Money or an envelope tucked somewhere for the addressee (钱我放在信封里了，夹在病历里面).
_STASHED = re.compile(  # or a sum wrapped into something (五千块包在装片子的袋子里了)
    rf"(?:钱|现金|红包|信封|money|cash|{_NUMBER}\s?(?:块钱|块|元))[^,，。!?！？]{{0,4}}?"
    r"(?:放|塞|夹|藏|压|包|装)(?:在|到|进|您|你)"
    r"(?![^,，。!?！？]{0,4}?(?:卡|账|住院|押金|医保|护工|收费))"
)
# A round sum with no currency (这是5000，您先拿着): money only next to urging and staff.
_ROUND_SUM = re.compile(
    r"(?<![\d.])(?:\d{1,3}(?:00|88|66|20)|1314)(?![\d.]|\s*[a-z%/]|\s*[次天个号床岁])"
    r"|(?<![一二两三四五六七八九十百千万])(?:[一二两三四五六七八九]?[百千]|[一二两三四五]万)"
    r"(?![一二两三四五六七八九十百千万多毫米步克斤度个次天张页号床块元年人例])"
)
_PRICE = re.compile(r"[^,，。!?！？]{0,2}?(?:买|一[盒瓶支次个袋片]|左右|多|一个月|一天)")
# Asking staff for a way to be paid: 您收款码发一个, 你的卡号, 您银行卡号多少.
_ACCOUNT = re.compile(  # or a relative's (您太太的银行卡号)
    rf"(?:您|你)的?(?:{_STAFF_KIN}的?)?\s?(?:微信|支付宝)?\s?(?:收款码|卡号|银行卡号?|支付宝账?号)"
)
# Done transfers (已转, 刚发, 转过去了): a second cue for a weak money word (💰已转).
_SENT = re.compile(  # or handed on by someone (托我姐夫转交给您了)
    r"(?:已|刚)经?(?:转|发|汇|打|v|寄)|(?:转|发|汇)过去了|到账(?:没|了吗|了没)|转交(?:给)?(?:您|你)"
)
# Paying the hospital (转账给医院, 医院系统没到账, 转账记录显示已付款): the payee is no person.
_TO_HOSPITAL = re.compile(
    r"(?:转|打|汇|付|交)[账帐款]?(?:给|到)(?:医院|收费处|对公)|医院的?(?:系统|账户|账号|对公|收款码)"
    r"|(?:转[账帐]|付款|支付|缴费)记录"
)
_DOCUMENT = re.compile(r"报告|检查单|化验单|片子|结果|照片|图片|病历|资料|单子|截图")
# Papers forwarded (微信转你的检查报告): the transfer word moves a document, not money.
_FORWARDED = re.compile(
    r"转(?:发|给)?(?:您|你)?[的了]?[^,，。!?！？]{0,3}?"
    r"(?:报告|检查单|化验单|片子|结果|照片|图片|病历|资料|单子|截图)"
)
# A quantity of something given to staff (给您带了两盒进口巧克力, 给您留了一袋, 给科室每人
# 准备了一张星巴克卡): goods whatever they are, unless they are documents or medicine.
_QUANTITY = (r"(?:(?:[^,，。!?！？]{0,3}?(?:一|两|几|三|四|五|十|半|\d+|些|点)|(?<=了))\s?"
             r"(?:盒|瓶|箱|袋|条|斤|只|份|束|台|件|张|套|包|饼|罐|桶|篮|双|筐|提|幅|副|对|支|坛|壶|串|桌|扇)"
             # or English after a Chinese verb (给您带了 a bottle of whisky, 带了一些 local wine)
             r"|个\s?(?=[a-z]{2,})(?!(?:ct|mri|pdf|app)\b)[a-z]{2,}"  # 订了个airpods
             r"|(?:\s(?:a|an|one|two|three|some|several|\d+)|一些|一点)\s+(?!(?:copy|copies|report"
             r"|result|scan|photo|film|file|record|question|message|look)s?\b)[a-z]{2,})")
_NOT_GOODS = (  # 给您发了三条消息: messages, not goods
    r"(?![^,，。!?！？]{0,4}?(?:报告|片|检查|化验|单|表|病历|资料|照片|结果|药|问题|消息|信息|短信|语音"
    r"|微信|电话|视频|截图|图))"
)
_BRING = r"(?:带|买|寄|送|订|留|拿|捎|准备|装|弄|办|下单|下了单)了?"
_GOODS_GIVEN = re.compile(
    rf"给\s?{_STAFF}[^,，。!?！？]{{0,4}}?{_BRING}"
    rf"(?:{_QUANTITY}|[^,，。!?！？]{{0,6}}?(?:东西|礼物|特产|土货)){_NOT_GOODS}"
    # the quantity first, the recipient after (带了两斤普洱给您, 在您车里放了两箱水果)
    rf"|(?:{_BRING}|放了|快递了|闪送了|寄了){_QUANTITY}{_NOT_GOODS}[^,，。!?！？]{{0,6}}?"
    rf"(?:给\s?{_STAFF}|(?:到|去)(?:{_STAFF}|{_STAFF}的?(?:办公室|家|科室|医院|车上)))"
    # left where staff will find it (买了两箱牛奶放那了, 带了一篮水果放前台)
    rf"|{_BRING}{_QUANTITY}{_NOT_GOODS}[^,，。!?！？]{{0,8}}?放(?:在|到)?"
    r"(?:那|这|门口|前台|门卫|护士站|办公室|值班室)"
    rf"|在(?:您|你)的?(?:车|办公室|抽屉|桌|口袋|包|门口|家)[^,，。!?！？]{{0,3}}?放了?{_QUANTITY}{_NOT_GOODS}"
    r"|(?:东西|礼物|礼品)[^,，。!?！？]{0,6}?(?:送|寄|带|拿|放|捎)(?:到|给|去)?" + _STAFF
    + rf"|给\s?{_STAFF}的(?:东西|礼物|礼品|特产)|给\s?{_STAFF}{_QUANTITY}{_NOT_GOODS}"
    # delivered to the staff member's home (已经寄到您家小区了)
    r"|(?:寄|送|快递|闪送)(?:到|去)了?(?:您|你)的?家"
    # food to share among the staff addressed (自己熏的腊肉，你们分着吃)
    r"|(?:你们|您们|大家)(?:拿去)?(?:分着|分了|一起)(?:吃|喝|尝)(?!药|饭|了吗|吗)"
)
# Goods bought or brought by the count (托人带了两罐蜂蜜): given only when staff are urged to take
# them (您别嫌弃), as a patient's own shopping is no offer.
_BOUGHT = re.compile(rf"{_BRING}{_QUANTITY}{_NOT_GOODS}")
# Any stored-value card by its count word (一张星巴克卡, 办了张金卡); not hospital or bank cards.
_CARD_SHAPE = re.compile(r"张[^\s,，。!?！？]{1,5}?(?<![诊保行饭用])卡(?![号片里密])")
# A meal, stay or trip the giver pays for (我请客, 机票酒店都包了, 免费的) with staff invited.
_HOSTED = re.compile(
    r"(?:我们?(?:请客|买单|来买单)|(?:费用|钱)都?我们?(?:出|来出|包)|我们出钱|全免|免单"
    r"|钱(?:您|你)不用管|(?:吃住|机票|酒店|住宿|门票|路费|费用|吃喝)[^,，。!?！？]{0,4}?(?:都|全)?"
    r"(?:包了|全包|我们?出|我们?包|我们?来|免费|算我们?的)|免费的?(?=[,，。!！~\s]|$))"
    r"(?![^,，。!?！？]{0,2}?[吗么?？]|的)"  # 体检全免吗 asks about a fee; 全包的旅行团 is a tour
)
# A leisure outing or meal with staff addressed (国庆去云南玩，想带上您一家): a hosted offer
# needs no invitation verb then.
_OUTING = r"(?:玩|旅游|度假|体检|温泉|高尔夫|酒店|吃饭|聚餐)"
_LEISURE = re.compile(
    rf"(?:您|你)[^。!?！？]{{0,20}}?{_OUTING}|{_OUTING}[^。!?！？]{{0,20}}?(?:您|你)"
)
_INVITED = re.compile(
    rf"{_STAFF}[^。!?！？]{{0,12}}?(?:来|去)[^。!?！？]{{0,6}}?"
    r"(?:住|玩|吃|旅游|度假|散心|钓鱼|泡温泉|唱歌)"
    rf"|{_STAFF}[^,，。!?！？]{{0,8}}?(?:一起|一块儿?)(?:来|去)"  # 您和嫂子一起来吧
)
# English offers: a giving verb, then money or a gift, to "you" or the team.
_EN_GIFT = (r"(?:yuan|rmb|cash|money|envelope|on us|our treat|my treat|hongbao|red packet"
            r"|red envelope|card|vouchers?|maotai|moutai|baijiu|wine|whisky|dinner|lunch|meal|spa"
            r"|gifts?|chocolates?|alipay|wechat|account|trip|holiday|vacation|bubble tea|milk tea"
            r"|coffee|pizza|cakes?|snacks|flowers|all paid|\d{3,})")
_EN_OFFER = re.compile(
    r"\b(?:sent|send|sending|transferred|transfer|wired|gave|give|giving|got|bought|buy|left"
    r"|put|treat|booked|book (?:you|u)|ordered|here'?s|here is|invite (?:you|u)|inviting (?:you|u)"
    r"|take (?:you|u)|taking (?:you|u)|accept (?:this|these|our|my|a|the))\b"
    rf"[^.!?。！？]{{0,60}}?\b{_EN_GIFT}\b"
    # "I have a JD card for you": something of value kept for the addressee
    r"|\blet (?:me|us) treat (?:you|u)\b"
    rf"|\b(?:have|has|got)\b[^.!?。！？]{{0,30}}?\b{_EN_GIFT}\b"
    r"[^.!?。！？]{0,12}?\bfor (?:you|u)\b"
)
# A gift card's code handed over (the JD card code is in your DMs), wherever it was sent.
_EN_CARD_CODE = re.compile(
    r"\b(?:gift|jd|shopping|starbucks|tmall|apple|amazon)\s?cards?\s(?:code|pin|password)s?\b"
)
_EN_RECIPIENT = re.compile(
    r"\b(?:you|u|your|ur|team|doc|doctor|dr|nurses?|staff|shift)\b|医生|大夫|主任|护士"
)
_LATIN = re.compile(r"[a-z]{2}")  # English shapes only run on text with some
# Asking in English whether a gift is allowed (Is it OK to give the nurses a gift?).
_EN_ASKING = re.compile(r"\b(?:is it ok|is it okay|is it allowed|allowed to|against the rules)\b")
_EN_PAPERWORK = re.compile(
    r"\b(?:deposit|bill|fees?|insurance|reports?|photos?|pictures?|pics?|images?|documents?"
    r"|records?|files?|x-?rays?|ct|mri|results?|scans?|tests?|messages?|links?|address)\b"
)
# Money inside the family (我妈给我发了个红包, 妈，钱收到了吗): the sender or a relative is the
# recipient, not staff.
_KIN_WORDS = r"(?:妈|爸|哥|姐|弟|妹|女儿|儿子|老公|老婆|闺女|孩子|家里|亲戚|朋友|同事|舅|姑|姨|叔)"
_TO_SENDER = re.compile(
    rf"{_KIN_WORDS}[^,，。!?！？]{{0,3}}?给我(?:发|转|打|包|买|寄|充)[^,，。!?！？]{{0,10}}"
)
# A relative addressed (妈，…) or a spouse or parent before 你 / 我 (老伴你别操心, 老公我给你)
_KIN_VOCATIVE = re.compile(
    rf"(?:老|亲)?{_KIN_WORDS}{{1,2}}[,，\s]|(?:老伴|老公|老婆|爸|妈|儿子|闺女|女儿)[你我]"
)
# Asking whether gifts are allowed or expected (可以给护士们买点水果吗, 送礼物是不是不允许,
# 是不是要给主任包红包？): a question about the rules, not an offer.
_ASKING = re.compile(
    r"(?:可以|能不能|可不可以|是不是要?|要不要|该不该|需不需要|用不用|是否)(?:给|送|发|包|塞)(?!我)"
    r"|允许|违反?规定|违法|违规|合适吗|真的吗"
    # heard that it is not allowed (听说不能送，那写感谢信可以吗？)
    r"|听说[^,，。!?！？]{0,4}?(?:不能|不让|不许|不准|不可以)|(?:不能|不让|不许|不准)(?:送|收|给)"
)
# Paying back whoever helped (谁帮我带的饭？我转你15块 / 隔壁床大姐帮我买的水果，转你30): a fellow
# patient or a helper asked for, not staff, when no staff is named.
_HELPER = re.compile(
    r"(?:谁|哪位|哪个)[^,，。!?！？]{0,10}?帮(?:我|我们|忙)"
    r"|帮(?:我|我们)[^,，。!?！？]{0,10}?的是(?:谁|哪位|哪个)"
    r"|(?:隔壁|邻床|病友|同病房|\d+床)[^,，。!?！？]{0,6}?帮(?:我|我们)"
)
# A notice against illegal charges or gifts (从未授权任何人…收费，请向纪检监察室举报): a staff
# warning, not asking.
_NOTICE = re.compile(r"举报|纪检|监察|监督电话|从未授权|谨防|警惕|严禁|一律不得")
# Polite words about the feeling (心意收到了, 好意领了) after a return: no taking.
_HEART = re.compile(r"心意|好意|谢意")
_QUESTION = re.compile(r"[?？]|吗|(?<!什)么")
# A return that has not happened (不然过一天就退回来了, 24小时后就退回了).
_CONDITIONAL = re.compile(
    r"(?:不然|否则|要不|小时后|天后|过一天)[^,，。!?！？]{0,8}$|(?:的话|不收|不点)[^,，。!?！？]{0,4}$"
    # the giver urging against it (您别又退回来了, 别让它退回来, 红包勿要退回来)
    r"|(?:别|勿要|不要|莫)(?:又|再)?(?:让它?)?$"
)
# A giver saying the transfer will bounce back (她说会退回来): no return has happened yet.
_WILL = re.compile(r"会$")
# "Not next time" (茶我收下了，下次别送了) keeps this gift: it is no refusal.
_NEXT_TIME = re.compile(r"(?:下次|以后|下回)[^,，。!?！？]{0,2}$")
# Staff taking or thanking for a named thing (谢谢阿姨的水果, 酒我拿回去了, 卡收到了).
_THING = r"(?:茶叶|烟|酒|茶|钱|花|水果|红包|心意|月饼|奶茶|咖啡|礼物|礼品|蛋糕)"
_THING_WORD = re.compile(_THING)
# Staff keeping a tangible gift while returning money (茶叶我留下了，钱你拿回去): still taking.
_KEPT = re.compile(
    r"(?:茶叶|烟|酒|水果|花|月饼|礼物|礼品|东西)(?:我们?)?(?:就|先)?(?:留下|收下|留着)"
)
_TAKEN = re.compile(
    rf"(?:谢谢|感谢|多谢)[^,，。!?！？]{{0,5}}?的{_THING}"
    rf"|{_THING}(?:我们?|他|她|主任)?(?:就|也)?先?(?:拿回去|拿走|收下|收了|收到|留下|留着|收着|分了|放我这)"
    # money said to have arrived (钱到了, 红包已到账): not a question, not a hospital fee
    r"|(?<![费的保])(?:钱|红包|转账|款)(?:已经?|也)?(?:到了|到账了?)(?![^,，。!?！？]{0,3}?(?:[吗么没?？]|没有))"
    # English thanks for named gifts (thanks for the flowers and the chocolates)
    r"|\bthanks?(?: you)?(?: so much| a lot)? for (?:the|your|all the|these|those|that)\b"
    r"[^.!?。！？]{0,30}?\b(?:flowers|chocolates?|wine|tea|fruits?|cakes?|gifts?|vouchers?"
    r"|(?:gift|shopping|jd|starbucks) cards?"
    r"|red (?:packet|envelope)|envelope|hongbao|cash|money|whisky|maotai|moutai|baijiu|liquor"
    r"|cigarettes|coffee|(?:bubble|milk) tea|snacks|treats|hampers?|baskets?|presents?)\b"
    # 东西 may be papers or belongings: taken for good, or relayed (东西他收到了)
    r"|东西(?:我们?|就)?(?:收下|收了)|东西(?:他|她|主任)也?收到"
    # 东西我收到了，太客气了: receipt with thanks for the cost
    r"|东西[^,，。!?！？]{0,3}?收到了?[^。!?！？]{0,6}?(?:太?客气|破费|下次别)"
    # relayed (您给主任的东西我已经放他办公室了，主任说谢谢您)
    r"|(?:您|你)给(?:主任|医生|大夫|护士长?|老师|他|她)的(?:东西|礼物|礼品|红包|心意|卡)"
    r"[^。!?！？]{0,12}?(?:放|交|收|谢谢)"
    r"|(?:下次|以后)(?:别|不要|不用)再?(?:买|送|破费)|破费了"  # kept, but "not again"
)
# Staff telling a patient to pay them or where to leave the gift (你把钱转给我就行, 东西就放我
# 办公室门口吧): a hint, and solicitation next to money or a gift word.
_ASK_PAY = re.compile(
    r"(?:钱|红包)[^,，。!?！？]{0,3}?(?:转|打|发)给?我(?!们?医院|们?科室账)"
    r"|(?:东西|钱|红包|卡)[^,，。!?！？]{0,3}?放(?:在|到)?我的?(?:办公室|桌|抽屉|车|家)"
)
# Staff telling a patient to bring or prepare a gift (带上心意, 准备好红包).
_BID = re.compile(r"(?:带上|带着|带点|带个|准备好?|备好|备上|拿上|揣上)[^,，。!?！？]{0,2}$")
# Staff haggling (这个数不太够, 这点钱太少了): a hint, solicitation with a second one.
_SHORTFALL = re.compile(
    r"(?:这个?数|这点钱?|这么点钱?|这些钱)[^,，。!?！？]{0,3}?(?:不太?够|太少|少了点?|不够意思)"
)
# Staff naming a sum for the family to get ready (你们准备个两千吧), not a deposit or a fee.
_STAFF_SUM = re.compile(
    rf"(?:准备|备|凑|拿)(?:个|上|好)?\s?{_NUMBER}(?!\s?[a-z%])"
    r"(?![^,，。!?！？]{0,3}?(?:押金|预交|住院费|医保|单位|毫升|的血))"
)
# Staff asking to be bought treats (您再给我们点几杯呗) when a treat is named.
_ASK_TREAT = re.compile(r"给我们?(?:点|买|带|送|订|请)(?:几|两|一|些|点)")
# Staff asking for goods by the count (下次来复查带两罐, 给我带一瓶呗) or for more of a gift
# (你送的那个茶挺好喝，还有没有？); not medicine, samples or belongings.
_ASK_GOODS = re.compile(
    r"(?:给我们?|下次|回头|来的时候)[^,，。!?！？]{0,6}?(?:带|买|捎|送|拿)上?(?:两|几|一|些|点)\s?"
    r"(?:罐|瓶|盒|箱|袋|条|斤|份|提)(?![^,，。!?！？]{0,4}?(?:药|尿|便|血|样|标本|衣|鞋|被|毛巾|水杯|饭))"
    r"|(?:你|您)们?(?:上次)?送的(?![^。!?！？]{0,6}?(?:单|报告|片|标本|样|资料|检查|化验|药))"
    r"[^。!?！？]{0,12}?(?:还有没有|还有吗|再(?:带|送|来)点)"
)
# Staff pointing at what other families gave (别的病房家属都有表示).
_PEER = re.compile(
    r"(?:别的|其他|人家|别人|隔壁|别家|同病房)[^,，。!?！？]{0,6}?都(?:有|会)?"
    r"(?:表示|意思|送礼|包红包|红包|懂事|懂规矩)"
)
# Staff saying they need something of value, and asking if the family can help (缺几瓶好酒 …
# 你们那边要是方便).
_WANT = re.compile(
    rf"(?:缺|差|想要|正需要|需要)[^,，。!?！？]{{0,2}}?{_QUANTITY}[^,，。!?！？]{{0,3}}?"
    r"(?:烟|酒|茶叶|购物卡|油卡|卡)"
)
_CONVENIENT = re.compile(r"(?:你们|您)[^。!?！？]{0,6}?(?:方便|帮个忙|能帮)")
# English hints from staff (you know how it works, a little appreciation would help).
_EN_SOLICIT = re.compile(
    r"\b(?:you know how it works|(?:a )?little appreciation|token of (?:appreciation|thanks)"
    r"|show (?:some|your|a little) appreciation|appreciation (?:would|will|might) help"
    r"|send it (?:on|via|by|through) (?:wechat|alipay))\b"
)
# Kickbacks from suppliers (回扣, 九项准则): a rebate word next to a supplier, or a sum per use.
_KICKBACK = re.compile(r"回扣|返点|返利|提成|点数|好处费|开单费|临床费|统方")
_SUPPLIER = re.compile(r"医药代表|药代|代表|厂家|厂商|公司|耗材|器械|供应商|经销商")
_PER_USE = re.compile(
    r"每(?:用|开|卖|上|做|进)(?:一|1)?(?:个|盒|支|台|例|根|套|瓶|针)[^,，。!?！？]{0,6}?(?:提|返|给)"
    r"|每(?:个|盒|支|台|例|根|套|瓶|针)给我(?:提|返)"  # 药代那边每盒给我提二十
)
_KICKBACK_BANNED = re.compile(r"取消|禁止|不得|严禁|不能|不准|拒绝|举报|杜绝|不收")
# Hints that only move the talk somewhere private (私聊, 私下找我): no value by themselves.
_CHANNEL_HINTS = frozenset({"私下找我", "私下联系", "私聊我", "私聊", "别在群里说", "找我就行"})
# Agreeing to meet right after an invitation (行 周六见 我带我爱人一起): accepting it.
_AGREE = re.compile(  # a day first (周日可以，那就麻烦你们安排了)
    r"[\W_]*(?:(?:周|星期|礼拜)[一二三四五六日天末]|明天|后天|今晚|晚上)?"
    r"(?:行|好的?|好啊|可以|没问题|ok|一言为定|(?:那就)?恭敬不如从命了?)[\W_]*(?:那就|那)?"
    r"[^。!?！？]{0,6}?"
    r"(?:见|不见不散|准时到|一起|(?:你们|您)安排)"
)
_ACCEPT_WINDOW = 8  # characters between an acknowledgement and the gift it acknowledges
# A bare acknowledgement (收到，谢谢 / 收到啦，谢谢，您太客气了 / 好的谢谢): acceptance only right
# after a gift offer; any run of acknowledgement phrases, each one alone or repeated.
_ACK_PART = (
    r"(?:好的?|嗯+|ok|哦|行吧|行|那|哎呀|阿姨|叔叔|大姐|大哥|姐|哥|老师|大爷|奶奶|爷爷)"
    r"|(?:替我们?|帮我)?(?:谢谢|感谢|多谢)(?:您|你|啦|了|大家)?们?(?:阿姨|叔叔|大姐|大哥|姐|哥|老师"
    r"|大爷|奶奶|爷爷)?"
    r"|(?:那)?(?:我们?)?(?:就)?(?:收到|收下|已收款?|已领取|领了|收了|(?:真是)?(?:太|您太|你太|你们太"
    r"|你们真是太|不)?客气了?|下不为例|我就不客气了)(?:了|啦)?"
    r"|(?:让)?(?:您|你)?(?:们)?破费了|(?:下次|以后)(?:别|不要|不用)(?:这样|这么客气|再买|买了)了?"
    r"|(?:你们?|您)?真是(?:的|太客气了)"
    r"|(?:我们|大家)?(?:就)?(?:一起)?(?:分着|分了|一起)(?:吃|喝|尝|用)(?:了|啦)?|(?:那就)?恭敬不如从命了?"
    r"|ok(?:ay)?|received|got it|noted|thanks?(?: you| u)?(?: so much| a lot| very much)?"
)
# Receipt and thanks in an acknowledgement that opens a longer reply (已收，谢谢。手术安排在周四);
# thanks alone (谢谢您的鼓励！你有微信吗) or receipt alone (收到，我下午看一下片子) is no taking.
_RECEIPT = re.compile(r"(?=.*(?:收|领|不客气|received|got it))(?=.*(?:谢|客气|thank))", re.S)
_ACK = re.compile(rf"[\W_]*(?:(?:{_ACK_PART})[啊呀哈哦嘛]*[\W_]*)+")

LEXICONS = (
    "gift-transfer", "gift-packet", "gift-euphemism", "gift-weak", "gift-urge", "gift-card",
    "gift-goods", "gift-meal", "gift-festival", "gift-recipient", "gift-peer", "gift-solicit",
    "gift-favour", "gift-solicit-weak", "gift-accept", "gift-refusal", "gift-returned",
    "gift-fees", "gift-false-friends", "gift-trigger", "gift-thanks", "gift-evidence",
)
_OFFER_TRIGGERS = (
    "gift-transfer", "gift-packet", "gift-euphemism", "gift-weak", "gift-card", "gift-goods",
    "gift-meal", "gift-trigger", "gift-urge",
)
Live = Callable[..., list[Hit]]  # lexicon names → hits not inside a false friend
TRIGGERS = (
    "gift-transfer", "gift-packet", "gift-euphemism", "gift-weak", "gift-card", "gift-goods",
    "gift-meal", "gift-trigger",
    "gift-solicit", "gift-solicit-weak", "gift-accept", "gift-urge", "gift-thanks",
    "gift-evidence",
)
_STAFF_TRIGGERS = TRIGGERS[:-1]  # all but gift-evidence: what wakes the staff patterns


def _clusters(hits: list[Hit]) -> int:
    """How many separate places the hits cover (收下 inside 您就收下吧 is one place)."""
    count, end = 0, -1
    for h in sorted(hits, key=lambda h: (h.start, h.end)):
        if h.start >= end:
            count += 1
        end = max(end, h.end)
    return count


def _advert(text: str) -> bool:
    """Two different selling or appeal marks and no staff named (仅限今天 … 新人红包)."""
    return len({m.group() for m in _ADVERT.finditer(text)}) >= 2 and not _STAFF_NAMED.search(text)


def _not_to_staff(text: str) -> bool:
    """A message to a relative (妈，钱收到了吗), a question about the rules on gifts, or paying
    back a helper who is not staff (谁帮我带的饭？我转你15块)."""
    return bool(_KIN_VOCATIVE.match(text) or (_QUESTION.search(text) and (
        _ASKING.search(text) or _EN_ASKING.search(text)))
        or (_HELPER.search(text) and not _STAFF_NAMED.search(text)))


class GiftDetector:
    """Red packets, transfers, cards, goods and euphemisms offered to, or asked by, staff."""

    name = "gift"
    lexicons = LEXICONS
    triggers = TRIGGERS

    def detect(self, subject: Subject) -> list[Signal]:
        """Gift signals for one message; none when it refuses or returns a gift."""
        text = subject.norm.text
        staff = subject.role.is_staff  # 收到 / 索要 words only matter from staff
        if not subject.has(*(_STAFF_TRIGGERS if staff else _OFFER_TRIGGERS)):
            # value words alone (gift-evidence): only the evidence fallback can find something
            return self._evidence_only(subject) if len(text) <= MAX_CHARS else []
        if self._refused(subject) or (not staff and _not_to_staff(text)) or (
                staff and _NOTICE.search(text)):
            return []
        blocked = self._false_friends(subject, text)

        def live(*names: str) -> list[Hit]:
            return [h for h in outside(subject.found(*names), blocked)
                    if not _NEGATED.search(text, max(0, h.start - 10), h.start)
                    and not _WITHHELD.match(text, h.end)
                    and not (h.lexicon == "gift-urge" and _ON_MEDICINE.match(text, h.end))]

        amounts = [] if subject.has("gift-false-friends", "gift-fees") else self._regex(
            _AMOUNT, text, blocked) + self._regex(_VERBAL_AMOUNT, text, blocked)
        if subject.role.is_staff:
            return self._staff(subject, live, amounts)
        offers = self._offer(subject, live, amounts, blocked)
        if all(s.score < OFFER_SCORE for s in offers):  # nothing a rule would take
            offers += self._by_evidence(subject, text, blocked)
        return [] if offers and _advert(text) else offers  # 仅限今天 … 新人红包: an advert

    def _evidence_only(self, subject: Subject) -> list[Signal]:
        """A message whose only gift words are value words: the evidence fallback alone."""
        text = subject.norm.text
        if subject.role.is_staff:
            return [] if self._refused(subject) or _NOTICE.search(text) else (
                self._staff_by_evidence(subject, text))
        if self._refused(subject) or _not_to_staff(text):
            return []
        return self._by_evidence(subject, text, self._false_friends(subject, text))

    def _by_evidence(self, subject: Subject, text: str, blocked: list[Hit]) -> list[Signal]:
        """The fallback for offers no pattern matched: independent cues weighed together."""
        found = offer(text, blocked, bool(subject.prompt and _ASKED_BEFORE.search(subject.prompt)))
        if found is None or _advert(text):
            return []
        return self._signals(subject, found.entity, found.hits, OFFER_SCORE)

    @staticmethod
    def _refused(subject: Subject) -> bool:
        """A return (any sender) or a staff refusal, not overlapped by urging (别退了)."""
        text = subject.norm.text
        urges = subject.found("gift-urge")
        refusing = subject.role.is_staff or subject.role is Role.UNKNOWN  # staff not on a roster
        names = ("gift-returned", "gift-refusal") if refusing else ("gift-returned",)
        refusals = [r for r in outside(subject.found(*names), urges)  # 不然就退回了: not yet
                    if not _CONDITIONAL.search(text, max(0, r.start - 8), r.start)
                    and (refusing or not _WILL.search(text, max(0, r.start - 1), r.start))
                    and not (r.lexicon == "gift-refusal" and subject.found("gift-accept")
                             and _NEXT_TIME.search(text, max(0, r.start - 4), r.start))]
        if not refusals:
            return False
        # 红包不收，但是可以请我们科室吃顿饭 / 心意领了，东西我收下了 / 您退回来了，我又转了，
        # 这次一定要收: asking, taking or pressing again after the refusal is no refusal
        again = subject.found("gift-solicit") + [
            h for h in subject.found("gift-accept") if "收下" in h.term or "收着" in h.term]
        if subject.role.is_staff:  # 心意领了 钱我就留着了
            again += [Hit("taken", m.start(), m.end(), "") for m in _TAKEN.finditer(text)]
            if _KEPT.search(text):  # 茶叶我留下了，钱你拿回去: the tea is taken
                return False
            # 已退还，谢谢理解，心意收到了: thanks for the feeling after a return take nothing
            again = [h for h in again if not _HEART.search(text, max(0, h.start - 4), h.end)]
        else:
            again += urges + subject.found("gift-transfer")
        return not any(h.start >= refusals[-1].end for h in again)

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
        if "红" in text:
            blocked += [Hit("skin", m.start(), m.end(), "") for m in _SKIN_BUMP.finditer(text)]
            if _SKIN.search(text):  # 几个小红包，是不是过敏: no verb hands it over
                blocked += [Hit("skin", m.start(), m.end(), "")
                            for m in _PACKET_WORD.finditer(text)
                            if not _HANDED_PACKET.search(text, max(0, m.start() - 3), m.start())]
        if not subject.role.is_staff:  # staff 转给我 is asking for it
            blocked += [Hit("self", m.start(), m.end(), "") for m in _FAMILY_MONEY.finditer(text)]
        if "给我" in text and not subject.role.is_staff:  # 我妈给我发了个红包
            blocked += [Hit("self", m.start(), m.end(), "") for m in _TO_SENDER.finditer(text)]
        if "转" in text:
            blocked += [Hit("papers", m.start(), m.end(), "") for m in _FORWARDED.finditer(text)]
        if any(f.term in ("锦旗", "感谢信", "表扬信") for f in blocked):  # 送锦旗表示心意
            blocked += [Hit("token", m.start(), m.end(), "") for m in _TOKEN.finditer(text)]
        return blocked

    @staticmethod
    def _regex(pattern: re.Pattern[str], text: str, blocked: list[Hit]) -> list[Hit]:
        """Matches of a shape (an amount, a treat) not inside a false friend."""
        found = [Hit("shape", m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
        return outside(found, blocked) if found and blocked else found

    def _offer(self, subject: Subject, live: Live, amounts: list[Hit], blocked: list[Hit]
               ) -> list[Signal]:
        """Patient / family (or unknown) offering something to staff."""
        text = subject.norm.text
        recipient = subject.has("gift-recipient")
        packets = live("gift-packet")  # bare 红包: strong only when staff are the recipient
        strong = live("gift-transfer") + (packets if recipient else [])
        euph = live("gift-euphemism") + self._regex(_PROMISE, text, blocked)
        paid, shaped = self._shaped(text, blocked)
        urges = live("gift-urge")
        if recipient:  # 钱我放在信封里了 said to a doctor
            paid += self._regex(_STASHED, text, blocked) + self._regex(_COLLEAGUE, text, [])
            if not subject.has("gift-fees"):  # 学费我这边全包了, not 住院费
                paid += self._regex(_COVERED, text, [])  # 费用 is the point here
            if urges:  # 钱已经打过去了 您别推辞
                paid += self._regex(_MONEY_SENT, text, blocked)
        if _BARE_SENT.fullmatch(text) and subject.prompt and _ASKED_BEFORE.search(subject.prompt):
            paid.append(Hit("sent", 0, len(text), text))  # 已转, after 规矩你知道的
        strong += outside(paid, strong)  # the lexicon's narrower span wins
        if (subject.has("gift-fees") or _TO_HOSPITAL.search(text)) and not (
                euph or live("gift-urge")):
            strong = []  # 押金转账 / 缴费 / 医院系统没到账: paying the hospital, not a gift
            hospital = True  # 住院费我已经转过去了: a weak 转过去了 is paying it too
        else:
            hospital = False
        weak = [w for w in live("gift-weak") + ([] if recipient else packets)
                if not (hospital and _MOVED.search(w.term))]
        weak += [a for a in amounts if _VERBAL_AMOUNT.fullmatch(a.term)]
        given = list(_GIVE.finditer(text))
        if not (_OWN_THINGS.search(text) or _DOCUMENT.search(text)):
            given += _LEFT.finditer(text)
        support = self._support(subject, live, amounts, blocked) + bool(given)
        handed = [a for a in amounts for g in given  # 1000块钱放您桌上了: in one clause
                  if not _CLAUSE_BREAK.search(text, min(a.end, g.end()), max(a.start, g.start()))]
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
        elif shaped or (recipient and urges and self._sums(text, amounts, weak, blocked)):
            score, money_hits = 0.7, shaped + urges + amounts  # 凑了三千块钱，您别嫌少
        elif weak and (amounts or support >= 2 or (support and recipient)):
            score = 0.6 + 0.1 * support
            money_hits = weak + amounts
        else:
            score = 0.0
        if score:
            out += self._signals(subject, "GIFT_MONEY", money_hits, score * scale)
        for entity, hits, base in self._things(subject, live, blocked):
            if hits:  # a weak cue inside the goods word itself (喝茶 in 喝茶叶水) is no second cue
                other = outside(euph + weak + strong, hits)
                cue = support + bool(other) + recipient
                out += self._signals(subject, entity, hits, (base + 0.2 * cue) * scale)
        return out

    def _sums(self, text: str, amounts: list[Hit], weak: list[Hit], blocked: list[Hit]
              ) -> list[Hit]:
        """Sums of money that are not a weak cue already: amounts, or round bare numbers."""
        sums = [a for a in amounts if a not in weak] + self._regex(_ROUND_SUM, text, blocked)
        return [a for a in sums if not _PRICE.match(text, a.end)]  # 200块买的 is a price

    def _support(self, subject: Subject, live: Live, amounts: list[Hit], blocked: list[Hit]
                 ) -> int:
        """Second cues for a weak gift word: an amount, urging, a festival, a done transfer."""
        support = bool(amounts) + bool(live("gift-urge")) + bool(live("gift-festival"))
        if not _DOCUMENT.search(subject.norm.text):  # 检查报告已经转给您了 is paperwork
            support += bool(self._regex(_SENT, subject.norm.text, blocked))
        return support

    def _things(self, subject: Subject, live: Live, blocked: list[Hit]
                ) -> tuple[tuple[str, list[Hit], float], ...]:
        """Cards, goods and meals offered, each with its entity and base score."""
        text = subject.norm.text
        cards = live("gift-card") + self._regex(_CARD_SHAPE, text, blocked)
        goods = live("gift-goods")
        # given to staff by shape (给您带了两盒…, 给您孩子买了…): the giving is a cue itself
        given = self._regex(_GOODS_GIVEN, text, blocked) + self._regex(_LEFT, text, blocked)
        if live("gift-urge"):  # 带了两罐蜂蜜和几盒保健品，您别嫌弃
            given += self._regex(_BOUGHT, text, blocked)
        if _OWN_THINGS.search(text):  # 我爸的东西放您办公室了吗: kept for the patient
            given = []
        elif _DOCUMENT.search(text):  # 东西 or a thing left in a drawer next to papers
            given = [g for g in given if "东西" not in g.term and not _LEFT.fullmatch(g.term)]
        meals = live("gift-meal") + self._regex(_TREAT, text, blocked)
        if _INVITED.search(text) or _LEISURE.search(text):  # 您国庆带家人来住，免费的
            meals += self._regex(_HOSTED, text, [])  # 费用我们出 is no hospital fee here
        if _DIET.search(text):
            goods = given = meals = []
        goods, given = ([h for h in hits if not _FOR_KIN.match(text, h.end)]  # 给我爸喝的
                        for hits in (goods, given))
        meals = [m for m in meals if not _PLACE_AFTER.match(text, m.end)]  # 吃饭的那家食堂
        given += self._regex(_KIN_GIFT, text, [])  # 您太太爱喝茶吗，给她带了一罐: not diet
        given += self._regex(_SERVICE, text, blocked)  # 给您车加满油了
        if _WISH.search(text) and not _DOCUMENT.search(text):  # 你上回说想要个空气炸锅…拿给你
            given += self._regex(_GIVE, text, blocked)
        return (("GIFT_CARD", cards, 0.5), ("GIFT_GOODS", goods, 0.2), ("GIFT_GOODS", given, 0.4),
                ("GIFT_GOODS", meals, 0.4))

    def _shaped(self, text: str, blocked: list[Hit]) -> tuple[list[Hit], list[Hit]]:
        """Structural money offers: transfers paid or asked for, and English offers."""
        paid = self._regex(_PAY_TO_STAFF, text, blocked) + self._regex(_ACCOUNT, text, blocked)
        if not _DOCUMENT.search(text):  # 报告我转给您 is paperwork
            paid += self._regex(_PAY_PLAIN, text, blocked)
        english: list[Hit] = []
        if _LATIN.search(text) and _EN_RECIPIENT.search(text):
            english = self._regex(_EN_CARD_CODE, text, blocked)
            if not _EN_PAPERWORK.search(text):
                english += self._regex(_EN_OFFER, text, blocked)
        return paid, english

    def _staff(self, subject: Subject, live: Live, amounts: list[Hit]) -> list[Signal]:
        """Staff soliciting (索要) or accepting a gift."""
        gifts = live("gift-transfer") + live("gift-packet") + live("gift-euphemism")
        gifts += live("gift-card")
        gifts += live("gift-goods") + live("gift-meal") + live("gift-weak")
        text = subject.norm.text
        solicit, favour, accept = live("gift-solicit"), live("gift-favour"), live("gift-accept")
        hints = live("gift-solicit-weak") + self._regex(_SHORTFALL, text, [])  # 这个数不太够
        if _LATIN.search(text):
            hints += self._regex(_EN_SOLICIT, text, [])
        valued = [h for h in hints if h.term not in _CHANNEL_HINTS]  # 私聊 alone is no price
        asked = [] if _DOCUMENT.search(text) else self._regex(_ASK_PAY, text, [])  # 东西: papers?
        asked += [g for g in gifts if g.lexicon not in ("gift-card", "gift-goods", "gift-meal")
                  and _BID.search(text, max(0, g.start - 6), g.start)]  # 带上心意
        asked += self._asked(subject, gifts)
        taken = self._regex(_TAKEN, text, [])  # 谢谢阿姨的水果, 酒我拿回去了, 钱到了
        out: list[Signal] = []
        if solicit:
            out += self._signals(subject, "GIFT_SOLICIT", solicit + amounts, 0.9)
        elif (favour or hints) and (amounts or gifts):
            out += self._signals(subject, "GIFT_SOLICIT", favour + hints + amounts + gifts, 0.85)
        elif asked:  # 你把钱转给我就行, 东西就放我办公室门口吧
            out += self._signals(subject, "GIFT_SOLICIT", asked + favour + hints, 0.75)
        elif (favour and valued) or _clusters(hints) >= 2:  # 单间的话你懂的，私下找我
            out += self._signals(subject, "GIFT_SOLICIT", favour + hints, 0.75)
        elif (favour or hints) and subject.flags.gift_offered:
            # 你看着办吧 / 别在群里说，私聊 / 转我这边就行 right after a patient's offer
            out += self._signals(subject, "GIFT_SOLICIT", favour + hints, 0.75)
        elif (live("gift-transfer") or live("gift-packet")) and amounts:
            out += self._signals(subject, "GIFT_SOLICIT", gifts + amounts, 0.7)
        near = [a for a in accept  # 感谢您的信任 … 送心意 is thanks, not receipt
                if any(max(a.start, g.start) - min(a.end, g.end) <= _ACCEPT_WINDOW for g in gifts)]
        if (near or taken) and not out:
            out += self._signals(subject, "GIFT_ACCEPT", near + taken + gifts, 0.85)
        elif subject.flags.gift_offered and (reply := self._acknowledged(text)):
            thanks = accept or live("gift-thanks") or [reply]
            out += self._signals(subject, "GIFT_ACCEPT", thanks, 0.75)  # after a transfer
        return out or self._staff_by_evidence(subject, text)

    def _staff_by_evidence(self, subject: Subject, text: str) -> list[Signal]:
        """The fallback for staff: asking to be paid or a rebate, or taking an offer."""
        if asked := solicit(text, []) + self._regex(_ASK_GOODS, text, []):  # 下次来带两罐
            return self._signals(subject, "GIFT_SOLICIT", asked, OFFER_SCORE)
        if subject.flags.gift_offered and (took := taken(text) + self._regex(_AGREE, text, [])):
            return self._signals(subject, "GIFT_ACCEPT", took, OFFER_SCORE)  # 周日可以，…安排
        return []

    def _asked(self, subject: Subject, gifts: list[Hit]) -> list[Hit]:
        """Staff asking by structure: a sum to get ready, treats, what others gave, a need
        of something of value, or a supplier's rebate."""
        text = subject.norm.text
        asked = [] if subject.has("gift-fees") else self._regex(_STAFF_SUM, text, [])
        if gifts or _THING_WORD.search(text):  # 奶茶 … 您再给我们点几杯呗
            asked += self._regex(_ASK_TREAT, text, [])
        asked += self._regex(_PEER, text, []) + self._regex(_ASK_GOODS, text, [])
        if _CONVENIENT.search(text):  # 缺几瓶好酒 … 你们那边要是方便
            asked += self._regex(_WANT, text, [])
        if not _KICKBACK_BANNED.search(text) and (
                (_KICKBACK.search(text) and _SUPPLIER.search(text)) or _PER_USE.search(text)):
            asked += self._regex(_KICKBACK, text, []) + self._regex(_PER_USE, text, [])
        return asked

    @staticmethod
    def _acknowledged(text: str) -> Hit | None:
        """A reply that takes an offer: acknowledgements alone, receipt or thanks opening a
        longer reply (已收，谢谢。手术安排在周四), or agreeing to meet (行 周六见)."""
        if _ACK.fullmatch(text):
            return Hit("ack", 0, len(text), text)
        ack = _ACK.match(text)  # a whole phrase (已收，), not a verb (收下这个处方)
        if (ack and _RECEIPT.match(ack.group()) and not ack.group()[-1].isalnum()
                and not _DOCUMENT.search(text, ack.end())):
            return Hit("ack", 0, ack.end(), ack.group())
        agreed = _AGREE.match(text)
        return Hit("agree", 0, agreed.end(), agreed.group()) if agreed else None

    @staticmethod
    def _signals(subject: Subject, entity: str, hits: list[Hit], score: float) -> list[Signal]:
        """One signal per distinct hit span."""
        spans = sorted({(h.start, h.end) for h in hits})
        return [Signal(entity, subject.span(s, e), clamp(score)) for s, e in spans]
