"""Detection quality of the non-personal-data categories on hand-written realistic chat.

Run `python -m tests.rulepacks.quality_eval` (or `-v` to list every miss and false flag) for
per-category recall and precision; `test_quality_floors.py` asserts floors on the same cases.
Messages are written the way patients, families, doctors, nurses and assistants write in
WeChat / Telegram ward groups (domain.md §B1–B6): phrasings, euphemisms, pinyin, emoji,
traditional characters and spacing obfuscation, and the false friends of §B2. A case may carry
earlier messages of the same chat (`context`), evaluated first in `Engine.scan` order.
`expect` is a category, or a rule id when the case is about one rule (first-visit weighting);
None means "no finding of the four categories" (personal data is out of scope here).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rules.engine import Engine
from rules.model import Category, Message, Role
from tests.rulepacks import (
    advice_blind_batch,
    advice_blind_batch_c,
    gift_blind_batch,
    gift_blind_batch2,
    gift_blind_batch3,
    gift_blind_batch4,
    gift_blind_batch5,
    gift_blind_batch6,
    offtopic_blind_batch,
    offtopic_blind_batch_g,
    offtopic_blind_batch_h,
    offtopic_blind_batch_i,
    offtopic_blind_batch_tuning,
)

CATEGORIES = ("gift", "unexamined_advice", "unlicensed_advice", "off_topic")
P, F, D, N, A, U = "patient", "family", "doctor", "nurse", "assistant", "unknown"


@dataclass(frozen=True, slots=True)
class Case:
    """One message to judge, after its chat context."""

    expect: str | None
    role: str
    text: str
    context: tuple[tuple[str, str], ...] = ()  # (role, text) of earlier messages


def c(expect: str | None, role: str, text: str, *context: tuple[str, str]) -> Case:
    return Case(expect, role, text, tuple(context))


GIFT_POSITIVE = [
    c("gift", P, "医生辛苦了，发个红包给您，一点心意"),
    c("gift", F, "王主任，给您发了个红包🧧，感谢您救了我妈"),
    c("gift", P, "🧧🧧 医生收一下"),
    c("gift", P, "大夫 hb 已发 记得领"),
    c("gift", F, "转账给您了，您看一下"),
    c("gift", P, "医生我转给您500，辛苦了"),
    c("gift", F, "主任，微信转您了，请查收"),
    c("gift", P, "支付宝给您转了200块，别嫌少"),
    c("gift", F, "医生您的收款码发我一下，我扫您的码"),
    c("gift", P, "李医生，扫您的收款码付了个心意"),
    c("gift", F, "一点心意，请您喝杯茶"),
    c("gift", P, "表示一下，医生您别推辞了，¥500"),
    c("gift", F, "意思意思，医生收下吧"),
    c("gift", P, "出院了想请您吃饭，您哪天有空？"),
    c("gift", F, "主任，给您准备了两张购物卡，过节了一点心意"),
    c("gift", P, "医生，给您寄了一张加油卡，您收一下"),
    c("gift", F, "家里种的茶叶给您带了两盒，医生别嫌弃"),
    c("gift", P, "过年了，给医生护士们带了点土特产，放护士站了"),
    c("gift", F, "中秋节快乐！给您准备了月饼和一点心意"),
    c("gift", P, "医生，烟酒我放您办公室了，别客气"),
    c("gift", F, "给主任准备了点礼品，明天送过去"),
    c("gift", P, "五百元红包，医生您收下"),
    c("gift", F, "给您转了两千元，术前麻烦您多费心"),
    c("gift", P, "Doctor, I sent you a red packet, please accept it"),
    c("gift", F, "Just sent you a transfer, a little something to say thanks"),
    c("gift", P, "Bought you a gift card, doctor, thanks for everything"),
    c("gift", P, "医生 红 包 发您了"),
    c("gift", F, "醫生，紅包收一下，辛苦了"),
    c("gift", P, "給您轉了五百，一點心意"),
    c("gift", P, "h b 发您了 医生"),
    c("gift", F, "手术前给主任塞了个红包，他没要，我再微信转给他"),
    c("gift", P, "医生，我让我儿子给您微信转了1000，麻烦您多关照"),
    c("gift", P, "[红包]恭喜发财，大吉大利"),
    c("gift", F, "[转账] ¥888.00 请您收款"),
    c("gift", P, "医生，春节快乐！给您包了个红包"),
    c("gift", F, "医生，买点水果的钱转您了，200块"),
    c("gift", P, "护士长，奶茶钱转您了，请大家喝奶茶"),
    c("gift", F, "医生收下这份心意吧，不多，就800"),
    c("gift", P, "主任，下周手术，我给您转了个红包，您多费心"),
    c("gift", F, "给您打到卡上了，三千，谢谢主任"),
    c("gift", P, "医生我给您发了个微信红包，您点一下"),
    c("gift", P, "医师节快乐！给您准备了一份小礼物🎁"),
    c("gift", F, "医生，给您订了一桌饭，今晚一起吃个饭吧"),
    c("gift", P, "我托人给主任带了两瓶茅台"),
    c("gift", F, "医生，这是一点小意思，请收下"),
    c("gift", P, "辛苦费已经转过去了，主任您看一下"),
    # staff soliciting, and staff accepting (in the message or after a transfer in context)
    c("gift", D, "想排前面的话，意思意思，你懂的"),
    c("gift", D, "请送一个心意，多少随您"),
    c("gift", A, "主任的加号费是300，转我微信就行"),
    c("gift", N, "红包我收下了，谢谢阿姨"),
    c("gift", D, "收到了，谢谢", (P, "医生我给您转了500，一点心意")),
    c("gift", D, "收到，谢谢！", (F, "主任，红包🧧发您了，辛苦了")),
    c("gift", N, "好的收下了，谢谢您", (P, "护士长，给大家买了购物卡，一点心意")),
    c("gift", D, "购物卡收到了，谢谢", ),
]

GIFT_NEGATIVE = [
    c(None, P, "胳膊上起了个红包，很痒，要紧吗"),
    c(None, F, "孩子被蚊子咬了，腿上好多红包"),
    c(None, P, "背上长了个红包，摸着有点硬"),
    c(None, P, "脸上起红包了，是过敏吗"),
    c(None, P, "查了肝功能，转氨酶有点高，要吃药吗"),
    c(None, F, "医生，我爸要转院吗？还是转科就行"),
    c(None, P, "挂号费多少钱？"),
    c(None, F, "住院押金交了5000，出院的时候多退少补吗"),
    c(None, P, "医保报销比例是多少？自费部分大概多少钱"),
    c(None, P, "我把检查报告转发给您了，您看一下"),
    c(None, F, "报告我转给您看一下"),
    c(None, P, "CT检查费300元，可以医保吗"),
    c(None, P, "血红蛋白 Hb 98g/L，是贫血吗"),
    c(None, P, "HB 105，比上次好了"),
    c(None, F, "谢谢医生，我们给您送了一面锦旗"),
    c(None, P, "写了一封感谢信给科室，感谢各位医护"),
    c(None, P, "拼车去医院，车费AA，每人30块"),
    c(None, F, "血压计团购，群友们每人150，我先垫付"),
    c(None, P, "在收费处交了2000元住院费"),
    c(None, P, "就诊卡充值了500块"),
    c(None, P, "吃了500mg二甲双胍，血糖7.8"),
    c(None, P, "病情好转了，谢谢医生"),
    c(None, F, "肿瘤有没有转移？"),
    c(None, P, "核酸转阴了吗"),
    c(None, P, "新年快乐！祝医生护士们身体健康"),
    c(None, F, "中秋节快乐，祝大家阖家团圆"),
    c(None, P, "糖尿病可以吃月饼吗？"),
    c(None, P, "喝茶会影响降压药吗"),
    c(None, P, "红枣红糖水可以喝吗"),
    c(None, P, "伤口有点发红，要紧吗"),
    c(None, P, "请问发票在哪里打印"),
    c(None, F, "手术费大概要多少钱"),
    c(None, P, "医生说先交押金再住院"),
    c(None, P, "群里有人抢红包吗"),
    c(None, P, "我给您转一下我爸的检查单"),
    c(None, F, "请问医院收款码在哪，挂号费怎么付"),
    c(None, P, "医保卡丢了怎么补办"),
    c(None, P, "医生，我能给您送面锦旗吗"),
    c(None, P, "支付宝上能挂号吗"),
    c(None, P, "微信上怎么缴费"),
    c(None, D, "收到了，报告我看了，问题不大"),
    c(None, D, "收到，我下午看一下片子", (P, "医生我把报告发您了")),
    c(None, D, "红包就不用了，心意领了，已经退回了"),
    c(None, N, "红包已退还，充到您的住院费里了"),
    c(None, D, "请不要给医护人员发红包，谢谢大家理解"),
    c(None, D, "收到，谢谢", (P, "医生，化验单我拍照发群里了")),
    c(None, D, "收到了，明天门诊来找我", (P, "医生我明天想来复查可以吗")),
    c(None, N, "住院押金请到一楼收费处缴纳"),
    c(None, P, "医生，我这个情况转诊要开什么证明"),
    c(None, P, "HbA1c 7.2%，控制得还行吗"),
    c(None, P, "我女儿给我转了钱，我自己去药店买药了"),
    c(None, P, "今天抽血的红细胞有点低"),
    c(None, F, "转科以后还是您管吗"),
    c(None, P, "复查要多少钱？大概500块吗"),
]

ADVICE = [
    # physicians prescribing in the group
    c("unexamined_advice", D, "阿司匹林100mg每天一次，饭后吃"),
    c("unexamined_advice", D, "先停药，改用氨氯地平5mg"),
    c("unexamined_advice", D, "可以吃点布洛芬，一次一粒"),
    c("unexamined_advice", D, "奥美拉唑20mg，一天两次，吃两周"),
    c("unexamined_advice", D, "降压药加量，加到2片"),
    c("unexamined_advice", D, "头孢克肟一天两次，一次一粒，吃五天"),
    # first visit, then the doctor diagnoses or prescribes
    c("advice-first-visit-online", D, "你这是胃炎，吃点奥美拉唑",
      (P, "医生您好，我是第一次来，最近老是胃疼")),
    c("advice-first-visit-online", D, "考虑是心绞痛，先吃点硝酸甘油",
      (P, "初诊，胸口闷了一个礼拜，还没去过医院")),
    c("advice-first-visit-online", D, "应该是湿疹，涂点丁酸氢化可的松乳膏",
      (F, "朋友介绍进群的，孩子身上起疹子，从来没看过")),
    c("advice-first-visit-online", D, "像是过敏，吃点氯雷他定，一天一次",
      (P, "第一次咨询，今天开始身上痒"), (D, "哪里痒？"), (P, "背上和胳膊")),
    # condition change then dose change
    c("advice-condition-change-online", D, "倍他乐克加到一片半，一天两次",
      (P, "最近心慌越来越厉害了，吃了药还是不管用")),
    # unlicensed: assistants and nurses outside their role
    c("unlicensed_advice", A, "你这个就是颈椎病，没什么大问题，吃点止痛药"),
    c("unlicensed_advice", A, "根据我的经验，一般都是缺钙，吃点钙片就好"),
    c("unlicensed_advice", A, "布洛芬一次一粒，一天两次"),
    c("unlicensed_advice", U, "我是王主任的助理，你这个吃点阿莫西林就行，一天三次"),
    c("unlicensed_advice", N, "降压药先停两天，氨氯地平别吃了"),
    c("unlicensed_advice", N, "血压高就把药加量，吃两片"),
]

ADVICE_NEGATIVE = [
    c(None, D, "这种情况需要来门诊面诊，挂个号我当面看"),
    c(None, D, "建议线下面诊，带上以前的检查报告"),
    c(None, D, "你好，哪里不舒服？多久了？"),
    c(None, D, "现在吃的什么药？吃了多久？"),
    c(None, D, "明天来门诊换药，伤口别沾水"),
    c(None, D, "出现胸痛请立即拨打120"),
    c(None, P, "我现在每天吃阿司匹林100mg，还要继续吃吗"),
    c(None, P, "我一直吃氨氯地平5mg，一天一次"),
    c(None, F, "我妈在吃二甲双胍，一天两次，每次一片"),
    c(None, P, "我自己把药停了，这样可以吗"),
    c(None, N, "伤口每天换药一次，保持干燥"),
    c(None, N, "明天早上空腹抽血，别吃早饭"),
    c(None, N, "术后6小时可以少量喝水"),
    c(None, N, "我马上通知医生"),
    c(None, A, "我帮您问一下主任，稍等"),
    c(None, A, "门诊时间是周一到周五上午，请提前挂号"),
    c(None, A, "主任说明天上午来门诊找他"),
    c(None, A, "请大家复诊时带上病历本和出院小结"),
    c(None, D, "报告我看了，等复查结果出来再说"),
    c(None, P, "医生，我这是什么病？需要吃药吗？"),
]

OFFTOPIC = [
    c("off_topic", F, "我爸住院急需手术费，水滴筹链接 https://m.shuidichou.com/x 求转发"),
    c("off_topic", P, "大家帮帮忙，轻松筹献爱心，谢谢"),
    c("off_topic", U, "爱心接力！求转发！捐款救救孩子"),
    c("off_topic", U, "祖传秘方，包治高血压，无副作用，加我微信"),
    c("off_topic", P, "特效药印度代购，治愈率95%，私聊"),
    c("off_topic", U, "纯中药保健品，根治糖尿病，无效退款"),
    c("off_topic", U, "血压计团购优惠，链接 https://item.taobao.com/item.htm?id=123"),
    c("off_topic", F, "帮我砍一刀 https://mobile.yangkeduo.com/x"),
    c("off_topic", U, "稳赚股票群，加我微信带你理财"),
    c("off_topic", U, "专家号代挂，黄牛价200，有需要私聊"),
    c("off_topic", U, "代挂号，北京各大医院专家号都有，加V"),
    c("off_topic", P, "扫码进群领优惠", ),
    c("off_topic", U, "扫码下单，限时折扣"),
    c("off_topic", U, "进口靶向药代购，价格优惠，私聊"),
]

OFFTOPIC_NEGATIVE = [
    c(None, P, "请问扫码挂号在哪里？"),
    c(None, N, "大家可以扫码挂号，医院公众号也能预约"),
    c(None, A, "复诊请在医院公众号上预约挂号"),
    c(None, P, "医生，这个病能根治吗？"),
    c(None, P, "进口药和国产药有什么区别吗？"),
    c(None, P, "住院押金交多少？"),
    c(None, P, "医生，帮忙转发一下复查时间给我家属"),
    c(None, P, "医院官网 www.hospital.cn 可以查门诊时间吗"),
    c(None, D, "这个病没有特效药，按时吃药复查就好"),
    c(None, P, "加号能加到吗？明天想看王主任"),
    c(None, P, "专家号太难挂了"),
    c(None, P, "我看网上说有偏方，能信吗？"),
]

# A second batch, written without looking at the lexicons.
GIFT_POSITIVE += [
    c("gift", F, "王医生，这是我们家一点心意，您务必收下"),
    c("gift", P, "大夫，谢谢您，红包不大，就是个心意"),
    c("gift", P, "医生过年好！给您发了个拜年红包"),
    c("gift", F, "主任，手术很成功，我们全家感谢您！给您转了2000元，请收下"),
    c("gift", P, "刘医生，您微信号多少？我想转点钱给您表示感谢"),
    c("gift", P, "医生，能加您微信吗？想给您发个红包"),
    c("gift", F, "小红包已发，麻烦医生了"),
    c("gift", P, "医生，我这有两张超市卡，您拿去用"),
    c("gift", F, "护士长，京东卡给您放抽屉里了"),
    c("gift", P, "主任，一点土特产，家里自己种的，您尝尝"),
    c("gift", F, "医生，给您拿了两盒燕窝，补补身体"),
    c("gift", P, "张医生，送您一箱海参，谢谢您的照顾"),
    c("gift", P, "医生，我转了520给您，谢谢您这么耐心"),
    c("gift", P, "谢谢医生！🧧🧧🧧"),
    c("gift", F, "医生请收下🧧💰"),
    c("gift", F, "感谢费我放信封里了，明天给您"),
    c("gift", P, "大夫，来的时候给您带了条烟"),
    c("gift", P, "医生，支付宝转您了，查收一下"),
    c("gift", F, "vx转您了，医生"),
    c("gift", P, "医生，wx 转了 300，您收一下"),
    c("gift", P, "Hi doctor, I've sent you ¥500 on WeChat as a thank-you"),
    c("gift", F, "Doctor, please accept this small gift from our family"),
    c("gift", U, "给你发了个红包，别退啊"),
    c("gift", P, "医生 给您转个账 感谢感谢"),
    c("gift", F, "主任好，给您发个小红包，祝您中秋快乐"),
    c("gift", F, "医生，术后想请您和科室的医生吃顿饭，您定时间"),
    c("gift", P, "谢谢医生，这是我们的一点心意，500元"),
    c("gift", P, "医生，给您寄的茶叶收到了吗？"),
    c("gift", F, "请您收下这张购物卡，不然我心里过意不去"),
    c("gift", P, "医生，我包了一千块，下午拿给您"),
    c("gift", F, "護士長，給您寄了點土特產，一點心意"),
    c("gift", D, "手术排期紧张，想提前的话可以表示表示"),
    c("gift", D, "这个手术我主刀的话，得另外给点辛苦费"),
    c("gift", A, "加号可以，加号费200微信转我"),
    c("gift", N, "谢谢您的购物卡，我们科室都很感动"),
    c("gift", D, "茶叶收到了，太客气了"),
    c("gift", D, "红包我先收着，手术顺利"),
    c("gift", D, "收到啦，谢谢阿姨😊", (F, "医生，阿姨给您包了个红包，辛苦了")),
    c("gift", N, "已收，谢谢", (P, "护士长，奶茶钱转您了")),
]
GIFT_NEGATIVE += [
    c(None, F, "医生您好，我妈今天转到普通病房了"),
    c(None, P, "转氨酶ALT 85，AST 60，需要吃护肝药吗"),
    c(None, P, "宝宝脸上长了很多小红包，是湿疹吗"),
    c(None, P, "我在医院公众号缴费了，显示成功"),
    c(None, P, "微信缴费后怎么打印发票"),
    c(None, F, "住院费用清单在哪里看"),
    c(None, P, "医保个人账户余额不足怎么办"),
    c(None, P, "谢谢医生！太感谢了！"),
    c(None, F, "谢谢主任，您辛苦了🙏"),
    c(None, P, "感谢医生的耐心解答"),
    c(None, P, "医生春节期间门诊开吗？"),
    c(None, P, "中秋放假，复查可以推迟一周吗"),
    c(None, P, "我平时烟酒不沾，怎么会血脂高"),
    c(None, P, "医生，喝茶叶水对血压有影响吗"),
    c(None, F, "我爸可以吃燕窝海参补补吗"),
    c(None, P, "医生，给您看一下我的心电图"),
    c(None, P, "给您发一下我的报告，麻烦看看"),
    c(None, P, "我把片子送过去了，放在护士站"),
    c(None, P, "这个药多少钱一盒？能报销吗"),
    c(None, P, "药店买的话大概50块"),
    c(None, F, "自费药一个月要2000元，有点贵"),
    c(None, A, "转发一下：明天王主任门诊停诊"),
    c(None, P, "请问怎么转账交押金"),
    c(None, P, "血常规HB 120g/L，正常吗"),
    c(None, D, "谢谢您的心意，我们不收礼"),
    c(None, D, "心意领了，东西请带回去"),
    c(None, P, "医生您收到我的报告了吗？"),
    c(None, P, "上次挂号费是50块，这次怎么是100"),
    c(None, P, "请问互联网医院问诊费多少钱"),
    c(None, P, "我付了两百块诊费，怎么还没回复"),
    c(None, D, "收到，谢谢", (P, "医生，我到门诊了")),
    c(None, D, "收到了", (P, "医生，化验单发您了，麻烦看一下")),
    c(None, P, "感谢护士们的照顾，给你们点赞👍"),
    c(None, F, "我给我妈转了1000，让她自己去交费"),
    c(None, P, "今天过生日，医生说可以吃一点蛋糕吗"),
    c("gift", P, "医生您好，我是上周给您发红包那个病人的家属，想问问复查的事"),
]
ADVICE += [
    c("unexamined_advice", D, "这个是房颤，需要抗凝，先吃利伐沙班10mg"),
    c("unexamined_advice", D, "可以加用螺内酯20mg每天一次"),
    c("unexamined_advice", D, "把美托洛尔停了吧，换成比索洛尔"),
    c("unexamined_advice", D, "硝苯地平改成一天两次"),
    c("unexamined_advice", D, "每天吃一片阿托伐他汀"),
    c("unexamined_advice", D, "血压这么高，厄贝沙坦加到300mg"),
    c("unexamined_advice", D, "晚上睡不着可以吃半片安定"),
    c("advice-first-visit-online", D, "没什么大问题，就是早搏，吃点稳心颗粒",
      (P, "医生，我从来没看过心脏，刚发现心跳有时候停一下")),
    c("unlicensed_advice", A, "这个应该是感冒引起的，多喝水，吃点感冒灵就行"),
    c("unlicensed_advice", A, "您这种情况我见多了，一般就是心肌缺血，吃点丹参滴丸"),
    c("unlicensed_advice", N, "你这是低血糖，以后胰岛素减量到8个单位"),
]
ADVICE_NEGATIVE += [
    c(None, D, "你之前吃的什么药？剂量多少？"),
    c(None, D, "第一次来的话先挂个号，门诊做个检查再说",
      (P, "医生我第一次来，胸口闷")),
    c(None, N, "伤口每天碘伏消毒一次，保持干燥"),
    c(None, N, "术后第二天可以下床活动"),
    c(None, N, "低盐低脂饮食，每天盐不超过6克"),
    c(None, A, "主任让我转告您，明天上午来门诊"),
    c(None, A, "已经帮您预约了周三上午的门诊"),
    c(None, P, "医生说让我一天吃两次，一次一片"),
    c(None, P, "我现在吃着拜新同30mg，早上一片"),
    c(None, F, "我爸吃了硝酸甘油好一点了"),
    c(None, D, "药的事下次门诊当面调整，先按原来的吃"),
    c(None, N, "输液的时候手别乱动，有不舒服按铃"),
]
OFFTOPIC += [
    c("off_topic", U, "朋友圈卖的进口降压药，便宜一半，需要的私聊我"),
    c("off_topic", P, "我在做保健品，对心脏病特别好，有需要加我微信"),
    c("off_topic", F, "帮忙投个票，谢谢大家 https://vote.example.com/123"),
    c("off_topic", P, "拼多多帮忙砍一刀，谢谢"),
    c("off_topic", F, "水滴筹：为我父亲筹集手术费，感谢转发 https://m.shuidichou.com/abc"),
    c("off_topic", U, "号贩子出专家号，300一个，加微信"),
    c("off_topic", U, "扫码关注领取免费体检"),
    c("off_topic", U, "代购印度格列卫，需要的联系我"),
    c("off_topic", P, "群里谁要买血糖试纸？团购价80一盒，私聊"),
]
OFFTOPIC_NEGATIVE += [
    c(None, N, "医院公众号可以扫码缴费"),
    c(None, P, "门诊缴费可以扫码付款吗"),
    c(None, P, "请问水滴筹医院能帮忙开证明吗"),
    c(None, P, "医生，网上卖的那种降压保健品能吃吗？"),
    c(None, P, "群里有没有人知道怎么挂王主任的号"),
    c(None, P, "我朋友推荐了一个偏方，能试试吗？"),
    c(None, P, "这个药在京东大药房买可以吗"),
    c(None, P, "医生给的链接打不开"),
]

# A third batch: more everyday phrasings, magnitudes (1k, 2w), and the festivals.
GIFT_POSITIVE += [
    c("gift", P, "医生，转您1k，别嫌少"),
    c("gift", F, "主任，我让我老公给您转2w，手术拜托您了"),
    c("gift", P, "医生您好，我想给您包个红包表示感谢，您方便加个微信吗"),
    c("gift", F, "李主任，红包已经塞您白大褂口袋里了"),
    c("gift", P, "谢谢王医生的救命之恩！[红包]"),
    c("gift", F, "医生，端午节给您送了点粽子和咸鸭蛋，在护士站"),
    c("gift", P, "护士节快乐！给护士姐姐们订了下午茶和蛋糕，一点心意"),
    c("gift", F, "给您发了个520，感谢您这么久的照顾"),
    c("gift", P, "医生我给您充了话费，200块，别推辞"),
    c("gift", F, "医生，我们想给您送点礼，您喜欢什么"),
    c("gift", P, "大夫，这是我们老家的特产，给您寄过去了，注意查收"),
    c("gift", F, "主任，辛苦了，一点心意不成敬意，收下吧"),
    c("gift", P, "医生，茶水费我转您支付宝了"),
    c("gift", F, "医生您好，出院前想请您和护士们吃个饭"),
    c("gift", P, "Doctor, here is a red envelope for you 🧧 Happy new year"),
    c("gift", P, "医生，我给您买了张加油卡，明天复查带给您"),
    c("gift", D, "好的，红包我收到了，谢谢", ),
    c("gift", A, "主任说了，手术前得先意思一下，你懂的"),
    c("gift", N, "想住单间的话，给护士长意思意思就行"),
]
GIFT_NEGATIVE += [
    c(None, P, "医生，我这个手术大概要花多少钱？"),
    c(None, F, "请问住院要准备多少钱押金"),
    c(None, P, "我在网上买的血压计，一百多块，准不准"),
    c(None, P, "医生，新农合能报多少"),
    c(None, F, "医生我妈转到ICU了，能探视吗"),
    c(None, P, "肝功能转氨酶120，上次是80"),
    c(None, P, "谢谢医生，祝您新年快乐，身体健康，万事如意！"),
    c(None, P, "端午节门诊上班吗"),
    c(None, F, "春节回老家了，药快吃完了怎么办"),
    c(None, P, "医生，红包（皮肤上的）今天消了一点"),
    c(None, P, "昨晚被虫子咬了，起了好多红包，痒得睡不着"),
    c(None, P, "医生，我这个报告转给您了吗，好像没发出去"),
    c(None, P, "支付宝里的电子医保卡可以用吗"),
    c(None, F, "我用微信支付的挂号费，退号怎么退"),
    c(None, P, "检查费太贵了，一共花了三千多"),
    c(None, P, "医生，您辛苦了，注意休息🙏"),
    c(None, P, "谢谢您，要不是您我爸就危险了"),
    c(None, F, "特别感谢主任，您真是好医生👍👍"),
    c(None, P, "医生我想问一下，茶叶里的咖啡因会影响心率吗"),
    c(None, P, "海参和燕窝对术后恢复有帮助吗"),
    c(None, P, "我爸不抽烟不喝酒，怎么会得肺癌"),
    c(None, P, "医生，这个月饼无糖的，我能吃吗"),
    c(None, F, "医生，我妈说想吃粽子，术后能吃吗"),
    c(None, P, "这药一盒多少钱？药店卖98块"),
    c(None, P, "HB 11.2 g/dL 算贫血吗"),
    c(None, P, "我转了三家医院，都说要手术"),
    c(None, P, "复诊挂号费能用医保吗"),
    c(None, N, "请家属到收费处把住院费用结清"),
    c(None, D, "收到，明天上午九点来门诊"),
    c(None, D, "收到了，我晚点看"),
    c(None, D, "不用客气，这是我们应该做的"),
    c(None, D, "红包一律不收，请大家理解，有问题随时群里问"),
    c(None, N, "护士长说了，礼物一律不收，大家的心意我们领了"),
    c(None, D, "好的，谢谢您的信任"),
    c(None, P, "请问心内科的王医生周几门诊"),
    c(None, P, "谢谢护士！你们辛苦了，过年还要值班"),
]
ADVICE += [
    c("unexamined_advice", D, "这个情况可以先口服阿莫西林，一次两粒，一天三次"),
    c("unexamined_advice", D, "降压药改成早上吃，缬沙坦80mg"),
    c("unexamined_advice", D, "先把华法林停三天再复查INR"),
    c("unlicensed_advice", A, "这个我们见多了，就是胃炎，吃点奥美拉唑就好了"),
    c("unlicensed_advice", A, "【自动回复】胸闷可服用速效救心丸，一次10粒"),
]
ADVICE_NEGATIVE += [
    c(None, D, "这个要看了片子再说，先不要自己吃药"),
    c(None, D, "建议您来门诊，当面评估后再决定用药"),
    c(None, N, "术前一晚十点以后不要吃东西，不要喝水"),
    c(None, N, "出院以后按出院小结上的医嘱吃药"),
    c(None, A, "主任今天手术，晚点回复您"),
    c(None, P, "我吃了两天头孢，好多了"),
    c(None, F, "我爸每天吃半片倍他乐克，心率还是快"),
    c(None, D, "请问现在在吃什么药？"),
]
OFFTOPIC += [
    c("off_topic", U, "免费领取血压计，扫码添加客服"),
    c("off_topic", P, "有没有人需要护理床？九成新，便宜转让，私聊"),
    c("off_topic", U, "祖传秘方治疗痛风，三天见效，无效退款"),
    c("off_topic", F, "各位好心人，我弟弟白血病，水滴筹求帮忙转发，谢谢"),
]
OFFTOPIC_NEGATIVE += [
    c(None, P, "医生，扫码付款后怎么取号"),
    c(None, A, "复诊请提前在医院小程序上预约"),
    c(None, P, "有病友知道哪里能买到这个进口药吗"),
    c(None, P, "网上说这个病能根治，是真的吗"),
]

# A fourth batch: cash left in a drawer, payment accounts, take-away treats, numerals.
GIFT_POSITIVE += [
    c("gift", P, "医生，给您转五百，辛苦了"),
    c("gift", F, "给医生护士们订了下午茶，一会儿送到"),
    c("gift", P, "医生，给您点了杯奶茶，外卖马上到"),
    c("gift", P, "I'll transfer you 500 tonight, doctor"),
    c("gift", F, "主任，我在您抽屉里放了个信封"),
    c("gift", P, "医生，您的支付宝账号多少？"),
    c("gift", P, "大夫，我扫您的码了"),
    c("gift", P, "医生，1000块钱放您桌上了"),
    c("gift", F, "这是给您的一点辛苦钱"),
    c("gift", P, "医生，微信上给您转了个账"),
    c("gift", P, "护士长，给科室买了箱水果，别客气"),
    c("gift", P, "医生，过节费给您转过去了"),
]
GIFT_NEGATIVE += [
    c(None, P, "医生，水果吃多了血糖高吗"),
    c(None, P, "医生我每天喝咖啡影响血压吗"),
    c(None, P, "早上吃了蛋糕，血糖有点高"),
    c(None, P, "医生，外卖的东西能吃吗"),
    c(None, P, "我在医院门口买了水果"),
    c(None, P, "医生我给您发了个10秒的视频"),
    c(None, P, "我把检查单放您桌上了"),
    c(None, P, "医生，片子放您桌上了，200块的检查"),
    c(None, F, "医生，我们不会送礼的，您放心"),
    c(None, P, "医生，您微信号多少？方便发检查结果"),
]

GIFT_POSITIVE += [
    c("gift", D, "太客气了，谢谢", (F, "主任，给您转了2000，术后辛苦您了")),
    c("gift", N, "谢谢您，收到了", (P, "护士长，下午茶给大家订了，一点心意")),
]
GIFT_NEGATIVE += [
    c(None, D, "您太客气了，心意领了，钱退给您了", (P, "医生我给您转了500，一点心意")),
    c(None, D, "不用客气，按时吃药", (P, "谢谢医生，您辛苦了")),
    c(None, D, "太客气了，以后别这样，已退回", (F, "给您发了个红包🧧")),
]

# A fifth batch: memes, emoji, urging alone, and staff hints without a sum.
GIFT_POSITIVE += [
    c("gift", P, "医生，秋天的第一杯奶茶给您安排上了🧋"),
    c("gift", F, "主任，您就收下吧，不要退回"),
    c("gift", P, "医生，买点水果的钱，您别推了"),
    c("gift", P, "医生 我v您50 喝杯奶茶"),
    c("gift", P, "医生，请您和护士们吃个宵夜，钱我转给护士长了"),
    c("gift", P, "大夫，过年了，给您拜个年，一点压岁钱给孩子"),
    c("gift", D, "想早点排手术的话，得安排一下，你懂的"),
    c("gift", D, "红包不收，但是可以请我们科室吃顿饭"),
    c("gift", N, "想要单间的话，得先打点一下"),
    c("gift", P, "医生，52块奶茶钱，您别嫌弃"),
    c("gift", F, "王医生，明天手术，我给您准备了个红包，见面给您"),
]
GIFT_NEGATIVE += [
    c(None, D, "红包不收，请大家理解"),
    c(None, P, "快递到了，您就收下吧"),
    c(None, P, "孩子的压岁钱都拿来看病了"),
    c(None, P, "医生，能喝奶茶吗？"),
    c(None, N, "明天手术，今晚十点后禁食，请家属安排好"),
]

ADVICE += [
    c("unexamined_advice", D, "你这个是典型的带状疱疹，抗病毒治疗，阿昔洛韦吃一周"),
    c("unexamined_advice", D, "先吃点蒙脱石散止泻，多喝水"),
    c("unexamined_advice", D, "考虑是尿路感染，左氧氟沙星一天一次，吃三天"),
    c("unexamined_advice", D, "血压偏高，氨氯地平可以加一片"),
    c("unexamined_advice", D, "孩子发烧38.5以上就吃美林，5毫升"),
    c("unexamined_advice", D, "把二甲双胍换成格列美脲"),
    c("unlicensed_advice", N, "血糖高的话胰岛素多打两个单位"),
    c("unlicensed_advice", A, "这个药一天吃三次，每次两片"),
    c("unlicensed_advice", U, "我是客服小李，你这种情况吃点钙片就可以了"),
]
ADVICE_NEGATIVE += [
    c(None, D, "建议去医院做个胃镜"),
    c(None, N, "伤口有点渗液没关系，每天碘伏消毒，换药就行"),
    c(None, A, "主任让您把药带来，门诊时再看"),
    c(None, P, "医生，我吃了布洛芬还是疼，能加量吗"),
    c(None, P, "上次医生让我停了阿司匹林"),
    c(None, D, "一天吃三次饭，少吃多餐"),
    c(None, P, "每天吃两个苹果可以吗"),
]

GIFT_NEGATIVE += [
    c(None, P, "医生，我老婆给我转了500买药"),
    c(None, P, "我给护工转了300，护工费"),
    c(None, P, "我微信转给我爸了，让他去交住院押金"),
    c(None, P, "医生，住院费我已经转到医院账户了"),
    c(None, F, "我妈住院，亲戚们凑了两万块"),
    c(None, P, "谢谢医生，送您一句话：医者仁心"),
    c(None, P, "医生，给您拜个早年！"),
    c(None, P, "医生我把钱交到收费处了"),
]
GIFT_POSITIVE += [
    c("gift", P, "医生，我让我儿子给您转了1000"),
    c("gift", A, "加号费200，转给我就行"),
]

# Held out: written in one go and measured before any fix (gift recall 18/22, false flags
# 1/23 on first run); the misses (土鸡蛋, 软中华, 京东E卡, 转了个八百八) and the false flag
# (红包就不发了) were fixed afterwards.
GIFT_POSITIVE += [
    c("gift", P, "主任，今天出院，给您和科室准备了一点心意，别推辞"),
    c("gift", F, "医生，我爸说一定要感谢您，红包我让护士转交"),
    c("gift", P, "医生，这是我们自家养的土鸡蛋，给您拿了一箱"),
    c("gift", F, "王医生，您的收款码发一下，我表示一下心意"),
    c("gift", P, "医生您辛苦，微信给您发了个大红包"),
    c("gift", F, "医生，节日快乐，心意已转，您查收"),
    c("gift", P, "大夫，我给您卡里打了点钱，您留着买点吃的"),
    c("gift", F, "医生，这两张超市卡您务必收着"),
    c("gift", P, "医生，术前这个红包您一定得收下，不然我们不放心"),
    c("gift", F, "主任，给您带了两条软中华"),
    c("gift", P, "医生你好，想给你包个红包，方便的话告诉我你的支付宝"),
    c("gift", F, "这次多亏了您，请您吃顿饭吧，不吃就是看不起我们"),
    c("gift", P, "已转账，医生注意查收，一点心意"),
    c("gift", F, "给科室的护士们买了点水果和零食，放在护士站了"),
    c("gift", P, "医生，我托朋友从老家带了点特产，回头给您送过去"),
    c("gift", P, "doctor, a small red envelope for you, thank you so much"),
    c("gift", F, "医生，这张京东E卡您收着，密码我发您私信"),
    c("gift", P, "医生，给您转了个八百八，图个吉利"),
    c("gift", D, "收到，谢谢阿姨的心意"),
    c("gift", N, "谢谢，水果收到了，大家都很喜欢"),
    c("gift", D, "手术可以安排，不过你要懂规矩"),
    c("gift", A, "想插队的话，加急费300，转我就行"),
]
GIFT_NEGATIVE += [
    c(None, P, "医生，我这个病治好要花多少钱啊"),
    c(None, P, "医院微信公众号上怎么交住院押金"),
    c(None, F, "我爸医保是外地的，能报销吗"),
    c(None, P, "医生，身上起了好多红包包，是不是过敏"),
    c(None, P, "检查报告已经转给您了，麻烦看看"),
    c(None, P, "医生，转院手续怎么办"),
    c(None, P, "谢谢医生的耐心，我会按时吃药的"),
    c(None, F, "医生，红细胞偏低要紧吗"),
    c(None, P, "医生，中秋节这几天门诊有人吗"),
    c(None, P, "医生我想问下茶叶能不能和药一起喝"),
    c(None, P, "医生，我能吃点补品吗，比如燕窝"),
    c(None, P, "医生，买的血压计多少钱的比较准"),
    c(None, P, "医生，挂您的号要多少钱"),
    c(None, F, "感谢护士们，过年还在值班，辛苦了"),
    c(None, P, "转氨酶降下来了，谢谢医生"),
    c(None, P, "医生，我在支付宝上挂的号，能退吗"),
    c(None, P, "我要转诊到上级医院，需要您开个单子吗"),
    c(None, P, "我妈买了好多补品，她能吃吗"),
    c(None, P, "谢谢医生！红包就不发了，医院不让，给您点个赞"),
    c(None, D, "收到，下午给你回复"),
    c(None, D, "收到了，片子我看了，没什么问题"),
    c(None, N, "收到，明天早上八点来抽血"),
    c(None, P, "医生，群里的团购血糖仪靠谱吗"),
]

# Held out: advice and off-topic written in one go and measured before any fix (off-topic
# 4/8, unexamined advice 3/4, unlicensed 3/3, 13/13 ordinary messages clean on first run).
OFFTOPIC += [
    c("off_topic", U, "各位病友，我这有进口PD-1，比医院便宜一半，需要的加我"),
    c("off_topic", P, "帮我女儿投一票，谢谢大家了，投票链接在这 https://h5.example.cn/vote?id=9"),
    c("off_topic", U, "专业代挂全国三甲医院专家号，当天可挂，V信同号"),
    c("off_topic", F,
      "我舅舅得了肝癌，家里实在困难，轻松筹链接：https://qsc.example.com/p/1 ，谢谢大家"),
    c("off_topic", U, "量子能量水，喝了降血压降血糖，三个月停药，加微信了解"),
    c("off_topic", U, "新开的药店，会员卡八折，地址在医院对面"),
    c("off_topic", P, "我表姐做保险的，重疾险很划算，有需要的可以私聊我"),
    c("off_topic", U, "【广告】无痛胃镜优惠套餐，仅需199，扫码预约"),
]
OFFTOPIC_NEGATIVE += [
    c(None, P, "医生，网上那些治糖尿病的保健品能信吗"),
    c(None, P, "请问医院有没有扫码缴费的入口"),
    c(None, N, "各位家属，住院患者请扫码关注医院公众号，查看费用清单"),
    c(None, P, "有没有病友知道，医院附近哪里住宿便宜"),
    c(None, P, "水滴筹那些是不是骗人的？"),
    c(None, A, "明天起门诊挂号改为线上预约，请在医院官方小程序操作"),
    c(None, P, "我用的拼多多上买的血压计，准吗"),
    c(None, P, "医生让我每天吃一片阿司匹林，我能停吗"),
]
ADVICE += [
    c("unexamined_advice", D, "你这个血压要吃药了，先吃氨氯地平5毫克"),
    c("unexamined_advice", D, "像是过敏性鼻炎，用点布地奈德喷鼻，早晚各一次"),
    c("unexamined_advice", D, "头孢和阿莫西林都可以，吃三天看看"),
    c("unexamined_advice", D, "心率太慢的话，倍他乐克先减半"),
    c("unlicensed_advice", A, "您先吃两片布洛芬止痛，主任下午回复"),
    c("unlicensed_advice", N, "这个是药物过敏，先把头孢停了"),
    c("unlicensed_advice", A, "您这是典型的焦虑症，吃点谷维素就行"),
]
ADVICE_NEGATIVE += [
    c(None, D, "需要面诊，明天上午来门诊找我"),
    c(None, D, "这个情况不能在线判断，请尽快到急诊"),
    c(None, N, "伤口换药每两天一次，来门诊换"),
    c(None, A, "您的问题已转达主任，请耐心等待"),
    c(None, D, "按出院带药继续吃，两周后来复查"),
]

# Group rules and the hospital's own links are not adverts.
OFFTOPIC_NEGATIVE += [
    c(None, A, "群规：禁止发广告、链接和二维码，违者移出群聊"),
    c(None, N, "请大家不要在群里发广告和投票链接"),
    c(None, A, "医院官方小程序链接：https://www.hospital.cn/app"),
    c(None, D, "本群禁止推销、代购、发广告"),
    c(None, P, "群里怎么老有人发广告，管理员管管"),
]
OFFTOPIC += [
    c("off_topic", U, "别犹豫，扫码下单，限时折扣"),
    c("off_topic", U, "不要错过！特效药代购，私聊"),
]

# Senders with no role on the roster (a Telegram group without one) refusing or returning.
GIFT_NEGATIVE += [
    c(None, U, "心意领了，红包不收，谢谢您"),
    c(None, U, "谢谢您的购物卡，但是不能收，已经退回了"),
    c(None, U, "红包不能收，您的心意我们知道了"),
    c(None, U, "各位家属不要给医生送红包，医生们都不收的"),
]
GIFT_POSITIVE += [
    c("gift", U, "医生，给您转了500，您别不收"),
    c("gift", U, "给您发了个红包，别退啊"),
]

# Held out, second gift batch: indirect offers, measured before any fix (recall 14/20,
# false flags 0/20 on first run); 一份心意, 准备了五千, 送点东西, 钱您收到没有, 按摩仪 and
# 手术排期…你懂的 were fixed afterwards.
GIFT_POSITIVE += [
    c("gift", F, "主任您好，手术费之外我们另外准备了一份心意，您看什么时候方便"),
    c("gift", P, "医生，红包我已经给护士长了，麻烦她转交给您"),
    c("gift", P, "大夫好，过几天中秋，给您寄了两盒月饼，地址发我一下"),
    c("gift", F, "医生，您上次说的那个事，我们准备了五千，您看够不够"),
    c("gift", P, "谢谢张医生，微信红包记得点一下哈"),
    c("gift", F, "主任，这是我们全家的一点心意🧧🧧，祝您身体健康"),
    c("gift", P, "医生，我给您买了个按摩仪，放门卫那了"),
    c("gift", F, "我在医院门口，想给您送点东西，您下来一下"),
    c("gift", P, "医生，上次的钱您收到没有？我转了两次"),
    c("gift", F, "医生，给您充了1000的加油卡"),
    c("gift", U, "大夫，小小心意不成敬意，一定要收下"),
    c("gift", P, "主任，您的银行卡号给我一下，我给您打点钱"),
    c("gift", D, "心意我收下了，以后别这么客气"),
    c("gift", N, "奶茶收到啦，谢谢阿姨"),
    c("gift", D, "手术排期的事，你懂的，可以私下找我"),
    c("gift", F, "医生，给您订了个蛋糕，医师节快乐"),
    c("gift", P, "医生，春节给您准备了点年货"),
    c("gift", F, "给护士站点了二十杯奶茶，大家辛苦了"),
    c("gift", P, "王医生，我偷偷给您塞了点钱在病历本里"),
    c("gift", F, "医生，我想给您发个红包，您千万别拒绝"),
]
GIFT_NEGATIVE += [
    c(None, P, "医生，我拿到出院小结了，谢谢您"),
    c(None, F, "医生，住院押金不够了，要补交多少"),
    c(None, P, "医生，我转科到呼吸科了，以后还能问您吗"),
    c(None, P, "医生，这个月饼的糖分高吗"),
    c(None, P, "医生，这个药在医保报销范围吗"),
    c(None, F, "谢谢医生救了我爸，我们全家都很感激您"),
    c(None, P, "医生，我给您发的检查结果看到了吗"),
    c(None, P, "手上长了个红包，按着有点疼"),
    c(None, P, "医生，我要转去康复医院，可以吗"),
    c(None, F, "医生您辛苦了，这么晚还在回复"),
    c(None, P, "医生，哪里能买到这个药？多少钱"),
    c(None, P, "谢谢医生，祝您中秋快乐"),
    c(None, P, "血常规：白细胞5.2，红细胞4.1，血红蛋白HB 128"),
    c(None, P, "医生，挂号费和检查费能一起交吗"),
    c(None, P, "医生，复查要空腹吗？"),
    c(None, F, "我爸的病好转多了，谢谢医生"),
    c(None, P, "群里的朋友们，谁知道停车场怎么收费"),
    c(None, P, "医生，我买了个血糖仪，三百多块，准吗"),
    c(None, D, "收到，明天上午门诊带上片子"),
    c(None, N, "大家好，请家属明天早上八点前把饭卡充好值"),
]

# First-visit cues in other words, then the same prescribing reply.
ADVICE += [
    c("advice-first-visit-online", D, "考虑是高血压，先吃氨氯地平5mg每天一次", (P, cue))
    for cue in ("我是新进群的，想咨询一下孩子咳嗽", "我之前没在你们医院看过",
                "最近才出现头晕，还没检查过", "医生好，我不是您的病人，朋友推荐来问问")
]

# Held out, third gift batch (`gift_blind_batch.py`): written from domain.md §B1–B2 before
# reading the lexicons or the detector; first run recall 6/42, false flags 0/22. Indirect
# offers (卡号发我, 一定重谢, 懂规矩, 红封/利是, 健身卡, 农家乐), staff hints after an offer
# (你看着办吧, 私聊) and 下不为例 were fixed afterwards.
GIFT_POSITIVE += [c(*row) for row in gift_blind_batch.POSITIVE]
GIFT_NEGATIVE += [c(*row) for row in gift_blind_batch.NEGATIVE]

ALL = GIFT_POSITIVE + GIFT_NEGATIVE + ADVICE + ADVICE_NEGATIVE + OFFTOPIC + OFFTOPIC_NEGATIVE

# Two advice batches written blind (`advice_blind_batch.py`), scored apart from ALL: A tunes
# the detector, B is held out (measured once at the end, never tuned on). Recall before → after:
# A unexamined 51/63 → 63/63, unlicensed 19/27 → 27/27; B unexamined 46/63 → 54/63, unlicensed
# 19/27 → 26/27; false flags 0/90 on both, before and after. Second round (diagnosis alone): A
# 73/73 with 10 diagnosis cases, 0/100; B 58/63, 26/27, 0/90.
ADVICE_BATCHES = {
    name: [c(*row) for row in (*positive, *negative)]
    for name, positive, negative in (
        ("advice-A", advice_blind_batch.A_POSITIVE, advice_blind_batch.A_NEGATIVE),
        ("advice-B", advice_blind_batch.B_POSITIVE, advice_blind_batch.B_NEGATIVE),
        # C: by a writer who never saw the detectors; held out, not tuned on
        ("advice-C", advice_blind_batch_c.POSITIVE, advice_blind_batch_c.NEGATIVE))
}

# Gift batches scored apart from ALL: A and B (`gift_blind_batch2.py`) tune the gift detector;
# C (`gift_blind_batch3.py`) and D (`gift_blind_batch4.py`) were held out (measured before
# tuning and once at the end), then opened for tuning in the next round. E and F
# (`gift_blind_batch5.py`) by writers who never saw the detector; G (`gift_blind_batch6.py`) by
# another such writer, held out once, then tuned on. First and final runs: see those docstrings.
GIFT_BATCHES = {
    name: [c(*row) for row in (*positive, *negative)]
    for name, positive, negative in (
        ("gift-A", gift_blind_batch2.A_POSITIVE, gift_blind_batch2.A_NEGATIVE),
        ("gift-B", gift_blind_batch2.B_POSITIVE, gift_blind_batch2.B_NEGATIVE),
        ("gift-C", gift_blind_batch3.POSITIVE, gift_blind_batch3.NEGATIVE),
        ("gift-D", gift_blind_batch4.POSITIVE, gift_blind_batch4.NEGATIVE),
        ("gift-E", gift_blind_batch5.E_POSITIVE, gift_blind_batch5.E_NEGATIVE),
        ("gift-F", gift_blind_batch5.F_POSITIVE, gift_blind_batch5.F_NEGATIVE),
        ("gift-G", gift_blind_batch6.POSITIVE, gift_blind_batch6.NEGATIVE))
}

# Off-topic batches (`offtopic_blind_batch.py`), scored apart from ALL: A tunes the off-topic
# detector, B is held out (measured once before and once after). First run, before reading the
# detector: A recall 28/61, false flags 10/70; B recall 21/61, false flags 7/70 (scalper
# complaints, crowdfunding mentions, a 医保局 link, 团购的体检套餐 flagged). After tuning on A
# (offer + contact/price/link structure): A 60/61, 0/70; B, measured once, 38/61, 1/70. Later
# changes found with three further fresh sets (not kept in the repo): B 45/61, 0/70; a last
# fresh set measured once after them: 4/20 before this work, 10/20 after, 0/20 false flags.
# Batch G (`offtopic_blind_batch_g.py`), written fresh before the third round and held out:
# first run 35/69, off-topic false flags 2/70 (a declined 众筹, a pharmacy discount tip); after
# the round 66/69, 0/70. Third round tuned on A, B and `offtopic_blind_batch_tuning.py`: A 61/61,
# B 60/61, tuning sets 187/195, 0 off-topic false flags on all. Batch H
# (`offtopic_blind_batch_h.py`), written by a helper who never saw the detector, held out from
# the third round: 47/60, 1/70 off-topic false flags; the fourth round tuned on it by structure:
# H 60/60, 0/70; B 61/61, G 69/69, tuning 192/195, 0 off-topic false flags on all.
OFFTOPIC_BATCHES = {
    name: [c(*row) for row in (*positive, *negative)]
    for name, positive, negative in (
        ("offtopic-A", offtopic_blind_batch.BATCH_A_POSITIVE,
         offtopic_blind_batch.BATCH_A_NEGATIVE),
        ("offtopic-B", offtopic_blind_batch.BATCH_B_POSITIVE,
         offtopic_blind_batch.BATCH_B_NEGATIVE),
        ("offtopic-G", offtopic_blind_batch_g.BATCH_G_POSITIVE,
         offtopic_blind_batch_g.BATCH_G_NEGATIVE),
        ("offtopic-H", offtopic_blind_batch_h.POSITIVE, offtopic_blind_batch_h.NEGATIVE),
        # I: by a writer who never saw the detectors; held out, not tuned on
        ("offtopic-I", offtopic_blind_batch_i.POSITIVE, offtopic_blind_batch_i.NEGATIVE),
        ("offtopic-tuning", offtopic_blind_batch_tuning.TUNING_POSITIVE,
         offtopic_blind_batch_tuning.TUNING_NEGATIVE))
}


def _messages(index: int, case: Case) -> list[Message]:
    chat = f"q{index}"
    earlier = [Message(id=f"{chat}/{i}", text=text, chat_id=chat, sender_id=f"{chat}-{role}",
                       sender_role=Role(role)) for i, (role, text) in enumerate(case.context)]
    last = Message(id=f"{chat}/last", text=case.text, chat_id=chat, sender_id=f"{chat}-me",
                   sender_role=Role(case.role))
    return [*earlier, last]


def judge(engine: Engine, cases: Sequence[Case]) -> list[tuple[Case, set[str]]]:
    """Each case with the categories and rule ids its final message was flagged with."""
    messages = [m for i, case in enumerate(cases) for m in _messages(i, case)]
    flagged: dict[str, set[str]] = {}
    for message, findings in engine.scan(messages):
        if message.id.endswith("/last"):
            flagged[message.chat_id] = {
                x for f in findings if f.category is not Category.PERSONAL_DATA
                for x in (f.category.value, f.rule_id)}
    return [(case, flagged[f"q{i}"]) for i, case in enumerate(cases)]


def _category(expect: str) -> str:
    return expect if expect in CATEGORIES else _RULE_CATEGORY[expect]


_RULE_CATEGORY = {"advice-first-visit-online": "unexamined_advice",
                  "advice-condition-change-online": "unexamined_advice",
                  "advice-diagnosis-online": "unexamined_advice"}


def scores(results: Iterable[tuple[Case, set[str]]]) -> dict[str, dict[str, float]]:
    """Per category: recall over cases expecting it, precision over cases flagged with it."""
    results = list(results)
    out: dict[str, dict[str, float]] = {}
    for category in CATEGORIES:
        wanted = [(case, got) for case, got in results
                  if case.expect and _category(case.expect) == category]
        hit = sum(case.expect in got for case, got in wanted)
        flagged = [(case, got) for case, got in results if category in got]
        right = sum(case.expect is not None and _category(case.expect) == category
                    for case, _ in flagged)
        out[category] = {"cases": len(wanted), "recall": hit / len(wanted) if wanted else 1.0,
                         "flagged": len(flagged),
                         "precision": right / len(flagged) if flagged else 1.0}
    negatives = [got for case, got in results if case.expect is None]
    out["negatives"] = {"cases": len(negatives),
                        "false_flag_rate": sum(bool(g) for g in negatives) / len(negatives)}
    return out


def main(argv: Sequence[str]) -> int:
    engine = Engine.load()
    for label, cases in {"all": ALL, **ADVICE_BATCHES, **GIFT_BATCHES, **OFFTOPIC_BATCHES}.items():
        _report(label, judge(engine, cases), verbose="-v" in argv)
    return 0


def _report(label: str, results: list[tuple[Case, set[str]]], verbose: bool) -> None:
    """Print the scores of one set of cases under `label`, then its misses when verbose."""
    print(f"== {label}")
    for name, row in scores(results).items():
        print(name, " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                             for k, v in row.items()))
    if verbose:
        for case, got in results:
            if case.expect and case.expect not in got:
                print("MISS", case.expect, case.role, case.text, sorted(got))
            elif case.expect is None and got:
                print("FALSE", case.role, case.text, sorted(got))
            elif case.expect and {g for g in got if g in CATEGORIES} - {_category(case.expect)}:
                print("EXTRA", case.role, case.text, sorted(got))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
