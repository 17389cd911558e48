"""Fourth and fifth gift batches, written from domain.md §A1, §A7 and §B1–B2 only, before reading
the lexicons or the gift detector. Batch A is for tuning; batch B is held out and measured once
at the end (never tuned on).

Messages are typed the way ward groups type: long rambling turns where the gift is one clause,
voice-to-text run-ons, typos and homophones, pinyin (hb, zz, hongbao), emoji, traditional and
spaced-out characters, English and mixed Chinese-English, relatives and third persons making the
offer, goods, meals, trips, staff soliciting or accepting, and offer-then-"收到了谢谢" threads.
Negatives are the traps of §B2 plus ordinary consultation turns.

Rows are `(expect, role, text, *context)` as in `gift_blind_batch.py`; `expect` None means no
finding; crowdfunding rows expect "off_topic" (§B2: category 5, never a gift).

First run, before any change to the detector (`python -m tests.rulepacks.quality_eval`):
A gift recall 62/101 (0.614), gift false flags 2/77 ordinary turns (relatives' 红包, asking
whether fruit is allowed); B gift recall 49/100 (0.490), gift false flags 4/78 (relatives'
红包 and transfers, asking whether 送礼物 / 包红包 is expected).
After tuning on A (structural offers: giver → thing of value → staff): A 101/101, gift false
flags 0/77. B measured once at the end and never tuned on: recall 70/100, gift false flags
0/78. B's misses (left open): typos and pinyin verbs (转帐, zz了, v医生888), paying by 二维码,
English invitations and "I have X for you", mixed "money 放您 office", hosted trips without an
invitation verb (费用我们出), 礼数 / 会表示的 promises, staff 掂量着办 / 一点表示都没有, and
bare acknowledgements whose offer the detector itself missed.
B is no longer held out: the next round (with a new held-out batch C in `gift_blind_batch3.py`)
tuned on A and B by general means and reached A 101/101, B 100/100, gift false flags 0/77 and
0/78.
"""

from __future__ import annotations

from typing import Any

P, F, D, N, A, U = "patient", "family", "doctor", "nurse", "assistant", "unknown"

Row = tuple[Any, ...]  # (expect, role, text, *context)

