"""Sixth gift batch (C), held out: written from domain.md §A1, §A7 and §B1–B2 and the list of
batch B's miss classes only, without re-reading the rows of batches A and B, so it is not a
paraphrase of them. Measured once before the tuning of A and B and once at the end; never tuned
on.

Writers vary: patients, relatives, a ward-wide "unknown" sender, doctors, nurses and assistants
soliciting or accepting. Messages are long voice-to-text run-ons or two words, with typos and
homophones (红宝, 转帐, 轉帳), pinyin (hongbao, zfb, vx), emoji, traditional characters, English
and mixed Chinese-English; goods, cards, meals, hosted trips, gifts to a staff member's family,
promises to "show appreciation", and staff acknowledging an earlier offer in context. Negatives
are §B2 traps (红疹 and 红苞 on the skin, 转诊, Hb, deposits and hospital accounts, 费用我们自己出
for an implant, 锦旗) and look-alikes of the new offer frames ("I have a question for you",
我请了护工, gifts to the writer's own family, 东西放您桌上 for a scan).

Rows are `(expect, role, text, *context)` as in `gift_blind_batch.py`.

First run, before any change to the detector (`python -m tests.rulepacks.quality_eval`):
gift recall 67/106 (0.632), gift false flags 0/81 ordinary turns. Misses: acknowledgements
after an offer in context (收到了…太客气了, 已收, 东西他收到了), 红宝 / 红bao / 转帐 / spaced
转 帐, zfb, English offers ("I have some cash for you", "take you out for dinner", "accept this
little gift"), trips and treats with no invitation verb (费用全包, 吃住我包, 免单), 礼数 and 好处费
promises, gifts to a staff member's family (您爱人…给他买了), staff hints (心里有数, 懂点事, 这个数
不太够) and goods left in a named place (放您车上, 在你柜子上).
After tuning on A and B only (typo and homophone gift words, QR-code payment, English offer
frames, hosted trips and meals, promised gifts, staff asking to be paid, runs of
acknowledgements, gifts to a staff member's relative via 他/她): C measured once at the end,
recall 87/106 (0.821), gift false flags 0/81. (An overall report run between the two tuning
commits also printed C's total, 84/106; no row of C was looked at then and nothing was changed
for C afterwards.) Still missed: meals offered with 吃个便饭 and no treat verb, zfb as a verb,
goods left in 包里 / 柜子上 / 车上 with no quantity, bare 💵 and 这个是您的, staged transfers
(先转一半), trips with 费用全包 where the outing word is a place name (三亚), staff inviting a
gift (带上心意), haggling (这个数不太够), and staff replies whose acceptance is implicit (钱到了,
周六见, 我就不客气了 with 你们真是的, 已收 followed by a schedule).
C is no longer held out: the next round tuned on it by general means (meals with staff as
company, payment channels as verbs, transfers in parts, things left in a staff member's own
place or said to be theirs, staff invited along, goods by the count with urging; staff asking
for a gift to be brought, haggling, receipt opening a longer reply, agreeing to meet after an
invitation, money said to have arrived) and reached 106/106, gift false flags still 0/81;
A 101/101 and B 100/100 unchanged.
"""

from __future__ import annotations

from typing import Any

P, F, D, N, A, U = "patient", "family", "doctor", "nurse", "assistant", "unknown"

Row = tuple[Any, ...]  # (expect, role, text, *context)

