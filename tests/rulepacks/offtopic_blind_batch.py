"""Held-out off-topic batches, written from domain.md §A15 and §B6 only, before reading the
off-topic lexicons, rules or detector (first runs recorded in `quality_eval.py` and the commit).

Rows are `(expect, role, text, *context)` as in `gift_blind_batch.py`; context items are
`(role, text)` of earlier messages of the same chat. `expect` "off_topic" means advertising
(health products, 代购, medical ads, insurance, 团购, 直播间, 砍一刀, English spam), fundraising
(水滴筹 / 轻松筹 links, 众筹 appeals), traffic (third-party QR codes, shop links, 加我微信) or
scalping (selling or brokering appointments and beds); None means no finding of any category.

Judgement calls, from §B6 (group rules forbid commercial adverts and traffic) and §A15:
- staff posting the hospital's own channels (公众号, 小程序, APP, 随访群 QR, 官网, 义诊) or a
  government page is not off-topic; staff selling anything of their own is;
- a doctor adding an appointment (我给你加号) is the official practice, not scalping; anyone
  selling or brokering a 号 / 床位 is scalping, whoever they are;
- mentioning, asking about or complaining of scalpers, supplements, 偏方 or crowdfunding is a
  question, not an advert; an appeal for donations or shares is fundraising.

Batch A tunes the detector; batch B is held out: measured once before and once after.
First run: A recall 28/61, false flags 10/70; B 21/61, 7/70. After tuning on A only: A 60/61,
0/70; B 38/61, 1/70 (the same author wrote both, so B is held out from tuning, not from me).
Later changes, found with three more fresh sets: A 60/61, 0/70; B 45/61, 0/70.
"""

from __future__ import annotations

from typing import Any

P, F, D, N, A, U = "patient", "family", "doctor", "nurse", "assistant", "unknown"
OT = "off_topic"

Row = tuple[Any, ...]  # (expect, role, text, *context)

