"""Held-out personal-data batch, written from design §4.2/§6, personal-data.md and domain.md §C
only, before reading the recognizers; numbers made with the GB 11643 and Luhn check digits.

Run `python -m tests.rulepacks.pii_blind_batch` (`-v` lists every miss and false flag): recall
per expected entity (a personal-data finding of a matching entity whose span overlaps the
expected substring of the last message) and false flags on the hard negatives (any
personal-data finding, monitor mode included). `test_pii_blind_floor.py` asserts floors.

Rows: POSITIVE `(entity, role, text, substring, *context)`, NEGATIVE `(role, text, *context)`;
context items are `(role, text)` of earlier messages of the same chat, scanned first.

First run, before any change to the recognizers: recall id 28/32, phone 47/47, card 14/14,
record 16/18, name 17/20 (monitor mode counted), address 11/12, account 10/10, document 5/5;
structured identifiers 105/111 (0.946), all 148/158 (0.937); false flags 6/101 hard negatives
(hospital switchboard / nurse-station landlines ×4, 小区附近, the hospital's own street address),
precision 0.961. Misses: resident IDs with a typo in the check digit after 身份证 (×4), 住 院 号
spelt out with spaces, 病案号 No.…, 家属：王芳, 我外婆赵秀兰, English name and street address.

Second round (58 positives, 40 hard negatives appended below, written after those fixes):
first run 53/58 found (structured 41/42: 宅电 (0755)…), 0/40 negatives flagged; misses were
李桂香阿姨, 微信搜 zhao-ming1990, passport and permit with a space after the letter.

Third round (34 positives, 30 hard negatives: mixed messages, staff notices, lists of names):
first run 32/34 (structured 18/20), 0/30 negatives flagged; missed a 17-digit ID the
normaliser leaves as region + phone (230103 19560707288, now found) and a card given back to
front in two pieces (…3390756，前面 62366890810, still missed).

After the fixes: 249/250 positives (structured 172/173); false flags 2/171, both a ward's own
line (科室护士站电话, 心内科办公室电话), kept on purpose: the benchmark labels 科室座机 personal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rules.engine import Engine
from rules.model import Category, Message, Role

P, F, D, N, A, U = "patient", "family", "doctor", "nurse", "assistant", "unknown"

# What each expected entity accepts among the finding span entities.
ACCEPTS: dict[str, frozenset[str]] = {
    "id": frozenset({"CN_RESIDENT_ID"}),
    "phone": frozenset({"CN_PHONE", "CN_LANDLINE", "PHONE_NUMBER"}),
    "card": frozenset({"BANK_CARD", "CREDIT_CARD", "IBAN_CODE"}),
    "record": frozenset({"MEDICAL_RECORD_NO", "INSURANCE_NO"}),
    "name": frozenset({"PERSON_NAME", "PERSON", "BED_NAME"}),
    "address": frozenset({"ADDRESS", "STREET_ADDRESS"}),
    "account": frozenset({"WECHAT_ID", "QQ_ID", "EMAIL_ADDRESS"}),
    "document": frozenset({"PASSPORT", "HK_MACAO_PERMIT", "US_PASSPORT", "US_SSN",
                           "US_DRIVER_LICENSE", "UK_NHS"}),
}
STRUCTURED = ("id", "phone", "card", "record")

Row = tuple[Any, ...]

POSITIVE: list[Row] = [
    # --- resident ID numbers -------------------------------------------------------------
    ("id", F, "我妈身份证号120104195407210503，麻烦帮忙登记一下", "120104195407210503"),
    ("id", P, "身份证：440106 20030212 5979", "440106 20030212 5979"),
    ("id", F, "医生 我爸的身份证 320102-19990402-0893 办住院要用", "320102-19990402-0893"),
    ("id", P, "证件号码 4101 0519 8802 0809 39", "4101 0519 8802 0809 39"),
    ("id", F, "36010219890127580x 这是我老婆的身份证", "36010219890127580x"),
    ("id", P, "身份证号是５１０１０７１９６３１１２１５９７１",
     "５１０１０７１９６３１１２１５９７１"),
    ("id", F, "身份证号 三二零一零二二零零八一零一三零五一X 孩子的",
     "三二零一零二二零零八一零一三零五一X"),
    ("id", P, "我的身份证610113一九四零0928一三七一", "610113一九四零0928一三七一"),
    ("id", F, "身份证号码.350203.19880318.121X.", "350203.19880318.121X"),
    ("id", P, "450l0319740927699四 身份证", "450l0319740927699四"),
    ("id", F, "护士您好，昨天办入院的时候身份证号好像登记错了，正确的是420111194810196553，"
     "麻烦帮忙改一下，不然医保报不了，谢谢", "420111194810196553"),
    ("id", P, "sfz 370202198202187306", "370202198202187306"),
    ("id", F, "孩子身份证号：44010620070120211８", "44010620070120211８"),
    ("id", F, "我和我爱人的身份证：340104200307253228，210102200908123072",
     "210102200908123072"),
    ("id", F, "我和我爱人的身份证：340104200307253228，210102200908123072",
     "340104200307253228"),
    ("id", P, "0928 1371", "0928 1371", (P, "我身份证号 610113 1940")),
    ("id", F, "身份证 440106 2008 0517 5070 住院登记用的", "440106 2008 0517 5070"),
    ("id", P, "ID card: 120104199205200751", "120104199205200751"),
    ("id", F, "我爸的身份证号码是一二零一零四一九五四零八一四零四一二",
     "一二零一零四一九五四零八一四零四一二"),
    ("id", P, "身份证号码：44010619690823681８", "44010619690823681８"),
    ("id", F, "老人身份证号310115193708121737，医保在上海", "310115193708121737"),
    ("id", P, "身-份-证 5301 0219 4908 0222 43", "5301 0219 4908 0222 43"),
    ("id", F, "这是我婆婆的身份证号 350203 195112 084089 ，床位能不能早点安排",
     "350203 195112 084089"),
    ("id", P, "身份证号500103199802064609手机18613114402", "500103199802064609"),
    # typos: valid region and birth date, wrong check digit, clear cue
    ("id", F, "身份证号：130102198103235576", "130102198103235576"),
    ("id", P, "我的身份证号码是110105200205218852", "110105200205218852"),
    ("id", F, "病人身份证 44010619680912931X 麻烦核对", "44010619680912931X"),
    ("id", F, "身份证号420111198004185556，帮我查下报销进度", "420111198004185556"),
    # legacy 15-digit ID with a cue
    ("id", F, "老身份证是15位的：110105490317123", "110105490317123"),
    # --- mobile phones ------------------------------------------------------------------
    ("phone", F, "有事打我电话15926462889", "15926462889"),
    ("phone", P, "电话：138 1419 3141", "138 1419 3141"),
    ("phone", F, "我的手机 181-0586-4920 随时联系", "181-0586-4920"),
    ("phone", P, "+86 173 3124 0234 我老公的号", "+86 173 3124 0234"),
    ("phone", F, "联系方式１５８４８３４７８２４", "１５８４８３４７８２４"),
    ("phone", P, "手机号幺八二零四零零零八八三", "幺八二零四零零零八八三"),
    ("phone", F, "打这个 幺七三 七三七一 六七八六", "幺七三 七三七一 六七八六"),
    ("phone", P, "我的号码是173四三三五三二六五", "173四三三五三二六五"),
    ("phone", F, "139.2014.6201 我女儿的电话", "139.2014.6201"),
    ("phone", P, "电话180 684 934 07", "180 684 934 07"),
    ("phone", F, "手机:199 2470 4558 下午都在", "199 2470 4558"),
    ("phone", P, "1３0３0４３5２0５ 有事打这个", "1３0３0４３5２0５"),
    ("phone", F, "187l7483380", "187l7483380"),
    ("phone", P, "要是我没接就打我儿子的18641269060或者我女儿的18943198296",
     "18641269060"),
    ("phone", P, "要是我没接就打我儿子的18641269060或者我女儿的18943198296",
     "18943198296"),
    ("phone", F, "医生您好，我是12床刘大爷的女儿，我爸今天早上说胸口有点闷，吃了早饭以后好一点，"
     "我下午要上班，有什么情况麻烦打我电话17657249208，谢谢您了", "17657249208"),
    ("phone", P, "tel: 158-6828-8909", "158-6828-8909"),
    ("phone", F, "加我微信或者打电话都行 13331002516", "13331002516"),
    ("phone", P, "1818 0083 740", "1818 0083 740", (P, "护士，我换手机号了，新号码：")),
    ("phone", F, "8174 有事找我", "8174", (F, "我电话 181 1881")),
    ("phone", P, "电话 幺捌陆肆叁叁叁柒柒陆壹", "幺捌陆肆叁叁叁柒柒陆壹"),
    ("phone", F, "一五九 四九九二 零七零七", "一五九 四九九二 零七零七"),
    ("phone", P, "打1 5 9 1 3 7 4 8 4 7 7找我", "1 5 9 1 3 7 4 8 4 7 7"),
    ("phone", F, "我电话：181一一834一704", "181一一834一704"),
    ("phone", D, "有急事打我手机 18118746331，别在群里说", "18118746331"),
    ("phone", P, "号码 195 1284 5298（微信同号）", "195 1284 5298"),
    ("phone", F, "电话是159１5３7７6０2", "159１5３7７6０2"),
    ("phone", P, "我的手机号13877642656，明天复查前一天提醒我一下", "13877642656"),
    ("phone", F, "我在医院门口了，电话13015055613，出来接一下", "13015055613"),
    ("phone", P, "手机号码：133-0445-1669", "133-0445-1669"),
    ("phone", F, "电话👉18656404104", "18656404104"),
    ("phone", P, "一八六五六四零四一零四", "一八六五六四零四一零四", (D, "留个电话，明天通知你")),
    ("phone", F, "号码158 2346 8535", "158 2346 8535"),
    ("phone", P, "shou机 153 0688 3106", "153 0688 3106"),
    ("phone", F, "Call me at +86-181-9247-0822", "+86-181-9247-0822"),
    ("phone", P, "my number is (147) 6544 4463", "(147) 6544 4463"),
    ("phone", F, "电话18978612213/17378375762都可以", "17378375762"),
    ("phone", P, "联系人：我儿子 198 3312 5815", "198 3312 5815"),
    # landlines
    ("phone", F, "家里座机010-62758341，白天有人", "010-62758341"),
    ("phone", P, "座机：0755 8613 2247", "0755 8613 2247"),
    ("phone", F, "单位电话(021)54836172，找刘老师", "(021)54836172"),
    ("phone", P, "我家电话０２７－８７６５４３２１", "０２７－８７６５４３２１"),
    ("phone", F, "固话 0571-88213645 转 203", "0571-88213645"),
    ("phone", P, "家里电话是零二八八五四七六二九三", "零二八八五四七六二九三"),
    # --- bank cards ---------------------------------------------------------------------
    ("card", F, "卡号6214833633875004741，开户行招商银行杭州分行", "6214833633875004741"),
    ("card", P, "退费打到这张卡：6214 8395 7551 3137 355 招行", "6214 8395 7551 3137 355"),
    ("card", F, "开户行：招商银行 账号 6214837990751163728", "6214837990751163728"),
    ("card", P, "银行卡 6212-2651-6761-2220-295 工商银行", "6212-2651-6761-2220-295"),
    ("card", F, "建行卡号６２２７００２９９７５２８８２００１０",
     "６２２７００２９９７５２８８２００１０"),
    ("card", P, "医保退费的卡号是6217992633043483959", "6217992633043483959"),
    ("card", F, "户名张伟 卡号 6225888620579868281 开户行 交通银行", "6225888620579868281"),
    ("card", P, "6222028807290222793 工行 退款打这个", "6222028807290222793"),
    ("card", F, "信用卡 4380 8812 5242 7310", "4380 8812 5242 7310"),
    ("card", P, "卡号6217 0080 5888 7180 333", "6217 0080 5888 7180 333"),
    ("card", F, "银行账号：622588018780175989２", "622588018780175989２"),
    ("card", P, "card number 5525 9667 2326 8659", "5525 9667 2326 8659"),
    # --- medical record, admission, outpatient and insurance numbers --------------------
    ("record", N, "12床病案号0032815，明早空腹抽血", "0032815"),
    ("record", F, "住院号：ZY20240315017", "ZY20240315017"),
    ("record", P, "门诊号 MZ8812034，帮我查下报告出来没有", "MZ8812034"),
    ("record", F, "医保卡号 1101 0056 2738", "1101 0056 2738"),
    ("record", P, "我的病历号是 2023118476", "2023118476"),
    ("record", F, "住院号 00418293 麻烦帮忙打印一下费用清单", "00418293"),
    ("record", P, "就诊卡号：0005718234", "0005718234"),
    ("record", F, "ID号：10283746 检查报告查不到", "10283746"),
    ("record", N, "请核对：住院号8827361", "8827361"),
    ("record", P, "医保号 H3301060091283", "H3301060091283"),
    ("record", F, "病案号是七六五四三二一", "七六五四三二一"),
    ("record", P, "登记号 0012873645，CT预约在哪", "0012873645"),
    ("id", F, "社保卡号：330106200010216937", "330106200010216937"),
    ("record", P, "门诊ID 3307281 王芳", "3307281"),
    ("record", F, "住 院 号 2 0 2 4 0 0 8 7 1", "2 0 2 4 0 0 8 7 1"),
    ("record", N, "住院号：20230918，姓名：陈桂兰，明天出院", "20230918"),
    # --- names next to relations and titles, bed + name ---------------------------------
    ("name", F, "我爸张建国今天还没排上手术", "张建国"),
    ("name", N, "患者李秀英，明早八点空腹", "李秀英"),
    ("name", F, "家属：王芳，电话稍后发", "王芳"),
    ("name", N, "3床王阿姨今天可以出院了", "3床王阿姨"),
    ("name", N, "15床刘建华家属，请到护士站签字", "15床刘建华"),
    ("name", D, "加12床 赵桂芝 明天手术", "赵桂芝"),
    ("name", F, "我妈叫陈淑珍，68岁，高血压十年", "陈淑珍"),
    ("name", N, "姓名：黄志强 床号：7", "黄志强"),
    ("name", F, "我是周明的爱人，他的报告出来了吗", "周明"),
    ("name", N, "请23床孙丽华的家属到医生办公室", "孙丽华"),
    ("name", F, "病人叫马玉兰，昨天住进来的", "马玉兰"),
    ("name", P, "我叫林晓燕，上周在您这做的胃镜", "林晓燕"),
    ("name", N, "ICU 5床 郭大爷 家属请回电", "5床 郭大爷"),
    ("name", F, "我老公吴志勇今天的药吃了吗", "吴志勇"),
    ("name", D, "患者何建平，男，72岁，术后第三天", "何建平"),
    ("name", F, "我是18床胡桂英的女儿", "胡桂英"),
    ("name", P, "My name is David Miller, my father is in bed 8", "David Miller"),
    # --- addresses ------------------------------------------------------------------------
    ("address", F, "家住杭州市西湖区文三路阳光小区5幢2单元301室",
     "杭州市西湖区文三路阳光小区5幢2单元301室"),
    ("address", P, "地址：朝阳区望京西园三区312号楼1单元1502",
     "朝阳区望京西园三区312号楼1单元1502"),
    ("address", F, "出院证明寄到武汉市洪山区珞喻路1037号华中小区8栋402",
     "武汉市洪山区珞喻路1037号华中小区8栋402"),
    ("address", P, "我住翠苑一区12幢3单元501", "翠苑一区12幢3单元501"),
    ("address", F, "收件地址 江苏省南京市玄武区中山路18号", "江苏省南京市玄武区中山路18号"),
    ("address", P, "家在成都市武侯区人民南路四段27号院2栋", "成都市武侯区人民南路四段27号院2栋"),
    ("address", F, "住址：广州市天河区天河北路233号中信广场附近的金湖花园6座1203房",
     "金湖花园6座1203房"),
    ("address", P, "地址发你：浦东新区张杨路1590弄28号602室", "浦东新区张杨路1590弄28号602室"),
    ("address", F, "我们住在XX县城关镇建设路56号，离医院很远", "城关镇建设路56号"),
    ("address", P, "Address: 221B Baker Street, London", "221B Baker Street"),
    # --- online accounts, emails, travel documents ----------------------------------------
    ("account", F, "加我微信 wxid_k8s7d2m1", "wxid_k8s7d2m1"),
    ("account", P, "微信号：zhangli_1985，通过一下", "zhangli_1985"),
    ("account", F, "vx: liuhua-88 加一下", "liuhua-88"),
    ("account", P, "我QQ 284617395 发资料给我", "284617395"),
    ("account", F, "扣扣：1045837261", "1045837261"),
    ("account", P, "报告发我邮箱 wangfang1988@163.com", "wangfang1988@163.com"),
    ("account", F, "邮箱是chen.ming@qq.com谢谢", "chen.ming@qq.com"),
    ("account", P, "email me: j.smith@example.org", "j.smith@example.org"),
    ("document", F, "护照号 E12345678 出国看病用", "E12345678"),
    ("document", P, "港澳通行证 C60123458", "C60123458"),
    ("document", F, "passport no. EA7654321", "EA7654321"),
    ("document", P, "护照：G28471936，诊断证明要写这个", "G28471936"),
    ("document", F, "回乡证号 H10293847，香港过来看病的", "H10293847"),
    # --- a second handful, same sources ---------------------------------------------------
    ("id", F, "身份证 ５１０１０７ 二零零零 0706 7766", "５１０１０７ 二零零零 0706 7766"),
    ("id", P, "my ID no is 500103200505058398", "500103200505058398"),
    ("phone", P, "152\u200b8364\u200b5074", "152\u200b8364\u200b5074"),
    ("phone", F, "l52 836 45O74 打这个", "l52 836 45O74"),
    ("phone", P, "联系电话：021-5483 6172", "021-5483 6172"),
    ("card", F, "卡号六二一七九九三四七八八七八三八四八三四",
     "六二一七九九三四七八八七八三八四八三四"),
    ("card", P, "6227.0026.1675.1361.340 农行", "6227.0026.1675.1361.340"),
    ("record", F, "病案号 No.0093812", "0093812"),
    ("record", P, "门诊卡号：M00293847", "M00293847"),
    ("record", N, "住院编号 240315029 的家属请到护士站", "240315029"),
    ("name", N, "3床的王建军今天转科", "王建军"),
    ("name", F, "患者：刘淑芬 女 65岁", "刘淑芬"),
    ("name", F, "我外婆赵秀兰住你们科", "赵秀兰"),
    ("address", P, "住在幸福里小区3号楼2单元1101", "幸福里小区3号楼2单元1101"),
    ("address", F, "家住城南街道清河村5组12号", "清河村5组12号"),
    ("account", F, "V：sunny-1990 加我", "sunny-1990"),
    ("account", P, "邮箱：1045837261@qq.com", "1045837261@qq.com"),
]

NEGATIVE: list[Row] = [
    # dates and times
    (P, "我2024年3月15日做的手术，现在能洗澡吗"),
    (F, "复查约的是2024-04-18 09:30"),
    (P, "检查日期20240315，报告什么时候出"),
    (P, "从2023.11.02开始吃的药"),
    (N, "明天14:30到门诊三楼做胃镜"),
    (P, "出生日期1958年12月25日，今年多大能报销"),
    (F, "手术排在2024/05/07上午"),
    # lab values, vital signs, doses
    (P, "肌酐 105，尿素氮 7.2，要紧吗"),
    (P, "血压150/95，心率88"),
    (F, "INR 2.3，华法林要减量吗"),
    (P, "这周血压：138 86，142 90，135 85，130 80"),
    (P, "今天血糖：空腹 6.8，早餐后 10.2，午餐后 9.5，晚餐后 11.3"),
    (P, "血常规：白细胞 6.21 红细胞 4.52 血红蛋白 135 血小板 213 中性粒细胞 63.2%"),
    (P, "NT-proBNP 1250 pg/ml，上次是 3480"),
    (P, "D-二聚体 0.55，CA125 35.2，AFP 2.1"),
    (P, "甲功 TSH 4.52 FT3 4.81 FT4 16.27"),
    (F, "尿酸 486，甘油三酯 2.31，总胆固醇 5.82，低密度 3.64"),
    (P, "HbA1c 7.2%，eGFR 58"),
    (P, "肿块大小 3.2×2.5cm，BI-RADS 4a"),
    (D, "阿托伐他汀20mg每晚一次"),
    (P, "胰岛素早12单位晚10单位"),
    (F, "二甲双胍0.5g，一天三次"),
    (P, "白细胞计数 10.5×10^9/L，偏高吗"),
    (P, "血小板 156×10^9/L"),
    (P, "24小时尿蛋白 1320mg"),
    (P, "心电图 QT 438ms，QTc 461ms"),
    (P, "血氧 96 心率 72 体温 36.8"),
    (P, "尿常规比重1.025，pH6.0"),
    (P, "骨密度T值-2.8"),
    (P, "空腹血糖 6.1 mmol/L 餐后两小时 11.1 mmol/L"),
    # prices, amounts, order numbers
    (P, "这个药一盒128元，医保能报吗"),
    (F, "住院费一共花了23856.40元，报了16321.18"),
    (P, "淘宝订单号 4200001234202403151234567，买的血压计"),
    (F, "快递单号 SF1402837461925，病历寄出了"),
    (P, "缴费单号 2024031500182736，交过了"),
    (P, "发票号码 04412938，发票代码 044002300111"),
    (F, "自费部分 3,280.00，统筹支付 12,560.50"),
    (P, "挂号费 50 元，诊查费 25 元"),
    # hospital public numbers and service numbers
    (N, "科室护士站电话 0571-87236114，有事请打这个"),
    (A, "预约挂号请拨打医院总机 020-87755766 转 0"),
    (N, "医院服务热线 400-880-1234，工作日 8:00-17:00"),
    (D, "出现胸痛、呼吸困难请立即拨打120"),
    (P, "投诉可以打12345吗"),
    (N, "夜间急诊电话：0755-83366388"),
    (A, "线上复诊请关注公众号，客服电话 95588 是银行的别打错"),
    (P, "我打了12320卫生热线问了"),
    (N, "心内科办公室电话 010-69156114 转 2203"),
    # rooms, wards, beds without a name, ages, heights, weights
    (N, "请到住院部3号楼12楼1205病房"),
    (P, "我在门诊楼2楼B区23号诊室门口"),
    (N, "12床今天出院，15床明天手术"),
    (P, "我爸今年78岁，身高172cm，体重65kg"),
    (F, "孩子3岁2个月，体重14.5公斤"),
    (P, "孕12周+3天，NT 1.8mm"),
    (N, "请到7楼东区护士站，2号电梯上"),
    (P, "预约的是23号，现在叫到18号了"),
    (P, "排队号 A0156，还要等多久"),
    # versions, product codes, IDs that are not personal
    (A, "请把微信升级到 8.0.47 再扫码"),
    (P, "App 版本 v3.2.15 打不开报告"),
    (P, "国药准字H20050371是正品吗"),
    (P, "疫苗批号 202403015，打的是第二针"),
    (P, "型号 HEM-7136 的血压计准吗"),
    (P, "ICD编码 I10 是高血压的意思吗"),
    (N, "核酸采样管编号 2403150012 请保存好"),
    (P, "高铁G1234次，下午3点到"),
    (P, "步数 12863，走多了腿疼"),
    # long numbers in test reports
    (P, "报告单上写着 CT值 35.2 32.8 40.1"),
    (P, "基因检测 EGFR 19del，突变丰度 12.36%"),
    (P, "HBV-DNA 1.23E+05 IU/ml"),
    (P, "24小时动态心电图：总心搏 103254 次，室早 1286 次"),
    (P, "精子密度 23.5×10^6/ml"),
    (P, "CD4 计数 412 个/μl"),
    (P, "超声：肝右叶 12.5×11.3×10.8mm 低回声"),
    # ordinary consultation messages
    (P, "医生，术后第三天伤口有点渗液，要紧吗"),
    (F, "我妈今天胃口好多了，谢谢护士"),
    (P, "请问明天几点可以办出院"),
    (F, "医生，我爸的检查报告出来了吗"),
    (P, "吃了降压药还是头晕，要不要加量"),
    (P, "王医生，我女儿发烧38.5度，要吃退烧药吗"),
    (F, "张主任今天出门诊吗"),
    (P, "李护士长说明天换药"),
    (F, "我爸在12床，今天能探视吗"),
    (P, "住院部在几号楼？"),
    (P, "医保卡丢了怎么补办"),
    (P, "身份证忘带了能办住院吗"),
    (F, "电话打不通，医生在吗"),
    (P, "病案复印在哪里办"),
    (F, "住院号在哪里看"),
    (P, "银行卡可以交住院押金吗"),
    (F, "我加了医生微信，但是没通过"),
    (P, "地址在哪？从地铁2号线怎么走"),
    (P, "我住的小区附近有社区医院吗"),
    (F, "阿姨今天精神不错，谢谢大家"),
    (P, "医生，中药一天喝几次"),
    (D, "明天查房后再决定，家属别着急"),
    (P, "Thank you doctor, see you next Monday at 9:30"),
    (P, "My BP was 142/91 this morning, HR 76"),
    (F, "Is 500mg of paracetamol every 6 hours safe?"),
    (P, "我第3次化疗是5月12号，第4次是6月2号"),
    (F, "老人家1936年出生的，88了"),
    (A, "医院地址：上城区解放路88号，门诊楼一楼挂号"),
    (N, "明天上午10床、11床、12床做胃镜"),
]


# Second round, written after the first fixes (and after reading the recognizers) and measured
# before touching anything again; first run recorded in the module docstring.
POSITIVE += [
    ("id", F, "身份证号：450103 199205 233967（孙女的）", "450103 199205 233967"),
    ("id", P, "身 份 证 号 4 1 0 1 0 5 2 0 0 5 0 5 2 3 4 2 6 8",
     "4 1 0 1 0 5 2 0 0 5 0 5 2 3 4 2 6 8"),
    ("id", F, "sfz号：310115198304050859", "310115198304050859"),
    ("id", P, "证件号 420111一九五四〇四二二二三九四", "420111一九五四〇四二二二三九四"),
    ("id", F, "老人身份证：110105-1997-1006-2702", "110105-1997-1006-2702"),
    ("id", P, "身份证号码是35020319350314548四", "35020319350314548四"),
    ("id", F, "身份证尾号2702", "2702"),
    ("id", P, "身份证 ３２０１０２１９９３１１２６５７３ｘ",
     "３２０１０２１９９３１１２６５７３ｘ"),
    ("id", F, "201310119765", "201310119765", (F, "孩子身份证号310115")),
    ("id", F, "医生你好我是昨天下午来的那个病人家属就是那个胆结石的老头子他身份证是"
     "500103198507131077你们那边系统里能查到不", "500103198507131077"),
    ("id", P, "我的12010420110104001X，孩子的37020220130705650X", "37020220130705650X"),
    ("id", F, "身份证：420111200101079741", "420111200101079741"),
    ("phone", P, "手机 135-5493-0666（小张）", "135-5493-0666"),
    ("phone", F, "电话：壹叁伍伍肆玖叁零陆陆陆", "壹叁伍伍肆玖叁零陆陆陆"),
    ("phone", P, "有事call我 195 5288 3143", "195 5288 3143"),
    ("phone", F, "我的新号码是 187 6764 0206，旧的不用了", "187 6764 0206"),
    ("phone", F, "打我老公电话吧幺四七 四零九三 幺九二五", "幺四七 四零九三 幺九二五"),
    ("phone", P, "tel：+86 18118818174", "+86 18118818174"),
    ("phone", F, "电话 186-4333-7761 或者 0571-8821 3645", "0571-8821 3645"),
    ("phone", P, "号码181 8008 3740嗯嗯", "181 8008 3740"),
    ("phone", P, "三零六六六", "三零六六六", (P, "我电话是幺三五五四九")),
    ("phone", F, "VX同号 13554930666", "13554930666"),
    ("phone", P, "手机（微信同号）：19552883143", "19552883143"),
    ("phone", F, "家里座机 0591 8372 6154", "0591 8372 6154"),
    ("phone", P, "宅电：(0755)2654-8871", "(0755)2654-8871"),
    ("phone", F, "打我单位座机 62758341 转 8023", "62758341"),
    ("phone", P, "My phone is 147 4093 1925", "147 4093 1925"),
    ("card", P, "卡号：6259 0663 5515 0588（中国银行信用卡）", "6259 0663 5515 0588"),
    ("card", F, "退款请打到我卡上 4041177706589487", "4041177706589487"),
    ("card", P, "工商银行 6222 0278 7789 3287 924 户名王丽", "6222 0278 7789 3287 924"),
    ("card", F, "账号：陆贰壹柒零零壹柒肆贰壹捌零玖陆柒玖贰玖",
     "陆贰壹柒零零壹柒肆贰壹捌零玖陆柒玖贰玖"),
    ("card", P, "6236689081003390756", "6236689081003390756", (P, "退费的话打我建行卡")),
    ("record", F, "住院号：0000873621", "0000873621"),
    ("record", P, "我妈的病案号是 B2023004512", "B2023004512"),
    ("record", F, "门诊卡号 0010293847 挂号用的", "0010293847"),
    ("record", P, "病人ID 20240087123", "20240087123"),
    ("record", F, "医保卡号是 ZJ33010612345678", "ZJ33010612345678"),
    ("id", P, "社保卡号：110105199710062702", "110105199710062702"),
    ("record", F, "住院号 二〇二四〇〇一二三", "二〇二四〇〇一二三"),
    ("record", N, "影像号 CT0012387", "CT0012387"),
    ("record", P, "检查号：US20240315001", "US20240315001"),
    ("name", F, "我是5床李红梅的儿子", "李红梅"),
    ("name", N, "患者王淑兰（女，72岁）", "王淑兰"),
    ("name", F, "孩子叫刘子涵，3岁", "刘子涵"),
    ("name", F, "家属 陈建华 签字了", "陈建华"),
    ("name", N, "李桂香阿姨今天精神不错", "李桂香阿姨"),
    ("address", F, "送到滨江区江南大道588号恒生科技园3号楼", "滨江区江南大道588号"),
    ("address", P, "我家在朝阳区双井街道富力城C区2号楼1801", "富力城C区2号楼1801"),
    ("address", F, "地址：南京市鼓楼区广州路283号", "南京市鼓楼区广州路283号"),
    ("address", P, "住在龙华区民治街道北站社区5栋", "北站社区5栋"),
    ("account", F, "wx：lily_2021", "lily_2021"),
    ("account", P, "微信搜 zhao-ming1990 就行", "zhao-ming1990"),
    ("account", F, "QQ号 3345678901", "3345678901"),
    ("account", P, "邮箱 liming@126.com", "liming@126.com"),
    ("document", F, "护照号码 E 8765 4321", "E 8765 4321"),
    ("document", P, "港澳通行证号 C 12345678", "C 12345678"),
    ("phone", F, "Call me: +86 135 5493 0666", "+86 135 5493 0666"),
    ("account", P, "email: mary.zhang@gmail.com", "mary.zhang@gmail.com"),
]
NEGATIVE += [
    (P, "血压 158/96 mmHg 心率 102 次/分"),
    (P, "复查时间 2024年5月20日 上午8:30"),
    (P, "体重从 78.5kg 降到 72.3kg"),
    (F, "这次住院花了 38562.73，报销了 26893.12"),
    (P, "订单编号 202403151623458891"),
    (F, "快递 YT7412589632147 到了吗"),
    (P, "药盒上写着 批准文号 国药准字Z20063812"),
    (P, "生产日期 20240112 有效期至 20260111"),
    (N, "输液 0.9% 氯化钠 250ml + 头孢 2g"),
    (P, "血小板 89 ×10^9/L，白细胞 3.2"),
    (A, "医院总机 0571-88208114，转各科室"),
    (N, "门诊楼 B 座 3 楼 305 室"),
    (F, "病房 1208，靠窗那张床"),
    (P, "我们在 7 号楼 12 层"),
    (A, "微信版本 8.0.49 以上才能扫码"),
    (P, "检查单号 2024031500123"),
    (N, "1床到10床的家属请注意"),
    (F, "出生体重 3250 克"),
    (F, "孩子 2019 年 8 月出生"),
    (P, "降压药吃了 10 年了"),
    (P, "心电图 PR 间期 168ms"),
    (P, "挂的 23 号，现在 15 号"),
    (P, "报告编号 RPT20240315009"),
    (P, "CA199 120.5 U/ml，CEA 8.2"),
    (P, "肺结节 8mm，LU-RADS 3"),
    (P, "BMI 27.3，腰围 96cm"),
    (P, "一天走 8000 步"),
    (P, "发票号 12345678"),
    (P, "12345 热线打了没用"),
    (F, "拨打 110 报警了"),
    (P, "医保报销比例 70%"),
    (F, "张医生电话多少？"),
    (P, "王护士长今天值班吗"),
    (F, "刘主任的号挂不上"),
    (P, "我住 3 楼，电梯坏了"),
    (P, "小区有没有核酸点"),
    (P, "医院在中山路上吗"),
    (P, "My address is on file already"),
    (F, "Room 1205, ward 7"),
    (P, "血氧饱和度 93%，呼吸 22 次"),
]


# Third round (mixed messages, staff notices, names): written after the second round's fixes,
# measured once before any further change; first run recorded in the module docstring.
POSITIVE += [
    ("id", F, "护士你好 我妈明天住院 她叫什么你们系统有 身份证440304197605123317 医保是深圳的",
     "440304197605123317"),
    ("id", P, "身份证号码330102 19830923 142３", "330102 19830923 142３"),
    ("id", F, "[图片]身份证号手打给你：五一零一零四二零零一零一零一零零五四",
     "五一零一零四二零零一零一零一零零五四"),
    ("id", F, "证件号码 230103195607072888 姓名见上条", "230103195607072888"),
    ("id", P, "我身份证号1301 0219 9912 3115 56，您帮我挂个周三的号", "1301 0219 9912 3115 56"),
    ("id", F, "身份证:230103 195607 07288", "230103 195607 07288"),
    ("phone", N, "请12床家属尽快回电，您留的电话 186 1311 4402 打不通", "186 1311 4402"),
    ("phone", F, "我弟弟的手机：13920146201，我的：18068493407", "13920146201"),
    ("phone", P, "电话号码是幺五八 六八二八 八九零九 谢谢", "幺五八 六八二八 八九零九"),
    ("phone", F, "联系我：18180083740（早上8点后）", "18180083740"),
    ("phone", P, "💕我的电话💕 159-2646-2889", "159-2646-2889"),
    ("phone", F, "老人手机号 138 1419 3141，耳朵不好，打两遍", "138 1419 3141"),
    ("phone", P, "0", "0", (P, "电话1381419314")),
    ("phone", F, "座机 八六五四三二一零（区号021）", "八六五四三二一零"),
    ("card", F, "中国银行 6236 6890 8100 3390 756 退到这个", "6236 6890 8100 3390 756"),
    ("card", P, "卡号后面是 ...3390756，前面 62366890810", "62366890810"),
    ("record", N, "陈某某，住院号 0087213，明日出院，请家属结账", "0087213"),
    ("record", F, "宝宝的就诊卡号是 1000 2873 6451", "1000 2873 6451"),
    ("record", P, "病历本上写的门诊号 MZ-0023-8812", "MZ-0023-8812"),
    ("id", F, "医保个人编号 36010219890127580X", "36010219890127580X"),
    ("name", F, "患者孙建国，男，71岁，肺癌术后，家属孙丽", "孙建国"),
    ("name", N, "请以下患者家属到护士站：李淑珍、王建华、赵国强", "李淑珍"),
    ("name", F, "我是刘美玲，15床的女儿", "刘美玲"),
    ("name", N, "9床 何秀英 今天禁食", "何秀英"),
    ("name", F, "医生，我父亲叫杨德福，昨天做的支架", "杨德福"),
    ("name", P, "我是上周三那个胃镜的，叫吴丽娟", "吴丽娟"),
    ("name", F, "我爱人郑国栋下午手术，请问几点", "郑国栋"),
    ("address", F, "地址：海淀区中关村南大街5号院12号楼3单元602",
     "海淀区中关村南大街5号院12号楼3单元602"),
    ("address", P, "家住天通苑东三区7号楼2单元1103，离医院挺远", "天通苑东三区7号楼2单元1103"),
    ("address", F, "请把药寄到杭州市拱墅区湖墅南路186号", "杭州市拱墅区湖墅南路186号"),
    ("account", F, "微信号 wang_xiaoli88 加我发照片", "wang_xiaoli88"),
    ("account", P, "邮箱：zhouli@hospital-patient.cn", "zhouli@hospital-patient.cn"),
    ("account", F, "QQ:2876543109", "2876543109"),
    ("document", P, "护照 EB1234567，外籍就诊", "EB1234567"),
]
NEGATIVE += [
    (N, "请12床家属明天上午到医生办公室谈话"),
    (N, "各位家属：探视时间 15:00-17:00，每床限一人"),
    (D, "化验结果：WBC 12.6，NEUT% 85.3，CRP 56.2，PCT 0.8"),
    (P, "我身份证丢了，补办要多久"),
    (F, "护士，我把身份证放护士站了，记得还我"),
    (P, "这个药是 2024.06.30 过期的"),
    (F, "住院总费用 46218.35 元，医保统筹 30172.80 元"),
    (N, "明早 6:00 抽血，8:00 前禁食禁水"),
    (D, "术后第 1 天，引流量 120ml，体温 37.8"),
    (P, "我的电话号码就是预约时留的那个"),
    (F, "微信上说不清楚，我明天当面问"),
    (P, "邮箱地址在哪里填"),
    (A, "请各位患者关注医院公众号，在线查看报告"),
    (N, "3 床、5 床、9 床明天出院"),
    (P, "张医生说让我找李医生"),
    (F, "王主任、刘主任都查过房了"),
    (P, "血压早上 128/82，晚上 135/88"),
    (P, "身高 165 体重 58 年龄 45"),
    (F, "孩子出生于 2021 年 3 月"),
    (P, "医院门口的公交 K1203 路能到吗"),
    (N, "病区电话打不通的话请拨打医院总机"),
    (P, "我住的地方离医院 30 公里"),
    (F, "护士站在 12 楼东区"),
    (P, "我的医保卡能在这里用吗"),
    (D, "请把住院号发我私信，不要发群里"),
    (P, "ICU 探视是每天几点"),
    (P, "第二次复查 CEA 3.2，比上次 5.6 低"),
    (F, "李阿姨家的孩子也在这里住院"),
    (P, "我叫了好几次护士都没人来"),
    (F, "患者情况稳定，谢谢大家关心"),
]

# Fourth round, the obfuscations the normaliser learnt later (weak separators * | x …, pinyin
# digits, 叉 as the ID check character, a number led by look-alike letters, a dashed landline
# extension). First run 8/9: the landline with -802 is left to the landline recognizer, whose
# validation strips 转/分机/ext extensions but not a dash.
POSITIVE += [
    ("phone", P, "我手机 139*0571*2468 白天都在", "139*0571*2468"),
    ("phone", F, "家属电话 186 | 5521 | 0937，找我就行", "186 | 5521 | 0937"),
    ("phone", P, "加我电话 yao wu jiu er ling san ba qi liu wu si",
     "yao wu jiu er ling san ba qi liu wu si"),
    ("phone", F, "有事打我手机 159 … 2038 … 7654", "159 … 2038 … 7654"),
    ("phone", P, "我的电话137 x 2468 x 1357 谢谢", "137 x 2468 x 1357"),
    ("id", F, "我爸身份证 11010519491231002叉 住院登记用", "11010519491231002叉"),
    ("id", P, "身份证号 llOlO519491231002X", "llOlO519491231002X"),
    ("card", P, "工资卡 6217*0012*3456*7890*122 退费打这张", "6217*0012*3456*7890*122"),
    ("phone", F, "家里座机 0571-8723 6114-802 找我", "0571-8723 6114-802"),
]


@dataclass(frozen=True, slots=True)
class Case:
    """One message to judge (its earlier chat messages in `context`)."""

    entity: str | None
    role: str
    text: str
    substring: str
    context: tuple[tuple[str, str], ...] = ()


def cases() -> list[Case]:
    """Every row as a `Case` (positives first); rows name an exact substring of their text."""
    out = [Case(e, role, text, sub, tuple(ctx)) for e, role, text, sub, *ctx in POSITIVE]
    out += [Case(None, role, text, "", tuple(ctx)) for role, text, *ctx in NEGATIVE]
    for case in out:
        if case.substring not in case.text:
            raise ValueError(f"substring {case.substring!r} not in {case.text!r}")
    return out


def _messages(index: int, case: Case) -> list[Message]:
    chat = f"b{index}"
    earlier = [Message(id=f"{chat}/{i}", text=text, chat_id=chat, sender_id=f"{chat}-{role}",
                       sender_role=Role(role)) for i, (role, text) in enumerate(case.context)]
    last = Message(id=f"{chat}/last", text=case.text, chat_id=chat,
                   sender_id=f"{chat}-{case.role}", sender_role=Role(case.role))
    return [*earlier, last]


Judged = tuple[Case, list[tuple[int, int, str, str]]]  # (start, end, entity, mode) of last msg


def judge(engine: Engine, batch: Sequence[Case]) -> list[Judged]:
    """Each case with the personal-data spans found in its last message."""
    messages = [m for i, case in enumerate(batch) for m in _messages(i, case)]
    found: dict[str, list[tuple[int, int, str, str]]] = {}
    for message, findings in engine.scan(messages):
        if message.id.endswith("/last"):
            found[message.chat_id] = [
                (s.start, s.end, s.entity, f.mode.value) for f in findings
                if f.category is Category.PERSONAL_DATA for s in f.spans]
    return [(case, found.get(f"b{i}", [])) for i, case in enumerate(batch)]


def hit(case: Case, spans: Iterable[tuple[int, int, str, str]]) -> bool:
    """A span of an accepted entity overlaps the expected substring."""
    assert case.entity is not None
    start = case.text.index(case.substring)
    end = start + len(case.substring)
    return any(s < end and start < e and entity in ACCEPTS[case.entity]
               for s, e, entity, _ in spans)


def scores(results: Sequence[Judged]) -> dict[str, dict[str, float]]:
    """Recall per expected entity and over structured identifiers; false-flag rate."""
    out: dict[str, dict[str, float]] = {}
    groups = {e: [(c, s) for c, s in results if c.entity == e] for e in ACCEPTS}
    groups["structured"] = [(c, s) for c, s in results if c.entity in STRUCTURED]
    groups["all"] = [(c, s) for c, s in results if c.entity is not None]
    for name, rows in groups.items():
        got = sum(hit(c, s) for c, s in rows)
        out[name] = {"cases": len(rows), "hits": got, "recall": got / len(rows) if rows else 1.0}
    negatives = [s for c, s in results if c.entity is None]
    flagged = sum(bool(s) for s in negatives)
    wrong = sum(bool(s) and not hit(c, s) for c, s in results if c.entity is not None)
    findings = sum(bool(s) for _, s in results)
    out["negatives"] = {"cases": len(negatives), "flagged": flagged,
                        "false_flag_rate": flagged / len(negatives)}
    out["precision"] = {"flagged": findings,
                        "precision": 1 - (flagged + wrong) / findings if findings else 1.0}
    return out


def main(argv: Sequence[str]) -> int:
    results = judge(Engine.load(), cases())
    for name, row in scores(results).items():
        print(f"{name:11}", " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                      for k, v in row.items()))
    if "-v" in argv:
        for case, spans in results:
            shown = [(case.text[s:e], entity, mode) for s, e, entity, mode in spans]
            if case.entity and not hit(case, spans):
                print("MISS ", case.entity, case.text, "|", case.substring, shown)
            elif case.entity is None and spans:
                print("FALSE", case.text, shown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