POSITIVE: list[Row] = [
    # goods, cards and money, long and short
    ("gift", F, "刘主任 我妈出院手续办好了 这些天辛苦您了 刚在楼下给您买了两箱车厘子 "
                "让护工送到您办公室了"),
    ("gift", P, "医生你支付宝账号多少 我想表示一下感谢"),
    ("gift", F, "护士长 科室的小姑娘们太辛苦了 我订了20杯喜茶 一会儿外卖送到护士站 大家分分"),
    ("gift", P, "张大夫，手术很成功，我这边给您微信转了1888，图个吉利，千万别退"),
    ("gift", F, "医生，下礼拜我爸做支架，想提前跟您吃个便饭，聊聊手术的事，地方您定"),
    ("gift", P, "v你520了医生 收下吧"),
    ("gift", F, "我侄子在卖茅台 给主任留了一箱 回头给您送家里去"),
    ("gift", P, "主任 小小心意不成敬意 卡里有五千 密码是卡号后六位"),
    ("gift", P, "医生您好 我在京东上给您买了个按摩仪 寄到科室了 注意查收哦"),
    ("gift", F, "护士们好 端午节到了 粽子和咸鸭蛋放护士站了 大家趁热吃 感谢这些天对我婆婆的照顾"),
    ("gift", F, "王医生，我们老家的土鸡蛋和腊肉给您留了一份，明天我老公开车送过来"),
    ("gift", F, "主任，床位的事麻烦您了，这是一点辛苦费，我放您抽屉里了"),
    ("gift", P, "医生新年好🧨🧨 拜个早年 发了个红包 图个喜庆 大吉大利"),
    ("gift", P, "[转账]￥1314.00 医生这是我的一点心意"),
    ("gift", F, "[Red Packet] 谢谢医生救了我爸"),
    ("gift", P, "医生 zfb转你了 看下到了没"),
    ("gift", F, "大夫 卡号发我一下 我给您打点钱过去 就当买点营养品"),
    ("gift", P, "小刘护士 谢谢你每天给我扎针 奶茶钱给你转了 52块 秋天的第一杯奶茶🧋"),
    ("gift", F, "主任辛苦，中秋送您两盒五仁月饼和一瓶五粮液，东西在门卫那边，报您名字就能拿"),
    ("gift", F, "医生，这个信封您收着，就是一点心意，别让别人看见"),
    ("gift", P, "医生我知道您不收 但这次您一定得收下 我已经放你包里了"),
    ("gift", F, "医生，我们托人从新西兰带了两罐蜂蜜和几盒保健品，您别嫌弃"),
    ("gift", P, "主任我给您充了一年的话费，号码是您名片上那个，一点小意思"),
    ("gift", F, "大夫 给您买了个iPad 放您车后备箱了 密码我一会发您"),
    ("gift", P, "医生 加你微信了 通过一下 想私下发个红包感谢你"),
    ("gift", P, "医生，这是我自己绣的十字绣和一千块钱，放在您科室门口的柜子里了"),
    ("gift", P, "王护士 那个化妆品套装是给你的 在你柜子上 一点小礼物"),
    ("gift", P, "大夫 您辛苦了 我让快递给你寄了一箱五常大米和一桶油 到了签收一下"),
    ("gift", F, "医生 我把钱夹在病历本里了 您翻一下 别让别人看到"),
    ("gift", P, "主任，烟我给您放车上了，就那个软中华，您抽着"),
    ("gift", P, "💵💵💵 医生 这个是您的 辛苦啦"),
    ("gift", F, "主任 🎁🎁 给您准备的 在您办公室 小东西不值钱"),
    ("gift", P, "医生，这是我们老家的特产，一点心意，您尝尝，不收就是看不起我们"),
    ("gift", F, "医生，小宝满月了，我们给科室每人包了一个红包，沾沾喜气"),
    ("gift", P, "医生 红包 200 一点心意 请您喝个咖啡 ☕"),
    ("gift", U, "各位医生护士 我是17床的家属 刚才给大家每人转了200 感谢大家的照顾 请不要退"),
    ("gift", F, "主任 vx上给您发了个🧧 记得领取"),
    ("gift", F, "医生 你收款码能不能发一下 我想直接付给你 不走医院"),
    ("gift", P, "送您一瓶好酒 茅台飞天 就当交个朋友 医生您别推"),
    ("gift", F, "医生您看要不要这样 我们先给您转一半 手术做完再转另一半"),
    ("gift", P, "护士长～护士节快乐💐 送大家一束花和几张美容卡 放护士站了"),
    ("gift", F, "医师节快乐！李主任，我们给您订了个蛋糕和一个小红包，下午送过去"),
    ("gift", P, "医生：我的一点心意1000元已通过银行转账，请注意查收。患者赵某某"),
    ("gift", P, "医生 你明天夜班吧 我给你点了夜宵 外卖到了我让骑手送上去"),
    # typos, homophones, pinyin, traditional characters, voice-to-text run-ons
    ("gift", P, "医生 這是一點小心意 請笑納 已經轉帳了"),
    ("gift", F, "医生红宝已发，请查收"),
    ("gift", P, "医生 红bao 给你发了 别退哈"),
    ("gift", P, "hongbao 发您了医生 谢谢您这段时间"),
    ("gift", P, "医生 上次说的那个事 我已经转帐了 你核对一下 2k"),
    ("gift", F, "医生我刚刚用语音转文字说的可能有错别字哈就是想说我们给您转了一千块钱表示感谢"
                "您别退回来"),
    ("gift", P, "嗯嗯那个医生就是我刚才跟我老婆商量了一下就是说出院之前呢我们想给你意思一下"
                "你看你是喜欢喝茶还是喝酒我们就买"),
    ("gift", F, "喂李医生我跟你说我们家老爷子的事情啊我们商量好了等他手术完了我们全家请你去海边"
                "玩几天酒店机票都我们来订你就负责放松"),
    ("gift", P, "醫生您辛苦了 給您準備了一盒燕窩 明天複診帶過去"),
    ("gift", F, "主任 转 帐 已 完 成 请 您 查 收"),
    ("gift", P, "医生 给您发了个洪包 一点点心意"),
    # English and mixed
    ("gift", P, "doctor li, thank u so much for the surgery!! I transferred 2000 to ur wechat, "
                "pls accept 🙏"),
    ("gift", F, "Dr Chen we'd like to take you out for dinner this weekend to say thanks, "
                "any restaurant you like"),
    ("gift", P, "Got you a Starbucks gift card, left it at the nurses station with your name "
                "on it"),
    ("gift", F, "主任 your 红包 我放在你白大褂口袋里了 don't refuse please"),
    ("gift", F, "Doctor thank you for taking care of my dad, here is a small token of our "
                "appreciation 🧧"),
    ("gift", P, "dr wang pls accept this little gift from us, it's just some chocolates "
                "and wine"),
    ("gift", F, "I've put some cash in an envelope for you under the fruit basket, "
                "please keep it"),
    ("gift", P, "Nurse Zhang, let me buy you and the team lunch tomorrow, my treat"),
    ("gift", F, "主任 my brother 从美国给您带了 a bottle of whisky and some vitamins, "
                "下次复诊带给您"),
    ("gift", P, "医生 I left a little envelope in your drawer 😊 千万别退"),
    ("gift", P, "doc I have some cash for you, just a thank you, can I drop by your office?"),
    # paying by QR code, trips and treats with no invitation verb, promises
    ("gift", P, "医生 我扫了您桌上那个二维码 付了600 算是感谢费"),
    ("gift", P, "主任，五一我们组织去三亚，您和嫂子一起来吧，费用全包"),
    ("gift", P, "医生 高铁票给您订好了 下周去我们那边玩 吃住我包"),
    ("gift", F, "医生你好，我弟弟开了家饭店，以后您去吃饭都免单，报我名字就行"),
    ("gift", F, "主任 我们单位有几张温泉度假村的券 给您留了两张 周末带家人去放松下"),
    ("gift", P, "主任 我那个朋友开的是健身房 给您办了张年卡 您有空去练练"),
    ("gift", F, "医生我家在郊区有个农家乐 周末您和同事来玩 全部免费 吃住都算我们的"),
    ("gift", P, "大夫，周末想约您去打高尔夫，场地我都订好了，车也安排了，钱您不用管"),
    ("gift", P, "主任您放心 规矩我懂 手术完了少不了您的"),
    ("gift", F, "医生您尽管放心 该有的礼数我们一样都不会少"),
    ("gift", F, "主任 我爸的手术能不能早点排 好处费不会少您的"),
    ("gift", P, "医生 这次全靠您了 等我出院一定好好谢谢您 不会让您白忙的"),
    # gifts to a staff member's family
    ("gift", F, "医生，我们知道您不方便收，所以直接给您女儿的账户打了点钱，给她买学习用品"),
    ("gift", P, "主任 您父亲不是住在我们小区吗 我给老人家送了两箱牛奶和水果过去了"),
    ("gift", F, "医生，上次听您说您爱人腰不好，我给他买了个按摩椅，已经送到您家楼下了"),
    ("gift", F, "听说主任女儿下个月结婚 我们准备了个大红包 到时候托人带给她"),
    ("gift", F, "护士长 你上次说你女儿喜欢那个牌子的包 我给她买了一个 明天带来"),
    ("gift", F, "医生，给您孩子报了个暑假的钢琴班，学费我们已经交了，让孩子去上就行"),
    # staff soliciting or hinting
    ("gift", D, "手术可以提前 不过你们也知道现在床位紧 该怎么做你们心里有数"),
    ("gift", D, "加床的话要另外给点 直接微信给我就行 别走医院账"),
    ("gift", A, "主任这周的号都满了 想加号的话 一个号500 微信转我 我给你们安排"),
    ("gift", N, "阿姨你们也懂点事 别的床都给护士站买水果了"),
    ("gift", D, "术前家属来我办公室一趟 带上心意 具体的当面说"),
    ("gift", D, "这个数不太够啊 别的家属都是这个数的两倍"),
    ("gift", D, "手术费是医院的 我的那份你们自己看着给"),
    ("gift", A, "王主任的意思是 手术前家属最好表示一下 你们自己掂量"),
    # staff accepting, in the message or after an offer in context
    ("gift", D, "收到了 谢谢你们 太客气了", (F, "主任 刚才给您转了3000 一点心意")),
    ("gift", N, "谢谢阿姨的水果 我们大家都吃了 很甜"),
    ("gift", D, "东西我收下了 下次别这样了", (P, "医生 给您带了两盒燕窝 放您桌上了")),
    ("gift", D, "好的 心意领了 钱我就留着了 谢谢"),
    ("gift", N, "红包收到啦🙏 谢谢叔叔 祝叔叔早日康复"),
    ("gift", D, "已收，谢谢。手术安排在周四。", (F, "[转账]¥5000.00")),
    ("gift", A, "主任让我跟您说 东西他收到了 谢谢您", (F, "给主任带了两条中华 在前台")),
    ("gift", D, "哎呀你们真是的 那我就不客气了 谢谢啊",
     (P, "医生 请你吃顿饭 周六晚上 地方订好了")),
    ("gift", D, "行 周六见 我带我爱人一起",
     (F, "主任 周六我们在海鲜酒楼订了包间 请您和家人吃个饭")),
    ("gift", D, "卡我收下了 密码发我一下", (P, "主任 给您一张购物卡 一点心意")),
    ("gift", N, "谢谢你们的蛋糕 大家都很开心 下次不用这么破费了"),
    ("gift", D, "钱到了 你爸那个床位明天就能安排"),
    ("gift", D, "好的收到了～你们真是太客气了🙏", (F, "医生 给您寄了点家乡的腊肠 一点心意")),
    ("gift", N, "thanks for the flowers and the chocolates, the girls loved them 😊"),
]

