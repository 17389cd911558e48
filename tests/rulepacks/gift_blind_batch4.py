# ruff: noqa: E501  (data: one chat message per row, as written)
"""Gift batch D, written by a helper that never read the gift detector, its lexicons or the
earlier batches (only domain.md §B1–B2, §A7). Held out until measured: first run 91/121 (0.752),
gift false flags 4/96, while batch C was being tuned on; 94/121 (0.777), 4/96 after that round
(85b3fab). From then on it is a tuning batch like A–C: 121/121, gift false flags 0/96 after the
round that opened it (2 of the 4 flags were off-topic's fundraising, not gifts).

Rows: (expect, role, text, *context)
  expect  -- "gift" for positives, None for negatives
  role    -- sender role of `text`
  context -- optional (role, text) tuples of earlier messages in the same chat
"""

from __future__ import annotations

P, F, D, N, A = "patient", "family", "doctor", "nurse", "assistant"

POSITIVE = [
    # ---- direct red packets / transfers, plain voice ----
    ("gift", P, "张医生，给您发了个红包，一点心意，请务必收下"),
    ("gift", F, "李主任 我爸手术多亏您了 微信转您两千 您别退啊"),
    ("gift", P, "刘大夫我刚支付宝转了您1000块，感谢您这段时间照顾"),
    ("gift", F, "王医生，红包我塞您白大褂口袋里了，明天手术拜托您了"),
    ("gift", P, "[转账] ¥800.00 给周医生 备注：辛苦费"),
    ("gift", F, "[红包] 恭喜发财，大吉大利！陈主任辛苦了"),
    ("gift", F, "已转", (D, "术前该准备的你们家属心里有数吧，规矩你知道的")),
    ("gift", P, "转您了，点一下收款哈", (P, "赵医生，您微信号多少？我想表示表示")),
    ("gift", F, "张医生，转账您怎么又退回来了，就是一点茶水费，您再点一下收款吧"),
    ("gift", P, "医生收一下吧 不多 就两百 给您买包烟抽"),
    # ---- old people's voice-to-text, no punctuation ----
    ("gift", P, "李医生你好我是三床老王的老伴这次多亏你了我给你拿了两条烟一瓶酒放在你办公室门口那个柜子里了你一定收下啊"),
    ("gift", P, "孙大夫我是那个做膝盖的老刘头我让我孙女在手机上给你转了五百块钱你点一下不点的话她说会退回来"),
    ("gift", F, "护士长你好我老伴住院这些天你们护士天天给他翻身擦身子我买了两箱牛奶一箱苹果放在护士站了大家分着喝"),
    ("gift", P, "王主任过年好我们家自己杀的年猪给你留了一条后腿肉下礼拜复查给你带过去"),
    ("gift", P, "周医生我那个钱给你打到卡上了你看看收到没有就是那个工商银行的卡号你上回写给我的"),
    # ---- young people's slang / pinyin / emoji ----
    ("gift", F, "医生 hb发您了 记得领哈🧧"),
    ("gift", F, "zz给您了 520 秋天的第一杯奶茶🧋 请您和护士姐姐们喝"),
    ("gift", P, "陈医生wx转您了，就当请您喝咖啡☕️"),
    ("gift", F, "护士小姐姐辛苦啦🥺 V你们52 奶茶钱 别客气"),
    ("gift", P, "zfb转了1k 一点点心意 感谢大夫救命之恩🙏🙏"),
    ("gift", F, "医生 刚给您发了个🧧 888 图个吉利 手术顺顺利利"),
    ("gift", P, "💰💰已转 谢谢主任 您就收下吧 不然我睡不着"),
    ("gift", F, "姐妹们夜班辛苦了🎁给你们点了喜茶，骑手说十分钟到护士站"),
    ("gift", P, "主任yyds！！术后一点都不疼 红包已发 不许退😤"),
    # ---- typos / homophones ----
    ("gift", F, "王医生给您发了个哄包，小小心义，别嫌少"),
    ("gift", P, "医生我给你转帐了五百，麻烦你多照顾下我老公"),
    ("gift", F, "刘大夫，红抱放您抽屉了，我妈让一定给您"),
    ("gift", P, "张医生 给你微信转了点钱 一点薄意 望笑纳"),
    ("gift", F, "主任，那个信风我放您包里了，明天我爸的手术就拜托了"),
    # ---- traditional characters ----
    ("gift", F, "王醫生，這是一點心意，紅包請您務必收下，感謝您救了我媽媽"),
    ("gift", P, "陳主任，已經用微信轉帳給您三千元，不成敬意，請收下"),
    ("gift", F, "林護士，我從香港帶了兩盒燕窩給您，放在護士站櫃檯了"),
    # ---- English / mixed ----
    ("gift", F, "Dr. Chen, I sent you a small WeChat transfer as a thank-you, please accept it 🙏"),
    ("gift", F, "Hi nurse Amy, I left a Starbucks gift card at the nurses' station for you and the team. Thanks for everything!"),
    ("gift", P, "李医生 我zz了888给您 just a little thank you, please don't return it"),
    ("gift", F, "Doctor Wang, my dad insists on taking you out for dinner after discharge, we'll pay of course. Which night works for you?"),
    ("gift", F, "Sent you 2000 RMB on Alipay for the extra care with my mom, please keep it 😊"),
    ("gift", P, "张大夫 I bought you a bottle of wine from France, 放您办公室门口了"),
    ("gift", F, "Dr Liu, we want to book you a weekend trip to Sanya as thanks, all paid. Just tell me your ID number for the flight."),
    ("gift", P, "护士们 I ordered bubble tea for the whole night shift on Meituan 🧋 should arrive by 10pm"),
    ("gift", F, "Doc, V你520 thanks for saving my grandpa ❤️"),
    ("gift", F, "Professor Zhao, the JD card code is in your DMs, 2000 yuan, please use it for anything you like"),
    # ---- platforms / third persons / delivery ----
    ("gift", F, "我让我儿子用支付宝给您转了1000，他说转到您手机号那个账户了，您查收一下"),
    ("gift", P, "京东E卡卡密私信发您了，面值一千，您直接绑定就能用"),
    ("gift", F, "王医生，我给您手机号充了300话费，您留意下短信"),
    ("gift", F, "闪送了两条中华到您办公室，快递员说放前台了，您记得拿"),
    ("gift", P, "叫了个同城跑腿把两盒燕窝送您家小区门口了，师傅电话138开头那个"),
    ("gift", F, "护士长，我托我表姐（她在咱们医院药剂科）把购物卡带给您了，您问她要一下"),
    ("gift", F, "李大夫您家地址方便发我一下吗？想给您寄点我们老家的土特产，顺丰冷链的"),
    ("gift", P, "医生我给你寄了两箱阳澄湖大闸蟹，顺丰单号SF1234567890，明天上午到"),
    ("gift", F, "主任，超市卡我交给您科室的小张助理了，她会转交给您"),
    ("gift", P, "刘医生 您太太的银行卡号我问到了 钱已经打过去了 您别推辞"),
    ("gift", F, "陈医生，我在美团给您订了一份海底捞外卖，送到医生办公室，记得趁热吃"),
    ("gift", P, "加油卡充了两千，我托住院部保安大哥转给您了"),
    # ---- disguised offers ----
    ("gift", F, "张医生您周末特地过来给我爸看，打车费我给您报了，转您200别推啊"),
    ("gift", P, "听说您家孩子在学钢琴，我表姐开琴行的，孩子报个班学费我这边全包了，您就带孩子去就行"),
    ("gift", F, "王主任，您车停B2那个位吧？我让司机给您车加满油了，再洗了个车"),
    ("gift", P, "医生，下次复查我请您喝咖啡，顺便把我们公司的体检卡给您两张，家里人都能用"),
    ("gift", F, "李大夫，您女儿不是要考研吗，我老公在辅导机构，课程费用您就别管了，我们安排"),
    ("gift", P, "周医生您爱人上次说想去云南玩，我们旅行社的团给您二位留了名额，全程免费"),
    ("gift", F, "主任，我们小区楼下新开的健身房，我给您办了张年卡，卡放您桌上了"),
    ("gift", P, "刘大夫，你家装修的事我听说了，我弟弟干这行的，材料人工都不用您掏钱"),
    ("gift", F, "赵医生，我爸出院了想请您和科室几位吃个饭，已经在湘菜馆订好包间了，周五晚上六点"),
    ("gift", P, "医生，给您备了个信封放在您桌上了，当是感谢您周末过来的加班费"),
    # ---- long messages where the gift is one clause ----
    ("gift", F, "张医生，我爸术后第五天，引流量昨天是30ml，今天早上体温37.6，咳嗽有点黄痰，需要做个胸片吗？另外我给您微信转了两千块钱，您别嫌少，手术真是辛苦您了。还有他晚上睡不着能不能加点安眠药？"),
    ("gift", P, "李主任您好，我今天复查的甲功出来了，TSH 3.2，FT4正常，优甲乐还是每天一片吗？上次您说三个月后再查B超，我约的是下个月十号。对了，给您带了一盒明前龙井，放护士站了，写了您名字。"),
    ("gift", F, "王医生，我妈这次化疗反应挺大，吐了三天，白细胞降到2.8，打了升白针，今天好点了。医生们真的太辛苦了，过两天我从老家带点香菇木耳和土鸡蛋给科室，不值钱的东西大家别嫌弃。下周的化疗还按原计划吗？"),
    ("gift", P, "Dr. Sun, my ALT went down to 45 and the ultrasound looks fine, so I guess I can stop the liver pills? Also I transferred you 1500 on WeChat for coming in on Sunday, please don't send it back. Let me know about the follow-up date."),
    ("gift", F, "刘大夫，老太太今天能下地走几步了，就是脚踝还肿，要不要穿弹力袜？出院小结什么时候能打出来？另外科里的护士姑娘们都特别好，我订了二十份肯德基全家桶中午送到护士站，算我们一家人的心意。"),
    # ---- after discharge ----
    ("gift", P, "出院一周了，恢复得很好。给科室寄了两箱赣南脐橙，请医生护士们尝尝"),
    ("gift", F, "我妈出院了，为了感谢您，我们把2000块钱转到您支付宝了，备注是感谢费"),
    ("gift", P, "医生，我出院后一直想表示一下，给您买了一套茶具和半斤大红袍，快递到您医院了"),
    ("gift", F, "孙医生，老爷子已经回家休养了，家里人商量了一下，给您准备了一张五千的商场购物卡，下次复查带给您"),
    # ---- festival greetings with gifts ----
    ("gift", F, "中秋快乐！给李医生和护士站各送了一盒月饼，还有两瓶五粮液是专门给李医生的"),
    ("gift", P, "医师节快乐！🎉 王主任，给您发了个节日红包，谢谢您一年来的照顾"),
    ("gift", F, "护士节快乐🌷 给七病区的护士姐姐们每人订了一束花和一张星巴克卡"),
    ("gift", P, "端午安康！粽子和咸鸭蛋放门卫那了，周医生您下班记得拿，里面还有个小信封"),
    ("gift", F, "新年快乐！陈大夫，一点年货已经寄到您家，茅台两瓶，海参一盒，您和家人过个好年"),
    ("gift", P, "過年好！劉醫生，給您拜個早年，發了個紅包🧧圖個吉利"),
    # ---- urging acceptance / re-sending after refusal ----
    ("gift", F, "医生您别退了，这是我们全家的心意，您不收我们心里不踏实", (F, "王医生我微信转了您一千"), (D, "心意领了，钱我不能收")),
    ("gift", P, "那我换成购物卡给您，这个总可以吧", (D, "红包我退回去了，医院不允许的")),
    ("gift", F, "好好好不转账，那我明天直接拿现金给您，放信封里没人知道", (D, "转账已退回，谢谢理解")),
    # ---- staff soliciting ----
    ("gift", D, "手术排期很紧，想早点排的话你们家属自己看着办吧"),
    ("gift", D, "加号可以，加号费500，直接微信转我，不用走挂号系统"),
    ("gift", D, "床位现在很难弄，我得去跟护士长打点，你们准备个两千吧"),
    ("gift", A, "主任的特需加号要另付劳务费，转我这边就行，不走医院账"),
    ("gift", A, "主任的台子排到下个月了，想提前的话意思意思，你懂的"),
    ("gift", N, "阿姨，上次那家的奶茶好好喝，这周夜班姐妹们都馋了，您再给我们点几杯呗😋"),
    ("gift", D, "你们家老爷子这个手术风险大，我得亲自上台，其他家属都懂规矩，你们自己掂量"),
    ("gift", N, "明天就是护士节了哦，别的病房家属都有表示，我们科可是一直很照顾你们家的😉"),
    ("gift", D, "插个队没问题，明早第一台就是你爸，不过麻烦家属表示一下，微信上说就行"),
    ("gift", D, "I can move your surgery up to Monday, but you know how it works here, a little appreciation would help. Send it on WeChat."),
    ("gift", A, "刘主任下周出差，想让他出差前给您做的话，需要准备一份加急费，现金或者转我都行"),
    ("gift", D, "我最近在装修，缺几瓶好酒招待工人，你们那边要是方便……"),
    # ---- staff accepting (offer in context) ----
    ("gift", D, "好的收到了，谢谢，术后注意伤口别沾水", (P, "王医生，我给您转了888，一点心意")),
    ("gift", N, "谢谢姐！我们分着吃啦🥰", (F, "护士妹妹，给你们买了两箱车厘子，放前台了")),
    ("gift", D, "行，那我就收下了，下不为例啊", (P, "李大夫 京东卡给您放信封里了")),
    ("gift", D, "ok received, thanks a lot", (F, "Dr. Liu, I transferred 2000 via Alipay, please accept")),
    ("gift", D, "已收款，客气了，明天八点准时进手术室", (F, "[转账] ¥3000.00 张主任 手术辛苦了")),
    ("gift", N, "收到啦 谢谢叔叔🙏 下次别这么破费了", (P, "护士站的小姑娘们，给你们发了个群红包，手快有手慢无")),
    ("gift", D, "那就恭敬不如从命了，周五晚上见", (F, "主任，周五我们订了个包间，请您和科里几位一起吃个便饭")),
    ("gift", A, "收到了，我会转交给主任的，您放心", (F, "小张，这个信封麻烦你帮我交给陈主任，里面是一点心意")),
    ("gift", D, "茶叶我留下了，钱你拿回去", (P, "医生给您带了两盒茶叶，还有个红包")),
    ("gift", N, "领了领了 谢谢阿姨的红包 🧧 祝叔叔早日康复", (P, "小刘护士这几天太辛苦了，发个小红包给你")),
    ("gift", D, "購物卡收到了，謝謝你們的心意", (F, "醫生，上次說的那張購物卡已經讓我弟弟送到您辦公室了")),
    # ---- kickbacks (回扣) ----
    ("gift", A, "主任，XX公司的小刘说这个月的点数结算好了，按老规矩打到您爱人卡上"),
    ("gift", A, "医药代表那边说了，这个支架每用一个给科里提八百，月底现金"),
    ("gift", D, "那个进口耗材你们公司的返点什么时候到？上个季度的还没结"),
    # ---- more varied short / medium ----
    ("gift", F, "主任 心意已到 您查收一下支付宝"),
    ("gift", P, "大夫，我给您V了200，您就当喝杯茶"),
    ("gift", F, "那点钱是给您的辛苦费，不是医药费，您别交到收费处去"),
    ("gift", P, "医生明天给你带几斤我们家自己种的野山参，补身体的，很贵的那种"),
    ("gift", F, "王护士 你微信号是不是手机号？我给你转个小红包 照顾我奶奶辛苦了"),
    ("gift", P, "吴医生我托人从老家捎了一箱五粮液，到了给您送过去"),
    ("gift", F, "麻醉科的李医生也帮了大忙，我也给他包了一个，您帮我转交一下行吗", (D, "这个我不方便帮你")),
    ("gift", P, "您的淘宝收货地址发我一下 我给您买了个按摩椅 当感谢"),
    # ---- more mixed Chinese-English ----
    ("gift", F, "王医生 thanks so much！我在Apple Store给您订了个AirPods，直接寄到科室了"),
    ("gift", P, "Nurse Li you're the best 🥹 刚给你转了个红包 pls accept 不然我要哭了"),
    ("gift", F, "Dr. Zhou, 我们公司有Costco会员卡和一张3000的储值卡，送给您家里用，don't say no"),
    ("gift", F, "Got your WeChat ID from the nurse, just sent a little something 🧧 for the surgery tomorrow. See you at 8!"),
    ("gift", D, "Thanks for the Moutai, my wife loved it 😄 下次复诊给您加个号", (F, "张主任，two bottles of Moutai已经送到您家楼下了")),
]