A_POSITIVE: list[Row] = [
    # long rambling turns, the gift one clause among many
    ("gift", F, "王主任您好，我是12床李桂芳的女儿，我妈这几天恢复得挺好的，昨天已经能下地走了，"
                "饭也吃得下了，真的太感谢您和护士们了，我们家里人商量了一下给您准备了一点心意，"
                "明天查房的时候我拿给您，您千万别推辞"),
    ("gift", P, "医生我今天出院了 回家路上想了想这段时间真的麻烦您了 微信上给您转了点 不多 "
                "就是买杯咖啡的 您收一下哈"),
    ("gift", F, "喂张医生你好我是那个三床的家属啊就是我爸手术那个事情我们想着还是要感谢一下你的"
                "我刚才在微信上给你转了两千你记得点一下收款啊不然过一天就退回来了"),
    ("gift", P, "医生您好，我是下周一手术的那个，想术前跟您见一面，给您准备了点东西，"
                "请您务必多费心"),
    ("gift", F, "主任，我爸这次住院前前后后一个多月，您半夜还过来看他，我们全家都记在心里，"
                "给您买了两条烟放在您车旁边了，别嫌弃"),
    ("gift", P, "医生我跟你说下 我明天早上八点到 空腹对吧 还有就是上次说的那个心意我也带过来 "
                "到时候当面给你"),
    # pinyin, emoji, homophones, traditional and spaced characters
    ("gift", P, "hb发你了医生 谢谢这段时间照顾"),
    ("gift", F, "zz给您了 主任 查收下"),
    ("gift", P, "医生 给你发个🧧 新年快乐"),
    ("gift", F, "💰已转 辛苦您了李医生"),
    ("gift", P, "🎁放您桌上了 一点小东西"),
    ("gift", F, "陳醫生，這是我們全家的一點心意，請您收下，禮輕情意重"),
    ("gift", P, "醫生辛苦了，給您寄了兩盒茶葉，地址是醫院的，請查收"),
    ("gift", P, "医 生 红 包 给 您 了"),
    ("gift", F, "转 账 已 发 主 任 收 一 下"),
    ("gift", P, "医生给您发了个哄包，一点心意"),
    ("gift", F, "鸿包已发医生记得领取"),
    ("gift", P, "医生我v你200 买点水果吃"),
    ("gift", P, "V您520 感谢这段时间的照顾"),
    ("gift", P, "主任 谢谢您 我 给 您 转 了 1 0 0 0"),
    ("gift", F, "hongbao发了 医生记得收 别退回来啊"),
    # English and mixed
    ("gift", F, "Dr. Wang, we transferred 1000 yuan to your WeChat, just a small thank you from "
                "the family"),
    ("gift", P, "doctor i sent u a hongbao on wechat pls accept 🙏"),
    ("gift", F, "主任 thanks a lot for everything, 给您转了个 red packet 记得收"),
    ("gift", P, "Nurse Li, bought some coffee vouchers for the whole team, 放护士站了"),
    ("gift", P, "Doc, I put some cash in an envelope under your keyboard, please keep it"),
    ("gift", F, "Can we treat the nursing team to dinner this Friday? our treat, all paid"),
    ("gift", P, "Dr Li, got you a bottle of Maotai, will bring it tomorrow"),
    ("gift", F, "thx doc!! sent 500 to ur alipay 🙏🙏"),
    ("gift", P, "doctor, here's a small red envelope 🧧 for Chinese new year, please take it"),
    ("gift", F, "The family wants to give you a shopping card, 2000 yuan, as thanks"),
    ("gift", P, "医生 sorry 群里不方便说 我wx给您zz了"),
    ("gift", F, "Dr 张 我们transfer了800给你 a little thank-you"),
    # relatives and third persons
    ("gift", F, "我妈让我跟您说一声，她给您织了条围巾还包了个红包，明天让我带过去"),
    ("gift", F, "我爸说一定要谢谢您，他让我给您转五百块钱，您别嫌少"),
    ("gift", F, "我表哥在你们医院隔壁开饭店，他说想请您和科室的人吃顿饭，您看周几方便"),
    ("gift", P, "医生，我托3床的家属给您带了个信封，他给您了吗"),
    ("gift", F, "主任，我弟弟说想请您喝杯咖啡，顺便给您带了点东西，他在楼下了"),
    ("gift", F, "主任，我让司机把东西送到您小区门口了，您方便下来拿一下吗"),
    # goods, cards, meals, trips
    ("gift", F, "主任，家里带了两条中华和一瓶五粮液，放您车上还是办公室"),
    ("gift", P, "医生 我老家的土特产 香菇木耳 给您留了一袋 在护士站"),
    ("gift", F, "给您买了张1000的超市卡，放在您白大褂口袋里了"),
    ("gift", P, "护士长，给科室每人准备了一张星巴克卡，过节了"),
    ("gift", F, "医生，我们家自己养的土鸡，杀好了给您送过去两只"),
    ("gift", P, "主任，我在宁夏，给您寄了两箱枸杞和一箱滩羊肉，注意查收快递"),
    ("gift", F, "张医生，出院了我们想请您吃个便饭，就在医院对面的酒楼，已经订好包间了"),
    ("gift", P, "周末有空吗医生？想请您和刘护士去吃个火锅，我请客"),
    ("gift", F, "主任，我们公司有个去三亚的旅游名额，机票酒店都包了，您和家人去散散心吧"),
    ("gift", P, "医生，我家在莫干山有民宿，您国庆带家人来住，免费的"),
    ("gift", P, "医生，给您买了个小礼物🎁，iPad，给孩子学习用"),
    ("gift", F, "医生我给您孩子报了个暑假夏令营，钱已经交了"),
    ("gift", F, "给您充了500话费，手机号是您群名片上那个吧"),
    ("gift", P, "医生，我给您点了个外卖，午饭别忘了吃，已经付过钱了"),
    ("gift", F, "主任您辛苦了，给您订了一束花和一个果篮，下午送到科室"),
    ("gift", F, "医生，过中秋了，我们厂里发的购物卡用不完，给您两张"),
    ("gift", P, "医生，京东E卡给您发微信了，卡密在图片里"),
    ("gift", F, "护士长，我们给科室买了台咖啡机，明天厂家来送货安装"),
    ("gift", P, "医生 我家是卖茶叶的 给您拿了两饼普洱 不值什么钱"),
    ("gift", P, "大夫，烟给您放在车里了，两条，不成敬意"),
    ("gift", P, "医生 下了飞机给您带了两盒进口巧克力和一瓶红酒"),
    ("gift", F, "张医生，我儿子在银行，给您办了张金卡，里面存了五千"),
    ("gift", P, "医生，我们一家人想请您去钓鱼，吃住我们全包，就当放松一下"),
    # money, envelopes, 表示一下
    ("gift", F, "主任，我们家属商量了，还是要表示一下，您看方便收现金还是转账"),
    ("gift", P, "医生，这次真多亏您了，我怎么也得表示表示"),
    ("gift", F, "主任，手术前我们想给您意思一下，您看是现金还是微信"),
    ("gift", P, "医生你支付宝账号多少 我给你打点钱"),
    ("gift", F, "医生，您收款码发一个，我扫一下"),
    ("gift", F, "给您寄了个快递，里面有点心意，您拆开就知道了"),
    ("gift", P, "给您的茶水费我放在您抽屉里了"),
    ("gift", F, "辛苦费给您备好了，明天查房的时候给您"),
    ("gift", P, "好处费不会少您的，床位麻烦给我们安排个单间"),
    ("gift", F, "主任，钱不是问题，只要能给我爸找个好床位，多少您说"),
    ("gift", P, "医生 我给你转了1314 别嫌少 一生平安"),
    ("gift", F, "给大夫发了个八百八的红包，图个吉利"),
    ("gift", P, "医生 这是给您的压岁钱 给孩子的 🧧"),
    ("gift", F, "医生我们凑了三千块钱，您别嫌少，帮忙多照顾一下我爸"),
    ("gift", P, "医生，一点辛苦钱，我塞你外套口袋了"),
    ("gift", F, "医生 下周我爸手术 红包我们准备好了 什么时候给您合适"),
    ("gift", P, "医生，听说你们这边要打点一下才有床位，我们准备了，您看给谁"),
    ("gift", F, "能不能私下加个微信，有点心意想当面给您"),
    ("gift", P, "王医生，上次转账您退回来了，我又转了一次，这次一定要收"),
    ("gift", F, "医生你别退了，钱就是给你的，不收我们不安心"),
    ("gift", P, "医生，刚才的转账您还没点收款，24小时后就退回了，麻烦点一下"),
    ("gift", U, "医生 我是三床的 给您发了个拜年红包 🧧 新春快乐"),
    # staff soliciting
    ("gift", D, "排手术的事情不好办，你们家属自己看着意思一下"),
    ("gift", A, "主任的号很难挂，想加号的话每次额外500，转我就行"),
    ("gift", N, "床位紧张，想要单间的话你懂的，私下找我"),
    ("gift", D, "手术我亲自做可以，不过你们也知道行情，红包按规矩来"),
    ("gift", A, "加急的话要交个加急费，直接微信给我，不走医院"),
    ("gift", D, "这个检查排队要一个月，想快点的话表示表示，我帮你插个队"),
    # staff accepting, alone or after the offer
    ("gift", D, "收到了，谢谢你们，下次别这样了", (F, "医生，给您微信转了1000，一点心意")),
    ("gift", N, "谢谢阿姨的水果，我们护士站都分了"),
    ("gift", D, "红包我先收着，手术的事你放心"),
    ("gift", D, "酒我拿回去了，谢谢老李"),
    ("gift", A, "主任说心意收到了，让你们放心", (F, "麻烦帮忙把红包转交主任")),
    ("gift", D, "已收款，谢谢", (P, "[转账] ¥1000.00")),
    ("gift", N, "卡收到了哈，谢谢，不过下次别买了"),
    ("gift", D, "收到了谢谢", (P, "医生我把茶叶放你办公室门口了")),
    ("gift", N, "好的收到啦😊", (F, "给护士站点了奶茶，外卖小哥已经送到楼下了")),
    ("gift", D, "ok收到", (F, "主任 我刚给您转了2000 您看下")),
    ("gift", D, "嗯嗯 心意领了 东西我收下了"),
]