NEGATIVE: list[Row] = [
    # skin bumps, lab values, transfers between wards, referrals
    (None, P, "手臂上起了一片红疹子 还有几个小红包 是不是过敏"),
    (None, F, "孩子脖子后面长了个红包包 摸着软软的 要紧吗"),
    (None, P, "孩子手上起了红苞 痒得厉害 能涂什么"),
    (None, P, "医生 我的转氨酶 ALT 85 是不是很高"),
    (None, F, "我爸转到ICU了吗 家属什么时候能探视"),
    (None, P, "医生说要转诊到省医院 转诊单在哪开"),
    (None, P, "HB 92g/L 需要补铁吗"),
    (None, P, "我的hb 才 88 医生说贫血 要输血吗"),
    # fees, deposits, invoices, hospital accounts
    (None, F, "住院押金还要再交5000吗 我们刚交过"),
    (None, P, "出院结算 医保报了多少 自费大概3000 对吗"),
    (None, P, "医生 我在手机上缴费了 显示成功 但是没发票"),
    (None, F, "医生 单位报销要发票和费用清单 在哪里打印"),
    (None, P, "我转账给医院的对公账户交住院费 要备注什么"),
    (None, F, "医院的转帐信息在哪 我们要交预交金"),
    (None, F, "手术费用大概多少 医保能报多少"),
    (None, P, "挂号费50 线上付可以吗"),
    (None, P, "请问医院的收款码是哪个 我要交检查费"),
    (None, P, "费用我们自己出 能不能用进口的支架"),
    (None, F, "主任 下次复查我们自费做个PET-CT 大概多少钱"),
    (None, P, "医生 这次住院一共花了两万多 太贵了"),
    (None, P, "我们是自己开车来的 停车费怎么算"),
    (None, P, "医生 我的医保卡充值了500 能挂号吗"),
    (None, P, "我在药店买药花了500 能报销吗"),
    (None, P, "住院的伙食费怎么算 可以自己带饭吗"),
    # documents and scans handed over
    (None, P, "我把上次的检查报告转给您了，麻烦您看看"),
    (None, F, "视频我转发到群里了 你们看看我爸这个走路姿势正常吗"),
    (None, P, "医生 给您带了以前的片子 放您桌上了"),
    (None, F, "主任 我们的检查资料放您办公室门口了"),
    (None, P, "医生 我爸说他有个东西要给你看 是他以前的病历"),
    # greetings and non-monetary thanks
    (None, P, "新年好！祝各位医生护士新春快乐 身体健康 🧨"),
    (None, F, "中秋节快乐 祝医护人员阖家幸福"),
    (None, P, "医师节快乐！致敬每一位白衣天使👩‍⚕️"),
    (None, P, "感谢医生 我们做了一面锦旗 下周送到科室"),
    (None, F, "写了一封表扬信给医院 表扬李医生和护士们"),
    (None, P, "医生辛苦了 这么晚还回消息 谢谢您"),
    (None, P, "谢谢医生的建议 我会按时吃药的"),
    (None, F, "Thanks so much doctor, you're the best 🙏"),
    # food, drink and tonics as diet questions
    (None, P, "医生 我能吃月饼吗 血糖有点高"),
    (None, P, "燕窝海参这些补品 术后可以吃吗"),
    (None, F, "我爸能喝点白酒吗 他一天不喝难受"),
    (None, P, "红枣枸杞泡水喝有用吗"),
    (None, P, "医生 红霉素软膏可以涂伤口吗"),
    (None, F, "医生 我们想给孩子买点零食 住院期间能吃吗"),
    # money and gifts inside the family or among friends
    (None, F, "我妈过生日 想给她买个按摩椅 她腰椎间盘突出能用吗"),
    (None, P, "我给我女儿买了一箱牛奶 她做完手术可以喝吗"),
    (None, F, "过年给孩子包了红包压岁钱 孩子发烧能出门拜年吗"),
    (None, P, "家里人群里发红包 我抢了8块 哈哈 心情好多了"),
    (None, P, "我给我妈转了2000 让她自己交住院费"),
    (None, F, "家里给我打了5000块 够住院费吗"),
    (None, F, "我爸说要请全村人吃饭庆祝出院 哈哈"),
    (None, P, "出院后我请朋友吃了顿饭 喝了点酒 会影响伤口吗"),
    (None, F, "我们想给我爸请个护工 医院有推荐的吗"),
    (None, P, "我请了护工 一天300 贵不贵"),
    # 请 / invite / treat / send look-alikes in English
    (None, P, "I'll send you my blood test results tonight, doctor"),
    (None, P, "Doctor, I have a question for you about my medication"),
    (None, P, "can I treat my wound with iodine or just saline?"),
    (None, F, "my dad wants to invite his friend to visit him, is it allowed?"),
    (None, P, "医生 how much money for the MRI? 医保 cover吗"),
    (None, F, "We paid the deposit at the cashier, do we need to bring the receipt?"),
    (None, F, "主任 我们想请您帮忙会诊一下 可以吗"),
    (None, P, "医生 我请假条需要您签字 在哪找您"),
    # staff refusing, returning, warning; acknowledgements of ordinary messages
    (None, D, "请家属不要给医护人员送红包送礼 一经发现严肃处理"),
    (None, N, "阿姨 红包已经退回去了 心意我们领了"),
    (None, D, "钱已经原路退回 请不要再转了 谢谢理解"),
    (None, D, "水果我让护工退给你们了 我们有规定不能收"),
    (None, D, "收到，报告我看了，下周复查"),
    (None, N, "收到 谢谢配合", (P, "护士 我已经按时吃药了 血压135/85")),
    (None, D, "不客气 应该的", (P, "谢谢医生 今天感觉好多了")),
    (None, D, "收到啦 您太客气了 有事随时说", (P, "谢谢医生这些天的照顾，您辛苦了")),
    (None, D, "收到，我跟主任说一下", (F, "主任，我爸今天拉了三次，要紧吗")),
    (None, N, "谢谢阿姨的理解 我们会注意的", (F, "昨天晚上隔壁床太吵了")),
    (None, D, "谢谢你们的锦旗 应该的", (F, "主任 锦旗下午送到科室了")),
    # ordinary ward traffic
    (None, D, "下周一上午门诊 需要的可以来挂号"),
    (None, N, "明天空腹抽血 早上7点到护士站"),
    (None, D, "这个片子看起来恢复得不错 继续吃药"),
    (None, U, "请问17床的家属在吗 护士站找你"),
    (None, D, "术前准备：禁食8小时，家属签字"),
    (None, P, "医生 礼拜天能出院吗 家里有点事"),
    (None, P, "医生您说的那个药 在京东上买要多少钱"),
    (None, P, "护士站的电话是多少"),
    (None, P, "我的花粉过敏又犯了 吃什么药"),
]