BATCH_A_POSITIVE: list[Row] = [
    # health products, 保健品 cures, 代购, medical ads
    (OT, U, "🔥🔥纯中药调理，三个疗程根治糖尿病，无副作用，已帮助上千病友停药！"
            "咨询加V：tj2023888"),
    (OT, P, "我姐吃了这个灵芝孢子粉，肿瘤小了一半，一盒398，需要的私聊我"),
    (OT, F, "给大家推荐个好东西，美国进口的鱼油，软化血管降血脂效果杠杠的，原价599今天团购价299"),
    (OT, U, "祖传秘方专治痛风，一贴见效，不好不要钱"),
    (OT, P, "有需要印度仿制药的吗？格列卫、易瑞沙都有，价格只要国内十分之一，加我微信"),
    (OT, U, "香港代购九价HPV疫苗，不用排队，名额有限，私我"),
    (OT, F, "分享一个偏方：每天喝芹菜汁，高血压一个月就好了，我们店里有鲜榨的，送货上门"),
    (OT, P, "本人长期做日本代购，汤臣倍健、善存、氨糖都有，正品保证，朋友圈看货"),
    (OT, U, "💊新一代降糖神药，有效率98%，吃了就能停胰岛素，戳链接了解 http://t.cn/A6xYz"),
    (OT, P, "我们公司的负离子床垫，睡一晚颈椎病就好转，群里病友8折"),
    (OT, F, "哪位需要燕窝的？术后补身体首选，马来西亚直邮，一克也能拿货"),
    (OT, U, "【健康讲座】免费测血糖、测骨密度，到场送鸡蛋一盒，地址：幸福路88号二楼"),
    # traffic: 加我微信 / V信 / vx, side jobs, shops, live rooms, 砍一刀, 团购, votes
    (OT, U, "加我微信领取免费试用装🎁前50名包邮 vx: mei888yan"),
    (OT, P, "有想做兼职的宝妈吗？在家动动手指日入200+，加V信了解"),
    (OT, U, "➕薇❤️：abc5678，每天分享瘦身干货，一个月瘦10斤不反弹"),
    (OT, F, "我家自己种的有机蔬菜，不打农药，需要的私聊下单，同城配送"),
    (OT, P, "群里有需要买纸尿裤的吗？成人款，我这里批发价，比医院超市便宜一半"),
    (OT, U, "亲们，今晚8点直播间上新，理疗仪直降500，点我头像进直播间👇"),
    (OT, P, "帮忙点一下，砍一刀就能免费领电饭煲了🙏 https://mobile.yangkeduo.com/xyz"),
    (OT, F, "拼多多助力一下，谢谢大家！复制口令打开拼多多 ¥Ab3cD9¥"),
    (OT, U, "团购接龙：东北五常大米10斤装59元，明天发货\n1. 张姐 2袋"),
    (OT, P, "麻烦大家帮我女儿投一票，8号选手，每天都能投，谢谢了"),
    (OT, U, "淘宝店新开业，全场药食同源产品五折，店铺链接：https://shop123456.taobao.com"),
    (OT, U, "无抵押无担保，凭身份证当天放款，急用钱的私聊"),
    (OT, U, "带你炒股，跟着老师操作日赚千元，进群免费看直播"),
    (OT, P, "卖自家做的阿胶糕，补气血，术后吃最好，88一斤，需要的扣1"),
    (OT, U, "【广告】医美整形限时特价，玻尿酸980一支，私信预约"),
    (OT, F, "有没有需要轮椅和护理床的？我们公司租售都有，价格优惠，电话微信同号"),
    (OT, U, "朋友们，点开这个链接帮我助力一下，可以领红包 https://u.jd.com/abc123"),
    # QR codes described by their caption
    (OT, U, "[图片] 扫码进群，每天免费领鸡蛋，名额有限"),
    (OT, P, "[二维码] 这是我们糖友交流群，扫码进群有专人指导控糖，还有优惠产品"),
    (OT, U, "长按识别二维码，添加健康顾问，免费领取价值199的体检套餐"),
    (OT, F, "各位病友，朋友开的康复中心，扫码预约享首次免费理疗"),
    # insurance sales
    (OT, P, "我是做保险的，惠民保今年快截止了，带病也能投，想了解的加我微信"),
    (OT, U, "百万医疗险，一年只要几百块，住院报销不限社保，点击链接投保"),
    (OT, F, "推荐一款防癌险，甲状腺结节也能买，有需要私我给你们算算保费"),
    # fundraising
    (OT, F, "各位好心人，我爸确诊白血病，骨髓移植需要50万，求大家帮忙转发捐款🙏 "
            "https://m.shuidichou.com/cf/xxx"),
    (OT, F, "水滴筹链接，麻烦大家动动手指转发一下，一块两块都是爱心"),
    (OT, P, "我在轻松筹发起了筹款，孩子手术费还差二十万，恳请大家帮帮我们"),
    (OT, F, "求转发！我老公车祸住ICU，每天一万多，我们实在没办法了，水滴筹已发朋友圈"),
    (OT, P, "爱心接力，我们病友小李化疗没钱了，大家能捐多少捐多少，收款码在下面"),
    (OT, F, "众筹链接发一下，帮我妈凑点手术费，谢谢各位病友"),
    (OT, U, "轻松筹: 救救7岁的豆豆 qschou.com/project/xxx"),
    (OT, F, "跪求大家帮忙，我儿子尿毒症换肾差15万，大家帮忙捐一点，转发也是帮忙"),
    # scalping: selling or brokering appointments and beds
    (OT, U, "协和专家号代挂，当天可拿，300一个，有需要联系 wx: gh2024"),
    (OT, U, "北京各大三甲医院专家号、床位都能办，加急当天住院，价格私聊"),
    (OT, P, "我有周三上午李主任的号，用不上了，200转，需要的私聊"),
    (OT, U, "代挂号，全国三甲，预约不上的找我，成功再付款"),
    (OT, F, "有需要加号的找我，认识科里的人，包住院"),
    (OT, U, "黄牛专业代办：专家号、检查插队、床位，童叟无欺"),
    (OT, U, "需要挂王主任号的联系我，现号，一口价500"),
    (OT, U, "我有，私聊，300", (P, "谁有王主任明天的号啊？挂不上急死了")),
    (OT, P, "宫颈癌疫苗有渠道，不用等，需要的私聊，保真"),
    # staff selling their own things
    (OT, A, "我这边有自己代理的益生菌，术后调理肠道特别好，家属有需要可以找我拿，比外面便宜"),
    (OT, N, "给大家推荐一个我朋友的店，卖的护腰带质量很好，扫码下单报我名字打九折"),
    (OT, D, "我个人在做的一个健康管理课程，原价1999，群友特惠999，报名私聊"),
    # English spam
    (OT, U, "Earn $300 a day working from home! No experience needed. DM me on WhatsApp"),
    (OT, U, "Cheap Viagra and Cialis, no prescription needed, fast delivery: www.pills-cheap.biz"),
    (OT, U, "Join our crypto signals group, 10x returns guaranteed 👉 t.me/moonsignals"),
    (OT, F, "Please help my mom's surgery fund, every dollar counts: gofundme.com/f/help-mom"),
    (OT, U, "Lose 20 lbs in 2 weeks with our natural keto pills! Click here to order"),
]