A_NEGATIVE: list[Row] = [
    # fees, deposits, insurance, paying the hospital
    (None, P, "医生，住院押金交了五千，出院的时候多的能退吗"),
    (None, F, "医保报销比例是多少？我爸是职工医保"),
    (None, P, "医生，这个药多少钱一盒？医保能报吗"),
    (None, F, "我们已经在手机上缴费了，收费处说要打发票"),
    (None, F, "转科以后床位费怎么算"),
    (None, F, "医生，这个进口药一盒三千多，有没有便宜点的替代"),
    (None, P, "CT 300元 核磁800 都要自己付吗"),
    (None, P, "医生，挂号费50块，专家号是这个价吗"),
    (None, F, "住院预交金还剩多少，能查吗"),
    (None, P, "退费要去哪个窗口"),
    (None, F, "医生，出院带药的钱在哪里付"),
    (None, P, "医生，商业保险理赔要什么材料"),
    (None, F, "请问开诊断证明要收费吗"),
    (None, P, "医生 这个月的医保个人账户余额不够了 能自费吗"),
    (None, P, "医生 上次的检查费我多交了200 能退吗"),
    (None, F, "我爸住院期间的饭钱在哪里交，食堂饭卡怎么充"),
    (None, F, "How much does the MRI cost? Is it covered by insurance?"),
    (None, P, "Can I pay the deposit by WeChat?"),
    # 转 that is not a transfer, 红 that is not a packet, Hb
    (None, P, "医生，我想转院到省人民医院，需要什么手续"),
    (None, P, "转氨酶80多，要紧吗医生"),
    (None, P, "我这两天好转多了，咳嗽少了"),
    (None, P, "医生，病理结果说没有转移，是不是好消息"),
    (None, F, "核酸转阴了，可以出院吗"),
    (None, P, "医生我脖子上起了个红包，痒得很，是不是过敏"),
    (None, F, "孩子被蚊子咬了好多红包，能抹什么药"),
    (None, P, "检查结果 Hb 98g/L，贫血严重吗"),
    (None, P, "hb 105 plt 230 wbc 6.5 医生帮看看"),
    (None, P, "my Hb is 9.8, should I worry?"),
    (None, P, "医生，红枣红糖水产后可以喝吗"),
    (None, F, "红霉素软膏一天擦几次"),
    (None, P, "伤口周围有点发红，还有点红肿"),
    (None, P, "医生这个药一天吃两次，一次500mg对吗"),
    # thanks with no gift, banners and letters
    (None, F, "谢谢主任，您真是我们家的大恩人，我们一辈子记着您"),
    (None, P, "医生辛苦了！！！感谢感谢🙏🙏🙏"),
    (None, F, "我们给科室做了一面锦旗，明天送过去，感谢大家"),
    (None, P, "我写了一封感谢信，已经交到医院办公室了"),
    (None, F, "谢谢大夫，等我爸好了，我们给您送面锦旗"),
    (None, P, "Thank you so much doctor, you saved my life!"),
    (None, P, "祝各位医生护士中秋快乐，阖家幸福"),
    # money and goods between relatives or patients
    (None, F, "我弟给我转了两千块钱交住院费"),
    (None, P, "我妈给我发了个红包让我买点营养品"),
    (None, F, "姐，钱我转给你了，你帮爸交一下住院费"),
    (None, P, "我们几个病友凑钱团购了血糖试纸，谁还要"),
    (None, P, "医生我买了点水果给我爸，他糖尿病能吃香蕉吗"),
    (None, F, "我给我妈买了燕窝海参补身体，术后能吃吗"),
    (None, F, "doc, is it ok to bring fruit to my dad? can he eat apples"),
    # staff refusing or returning; notices; asking whether gifts are allowed
    (None, D, "心意领了，红包退回去了，好好养病"),
    (None, N, "阿姨，您的东西我们不能收，已经交给护士长退还给您了"),
    (None, D, "转账我没收，已经退回，以后别这样"),
    (None, D, "医院规定不能收患者任何东西，请理解"),
    (None, N, "各位家属，请不要给医护人员送红包和礼品，谢谢配合"),
    (None, D, "医者仁心，不收红包，大家安心治疗"),
    (None, A, "温馨提示：本院严禁收受红包，如有发现请拨打监督电话"),
    (None, D, "排手术按顺序来，不需要任何费用之外的东西"),
    (None, P, "医生，我想问一下你们这能送东西吗？怕违反规定"),
    (None, F, "请问可以给护士们买点水果吗，还是医院不允许"),
    (None, P, "病友群里有人说要送红包才能排上手术，真的吗？"),
    # crowdfunding (off-topic, not a gift)
    ("off_topic", F, "我爸的病太难了，我们在水滴筹发起了筹款，大家帮忙转发一下"),
    ("off_topic", P, "轻松筹链接，求好心人帮忙转发，谢谢大家"),
    # ordinary consultation turns
    (None, P, "医生，明天复查要带什么？"),
    (None, F, "我爸今天血压140/90，需要加药吗"),
    (None, P, "术后第几天可以洗澡"),
    (None, D, "明天上午八点空腹抽血"),
    (None, N, "请3床家属到护士站签字"),
    (None, A, "主任明天门诊，上午八点到十二点"),
    (None, P, "医生，就诊卡丢了怎么补办"),
    (None, F, "医保卡绑定在哪里操作"),
    (None, D, "不用客气，应该的，按时吃药"),
    (None, N, "谢谢理解，好好休息"),
    (None, D, "收到，我看一下片子"),
    (None, P, "收到了，谢谢医生"),
    (None, P, "医生，能不能加个号？挂不上"),
    (None, F, "主任，能不能帮忙安排个床位，我爸情况比较急"),
    (None, P, "医生，药房说这个药缺货，哪里能买到"),
    (None, P, "医生 请问咖啡能喝吗 术后一个月"),
    (None, F, "医生 我爸想喝点酒 术后多久可以"),
    (None, F, "医生 这周末我们要带我妈去三亚旅游 她能坐飞机吗"),
    (None, P, "医生 我想问下您周几门诊 我请假过来"),
    (None, P, "医生 5月20号那天能来复查吗"),
]

