"""Message templates for the generated part of the benchmark corpus, Chinese and English.

Each entry is (template, role). `{v}` marks where an identifier goes. Proportions live in
bench.corpus; these are only the phrasings, written the way patients, families and staff
actually write in ward groups (short, informal, mixed punctuation, the odd emoji).
"""

from __future__ import annotations

# Personal data by entity; the role is who typically posts it.
PII: dict[str, tuple[tuple[str, str], ...]] = {
    "CN_ID_CARD": (
        ("医生您好，我爸的身份证号是{v}，麻烦帮忙加个号", "family"),
        ("身份证{v}，明天上午的检查能约上吗？", "patient"),
        ("患者身份证号码：{v} 请核对", "nurse"),
        ("ID card {v}, can you book the CT for him?", "family"),
    ),
    "PHONE_NUMBER": (
        ("有事打我电话{v}，白天都在", "patient"),
        ("手机号{v}，出结果了麻烦通知一下", "family"),
        ("家属联系电话：{v}（女儿）", "nurse"),
        ("My mobile is {v}, please call after 5pm", "family"),
        ("这是我妈的号码 {v} 谢谢医生", "family"),
    ),
    "CN_LANDLINE": (
        ("科室座机{v}，有问题工作时间打", "nurse"),
        ("家里电话{v}，白天一般有人", "family"),
    ),
    "CN_BANK_CARD": (
        ("退费打到这张卡上吧，卡号{v}，工行的", "family"),
        ("银行卡号：{v} 户名是我本人", "patient"),
        ("Refund to my card {v} please", "patient"),
    ),
    "CN_MEDICAL_RECORD_NO": (
        ("住院号{v}，帮忙查一下今天的化验结果", "family"),
        ("病案号：{v}，复印病历需要带什么？", "patient"),
        ("门诊号{v}，报告出来了吗", "patient"),
    ),
    "EMAIL_ADDRESS": (
        ("报告发我邮箱{v}谢谢", "patient"),
        ("Please send the discharge summary to {v}", "family"),
    ),
    "CN_PASSPORT": (
        ("护照号{v}，外籍家属探视要登记吗", "family"),
    ),
    "CN_QQ": (
        ("加我QQ{v}，把片子发给你们", "patient"),
    ),
}

GIFT: tuple[tuple[str, str], ...] = (
    ("医生辛苦了，给您发个红包🧧", "family"),
    ("王主任，过节了，给您转了500块，一点心意，别嫌少", "family"),
    ("李医生，手术的事拜托了，红包我放您办公室抽屉里了", "family"),
    ("hb已发，请您收下，谢谢照顾我妈", "family"),
    ("给护士站买了点水果和购物卡，大家辛苦了", "family"),
    ("张大夫，微信转账您收一下吧，不收我们心里不踏实", "patient"),
    ("中秋快乐！给您寄了两盒月饼，还有个小红包", "patient"),
    ("Doctor Chen, I sent you a red packet, thank you for everything", "family"),
    ("我加您微信给您转点钱，主刀的事费心了", "family"),
    ("医生，想请您吃个饭，表示一下感谢", "patient"),
    ("🧧🧧 一点小意思，收下吧", "family"),
    ("给您充了张1000元的加油卡，别推辞", "family"),
)

# Gift words used innocently (reference/domain.md §B2): a skin bump, liver enzymes, transfers.
GIFT_FALSE_FRIENDS: tuple[tuple[str, str], ...] = (
    ("胳膊上起了个红包，很痒，要紧吗", "patient"),
    ("转氨酶偏高，需要停药吗", "patient"),
    ("医生说要转院，手续怎么办", "family"),
    ("挂号费和检查费在哪交？", "patient"),
    ("住院押金转账可以吗，还是只能刷卡", "family"),
    ("蚊子咬了一个大红包", "patient"),
    ("Hb 95 g/L，比上次高一点", "patient"),
    ("明天转科到心内，需要带什么", "family"),
)

ADVICE: tuple[tuple[str, str], ...] = (
    ("你这个是高血压，先吃氨氯地平5mg，每天一次", "doctor"),
    ("阿司匹林100mg每天一片，饭后吃", "doctor"),
    ("把美托洛尔减到半片，一天两次，观察心率", "doctor"),
    ("应该是胃炎，奥美拉唑20mg早饭前吃，吃两周", "doctor"),
    ("可以先吃点布洛芬，一次一粒，一天不超过三次", "assistant"),
    ("你这种情况吃头孢就行，一天两次一次两粒", "assistant"),
    ("Take 5 mg of amlodipine once a day, it's just hypertension", "doctor"),
    ("停掉二甲双胍，改成每天一针胰岛素10个单位", "doctor"),
)

AD: tuple[tuple[str, str], ...] = (
    ("代购印度仿制药，价格便宜，加微信详聊", "unknown"),
    ("水滴筹，求大家帮忙转发，救救我爸爸", "family"),
    ("扫码进群，领取免费体检名额👇 http://t.cn/A6xYz", "unknown"),
    ("祖传秘方，专治高血压，三天见效，私聊", "unknown"),
    ("Cheap supplements, DM me for the shop link", "unknown"),
    ("新开的康复器械店，群友八折 https://shop.example.com/r/88", "unknown"),
)

CHAT: tuple[tuple[str, str], ...] = (
    ("好的，谢谢医生", "patient"),
    ("收到", "family"),
    ("明天几点复查？需要空腹吗", "patient"),
    ("今天血压130/85，比昨天好一点", "patient"),
    ("各位家属，周六上午门诊照常，请提前预约", "nurse"),
    ("术后第三天，伤口不疼了，可以下地走走吗", "patient"),
    ("谢谢李护士，昨晚照顾得很好👍", "family"),
    ("请问心电图报告在哪里取", "patient"),
    ("复查时带上之前的片子和出院小结", "nurse"),
    ("吃完饭半小时再量血压比较准吗", "patient"),
    ("Thanks doctor, see you on Monday", "patient"),
    ("Is the clinic open on the public holiday?", "family"),
    ("The ward is quiet tonight, all good", "nurse"),
    ("医生，我妈今天精神好多了，能吃半碗粥了", "family"),
    ("下周二的随访改到周四可以吗", "patient"),
    ("好的，我们明天八点到", "family"),
)