BATCH_A_NEGATIVE: list[Row] = [
    # patients asking whether a product or a remedy is all right
    (None, P, "医生，我妈在吃鱼油和钙片，跟降压药一起吃有没有影响？"),
    (None, P, "朋友推荐灵芝孢子粉，说能抗癌，化疗期间能吃吗"),
    (None, F, "听说有个偏方说芹菜汁能降压，是真的吗？我爸想停药试试"),
    (None, P, "我托朋友从香港代购的九价，说是正品，能打吗"),
    (None, P, "保健品推销员天天给我妈打电话，说能根治糖尿病，这种能信吗"),
    (None, F, "医生，蛋白粉术后可以喝吗？哪个牌子都行吗"),
    (None, P, "我之前吃了别人推荐的减肥药，现在心慌，要不要停"),
    (None, P, "印度仿制药和国内的原研药效果差别大吗？主要是太贵了"),
    (None, P, "医生，我老家那边有个偏方，说吃蒲公英能消结节，可以试吗"),
    (None, P, "我在抖音上看到一个医生直播说这个病能根治，是真的吗"),
    # staff pointing to the hospital's own channels
    (None, D, "复诊的话直接在医院公众号上挂号，提前七天放号"),
    (None, N, "[图片] 这是我们科的随访群二维码，出院患者扫码预约复查"),
    (None, N, "需要复查的请关注医院官方公众号，在'预约挂号'里选心内科"),
    (None, D, "下周三我的门诊号放出来了，大家用医院APP预约就行"),
    (None, A, "医院小程序可以查检验报告，扫码进入就可以，不用再跑一趟"),
    (None, N, "预约住院请扫护士站墙上的二维码登记，或者打科室电话"),
    (None, D, "挂不上号的话下午来门诊找我，我给你加号"),
    (None, N, "本院官网已经公布了春节门诊排班：https://www.example-hospital.cn/news/2024/0201.html"),
    (None, A, "科室的患教视频号今晚7点直播讲术后康复，感兴趣的可以看看"),
    (None, D, "今年体检的可以在医院健康管理中心的小程序上预约"),
    (None, N, "出院带药在医院互联网医院上续方就行，不用再挂号"),
    (None, N, "群规：本群仅用于术后随访，禁止发广告、链接、二维码，违者移出"),
    (None, A, "转发医院公众号文章：《冬季如何预防心脑血管病》https://mp.weixin.qq.com/s/abc123"),
    (None, N, "需要办理慢病卡的，扫码填写信息，我们统一办理"),
    (None, D, "医保局的政策文件链接在这，大家自己看看报销比例 http://ybj.example.gov.cn/zcwj/123.html"),
    (None, N, "请大家不要相信群外推销保健品的，有问题直接问医生"),
    (None, D, "网上代挂号的都是骗子，大家通过官方渠道挂号"),
    # patients on appointments, and on scalpers
    (None, P, "医生，我在官方APP上一直挂不上您的号，有别的办法吗？"),
    (None, F, "主任的号太难挂了，能帮忙加个号吗？我们从外地来的"),
    (None, P, "用医院公众号挂上了，谢谢护士提醒"),
    (None, P, "挂不上号，号贩子要500，太黑了"),
    (None, F, "门口有黄牛问我要不要专家号，我没理他"),
    (None, P, "网上有人说能代挂专家号，靠谱吗？感觉像骗子"),
    (None, F, "建议医院管管号贩子，我们老百姓真挂不上"),
    (None, P, "上次被号贩子骗了三百，号是假的，大家小心"),
    (None, P, "114平台上约的号，到了要先取号吗"),
    # costs, insurance, help with bills
    (None, P, "做个胃镜加麻醉一共多少钱？医保能报吗"),
    (None, F, "自费药一盒两千多，有没有便宜点的替代"),
    (None, P, "住院押金交了一万，出院多退少补是吧"),
    (None, F, "这个靶向药太贵了，有没有慈善赠药项目？"),
    (None, P, "我买了商业保险，出院需要哪些材料报销？"),
    (None, F, "我们是新农合，异地就医要先备案吗"),
    (None, F, "治疗费用压力很大，医院社工部有没有救助渠道？"),
    (None, P, "大病医保二次报销要去哪里申请"),
    (None, F, "水滴筹那种平台的人在住院部门口拉人，挺烦的"),
    (None, P, "之前有病友发过众筹，群主说群里不让发，我就不发了"),
    (None, F, "我妈住院期间护工费一天多少？"),
    # thanks and ordinary consultation
    (None, P, "谢谢王医生和各位护士，手术很成功，感恩🙏"),
    (None, F, "感谢主任救了我爸，你们辛苦了👍"),
    (None, P, "Thank you doctor, see you at the follow-up next month."),
    (None, P, "收到，谢谢提醒！"),
    (None, P, "医生，术后第三天伤口有点渗液，正常吗"),
    (None, F, "我爸今天血压150/95，要不要加药"),
    (None, P, "复查结果出来了，医生帮忙看看 [图片]"),
    (None, P, "请问明天抽血要空腹吗"),
    (None, P, "Is vitamin D okay to take with my thyroid medication?"),
    (None, P, "医生，血糖仪在药店买哪种比较准？"),
    (None, F, "请问医院附近哪里有租轮椅的？"),
    (None, P, "出院后在哪里买护腰带？医院超市有吗"),
    (None, F, "医生推荐的那个奶粉，淘宝上买的能喝吗"),
    (None, P, "我想问下，网上买的血压计准不准，要不要拿来校对一下"),
    (None, P, "群里有做过这个手术的病友吗？想交流一下恢复经验"),
    (None, F, "能不能加一下您微信，方便发片子给您看"),
    (None, P, "扫码支付的时候显示失败，钱扣了怎么办"),
    (None, F, "自助机上扫码签到不了，去哪个窗口"),
    (None, P, "链接打不开，是不是要用微信打开？",
     (N, "满意度调查链接：https://www.example-hospital.cn/survey")),
    (None, P, "医院让填满意度问卷，在哪里填？"),
    (None, P, "拼多多上买的制氧机，医生看看这个型号行不行"),
    (None, F, "团购的体检套餐能在你们医院用吗"),
    (None, P, "今天直播讲的那个饮食建议，能再发一下文字版吗",
     (A, "科室的患教视频号今晚7点直播讲术后康复，感兴趣的可以看看")),
]