B_POSITIVE: list[Row] = [
    # long rambling turns
    ("gift", F, "刘医生晚上好，打扰您了，我妈今天说伤口不怎么疼了，就是晚上睡不太好，"
                "另外我们想着您这段时间太辛苦了，给您包了个红包，明天让我老公送到您办公室，"
                "还有她睡不好要不要吃点什么"),
    ("gift", P, "医生我想问下那个药是饭前吃还是饭后吃 然后我刚在微信给您转了点钱 您别嫌少 "
                "就是一点心意"),
    ("gift", F, "那个李主任啊我是七床的儿子我们全家都特别感谢你这次手术做得这么好我们也没什么"
                "好表示的就是给你准备了两瓶酒和一点土特产你看我是放你们科室还是送你家里"),
    ("gift", P, "主任，复查结果出来了，指标都正常，太开心了！给您寄了一箱阳澄湖大闸蟹，"
                "明天到，记得签收哦"),
    ("gift", F, "医生，我们下午就办出院了，这段时间麻烦您和护士们了，给大家订了下午茶，"
                "四点左右送到护士站，钱已经付过了"),
    ("gift", P, "医生 不好意思这么晚打扰 就是想说 您那个卡号能不能发我 我想把感谢费打给您"),
    # pinyin, emoji, homophones, traditional and spaced characters
    ("gift", P, "医生 hb 给您发了 麻烦点一下"),
    ("gift", F, "主任zz了 您看看到账没"),
    ("gift", P, "🧧🧧🧧给医生 辛苦啦"),
    ("gift", F, "💸转过去了医生 一点点心意"),
    ("gift", P, "医生 🎁 已经寄出 顺丰 明天到医院"),
    ("gift", F, "主任，紅包已經發給您了，請您笑納"),
    ("gift", P, "謝謝醫生，給您轉了一千，請收下"),
    ("gift", P, "给 您 包 了 个 红 包 医 生"),
    ("gift", F, "医生 红.包 发了 收一下"),
    ("gift", P, "医生给你转帐了 谢谢你"),
    ("gift", F, "医生 洪包发您了 一点小意思"),
    ("gift", P, "v医生888 感谢救命之恩"),
    ("gift", F, "主任我给您V了1000 您点一下"),
    ("gift", P, "医生 hongbao 给您 新年快乐 🧨"),
    ("gift", F, "医生，我扫了您的二维码付了五百，您看收到没"),
    # English and mixed
    ("gift", F, "Doctor Chen, my mother insists on giving you a red envelope, please don't "
                "say no"),
    ("gift", P, "sent u a wechat transfer doc, pls accept, thank u for everything"),
    ("gift", F, "谢谢 doctor！我们给您 buy 了一张 gift card 1000 块"),
    ("gift", P, "Hi nurse, left a box of chocolates and some cash for the team at the station"),
    ("gift", F, "We'd like to invite you to dinner at the Peninsula this weekend, we'll pay"),
    ("gift", P, "Dr Zhang, here is 2000 RMB for your kindness, please accept it"),
    ("gift", F, "doc i'll zz u 500 tonight, thx for squeezing us in"),
    ("gift", P, "We booked you a spa weekend as a thank-you, all paid"),
    ("gift", F, "Doctor, I have a JD card for you, 1000 yuan, as our thanks"),
    ("gift", P, "主任 我把 money 放您 office 抽屉了 别说出去哈"),
    ("gift", F, "医生 i just sent u 一个红包 check wechat pls"),
    ("gift", P, "thank you doc, a little something for you 🧧"),
    # relatives and third persons
    ("gift", F, "我老婆说您照顾得特别好，她让我给您拿两盒燕窝过去"),
    ("gift", F, "我姑姑托我问您，她想请您吃顿饭，您什么时候方便"),
    ("gift", P, "医生，我让我侄子给您送了一箱车厘子，他说放门卫了"),
    ("gift", F, "主任，我哥在外地赶不回来，他让我代他给您转了两千"),
    ("gift", F, "我们村长听说您把我爸救回来了，想给您送两只羊"),
    ("gift", P, "医生，我朋友开茶庄的，让他给您送两斤明前龙井"),
    # goods, cards, meals, trips
    ("gift", F, "护士长，我们买了些水果零食放护士站了，大家分一分"),
    ("gift", P, "医生，家里腌的腊肉腊肠，给您装了一箱，明天复查带来"),
    ("gift", F, "医生，给您弄了两张沃尔玛的购物卡，每张一千"),
    ("gift", P, "主任，给您准备了一盒西洋参和一盒冬虫夏草，补补身子"),
    ("gift", F, "医生，端午节给您送点粽子和咸鸭蛋，放您办公室了"),
    ("gift", P, "医生 给你带了条软中华 下午给你送过去"),
    ("gift", F, "大夫，我们在海底捞订了位，今晚请您和科室的几位一起吃个饭"),
    ("gift", P, "医生，国庆我们组织去云南玩，想带上您一家，费用我们出"),
    ("gift", F, "主任，给您订了两张演唱会的票，VIP座位，周六晚上的"),
    ("gift", P, "医生，我在商场给您买了件羊毛衫，不知道合不合身"),
    ("gift", F, "医生我们给您买了台按摩椅，已经下单了，填的医院地址"),
    ("gift", P, "医生，我给您办了张美容院的年卡，您爱人可以去"),
    ("gift", F, "医生 这是我们那边的特产 一点都不值钱 您尝尝"),
    ("gift", P, "给科室的医生护士们每人买了一份月饼礼盒，中秋快乐"),
    ("gift", F, "医生，我给您加油卡里充了两千，卡号就是上次您说的那个"),
    ("gift", P, "医生 我们老板说给您安排一次体检套餐 去我们那家高端的 全免"),
    ("gift", F, "医生，孩子百日宴，给您留了一桌的位置，礼金就不用了，一定要来"),
    ("gift", P, "医生，给您买了个金手镯给您爱人，不成敬意"),
    ("gift", F, "主任，儿子从国外带了两瓶洋酒，给您一瓶"),
    ("gift", P, "医生 我们家的果园 给您寄了一箱脐橙 快递单号发您了"),
    # money, envelopes, 表示一下
    ("gift", F, "主任，知道规矩，我们会表示的，您放心"),
    ("gift", P, "医生，手术的事情拜托了，该有的礼数我们一样不会少"),
    ("gift", F, "医生，我把钱放在果篮下面了，您回家再看"),
    ("gift", P, "医生，我想给您表达一下感谢，您的微信能加一下吗，我转给您"),
    ("gift", F, "主任，明天手术，我们准备了个信封，早上给您"),
    ("gift", P, "医生，您看这个数够不够，5000，不够我再加"),
    ("gift", F, "给您封了个大红包，您一定收下，不然我妈不放心做手术"),
    ("gift", P, "医生，我给您卡上打了3000，您查一下"),
    ("gift", F, "红包医生您收了吧，大家都这么做的"),
    ("gift", P, "医生，给您发了个66的红包，六六大顺"),
    ("gift", F, "医生，我把感谢金打到您支付宝了"),
    ("gift", P, "医生 这一千块您拿着 买点营养品"),
    ("gift", F, "咖啡钱给您转了哈，医生别客气"),
    ("gift", P, "医生，转账您怎么又退了，再收一次吧，不然我睡不着"),
    ("gift", F, "主任 辛苦了 给您发个大的 祝您家庭幸福"),
    ("gift", P, "医生，我让我女婿给您送了个信封，里面是一点心意"),
    ("gift", F, "医生，麻烦把收款码发我一下，我们想谢谢您"),
    ("gift", U, "主任好 我是5床家属 红包已经转给您了 请查收"),
    ("gift", P, "医生，给您转了2000块，术后麻烦您多来看看我"),
    ("gift", F, "大夫，请您务必收下这点心意，不然我们心里过意不去"),
    # staff soliciting
    ("gift", D, "想让我主刀的话，你们自己掂量着办"),
    ("gift", N, "床位的事我可以帮你问问，不过要意思一下"),
    ("gift", A, "专家号要另外给辛苦费，200，转我微信"),
    ("gift", D, "别人家都懂规矩，你们怎么一点表示都没有"),
    ("gift", A, "主任那边我帮你打点好了，你把钱转给我就行"),
    ("gift", D, "私下给我转就行，别走医院的账"),
    # staff accepting, alone or after the offer
    ("gift", D, "收到啦，谢谢，您太客气了", (P, "医生，给您发了个红包🧧，新年快乐")),
    ("gift", N, "好的好的，谢谢叔叔的月饼", (F, "给护士站带了两盒月饼，中秋快乐")),
    ("gift", D, "钱收到了，下不为例哈"),
    ("gift", D, "红包收了，放心吧，手术我亲自做"),
    ("gift", A, "主任让我跟您说一声，东西他收到了"),
    ("gift", D, "好的谢谢", (F, "主任，卡给您放抽屉了，一点心意")),
    ("gift", N, "收到了，替我们谢谢阿姨", (F, "护士长，我妈给护士们买了点水果，在楼下")),
    ("gift", D, "已领取，谢谢", (P, "🧧恭喜发财，大吉大利")),
    ("gift", D, "东西我收了，以后不用这样"),
    ("gift", N, "谢谢大哥的烟，我给主任了"),
    ("gift", P, "医生，出院前想请您和护士们聚个餐，地方你们挑，我买单"),
    ("gift", F, "主任，这张卡里有两万，密码是您手机后六位，拜托了"),
    ("gift", P, "大夫 你把银行卡发我 我给你打两千过去 别跟别人说"),
    ("gift", F, "医生，我们在您车后备箱放了两箱茅台"),
    ("gift", P, "醫生，過年給您寄了些臘肉和年貨，一點小意思"),
]

