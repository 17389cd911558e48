"""Held-out off-topic batch G, written fresh (without re-reading batches A–F) before the third
round of off-topic tuning, and measured once before and once after it (numbers in
`quality_eval.py` and the commit). Same rows and judgement calls as `offtopic_blind_batch.py`:
`(expect, role, text, *context)`, context items `(role, text)` of earlier messages of the chat.

Extra judgement calls written down here: declining crowdfunding or sharing a pharmacy discount
(no seller, no contact) is not off-topic; an offer of a 号 / 床位 / 药 for money or by private
message in reply to someone asking for one is (scalping or selling), the request alone is not.
"""

from __future__ import annotations

from typing import Any

P, F, D, N, A, U = "patient", "family", "doctor", "nurse", "assistant", "unknown"
OT = "off_topic"

Row = tuple[Any, ...]  # (expect, role, text, *context)

BATCH_G_POSITIVE: list[Row] = [
    # health products and medical ads without the usual product words
    (OT, U, "好消息！德国原装进口细胞修复液，三十天逆转血管老化，v：jk66688"),
    (OT, P, "我们家的黑枸杞是青海野生的，泡水喝护眼降三高，68元/斤，包邮到家"),
    (OT, U, "【特惠】关节疼痛一贴灵，贴三天走路不疼，¥39.9两盒，下单链接 https://k.youzan.com/p/8f2"),
    (OT, F, "姐妹们，这款益生菌我家孩子吃了便秘全好了，团长价129，要的找我"),
    (OT, U, "国内买不到的日本原研降压药，厂家直发，wx：riben_yao01"),
    (OT, P, "有需要蛋白粉的吗，术后恢复必备，工厂价直供，➕V：dbf2024"),
    (OT, U, "远红外理疗护膝，老寒腿克星，今天下单送护腰，咨询电话13912345678"),
    (OT, U, "纳豆激酶溶血栓，比阿司匹林安全，三盒一个周期，需要的➕薇 nd8899"),
    (OT, F, "我朋友开的中医馆，针灸推拿一次只要50，报我名字还能再便宜，地址私我"),
    (OT, U, "干细胞回输抗衰老，肝硬化肾衰都能逆转，名额仅剩5个，速联系"),
    (OT, P, "自家熬的膏方，调理失眠气血两虚，298元一罐，顺丰包邮"),
    (OT, U, "糖尿病人的福音！降糖茶喝一个月血糖稳定，扫描下方二维码领取试喝装"),
    (OT, U, "清仓处理：进口维生素D3，效期到明年，20元一瓶，先到先得"),
    (OT, F, "宝妈们看过来，婴儿辅食米粉厂家直销，满99包邮，微信同手机号"),
    # traffic: contact handles, shops, live rooms, 团购, 砍一刀, votes, jobs
    (OT, U, "私人订制减肥方案，不节食不运动，联系薇❤ jianfei_555"),
    (OT, P, "家人们，今晚七点我在抖音开播，全场福利价，搜索“健康小林”就能找到我"),
    (OT, U, "本群福利：进群的朋友凭截图到店领取免费足浴一次，门店电话0755-88889999"),
    (OT, F, "接龙团购：海南妃子笑荔枝5斤装45元，后天到货\n1. 李阿姨 1箱\n2."),
    (OT, P, "求助力！帮我点一下这个链接就行，我差最后0.5元提现 https://p.pinduoduo.com/a1B2"),
    (OT, F, "麻烦大家帮我小侄子投个票，5号，每人每天可以投三次，感谢感谢"),
    (OT, U, "招聘：医院附近餐厅招服务员，包吃包住，月薪四千五，有意者加微信"),
    (OT, U, "手机打字员，无需经验，每天两小时，月入三千以上，感兴趣的私聊"),
    (OT, P, "我们店在做周年庆，全场满200减50，店铺地址：人民路18号，欢迎来逛"),
    (OT, U, "👉点击领取京东白条免息券 https://u.jd.com/q8Zk3 先到先得"),
    (OT, U, "Cheap Viagra and weight loss pills, no prescription needed! WhatsApp +1 555 0101"),
    (OT, F, "我家闺女在参加小主播比赛，麻烦各位长按识别二维码帮她点个赞"),
    (OT, U, "网贷逾期？专业协商停催，只收少量服务费，加我了解"),
    (OT, P, "帮忙关注一下我的小红书，每天分享减肥餐，号：lili的瘦身日记"),
    (OT, U, "本人出售二手轮椅一台，折叠款，八成新，300元自提，电话15800001111"),
    (OT, U, "高价回收医保卡里的余额，现金秒结，私信我"),
    (OT, P, "有在医院附近租房的吗？我有一间单间，月租1200，拎包入住，联系我"),
    # insurance sales
    (OT, U, "已经确诊的也能买！专门针对癌症患者的特药险，一年不到一百块，了解加我vx"),
    (OT, F, "给孩子买份少儿重疾险吧，我在平安做了十年，免费帮大家规划，电话微信同号"),
    (OT, P, "住院自费的部分可以报的，我这边有款医疗险，现在投保还送体检，需要的找我"),
    # fundraising
    (OT, F, "我妈尿毒症透析三年了，家里实在拿不出换肾的钱，恳请大家捐一点，转发也是帮忙🙏"),
    (OT, F, "求大家帮帮忙，孩子骨肉瘤要截肢，手术费差十五万，筹款链接在这 https://m.qschou.com/p/9x"),
    (OT, P, "各位病友，我发起了一个爱心筹，为我弟弟治疗脑瘤，能帮一点是一点"),
    (OT, U, "爱心接力！云南山区孩子急需救助，每人捐10元，扫码即可捐助"),
    (OT, F, "水滴上面已经筹到八万了，还差一些，恳请大家动动手指转发到朋友圈"),
    # QR codes and links
    (OT, U, "[二维码] 扫一扫加入控糖打卡营，坚持21天返现99元"),
    (OT, U, "[图片] 长按图片识别，添加营养师，免费领取三天减脂食谱"),
    (OT, P, "这是我家店的码，扫了能领十块钱无门槛券"),
    (OT, U, "下载这个APP注册就送100元，新人专享 https://app.xyz-health.cn/reg?inv=77"),
    # scalping and brokering
    (OT, U, "北京协和、301专家号，提前一天预约，当天拿号，V：gh_pro88"),
    (OT, U, "住院排不上？我们有内部渠道，三天内安排床位，费用面议"),
    (OT, P, "我这边有明天上午张主任的号，用不上了，200转给需要的"),
    (OT, U, "专业陪诊代办：挂号、取报告、办住院一条龙，全市三甲都能约"),
    (OT, U, "有没有要肿瘤科的号，下周一的，有的话私聊，价格好商量"),
    (OT, U, "加急办手术排期，认识科室的人，保证一周内上台，有意私聊"),
    # replies that sell in answer to a request earlier in the chat
    (OT, U, "我有，私聊，300",
     (P, "有没有谁能弄到下周三李主任的号？急")),
    (OT, U, "有的，加我vx细聊",
     (F, "请问哪里能买到奥希替尼？医院断货了")),
    (OT, U, "我这里能安排，两天内住进去，费用私下说",
     (F, "我爸住院一直排不上床位，等了快一个月了")),
    (OT, U, "可以找我，今天就能拿到，500",
     (P, "谁有明天的专家号啊，怎么都抢不到")),
    (OT, U, "我这里有货，原装正品，比医院便宜，私我",
     (P, "PD-1哪里能买到便宜点的？")),
    (OT, U, "我能弄到，代挂一个收150",
     (F, "儿童医院的号太难挂了，有办法吗")),
    # more adverts in everyday phrasing
    (OT, U, "喝了我们的富氢水，肿瘤标志物都降了，一箱六瓶168，全国包邮"),
    (OT, P, "刚从泰国带回来的青草膏，蚊虫叮咬头疼都管用，15一支，有要的吗"),
    (OT, U, "老年人助听器，进口芯片，免费试戴一周，预约热线400-800-1234"),
    (OT, U, "体检套餐限时秒杀，原价1280现价399，名额有限，点链接抢 https://t.cn/Rx9Lm"),
    (OT, F, "我家开的水果店，给群里病友家属送货上门，满50免配送费，店里微信：guoguo888"),
    (OT, U, "【招募】新药临床试验受试者，补贴8000元，包检查，有意联系王老师 13700137000"),
    (OT, P, "有人要艾灸盒吗？我多买了几个，成本价出，30一个"),
    (OT, U, "三伏贴团购开始啦，一个疗程三次只要99，要的群里接龙"),
    (OT, U, "抗癌食疗课程，跟着吃癌细胞饿死，限时免费听课，进群看置顶"),
    (OT, F, "大家好，我是做月嫂的，经验十年，有需要的宝妈可以联系我，价格好谈"),
    (OT, U, "美团外卖神券，每天领一次，最高减20，戳 https://dpurl.cn/abc12"),
    (OT, P, "想减肥的姐妹可以试试我在卖的代餐奶昔，我自己一个月瘦了12斤"),
    (OT, U, "不孕不育找我们，试管包成功，不成功全额退款，咨询微信 shiguan_520"),
    (OT, U, "高端体检、海外就医、质子重离子治疗，一站式服务，联系顾问小陈"),
]