BATCH_B_POSITIVE: list[Row] = [
    # health products, 保健品 cures, 代购, medical ads
    (OT, U, "📣好消息！德国进口关节修复素，骨质增生、滑膜炎一个月见效，买二送一，V：gj66886"),
    (OT, P, "我婆婆用了这个艾灸贴，腰椎间盘突出好了，真的神奇，要的找我拿货"),
    (OT, F, "有人需要冬虫夏草吗？西藏那曲产的，提高免疫力，化疗病人首选，价格美丽"),
    (OT, U, "专治各种失眠，纯天然草本，不含激素，无效退款，微❤同号cc1688"),
    (OT, P, "孟加拉版奥希替尼，一瓶只要一千出头，有渠道，需要的私"),
    (OT, U, "老中医秘制膏药，三贴治好腰腿疼，已治愈上万例，添加客服了解"),
    (OT, F, "我表哥做海外代购的，澳洲奶粉保健品都有，要的话我拉你们进他群"),
    (OT, U, "富硒黑枸杞，降三高、抗衰老，今天下单包邮，点击链接购买"),
    (OT, P, "给大家安利一个降糖茶，我喝了两个月血糖就正常了，现在不吃药了，要的私我"),
    (OT, U, "量子磁疗手环，戴上就能改善血液循环，老人必备，原价899现价199"),
    (OT, F, "谁要新西兰蜂胶？增强抵抗力，我这边直发，可以先看货"),
    (OT, U, "免费领取价值298元的足疗机！仅限60岁以上，带身份证到社区活动中心登记"),
    # traffic
    (OT, U, "点击领取新人红包🧧最高88元，仅限今天 👉 https://t.cn/R2aBcD"),
    (OT, P, "宝妈副业，一部手机就能做，月入过万不是梦，想了解的扣1"),
    (OT, U, "卫星：lm9987 每日分享健康好物，私人定制减脂餐"),
    (OT, F, "姐妹们，我开了个小店卖手工皂，天然无添加，敏感肌也能用，支持一下哈 [链接]"),
    (OT, U, "家用制氧机工厂直销，比医院边上的店便宜一千多，包送货安装，电话微信同号"),
    (OT, U, "今晚7点半抖音直播间，养生专家在线答疑，下单再减100，记得来哦"),
    (OT, P, "求助攻！帮我砍一刀，就差0.5元了，谢谢好心人 https://p.pinduoduo.com/abc"),
    (OT, F, "帮我点一下这个链接助力，拿到免费的就发红包感谢大家"),
    (OT, U, "今日团购：新疆阿克苏苹果 10斤49.9，需要的接龙"),
    (OT, P, "我侄子参加少儿才艺比赛，求大家帮忙点赞投票，链接在这"),
    (OT, U, "京东店铺周年庆，护理用品全场满199减100，复制链接打开"),
    (OT, U, "网贷逾期？征信花了也能贷，最快一小时到账，私聊"),
    (OT, U, "内部消息，这只股票下周必涨，进群领取代码"),
    (OT, P, "自己家熬的秋梨膏，润肺止咳，化疗后咳嗽的喝最好，一瓶60，要的接龙"),
    (OT, U, "【推广】某某妇科医院无痛人流，价格透明，欢迎致电咨询"),
    (OT, F, "有二手护理床转让，九成新，八百元自提，有意私聊"),
    (OT, U, "加群领鸡蛋，每天签到送积分换米面油"),
    # QR codes described by their caption
    (OT, U, "【二维码图片】扫一扫加入中老年养生群，天天有福利"),
    (OT, P, "新建了个乳腺病友群，进群有专人推荐调理产品，扫下面二维码"),
    (OT, U, "扫码关注，免费领取体检券一张，先到先得"),
    (OT, F, "我们小区新开的按摩店，说是能调理高血压，扫码办卡送三次"),
    # insurance sales
    (OT, P, "我在平安做了十年了，带病投保的也有办法，给家人规划一份吧，私我"),
    (OT, U, "住院医疗险限时开放，既往症也能赔，扫码测一测能不能买"),
    (OT, F, "有没有想给孩子买重疾险的？我朋友是代理人，可以拿到内部优惠"),
    # fundraising
    (OT, F, "我爸肝癌晚期，家里已经掏空了，发起了水滴筹，求好心人转发一下 "
            "https://static.shuidichou.com/xxx"),
    (OT, P, "恳请各位病友献一份爱心，帮我女儿渡过难关，轻松筹链接已发，谢谢大家"),
    (OT, F, "打扰大家了，我弟弟脑出血还在抢救，求帮忙转发筹款，大恩不言谢"),
    (OT, F, "我们村的小姑娘得了白血病，大家能捐点就捐点，捐款码在这"),
    (OT, P, "爱心接力！转发这条就是在救命"),
    (OT, F, "大病筹款，麻烦各位帮忙扩散，多少都是心意"),
    (OT, U, "水滴筹|为了救命，5岁的她需要你的帮助 m.shuidichou.com/raise/xxx"),
    (OT, F, "孩子先天性心脏病，手术费30万，我们众筹了十万，恳请大家伸出援手"),
    # scalping
    (OT, U, "华西口腔、华西医院各科室专家号，提前一天约，放心靠谱，需要的加我"),
    (OT, U, "专业代办住院，不用排队，一周内安排床位，费用私聊"),
    (OT, P, "手里有两个明天张教授的特需号，原价转让，要的赶紧"),
    (OT, U, "挂号难？找我！各大医院名医号源充足，加急可当天"),
    (OT, F, "认识心外的人，想提前手术的可以找我安排，费用好商量"),
    (OT, U, "收号、出号，北京上海各大医院，长期有效"),
    (OT, U, "帮挂明早8点的号，一个号150，先挂后付"),
    (OT, U, "加我，明天上午的都有", (F, "有没有人知道怎么挂到张教授的号")),
    (OT, P, "HPV疫苗有现货，不用摇号，私我"),
    # staff selling their own things
    (OT, N, "我姐在做面膜代理，孕妇也能用，大家有需要可以找我"),
    (OT, A, "科里同事都在买的这款护眼仪，我这有内部价，需要的说一声"),
    (OT, D, "我参与研发的一款营养粉，术后病人特别适合，购买链接我发群里了"),
    # English spam
    (OT, U, "Congratulations! You've won an iPhone 15. Claim now at bit.ly/free-iphone"),
    (OT, U, "Buy followers, likes and views cheap! Contact us on Telegram @growfast"),
    (OT, U, "Miracle CBD oil cures arthritis and anxiety in days. Order now, 50% off!"),
    (OT, F, "Please donate to help my brother's cancer treatment: https://www.gofundme.com/f/xyz"),
    (OT, U, "Work from home, earn 5000 USDT per week, contact my manager"),
]