B_NEGATIVE: list[Row] = [
    # fees, deposits, insurance, paying the hospital
    (None, P, "医生，住院押金要交多少，可以微信付吗"),
    (None, F, "我们是新农合，报销比例大概多少"),
    (None, P, "这个靶向药一个月两万，医保能报多少"),
    (None, F, "收费处说还要补交三千，这个是什么费用"),
    (None, P, "医生，门诊缴费可以用支付宝吗"),
    (None, F, "请问出院结算要带什么，发票在哪里开"),
    (None, P, "医生，复印病历要收费吗，多少钱一页"),
    (None, F, "医生，这个自费药大概多少钱，我们心里有个数"),
    (None, P, "起付线是多少，我今年已经住过一次院了"),
    (None, F, "我们的就诊卡里充了1000，还剩多少能查吗"),
    (None, P, "医生，检查费用太贵了，能不能少做几项"),
    (None, F, "床位费一天多少钱，单间贵多少"),
    (None, P, "医生 我在网上看这个药才80一盒 医院卖150 为啥"),
    (None, F, "Can we pay the hospital bill by Alipay?"),
    (None, P, "The pharmacy says this drug costs 300 yuan, is there a cheaper one?"),
    (None, F, "商业保险理赔需要盖章的发票和出院小结吗"),
    # 转 that is not a transfer, 红 that is not a packet, Hb
    (None, P, "医生，我想转诊到北京，您能帮忙开转诊单吗"),
    (None, F, "我爸转到ICU了，什么时候能转回普通病房"),
    (None, P, "转氨酶升高是不是吃药引起的"),
    (None, F, "医生说病情好转了，是真的吗"),
    (None, P, "肿瘤标志物都转阴了，谢谢医生"),
    (None, F, "有没有骨转移要做什么检查"),
    (None, P, "腿上起了个红包，有点硬，是不是发炎了"),
    (None, F, "孩子脸上长了好几个小红包，痒"),
    (None, P, "血红蛋白 Hb 115，比上次高了"),
    (None, P, "HB 9.2g/dL 要输血吗"),
    (None, P, "红细胞偏低，红斑也没消"),
    (None, F, "医生，红光治疗一次多少时间"),
    (None, P, "医生，红参能和降压药一起吃吗"),
    (None, P, "医生 一天吃两片 每片0.5g 对吗"),
    # thanks with no gift, banners and letters
    (None, F, "真的太感谢您了主任，没有您我爸就没了"),
    (None, P, "谢谢护士姐姐们这几天的照顾，爱你们❤️"),
    (None, F, "主任，我们做了面锦旗，写着妙手回春，下周送过去"),
    (None, P, "我在医院公众号上给您写了表扬信"),
    (None, F, "Thank you doctor, our whole family is grateful"),
    (None, P, "医生，新年快乐！祝您身体健康万事如意"),
    (None, F, "谢谢医生，我一定在网上给您好评"),
    # money and goods between relatives or patients
    (None, F, "哥，我给你转了五千，你先把住院费交了"),
    (None, P, "我女儿给我发了红包，让我住院别省钱"),
    (None, F, "妈，钱收到了吗，我刚转给你"),
    (None, P, "隔壁床大姐借了我200块买饭，我还给她了"),
    (None, F, "我给我爸买了两箱牛奶，他能喝吗"),
    (None, P, "病友们，谁要一起拼车回县城，车费AA"),
    (None, F, "我儿子给我买了个按摩椅，术后能用吗"),
    # staff refusing or returning; notices; asking whether gifts are allowed
    (None, D, "您的心意我领了，但是红包不能收，已经退回了"),
    (None, N, "阿姨您的水果我们不能要，您拿回去给叔叔吃"),
    (None, D, "转账已退还，医院有规定，谢谢理解"),
    (None, D, "购物卡我交到纪检办了，会退还给您，以后千万别这样"),
    (None, A, "主任说了，红包一律不收，请家属不要再送"),
    (None, N, "红包已经充到您的住院费里了，请在账单上查看"),
    (None, D, "不用送东西，病好了就是对我最大的感谢"),
    (None, P, "请问给医生送锦旗可以吗，送礼物是不是不允许"),
    (None, F, "我们这边是不是要给主任包红包？不包会不会不好好做手术"),
    (None, P, "听说送红包违法是吗，我们不太懂"),
    # crowdfunding (off-topic, not a gift)
    ("off_topic", F, "各位好心人，我弟弟白血病，水滴筹链接在下面，求转发"),
    ("off_topic", P, "众筹已经筹了三万了，谢谢大家的帮助"),
    # ordinary consultation turns
    (None, P, "医生，术后饮食要注意什么"),
    (None, F, "我妈今天有点发烧，38度2，要紧吗"),
    (None, P, "伤口有点渗液，需要换药吗"),
    (None, D, "明天把之前的片子带过来"),
    (None, N, "请家属下午两点到护士站领取出院带药"),
    (None, A, "主任下周出差，复诊请改约周四"),
    (None, P, "医生，化疗期间能吃水果吗"),
    (None, F, "我爸的病历本落在病房了，明天来拿"),
    (None, D, "不客气，有问题随时群里问"),
    (None, N, "收到，稍后给您回复"),
    (None, D, "收到了，结果正常，不用担心"),
    (None, P, "好的收到，谢谢医生"),
    (None, P, "医生 能不能帮我提前安排一下手术 我请不了太久的假"),
    (None, F, "主任，想麻烦您帮忙看一下片子，我发您微信了"),
    (None, P, "医生，吃饭的时候能喝一点啤酒吗"),
    (None, F, "医生 我们想出院后去海南疗养 可以吗"),
    (None, P, "我把检查报告转发给您了，麻烦看一下"),
    (None, F, "医生，这个药我们在网上买的，给您看一下包装"),
    (None, P, "医生 这个茶叶可以泡水喝吗 我在吃华法林"),
    (None, U, "请问一下周日门诊开吗"),
    (None, P, "医生，我转了三家医院了，都说要手术"),
    (None, F, "我们在医院门口的超市买了水果，病人能吃吗"),
    (None, P, "出院小结上写的红细胞压积是什么意思"),
    (None, D, "费用的问题请咨询收费处，群里不讨论价格"),
]