NEGATIVE = [
    # ---- paying the hospital ----
    (None, F, "住院押金5000我已经在医院公众号上交了，还需要去窗口吗？"),
    (None, P, "出院结算退费3200什么时候能退到我的银行卡？"),
    (None, F, "请问医院对公账户是多少？老家亲戚要直接转账交住院预交金"),
    (None, P, "支付宝缴费的时候显示转账失败，我重新交了一次，会不会扣两次钱？"),
    (None, F, "已转", (N, "麻烦把住院预交金的缴费截图转给我登记一下")),
    (None, P, "已转", (D, "把外院的CT报告转给我看看")),
    (None, F, "医保卡里的钱不够了，剩下的2000自费部分我用微信在收费处扫码付了"),
    (None, P, "我的就诊卡充值了500，为什么自助机上查不到？"),
    (None, F, "转账记录我截图了，交的是住院费，收费处说要开发票得本人来"),
    (None, N, "3床家属，住院预交金余额不足了，请今天下午之前到一楼收费处续交2000元"),
    (None, A, "各位患者，门诊缴费可以用微信、支付宝或医保电子凭证，不要把钱转给任何个人"),
    (None, F, "I paid the 5000 RMB deposit at the cashier this morning, do I need to keep the receipt?"),
    (None, P, "退费申请提交了，护士说三到五个工作日原路退回"),
    # ---- 转 false friends ----
    (None, F, "王医生，我妈的转氨酶ALT 156，比上周好转了一点，转科手续已经办完了，明天转到消化内科，押金要重新交吗？"),
    (None, P, "医生说我的乙肝DNA已经转阴了，还要继续吃恩替卡韦吗"),
    (None, F, "我爸这种情况需要转院吗？县医院说最好转到省里"),
    (None, D, "病理提示淋巴结有转移，下周MDT讨论后再定方案"),
    (None, N, "5床今天下午两点转运到ICU，家属请在门口等候"),
    (None, P, "转诊单开好了吗，我明天去市一院"),
    (None, F, "My mom's liver enzymes (转氨酶) came down, ALT is 80 now. Is that good enough to go home?"),
    (None, D, "已转给心内科会诊，他们下午会来看"),
    (None, F, "老爷子这两天好转多了，能吃半碗粥了"),
    # ---- 红包 as skin bump / red words ----
    (None, F, "宝宝手臂上起了好几个红包，很痒，是不是蚊子咬的？"),
    (None, P, "打针的地方长了个红包包，摸着有点硬，要紧吗"),
    (None, F, "医生我妈背上一片一片的红疹，还有几个小红包，是不是药物过敏"),
    (None, P, "医生 我脖子后面鼓了个红包 不痛不痒 三天了"),
    (None, F, "孩子屁股上起了个红包，中间发白，会不会是长疖子了"),
    (None, P, "医生开的红霉素软膏涂了三天，红肿消了一些"),
    (None, F, "奶奶说想用红枣红参泡水喝，化疗期间能喝吗"),
    (None, N, "今天的红光治疗改到下午三点，请准时到治疗室"),
    (None, P, "手術傷口周圍有點發紅，還起了幾個小紅包，需要回醫院看嗎"),
    # ---- Hb ----
    (None, P, "今天复查Hb 98g/L，比上次好了，还要继续吃铁剂吗"),
    (None, D, "血常规：hb 102 plt 180 wbc 5.6，可以按期化疗"),
    (None, F, "Hb 9.8 g/dL today, better than last week. Do we still need a transfusion?"),
    (None, P, "hb才78 医生说要输血 输血费医保能报吗"),
    (None, N, "12床 HB 65g/L 已通知值班医生，备血2单位"),
    # ---- thanks with no gift ----
    (None, P, "出院了，给您写了封感谢信，也在好大夫上给您点了好评，谢谢您！"),
    (None, F, "给科室做了面锦旗，上面写的妙手仁心，明天送过去，没别的意思就是想表达感谢"),
    (None, P, "医师节快乐！祝王主任节日快乐身体健康，您辛苦了🌹"),
    (None, F, "中秋快乐！谢谢医生护士们这段时间对我爸的照顾，祝大家阖家团圆"),
    (None, P, "Thank you so much Dr. Lin, I posted a 5-star review on the hospital app and wrote a letter to the hospital president praising you."),
    (None, F, "谢谢李医生，真是太感谢了，大恩不言谢，以后有机会一定好好宣传您"),
    (None, P, "护士节快乐 护士姐姐们辛苦了❤️❤️"),
    (None, F, "过年好！给张主任拜年了，祝您新春快乐万事如意🧨"),
    # ---- asking whether gifts are allowed ----
    (None, F, "想问下咱们医院允许给医生护士送东西吗？我不想让医生为难"),
    (None, P, "Is it OK to give the nurses a gift? I don't want to break any hospital rules."),
    (None, F, "有人知道这里的规定吗，出院的时候能不能给护士送面锦旗"),
    # ---- staff refusing / returning ----
    (None, D, "转账我已退回，心意领了，好好养病", (P, "医生我给您转了500")),
    (None, D, "饭就不吃了，医院有规定，你们照顾好老人就行", (F, "下周请您吃个饭吧")),
    (None, N, "阿姨，水果您带回去给叔叔吃，我们真的不能收的"),
    (None, N, "阿姨，您塞在我抽屉里的购物卡我已经交给护士长了，会按规定退还给您家属，心意我们领了"),
    (None, D, "红包已退还，充进您父亲的住院费里了，发票去收费处打"),
    (None, D, "请大家不要给医护人员发红包、送礼，一经发现全部退还并上报医务科，谢谢配合"),
    (None, A, "【群公告】本群禁止向医护人员发红包、转账、赠送购物卡，违者移出群聊"),
    (None, D, "I've returned your transfer, we are not allowed to accept money. Just focus on recovery 🙂"),
    (None, D, "心意领了，紅包不收，请您理解", (F, "陳醫生，這是一點心意🧧")),
    (None, N, "茶叶我已经交到科室办公室登记了，下次家属来的时候护士长会还给您"),
    # ---- money between relatives / patients ----
    (None, F, "姐，我刚转你3000，妈的住院费你先垫着，下个月发工资再补"),
    (None, F, "哥你把押金收据拍给我，我转你一半，咱俩平摊"),
    (None, P, "3床大姐，昨天拼车去做放疗的钱我微信转你了，38块"),
    (None, F, "老伴你别操心钱的事，儿子已经把钱打到你卡上了，手术费够"),
    (None, F, "女儿给我发了个红包让我买点好吃的，我现在能吃海参吗？"),
    (None, P, "孙子考上大学了，昨天家族群里我发了个大红包，一高兴血压都正常了哈哈"),
    (None, F, "过年的时候我爸在家族群里抢红包抢得可起劲了，现在手抖得连手机都拿不稳，是不是帕金森加重了"),
    (None, P, "群里好热闹啊，跟我们家族群过年抢红包似的😂"),
    (None, F, "小舅转了两万过来说先给外婆做手术用，医保报完大概还差多少？"),
    # ---- prices of drugs / tests ----
    (None, D, "这个靶向药一盒一万二，进医保后自付大概三千多"),
    (None, P, "PET-CT 自费七千多吗？能不能先做个增强CT"),
    (None, N, "明天的胃镜检查费加麻醉一共大概1200元，请提前在自助机缴费"),
    (None, F, "单人间床位费一天200，双人间80，你们选哪个"),
    (None, P, "医生开的药多少钱一盒 外面药店买能便宜点吗"),
    (None, D, "The biologic costs about 4000 yuan per shot before insurance, we can discuss cheaper options."),
    (None, F, "商业保险理赔需要医生在诊断证明上签字，明天什么时候方便？"),
    (None, P, "医保报销比例是多少？起付线是不是800？"),
    # ---- charity / crowdfunding ----
    (None, F, "水滴筹链接发一下，麻烦大家帮忙转发，孩子的骨髓移植还差二十万"),
    (None, F, "谢谢群里各位的爱心捐款，轻松筹已经筹到15万了"),
    (None, A, "医院慈善基金会可以申请大病救助，材料交到社工部"),
    # ---- staff treating staff / false-friend coffee, milk tea ----
    (None, D, "今天手术顺利，我请大家喝咖啡☕️，护士站自取"),
    (None, N, "科里团建AA，每人200，转给护士长就行"),
    (None, N, "姐妹们夜班辛苦，护士长请大家喝奶茶🧋"),
    # ---- food / goods talk that is medical ----
    (None, P, "中秋吃月饼血糖会不会高？我二型糖尿病"),
    (None, F, "我们老家的土特产蜂蜜，糖尿病能吃吗"),
    (None, P, "医生我能喝点燕窝海参补补吗？术后第三周了"),
    (None, F, "我爸天天抽两包烟，喝半斤白酒，手术前要戒多久？"),
    # ---- ordinary consultation / logistics ----
    (None, D, "收到，报告我看了，没问题，三个月后复查", (P, "王医生，这是我今天的B超报告")),
    (None, P, "医生我想问下 明天抽血要空腹吗 几点到"),
    (None, D, "术后第一天可以少量饮水，排气后再吃流食"),
    (None, N, "明天上午八点手术，今晚十点以后禁食禁水，请家属签好同意书"),
    (None, A, "各位，下周二主任停诊，加号请在医院APP预约，不接受私下加号"),
    (None, F, "老妈今天情况稳定 血压130/80 心率72 谢谢关心"),
    (None, P, "请问出院小结和费用清单去哪里打印？"),
    # ---- more mixed Chinese-English negatives ----
    (None, F, "Dr. Zhou 我爸的CEA从12降到4.5了, is that a good sign? 还要转到肿瘤科吗"),
    (None, P, "hospital app上显示refund pending，退费多久到账啊"),
    (None, F, "My brother just transferred me 10k for mom's surgery deposit, 我下午去收费处交"),
    (None, P, "医生 my rash is getting worse，手臂上好多小红包 super itchy，能吃氯雷他定吗"),
    (None, N, "Reminder: please do NOT send red packets or gifts to staff. 所有转账都会被退回，谢谢理解"),
]

if __name__ == "__main__":
    print(len(POSITIVE), len(NEGATIVE))