BATCH_B_NEGATIVE: list[Row] = [
    # patients asking whether a product or a remedy is all right
    (None, P, "医生，我在吃辅酶Q10，做手术前要停吗？"),
    (None, F, "亲戚送了一盒冬虫夏草，我爸肝不好能吃吗"),
    (None, P, "网上有卖降糖茶的，说能替代二甲双胍，我不敢信，医生怎么看？"),
    (None, F, "老家的人推荐了个秘方，说能治肺结节，我没敢给我妈吃"),
    (None, P, "那个量子手环是不是骗人的？我爸非要买"),
    (None, F, "我姐在国外，能帮我们代购靶向药，这样合法吗？"),
    (None, P, "维生素D每天吃多少合适？我在药店买的"),
    (None, P, "医生，益生菌对肠道恢复有帮助吗"),
    (None, P, "我奶奶非要喝偏方熬的中药，劝不住，会不会影响手术"),
    (None, P, "我看直播里有个专家说这个病不用手术，真的吗"),
    # staff pointing to the hospital's own channels
    (None, N, "新入院的家属请扫码关注医院公众号，住院费用、检查报告都能在上面查"),
    (None, D, "复诊请在医院APP提前预约，号源每周一早上8点放出"),
    (None, N, "[二维码] 术后随访群，出院的病友扫码进群，定期通知复查时间"),
    (None, A, "预约门诊可以打医院的预约电话，也可以用微信小程序，都很方便"),
    (None, D, "实在挂不上的话，周四下午我门诊给你加号"),
    (None, N, "医院官网的停诊通知：https://www.example-hospital.cn/tzgg/2024/05.html，请大家留意"),
    (None, N, "这周六科室在门诊大厅搞义诊，免费测血压血糖，欢迎来"),
    (None, D, "医院视频号周五晚上有我们科的科普直播，讲甲状腺结节，大家可以关注"),
    (None, A, "检查预约已开通线上渠道，打开医院小程序-检查预约即可"),
    (None, N, "复查的患者到了先扫门口的码签到，按顺序叫号"),
    (None, D, "互联网医院可以线上复诊开药，首诊还是得来门诊"),
    (None, N, "提醒：群内禁止发布广告、水滴筹等链接，有困难可以私下联系社工部"),
    (None, N, "分享医院公众号的文章《术后饮食指南》，大家出院后参考：https://mp.weixin.qq.com/s/xyz789"),
    (None, N, "需要开长处方的慢病患者，扫码登记一下，我们统一安排"),
    (None, D, "国家医保局的报销目录查询：https://www.nhsa.gov.cn，大家可以自己查药"),
    (None, N, "最近有人冒充医院工作人员推销保健品，大家别上当"),
    (None, D, "不要相信所谓的代挂号，都是骗局，官方渠道才靠谱"),
    # patients on appointments, and on scalpers
    (None, P, "医生，您下周的号在小程序上显示约满了，还能加吗？"),
    (None, F, "我们外地的，没抢到号，能不能请主任帮忙加个号"),
    (None, P, "通过医院公众号约上了，下周二见"),
    (None, P, "号贩子把专家号炒到八百，普通人根本抢不到，太离谱了"),
    (None, F, "昨天在门诊楼下被人拉着问要不要号，估计是黄牛"),
    (None, P, "有人私信我说能帮忙代挂号，收一百块，这种能信吗？"),
    (None, F, "医院能不能严打号贩子啊，每次放号一秒就没了"),
    (None, P, "听说有人花钱找黄牛买了号，结果到医院被查出来不能用"),
    (None, P, "京医通上怎么绑定就诊卡？"),
    # costs, insurance, help with bills
    (None, P, "核磁共振自费要多少钱？"),
    (None, F, "这个进口药医保不报，一个月要一万多，有没有国产的可以代替"),
    (None, P, "住院费用清单在哪里打印？"),
    (None, F, "听说这个药有患者援助项目，买几盒送几盒，怎么申请？"),
    (None, P, "医生，我的百万医疗险要病历复印件，去哪里复印？"),
    (None, F, "跨省异地结算要带什么材料？"),
    (None, F, "家里经济困难，医院有没有减免政策？"),
    (None, P, "当地民政有临时救助，需要医院开什么证明吗？"),
    (None, F, "之前有人在群里发水滴筹被踢了，群规写得很清楚"),
    (None, P, "水滴筹要的诊断证明，能在哪里开？"),
    (None, F, "众筹的钱到账了，已经交了住院费"),
    (None, F, "陪护床一晚多少钱？在哪交？"),
    # thanks and ordinary consultation
    (None, P, "出院了，感谢心内科全体医护人员的照顾❤️"),
    (None, F, "谢谢李医生半夜还回复我们，真的太负责了"),
    (None, P, "Thanks a lot, the wound is healing well."),
    (None, P, "好的，明白了，谢谢"),
    (None, P, "医生，我今天咳嗽有点加重，有黄痰"),
    (None, F, "我妈化疗后白细胞2.1，需要打升白针吗"),
    (None, P, "术后多久可以洗澡？"),
    (None, P, "报告上写甲状腺结节TI-RADS 3类，严重吗"),
    (None, P, "Can I take fish oil after the surgery?"),
    (None, F, "请问哪里可以买到医用弹力袜？"),
    (None, P, "医生，家用制氧机买几升的合适？"),
    (None, F, "在京东上买的轮椅到了，怎么调高度"),
    (None, P, "网上买的试纸测出来血糖8.9，准吗"),
    (None, P, "群里有病友知道哪里有做康复训练的吗？"),
    (None, F, "能加您微信吗？想把我爸的检查单发您看看"),
    (None, P, "扫码付款一直转圈，是系统问题吗"),
    (None, F, "门诊楼的自助机扫码打印报告在哪一层"),
    (None, P, "链接点进去要登录，用什么账号？",
     (N, "满意度调查问卷：https://www.example-hospital.cn/survey/2024")),
    (None, P, "满意度调查在哪填？想表扬一下护士"),
    (None, P, "淘宝上买的血压计，和医院量的差十几，哪个准"),
    (None, F, "单位团购的体检，查出来甲状腺结节，需要挂哪个科"),
    (None, P, "昨晚的科普直播错过了，有回放吗",
     (D, "医院视频号周五晚上有我们科的科普直播，讲甲状腺结节，大家可以关注")),
]
