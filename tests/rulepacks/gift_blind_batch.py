"""Held-out gift batch, written from domain.md §B1–B2 only, before reading the lexicons or the
gift detector (first run recorded in the commit message and in `quality_eval.py`).

Rows are `(expect, role, text, *context)`, where context items are `(role, text)` of earlier
messages of the same chat; `quality_eval.py` turns them into cases. `expect` None means no
finding; "gift" means a gift or transfer offer, a staff hint, or staff accepting one.
"""

from __future__ import annotations

from typing import Any

P, F, D, N, A = "patient", "family", "doctor", "nurse", "assistant"

Row = tuple[Any, ...]  # (expect, role, text, *context)

POSITIVE: list[Row] = [
    # indirect and polite offers
    ("gift", P, "王医生，哪天有空？想请您喝杯茶，表达一下谢意"),
    ("gift", F, "给孩子们带了点东西，放护士站了，麻烦护士长分一下"),
    ("gift", P, "医生，您把卡号发我一下，我表示表示"),
    ("gift", F, "出院那天我在您办公室留了点东西，您看到了吗"),
    ("gift", P, "小小心意，别嫌弃，都是自己家做的腊肉"),
    ("gift", F, "家里种的苹果，给您寄了一箱，快递单号发您"),
    ("gift", P, "过年了给您拜个年，发个包，祝您新年大吉"),
    ("gift", F, "我让儿子在微信上给您转点，您记得收"),
    ("gift", P, "您就收下吧，不然我心里过意不去"),
    ("gift", F, "手术要是顺利，我们一定重谢"),
    ("gift", P, "等做完手术，一定好好谢谢您"),
    ("gift", F, "主任，帮忙安排一下床位，我们懂规矩"),
    ("gift", F, "麻烦您给安排个靠窗的床，该怎么做我们都明白"),
    ("gift", P, "医生，下周复查我给您带两瓶好酒"),
    ("gift", F, "护士长，给科室订了一箱车厘子，顺丰明天到"),
    ("gift", P, "主任，您家地址给我一下，过年给您寄点家乡的腊肠"),
    ("gift", F, "医生，给您买了两盒冬虫夏草，下次门诊带过去"),
    ("gift", P, "我闺女多亏了您，给您发了个666的包，图个顺"),
    ("gift", F, "主任，知道您不收钱，我们就给您爱人买了条围巾"),
    ("gift", P, "医生，买了几张电影票给您和家人，周末去看看"),
    ("gift", F, "张医生，请您周末去我们农家乐玩两天，吃住全包"),
    ("gift", P, "大夫，给您办了张健身卡，一年的"),
    ("gift", F, "医生，我们几个家属凑了点钱，给您买了个新手机"),
    ("gift", P, "医生，红票子给您夹在病历本里了"),
    ("gift", F, "群里发不合适，我私下给您转了个"),
    ("gift", P, "医生，小孩满月，给您送盒喜糖和一个小红封"),
    ("gift", F, "利是给您准备好了，明天带给您"),
    ("gift", P, "医生，给您网上买了个空气净化器，寄到医院了"),
    ("gift", P, "主任，您儿子不是要高考了吗，我托人买了台学习机给他"),
    ("gift", P, "Doctor, I left an envelope for you at the nurses' station."),
    ("gift", P, "Can I buy you dinner after the surgery? It's the least we can do"),
    ("gift", F, "Please send me your Alipay, I want to give you something for your trouble"),
    ("gift", F, "We'd like to give you a little token of our appreciation, please don't refuse"),
    # staff soliciting or accepting
    ("gift", D, "你看着办吧", (P, "医生，手术能不能早点排？我们不会让您白忙")),
    ("gift", D, "下次别这么客气了，东西我收下了"),
    ("gift", D, "手术费之外的另说，你们自己掂量"),
    ("gift", A, "主任很忙，想让他亲自做的话，得有点表示"),
    ("gift", N, "那袋东西我先替主任收着了"),
    ("gift", D, "钱我收到了，床位明天给你安排"),
    ("gift", D, "别在群里说，私聊", (F, "主任，那个红包您看……")),
    ("gift", A, "转我这边就行，我转交给主任", (P, "想给主任表示一下心意")),
    ("gift", D, "行吧，下不为例", (F, "医生，购物卡我放您抽屉里了，您别退")),
]