BATCH_G_NEGATIVE: list[Row] = [
    # declining or asking about crowdfunding, complaints about scalpers, adverts
    (None, F, "谢谢大家，众筹的事情我们自己想办法了"),
    (None, F, "水滴筹靠谱吗？会不会被收很多手续费"),
    (None, P, "众筹的话医院能开证明吗？需要找哪个科室盖章"),
    (None, F, "我们不打算搞众筹了，医保报完自费部分也还能承受"),
    (None, P, "今天门口又有号贩子在拉人，大家别上当"),
    (None, F, "有人找我说能加钱弄到床位，我没理他，这种是骗子吧"),
    (None, P, "群里别发广告了，之前有人卖保健品被踢了"),
    (None, F, "护士长说过不要相信外面代挂号的，会被骗钱"),
    (None, P, "保健品能代替降压药吗？我妈一直在吃什么深海鱼油"),
    (None, F, "那个什么量子水是不是骗老年人的？我爸非要买"),
    # ordinary tips with prices or discounts, no seller and no contact
    (None, P, "医院对面那家药店今天打八折，会员价更便宜，需要买药的可以去看看"),
    (None, P, "我在京东买的血压计，两百多，用着挺准的"),
    (None, F, "这个药外面药店要98元一盒，医院里医保报完才十几块"),
    (None, P, "美团买药半小时就送到了，晚上急用挺方便"),
    (None, F, "住院部楼下超市的尿垫比外面贵，可以网上买"),
    (None, P, "我问了一下，自费的话一针要三千多，太贵了"),
    (None, F, "淘宝上搜“防褥疮气垫床”就有，一百多块"),
    (None, P, "拼多多上的血糖试纸便宜，但是不知道是不是正品"),
    # staff and hospital channels, contacts, links
    (None, N, "请大家扫描护士站的二维码加入出院随访群，方便复查提醒"),
    (None, D, "预约挂号请用医院公众号或者小程序，不要找外面的人"),
    (None, N, "住院部咨询电话0571-87236666，工作日8点到17点"),
    (None, A, "医院官网的专家出诊表更新了：https://www.example-hospital.cn/doctors"),
    (None, D, "我下周二下午加个号，你直接来诊室找我"),
    (None, N, "明天门诊的患者请提前在APP上签到，扫码取号"),
    (None, D, "这个药院内没有，可以拿处方去外面的DTP药房买，医保也能报"),
    (None, N, "床位紧张，已经给您排上了，有床会电话通知您"),
    (None, A, "本周六医院有免费义诊，地点在门诊一楼大厅，欢迎参加"),
    (None, D, "有需要的可以加我们科室的随访微信，号码在出院小结上"),
    (None, N, "医保报销的问题可以打12393咨询"),
    (None, D, "临床试验的招募信息在医院伦理委员会网站上，符合条件的可以找我评估"),
    # requests and ordinary talk that mention 号 / 床位 / 药 / 微信
    (None, P, "有没有谁能弄到下周三李主任的号？急"),
    (None, F, "我爸住院一直排不上床位，等了快一个月了"),
    (None, P, "请问奥希替尼医院还有货吗？"),
    (None, P, "我挂到号了，明天上午第12个，谢谢大家提醒"),
    (None, F, "我有，上次医生开的还剩两盒，可以先吃着",
     (P, "有人知道这个药停了会不会反弹？我手上的吃完了")),
    (None, P, "我有张主任的号，明天一起去的话可以在门口等",
     (F, "明天谁也去看张主任？")),
    (None, F, "私聊我吧，我把我们家的经历详细跟你说",
     (P, "你们家做完手术恢复得怎么样？")),
    (None, P, "我加了医生的微信，有问题可以直接问"),
    (None, F, "我们加了病友群的微信，大家互相打气"),
    (None, P, "300多的号挂不到，只能挂普通号了"),
    (None, P, "医生说下周可以住院，到时候电话通知"),
    (None, F, "我爸的药一盒才吃一周，每个月要开四盒"),
    (None, P, "我的手机号13812345678，护士说出院后会打电话随访，这样填对吗"),
    (None, F, "家里人都在帮忙想办法凑钱，希望手术顺利"),
    # medical questions with product, price and unit words
    (None, P, "阿胶糕孕期能吃吗？一天吃多少合适"),
    (None, F, "我妈在吃益生菌，和抗生素要间隔多久"),
    (None, P, "医生，蛋白粉术后多久能开始喝？"),
    (None, F, "维生素D3一天吃一粒够吗？400单位的"),
    (None, P, "医生开的胰岛素一支300单位，一天打12个单位能用多久"),
    (None, F, "请问靶向药自费一个月大概多少钱？我们心里有个数"),
    (None, P, "护膝戴着睡觉可以吗？膝盖晚上疼"),
    (None, F, "助听器需要到哪个科验配？"),
    (None, P, "我在吃纳豆激酶，手术前要停吗"),
    (None, F, "三伏贴今年什么时候开始贴？医院有吗"),
    (None, P, "艾灸对宫寒有用吗？还是要吃药"),
    (None, P, "医生说可以买个家用制氧机，大概什么价位的合适"),
    # everyday chat
    (None, P, "今天复查结果出来了，指标都正常，谢谢张医生"),
    (None, F, "投票选优秀护士的活动我们投了王护士，她真的很好"),
    (None, P, "医院食堂的饭还挺便宜，一顿十几块"),
    (None, F, "在医院附近租了个房子陪护，一个月两千"),
    (None, P, "我是做保险的，这次住院的费用能报吗？还是要问医保办"),
    (None, F, "请的护工一天两百五，还挺尽心的"),
    (None, P, "群里有没有做过这个手术的？想问问术后多久能上班"),
    (None, F, "明天降温了，住院的病人家属记得带厚衣服"),
    (None, P, "感谢医生护士，出院了，送了一面锦旗表示心意"),
    (None, D, "大家不要相信网上说的偏方，有问题来门诊"),
    (None, N, "住院押金可以扫码支付，也可以刷医保卡"),
    (None, P, "Thanks doctor, the link you sent for the appointment worked"),
    (None, F, "抖音上说这个病能根治，是真的吗？"),
    (None, P, "我找了个陪诊的，帮忙排队取报告，一次一百，挺省事"),
]