NEGATIVE: list[Row] = [
    (None, P, "谢谢医生，等我好了一定给您送面锦旗"),
    (None, F, "感谢信已经交到院办了，表扬一下你们科"),
    (None, P, "医生，出院结账一共花了三万二，医保报了一半"),
    (None, P, "腿上起了个红包，又红又肿，会不会是感染"),
    (None, P, "上次团购血压计的钱，我转给群主了，150"),
    (None, F, "医生，我爸转到心外科了，床位号是12床"),
    (None, P, "标本已经送检了，结果多久出来"),
    (None, N, "请家属把大便标本送化验室"),
    (None, P, "谢谢您！太感谢了，您真是我们家的恩人"),
    (None, P, "医生，CTA检查费800块，在哪交"),
    (None, P, "我在自助机上交了三千预交金"),
    (None, P, "HB 92 g/L，医生说要输血吗"),
    (None, P, "转氨酶从200降到了60，好转了"),
    (None, D, "水果我让护士还给您了，以后千万别带东西"),
    (None, N, "红包已交到纪检办，会充到您的住院账户"),
    (None, P, "医生，能帮我开张诊断证明吗？单位报销要用"),
    (None, P, "我把缴费单拍给您看看，这个材料费是什么"),
    (None, F, "快递给您寄的是病理切片，注意查收"),
    (None, P, "医生，我想给您带点东西，又怕违反规定，那我就不带了"),
    (None, P, "医师节快乐！感谢各位医生的付出❤️"),
    (None, P, "医生，我能喝点红参泡的水吗"),
    (None, F, "请问陪护证在哪里办？要交押金吗"),
]

# A second, smaller round written after the fixes above and measured before touching anything
# again (recall 1/15, false flags 0/10 on first run): the first fixes had mostly learnt the
# words of the first round. Fixed afterwards except the two staff replies marked below.
POSITIVE += [
    ("gift", P, "医生，改天请您出来坐坐，喝个茶"),
    ("gift", F, "主任，我们给您准备了点东西，在车里，您方便下来拿一下吗"),
    ("gift", P, "医生，您的微信收款码能发我一下吗"),
    ("gift", F, "手术成功的话，我们全家必当重金酬谢"),
    ("gift", P, "大夫，别的不说了，都在酒里了，给您拿了两瓶"),
    ("gift", F, "给护士站送了几箱牛奶，大家辛苦了"),
    ("gift", P, "主任，我给您女儿买了个书包，开学用"),
    ("gift", F, "医生，这点钱您拿去给孩子买点零食"),
    ("gift", P, "大夫，请您全家去三亚玩几天，费用我们出"),
    ("gift", P, "Doctor, we'd love to take you out for a meal as thanks"),
    ("gift", D, "东西就放我办公室门口吧"),  # still missed: no gift word, documents read the same
    ("gift", N, "好的阿姨，那我们就不客气了",  # still missed: 不客气 after an offer
     (P, "护士们辛苦了，给你们买了箱水果放护士站")),
    ("gift", A, "主任一般不直接收，你给我就行", (F, "想给主任包个红包")),
    ("gift", P, "医生您辛苦了，一点小心意已发您微信"),
    ("gift", F, "主任，我给您存了张卡，密码六个8"),
]
NEGATIVE += [
    (None, P, "医生，我想请教一下，出院后能喝茶吗"),
    (None, F, "我爸的东西还在病房，明天来拿"),
    (None, P, "医生，办公室在几楼？我来拿报告"),
    (None, P, "医生，卡号是就诊卡上的那个吗"),
    (None, F, "谢谢主任，我们一家都记着您的好"),
    (None, P, "医生，我女儿要开学了，能打疫苗吗"),
    (None, P, "三亚天气热，术后能去旅游吗"),
    (None, D, "东西不用带，人来就行"),
    (None, N, "请家属把病人的东西带走，床位要收拾"),
    (None, P, "医生，检查的钱在手机上付了"),
]
