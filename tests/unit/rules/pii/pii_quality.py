"""Precision and recall of detect_personal_data on chat written the way patients write.

    .venv/bin/python tests/unit/rules/pii/pii_quality.py [--misses N] [--corpus DIR]

Positives: valid numbers (phonenumbers-valid mobile prefixes and area codes, stdnum check
digits, Luhn) inside the phrasings of domain.md §C and personal-data.md §3 (我的身份证是…,
手机：138 1234 5678, +86 138-1234-5678, 电话打 0571-8888 1234 转 123, 住院号 ZY2024…, 加我v：…),
each written in one of the evasions people use (full-width, Chinese numerals, 幺, spaces, dots,
look-alike letters, emoji or zero-width characters between digits, traditional characters,
a number split over two messages). Negatives: near misses that must stay unflagged (bad check
digits, dates, times, amounts, lab values, blood pressure, doses, order and batch numbers,
numbers that are already masked). Also prints the false-flag rate on the real consultations.

A hit counts for a labelled span when its entity is in the span's family and it overlaps the
span; a hit that overlaps no labelled span is a false positive of its entity.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
from stdnum import luhn
from stdnum.cn import ric

from rules.pii import PiiHit, detect_personal_data

FAMILIES: dict[str, frozenset[str]] = {
    "CN_PHONE": frozenset({"CN_PHONE", "PHONE_NUMBER", "WECHAT_ID"}),
    "CN_LANDLINE": frozenset({"CN_LANDLINE", "PHONE_NUMBER", "CN_PHONE"}),
    "CN_RESIDENT_ID": frozenset({"CN_RESIDENT_ID", "INSURANCE_NO"}),
    "BANK_CARD": frozenset({"BANK_CARD", "CREDIT_CARD"}),
    "MEDICAL_RECORD_NO": frozenset({"MEDICAL_RECORD_NO"}),
    "INSURANCE_NO": frozenset({"INSURANCE_NO", "CN_RESIDENT_ID"}),
    "WECHAT_ID": frozenset({"WECHAT_ID", "CN_PHONE"}),
    "QQ_ID": frozenset({"QQ_ID"}),
    "EMAIL_ADDRESS": frozenset({"EMAIL_ADDRESS"}),
    "PASSPORT": frozenset({"PASSPORT", "HK_MACAO_PERMIT"}),
}
NAMES = frozenset({"PERSON_NAME", "BED_NAME"})
FAMILIES["PERSON_NAME"] = NAMES
FAMILIES["BED_NAME"] = NAMES
FAMILIES["ADDRESS"] = frozenset({"ADDRESS"})
STRUCTURED = ("CN_PHONE", "CN_LANDLINE", "CN_RESIDENT_ID", "BANK_CARD", "MEDICAL_RECORD_NO",
              "INSURANCE_NO")

_LOWER = "零一二三四五六七八九"
_CAPITAL = "零壹贰叁肆伍陆柒捌玖"
_TRAD_CAPITAL = "零壹貳參肆伍陸柒捌玖"
_EMOJI = ("😊", "👍", "🙏", "❤️", "🌹", "💪")
_T2S_WORDS = {"电话": "電話", "身份证": "身分證", "银行卡": "銀行卡", "卡号": "卡號",
              "手机": "手機", "号码": "號碼", "联系": "聯繫", "医保": "醫保", "住院号": "住院號",
              "微信": "微信", "证": "證", "号": "號", "谢谢": "謝謝", "医生": "醫生"}


@dataclass
class Case:
    """One message (optionally after a previous one) and its labelled spans."""

    text: str
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    previous: str | None = None
    kind: str = ""


# --- valid numbers ---------------------------------------------------------------------------

_MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "147",
                    "150", "151", "152", "153", "155", "156", "157", "158", "159", "166",
                    "170", "173", "175", "176", "177", "178", "180", "181", "182", "183",
                    "185", "186", "187", "188", "189", "191", "195", "198", "199")
_AREA_CODES = ("010", "020", "021", "022", "023", "024", "025", "027", "028", "029", "0571",
               "0574", "0512", "0755", "0731", "0371", "0531", "0551", "0591", "0871")
_REGIONS = ("110101", "110105", "310104", "310115", "440305", "440106", "330106", "330102",
            "510107", "420106", "320102", "370102", "410105", "430102", "350102", "130102",
            "610113", "500103", "210102", "220102")


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def mobile(rng: random.Random) -> str:
    """A mainland mobile number phonenumbers calls valid."""
    while True:
        number = rng.choice(_MOBILE_PREFIXES) + _digits(rng, 8)
        if phonenumbers.is_valid_number(phonenumbers.parse(number, "CN")):
            return number


def landline(rng: random.Random) -> tuple[str, str]:
    """(area code, subscriber number) of a valid mainland fixed line."""
    while True:
        area = rng.choice(_AREA_CODES)
        local = rng.choice("2345678") + _digits(rng, 7 if len(area) == 3 else rng.choice((6, 7)))
        if phonenumbers.is_valid_number(phonenumbers.parse(area + local, "CN")):
            return area, local


def resident_id(rng: random.Random) -> str:
    """An 18-character resident ID that stdnum.cn.ric accepts."""
    while True:
        first = (rng.choice(_REGIONS) + str(rng.randint(1935, 2020))
                 + f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + _digits(rng, 3))
        number = first + ric.calc_check_digit(first + "0")
        if ric.is_valid(number):
            return number


def bank_card(rng: random.Random) -> str:
    """A Luhn-valid card number: UnionPay 62 (16 or 19 digits) or Visa / Mastercard."""
    prefix = rng.choice(("6222", "6228", "6217", "6212", "6214", "6226", "6225", "4", "5"))
    length = 16 if prefix in ("4", "5") else rng.choice((16, 19, 19))
    first = prefix + _digits(rng, length - len(prefix) - 1)
    return first + luhn.calc_check_digit(first)


# --- evasions --------------------------------------------------------------------------------


def _map_digits(s: str, table: str) -> str:
    return "".join(table[int(c)] if c.isdigit() else c for c in s)


def _groups(s: str, sizes: tuple[int, ...], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        if i < len(s):
            out.append(s[i:i + size])
            i += size
    if i < len(s):
        out.append(s[i:])
    return sep.join(out)


def _grouping(s: str) -> tuple[int, ...]:
    return {11: (3, 4, 4), 18: (6, 8, 4), 19: (4, 4, 4, 4, 3), 16: (4, 4, 4, 4)}.get(
        len(s), (4,) * 6)


def _lookalike(s: str) -> str:
    return s.replace("1", "l").replace("0", "O")


Evasion = Callable[[str, random.Random], str]
EVASIONS: dict[str, Evasion] = {
    "plain": lambda s, r: s,
    "grouped spaces": lambda s, r: _groups(s, _grouping(s), " "),
    "grouped dashes": lambda s, r: _groups(s, _grouping(s), "-"),
    "double spaces": lambda s, r: _groups(s, _grouping(s), "  "),
    "ideographic space": lambda s, r: _groups(s, _grouping(s), "\u3000"),
    "dots": lambda s, r: _groups(s, (3,) * 7, "."),
    "every digit spaced": lambda s, r: " ".join(s),
    "full-width": lambda s, r: "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in s),
    "full-width spaced": lambda s, r: _groups(
        "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in s), _grouping(s), " "),
    "numerals": lambda s, r: _map_digits(s, _LOWER),
    "numerals 幺": lambda s, r: _map_digits(s, _LOWER).replace("一", "幺"),
    "numerals 〇": lambda s, r: _map_digits(s, "〇幺二三四五六七八九"),
    "capitals": lambda s, r: _map_digits(s, _CAPITAL),
    "traditional capitals": lambda s, r: _map_digits(s, _TRAD_CAPITAL),
    "mixed numerals": lambda s, r: s[:3] + _map_digits(s[3:7], _LOWER) + s[7:],
    "zero-width": lambda s, r: _groups(s, (3,) * 7, "\u200b"),
    "emoji": lambda s, r: _groups(s, _grouping(s), r.choice(_EMOJI)),
    "look-alikes": lambda s, r: _lookalike(s[:4]) + s[4:-3] + _lookalike(s[-3:]),
    "math bold": lambda s, r: "".join(chr(0x1D7CE + int(c)) if c.isdigit() else c for c in s),
    "circled": lambda s, r: "".join(
        ("⓪" if c == "0" else chr(0x245F + int(c))) if c.isdigit() else c for c in s),
    "dingbat circled": lambda s, r: "".join(
        ("⓿" if c == "0" else chr(0x2775 + int(c))) if c.isdigit() else c for c in s),
    "keycaps": lambda s, r: "".join(c + "\ufe0f\u20e3" if c.isdigit() else c for c in s),
    "en dashes": lambda s, r: _groups(s, _grouping(s), "–"),
    "spaced dashes": lambda s, r: _groups(s, _grouping(s), " - "),
    "ideographic full stops": lambda s, r: _groups(s, _grouping(s), "。"),
    "cyrillic look-alikes": lambda s, r: s[:-4] + s[-4:].replace("0", "О").replace("3", "З"),
    "full-width and numerals": lambda s, r: "".join(
        (chr(0xFF10 + int(c)) if i % 2 else _LOWER[int(c)]) if c.isdigit() else c
        for i, c in enumerate(s)),
}
# Evasions that keep an 'X' check character and alphanumerics readable.
_ALNUM_SAFE = ("plain", "grouped spaces", "full-width", "every digit spaced", "dots")


# --- positive templates ----------------------------------------------------------------------

PHONE_TEMPLATES = (
    "医生您好，我的手机是{}，有事麻烦打我电话", "手机：{}", "我电话{}", "联系电话 {}",
    "{} 这是我老公的号码", "有情况打这个{}", "家属电话：{}（女儿）", "麻烦回电{}谢谢",
    "电话 {} 随时可以打", "我的号{}，加微信也是这个", "张医生，我是3床家属，电话{}",
    "您记一下我的手机号码：{}", "打{}找我妈", "号码是{}", "tel:{}", "{}",
    "我换号了，新号码{}", "有事call我 {}", "预约的时候留的是{}这个号",
)
INTL_PHONE = ("+86 {}", "+86-{}", "+86{}", "0086 {}", "(+86){}", "86-{}", "＋86 {}", "+86 ({})")
LANDLINE_TEMPLATES = (
    "家里座机{}", "电话打 {} 找王老师", "办公室电话：{}", "座机号码{}，白天有人",
    "固话 {}", "单位电话{}", "打我家电话{}也行",
)
LOCAL_LANDLINE_TEMPLATES = ("座机{}", "家里电话 {}", "座机号：{}", "家里座机是{}，晚上打")
ID_TEMPLATES = (
    "我的身份证是{}", "身份证号：{}", "患者身份证 {}", "身份证号码{}麻烦帮忙登记一下",
    "证件号{}", "{} 这是我妈的身份证", "我爸身份证{}，医保也是这个号", "身份证：{}，麻烦登记",
    "{}", "身份号码 {}，帮我查下报告", "挂号用的身份证{}",
)
CARD_TEMPLATES = (
    "卡号{}", "银行卡：{}", "打到这个卡上{}", "我的卡号是 {} 工商银行", "账号{}，户名是我本人",
    "转账到{}", "建行卡{}", "{} 农行的", "退款请退到 {}", "信用卡 {}",
)
MEDICAL_TEMPLATES = (
    "住院号{}", "住院号：{}", "病历号 {}", "门诊号：{}", "病案号{}麻烦帮我查一下",
    "我爸的住院号是{}", "就诊卡号{}", "ID号：{}", "登记号 {}", "检查号{}，CT结果出了吗",
    "门诊ID：{}", "住院號{}", "病人ID {}",
)
INSURANCE_TEMPLATES = ("医保卡号{}", "社保卡号：{}", "医保号 {}", "参保号{}")
WECHAT_TEMPLATES = (
    "微信：{}", "加我v：{}", "我微信号{}", "vx {}", "wx：{}", "加我微信{}，发报告给您",
    "加v {}", "威信{}", "我的微信是 {}", "v：{}", "V: {}", "微信号码 {}",
)
QQ_TEMPLATES = ("QQ {}", "qq号：{}", "我QQ是{}", "扣扣{}", "加我QQ {}，发片子给你", "加q {}",
                "ＱＱ：{}")
EMAIL_TEMPLATES = ("邮箱{}谢谢", "发到我邮箱：{}", "email: {}", "我的邮箱是 {}，报告发这里")
PASSPORT_TEMPLATES = ("护照号{}", "护照：{}", "我的护照号码是{}")


def _case(template: str, value: str, entity: str, *, kind: str,
          previous: str | None = None) -> Case:
    text = template.format(value)
    at = text.index(value)
    return Case(text, [(entity, at, at + len(value))], previous, kind)


def _traditional(text: str) -> str:
    for simp, trad in _T2S_WORDS.items():
        text = text.replace(simp, trad)
    return text


def _evaded(rng: random.Random, number: str, names: tuple[str, ...] | None = None
            ) -> tuple[str, str]:
    name = rng.choice(names or tuple(EVASIONS))
    return name, EVASIONS[name](number, rng)


def positive_cases(rng: random.Random, per_entity: int = 400) -> Iterator[Case]:
    """Messages each carrying one labelled identifier (some of them split over two messages)."""
    for _ in range(per_entity):
        name, value = _evaded(rng, mobile(rng))
        yield _case(rng.choice(PHONE_TEMPLATES), value, "CN_PHONE", kind=f"phone {name}")
    for _ in range(per_entity // 4):
        number = mobile(rng)
        name, value = _evaded(rng, number, ("plain", "grouped dashes", "grouped spaces"))
        prefixed = rng.choice(INTL_PHONE).format(value)
        yield _case(rng.choice(PHONE_TEMPLATES), prefixed, "CN_PHONE", kind=f"phone +86 {name}")
    for _ in range(per_entity // 2):
        area, local = landline(rng)
        shape = rng.choice(("{a}-{l}", "{a}-{l1} {l2}", "({a}){l}", "{a} {l}", "{a}{l}",
                            "{a}-{l} 转 {x}", "{a}-{l}转{x}"))
        value = shape.format(a=area, l=local, l1=local[:4], l2=local[4:], x=rng.randint(1, 999))
        name = rng.choice(("plain", "full-width", "numerals"))
        value = EVASIONS[name](value, rng)
        yield _case(rng.choice(LANDLINE_TEMPLATES), value, "CN_LANDLINE",
                    kind=f"landline {name}")
    for _ in range(per_entity // 4):
        _, local = landline(rng)
        value = rng.choice((local, local[:4] + " " + local[4:], local[:4] + "-" + local[4:]))
        if rng.random() < 0.3:
            value += rng.choice((" 转 ", "转", " 分机")) + str(rng.randint(100, 8999))
        yield _case(rng.choice(LOCAL_LANDLINE_TEMPLATES), value, "CN_LANDLINE",
                    kind="landline local")
    for _ in range(per_entity):
        number = resident_id(rng)
        name, value = _evaded(rng, number, None if number[-1] != "X" else _ALNUM_SAFE)
        if number[-1] == "X" and rng.random() < 0.5:
            value = value[:-1] + "x"
        yield _case(rng.choice(ID_TEMPLATES), value, "CN_RESIDENT_ID", kind=f"id {name}")
    for _ in range(per_entity):
        name, value = _evaded(rng, bank_card(rng))
        yield _case(rng.choice(CARD_TEMPLATES), value, "BANK_CARD", kind=f"card {name}")
    for _ in range(per_entity // 2):
        value = rng.choice(("ZY", "zy", "MZ", "", "", "", "H", "BA")) + rng.choice(
            (f"{rng.randint(2015, 2025)}{_digits(rng, rng.randint(4, 6))}",
             _digits(rng, rng.randint(6, 10)), "00" + _digits(rng, 6)))
        name = rng.choice(("plain", "plain", "full-width", "grouped spaces"))
        if name != "plain" and value[:1].isalpha():
            name = "plain"
        value = EVASIONS[name](value, rng)
        yield _case(rng.choice(MEDICAL_TEMPLATES), value, "MEDICAL_RECORD_NO",
                    kind=f"medical {name}")
    for _ in range(per_entity // 4):
        value = rng.choice((_digits(rng, 10), rng.choice("ABCDEFGHJKLM") + _digits(rng, 8),
                            "1" + _digits(rng, 9) + rng.choice("ABCDEFGH"), resident_id(rng)))
        yield _case(rng.choice(INSURANCE_TEMPLATES), value, "INSURANCE_NO", kind="insurance")
    for _ in range(per_entity // 2):
        value = rng.choice((
            "wxid_" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz0123456789")
                              for _ in range(rng.randint(10, 14))),
            rng.choice(("zhang", "Li", "wang", "Chen", "liu", "Xiaomei")) + rng.choice(
                ("_", "", "-")) + rng.choice(("san", "ming", "Lily", "88", "1990", "mama")) + str(
                rng.randint(1, 999)),
            mobile(rng),
        ))
        yield _case(rng.choice(WECHAT_TEMPLATES), value, "WECHAT_ID", kind="wechat")
    for _ in range(per_entity // 4):
        value = str(rng.randint(10000, 3999999999))
        yield _case(rng.choice(QQ_TEMPLATES), value, "QQ_ID", kind="qq")
    for _ in range(per_entity // 8):
        value = rng.choice(("zhangwei", "li.na", "wangfang88", "chen_jing")) + rng.choice(
            ("@qq.com", "@163.com", "@126.com", "@gmail.com", "@sina.com", "[at]163.com",
             "#qq.com", " at gmail dot com", "@163。com", "艾特qq点com", "＠126.com"))
        yield _case(rng.choice(EMAIL_TEMPLATES), value, "EMAIL_ADDRESS", kind="email")
    for _ in range(per_entity // 8):
        value = rng.choice(("E", "G")) + _digits(rng, 8)
        yield _case(rng.choice(PASSPORT_TEMPLATES), value, "PASSPORT", kind="passport")
    yield from _traditional_cases(rng, per_entity // 4)
    yield from _split_cases(rng, per_entity // 4)
    yield from _tail_cases(rng, per_entity // 8)
    yield from _multi_cases(rng, per_entity // 4)
    yield from name_cases(rng, per_entity // 2)
    yield from address_cases(rng, per_entity // 2)


_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国玉萍红志德福海燕文斌宇浩凯"
_TITLES = ("先生", "女士")


def person(rng: random.Random) -> str:
    """A plausible Chinese name: surname + one or two given characters."""
    given = "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(_SURNAMES) + given


NAME_TEMPLATES = (
    "医生您好，我是{}的家属", "我叫{}，今年{age}岁", "患者{}，{sex}，{age}岁，高血压十年",
    "{}，{sex}，{age}岁，胸闷两天", "我妈{}今天能出院吗", "我爸叫{}，麻烦您看一下",
    "家属{}，有事联系我", "联系人：{}", "姓名：{} 性别：{sex}", "我是{}，昨天挂的号",
    "{bed}床{}的报告出来了吗", "我老公{}下午过来", "患儿{}，{age}岁，发烧三天",
    "您好，我是患者{}的女儿", "{}{title}的片子我看过了",
)
NAME_NEGATIVES = (
    "破伤风的症状？（男，37岁）", "患者，女，45岁，咳嗽一周", "我是高血压患者，要一直吃药吗",
    "我是他女儿，他不会用手机", "我是患者本人", "我是第一次来看病", "王医生说下周复查",
    "谢谢李主任", "张护士长好", "我妈高血压十年了", "孩子发烧三天了", "宝宝黄疸有点高",
    "我爸常常头晕", "孩子白天咳嗽晚上好点", "患者王某某，男", "张*的报告", "李某家属",
    "我叫了救护车", "家属同意手术", "患者自述胸闷", "我是来复查的", "宝宝吃奶少",
    "我妈妈身体不太好", "我爸爸今天做检查", "孩子马上要考试了", "我是周一来的",
    "我是高三学生", "姐姐陪我来的", "我是江苏的", "我是唐山的", "请问黄体酮怎么吃",
    "我老公说要住院", "本人男，32岁", "医生：您好，请问有什么可以帮您", "我是孙女，奶奶八十了",
)


def name_cases(rng: random.Random, n: int) -> Iterator[Case]:
    """Names in the phrasings of domain.md §C row 7, and sentences that only look like it."""
    for _ in range(n):
        name = person(rng)
        template = rng.choice(NAME_TEMPLATES).format(
            "{}", age=rng.randint(1, 90), sex=rng.choice("男女"), bed=rng.randint(1, 40),
            title=rng.choice(_TITLES))
        yield _case(template, name, "PERSON_NAME", kind="name")
    for text in NAME_NEGATIVES:
        yield Case(text, kind="name negative")


_PROVINCES = (("浙江省", "杭州市", ("西湖区", "拱墅区", "余杭区")),
              ("广东省", "深圳市", ("南山区", "福田区")),
              ("江苏省", "南京市", ("鼓楼区", "玄武区")),
              ("", "上海市", ("徐汇区", "浦东新区", "闵行区")),
              ("", "北京市", ("朝阳区", "海淀区")),
              ("湖北省", "武汉市", ("洪山区", "江汉区")),
              ("四川省", "成都市", ("武侯区", "锦江区")))
_ROADS = ("文三路", "建国路", "人民路", "解放大道", "中山北路", "科技园南路", "漕溪北路",
          "天府大道")
_ESTATES = ("阳光小区", "碧桂园", "万科城市花园", "翠苑三区", "幸福家园", "金色港湾")
ADDRESS_TEMPLATES = (
    "我家住在{}", "地址：{}", "药寄到{}，谢谢", "收货地址是{}", "住址 {}", "家住{}",
    "麻烦寄到这里：{}", "我们住{}", "{}", "快递到{}就行",
)
ADDRESS_NEGATIVES = (
    "我住在三楼", "住在12号床", "在人民医院住院", "医院在中山路88号", "住院部3楼",
    "门诊楼2楼B区", "我在上海", "去北京看病", "我家在农村", "我住得比较远，在郊区",
    "地址不方便说", "寄到家里就行", "我家住在杭州市西湖区", "住在北京市", "我们是河南省郑州市的",
    "在市一医院做的检查", "从中山路走过来二十分钟", "新院区在3号楼", "放射科在门诊楼负一楼",
)


def _address(rng: random.Random) -> str:
    province, city, districts = rng.choice(_PROVINCES)
    parts = [province if rng.random() < 0.6 else "", city if rng.random() < 0.8 else "",
             rng.choice(districts)]
    shape = rng.random()
    if shape < 0.4:
        parts.append(f"{rng.choice(_ROADS)}{rng.randint(1, 999)}号")
    if shape > 0.2:
        parts.append(f"{rng.choice(_ESTATES)}{rng.randint(1, 30)}栋")
        if rng.random() < 0.6:
            parts.append(f"{rng.randint(1, 6)}单元")
        parts.append(f"{rng.randint(1, 33)}{rng.randint(1, 4):02d}" + rng.choice(("室", "")))
    return "".join(parts)


def address_cases(rng: random.Random, n: int) -> Iterator[Case]:
    """Home addresses as people hand them out, and places that are not a home."""
    for _ in range(n):
        yield _case(rng.choice(ADDRESS_TEMPLATES), _address(rng), "ADDRESS", kind="address")
    for text in ADDRESS_NEGATIVES:
        yield Case(text, kind="address negative")


def _traditional_cases(rng: random.Random, n: int) -> Iterator[Case]:
    for _ in range(n):
        entity, templates, number = rng.choice((
            ("CN_PHONE", PHONE_TEMPLATES, mobile(rng)),
            ("CN_RESIDENT_ID", ID_TEMPLATES, resident_id(rng)),
            ("BANK_CARD", CARD_TEMPLATES, bank_card(rng)),
        ))
        name, value = _evaded(rng, number, ("plain", "grouped spaces", "full-width",
                                            "traditional capitals"))
        if number[-1] == "X":
            value = number
        case = _case(_traditional(rng.choice(templates)), value, entity,
                     kind=f"traditional {name}")
        yield case


def _split_cases(rng: random.Random, n: int) -> Iterator[Case]:
    """A number begun in one message and finished in the next ("我手机138 1234" / "5678")."""
    for _ in range(n):
        entity, number, lead = rng.choice((
            ("CN_PHONE", mobile(rng), "我手机"), ("CN_PHONE", mobile(rng), "电话"),
            ("CN_RESIDENT_ID", resident_id(rng), "身份证"),
            ("BANK_CARD", bank_card(rng), "卡号"),
        ))
        cut = rng.randint(3, len(number) - 3)
        first, second = number[:cut], number[cut:]
        if rng.random() < 0.5:
            first = _groups(first, (3, 4, 4, 4, 4), " ")
        yield Case(second, [(entity, 0, len(second))], previous=lead + first, kind="split")


def _tail_cases(rng: random.Random, n: int) -> Iterator[Case]:
    """Partial numbers asked for in verification: 身份证后四位 / 后六位."""
    for _ in range(n):
        number = resident_id(rng)
        size = rng.choice((4, 4, 6))
        value = number[-size:]
        template = rng.choice(("身份证后{n}位{}", "身份证后{n}位是{}", "我身份证号后{n}位：{}",
                               "身份证尾号{}", "身份证号码最后{n}位是 {}"))
        text = template.replace("{n}", "四" if size == 4 else "六")
        yield _case(text, value, "CN_RESIDENT_ID", kind="id tail")


def _multi_cases(rng: random.Random, n: int) -> Iterator[Case]:
    """Two numbers in one message, glued, slashed or listed."""
    for _ in range(n):
        a, b = mobile(rng), rng.choice((mobile(rng), "".join(landline(rng))))
        entity_b = "CN_PHONE" if b[0] == "1" else "CN_LANDLINE"
        sep = rng.choice(("", "", " ", "/", "、", "，", " 或 ", ";"))
        text = f"电话{a}{sep}{b}"
        yield Case(text, [("CN_PHONE", 2, 2 + len(a)),
                          (entity_b, 2 + len(a) + len(sep), len(text))],
                   kind=f"two numbers {sep!r}")
        number = resident_id(rng)
        phone = mobile(rng)
        text = f"身份证{number}手机{phone}"
        yield Case(text, [("CN_RESIDENT_ID", 3, 21), ("CN_PHONE", 23, 34)], kind="id + phone")
        text = f"{number}{phone}"
        yield Case(text, [("CN_RESIDENT_ID", 0, 18), ("CN_PHONE", 18, 29)], kind="id+phone glued")


# --- negatives -------------------------------------------------------------------------------


def _bad_id(rng: random.Random) -> str:
    number = resident_id(rng)
    wrong = rng.choice([c for c in "0123456789X" if c != number[-1]])
    return number[:-1] + wrong


def _bad_card(rng: random.Random) -> str:
    number = bank_card(rng)
    return number[:-1] + str((int(number[-1]) + rng.randint(1, 9)) % 10)


def _masked_phone(rng: random.Random) -> str:
    number = mobile(rng)
    return rng.choice((number[:3] + "****" + number[-4:], number[:3] + "****" + number[-4:],
                       "*******" + number[-4:], number[:3] + "xxxx" + number[-4:]))


NEGATIVE_MAKERS: tuple[Callable[[random.Random], str], ...] = (
    lambda r: f"血压{r.randint(100, 180)}/{r.randint(60, 110)}，心率{r.randint(55, 120)}次/分",
    lambda r: f"今天血压 {r.randint(100, 180)}/{r.randint(60, 110)} mmHg 脉搏{r.randint(55, 110)}",
    lambda r: f"复查时间 {r.randint(2023, 2026)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} "
              f"{r.randint(7, 17)}:{r.choice(('00', '30', '15'))}",
    lambda r: f"{r.randint(2023, 2026)}年{r.randint(1, 12)}月{r.randint(1, 28)}日"
              f"上午{r.randint(8, 11)}点到门诊",
    lambda r: f"手术费大概{r.randint(3, 90)}000元，医保报销{r.randint(50, 90)}%",
    lambda r: f"一共花了{r.randint(1000, 99999)}.{r.randint(10, 99)}元",
    lambda r: f"白细胞{r.randint(3, 15)}.{r.randint(1, 9)}×10^9/L，血小板{r.randint(100, 400)}",
    lambda r: f"空腹血糖{r.randint(4, 12)}.{r.randint(1, 9)}mmol/L，"
              f"糖化{r.randint(5, 9)}.{r.randint(1, 9)}%",
    lambda r: f"肌酐{r.randint(50, 300)}μmol/L，尿酸{r.randint(200, 600)}",
    lambda r: f"阿莫西林 0.{r.randint(1, 5)}g 一日{r.choice('二三')}次，连用{r.randint(3, 14)}天",
    lambda r: f"二甲双胍{r.choice(('500', '850', '1000'))}mg 每天两次，早晚饭后",
    lambda r: f"订单号{r.randint(10**15, 10**16 - 1)}，药已经寄出",
    lambda r: f"快递单号 SF{r.randint(10**11, 10**12 - 1)}",
    lambda r: f"药品批号{r.randint(2022, 2025)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
              f"{r.randint(10, 99)}，有效期至{r.randint(2025, 2028)}.{r.randint(1, 12):02d}",
    lambda r: f"发票号码{r.randint(10**7, 10**8 - 1)}",
    lambda r: f"我的手机{_masked_phone(r)}已经登记了",
    lambda r: f"尾号{r.randint(1000, 9999)}的那张卡",
    lambda r: f"身份证{_bad_id(r)[:6]}********{_bad_id(r)[-4:]}",
    lambda r: f"单号{_bad_id(r)}",
    lambda r: f"流水号{_bad_card(r)}",
    lambda r: f"编号{r.randint(10**10, 10**11 - 1)}的试剂盒",
    lambda r: f"身高{r.randint(150, 190)}cm，体重{r.randint(40, 100)}kg，"
              f"BMI {r.randint(18, 32)}.{r.randint(1, 9)}",
    lambda r: f"排队{r.randint(10, 99)}号，前面还有{r.randint(1, 40)}个人",
    lambda r: f"{r.randint(1, 30)}床病人今天出院",
    lambda r: f"心电图QT间期{r.randint(380, 480)}ms，PR {r.randint(120, 200)}ms",
    lambda r: f"体温{r.randint(36, 39)}.{r.randint(0, 9)}度，吃了{r.randint(1, 3)}片布洛芬",
    lambda r: f"第{r.randint(1, 6)}次化疗，第{r.randint(1, 21)}天，一共{r.randint(4, 8)}个疗程",
    lambda r: f"挂的是{r.randint(1, 12)}月{r.randint(1, 28)}号下午{r.randint(1, 5)}点的号",
    lambda r: f"CEA {r.randint(1, 20)}.{r.randint(0, 99)} ng/ml，AFP {r.randint(1, 400)}",
    lambda r: f"门诊在{r.randint(1, 9)}号楼{r.randint(1, 20)}层{r.randint(1, 30)}诊室",
    lambda r: f"医院总机{r.choice(('0571', '010'))}-"
              f"{r.randint(2, 8)}{r.randint(10**6, 10**7 - 1)}",
    lambda r: f"TSH {r.randint(0, 9)}.{r.randint(10, 99)}，"
              f"FT3 {r.randint(2, 7)}.{r.randint(10, 99)}，"
              f"FT4 {r.randint(9, 25)}.{r.randint(10, 99)}",
    lambda r: "一二三四五六七八九十天都要吃药",
    lambda r: f"{r.randint(2010, 2025)}年{r.randint(1, 12)}月做过支架，放了{r.randint(1, 3)}个",
    lambda r: f"已经{r.randint(2, 30)}天了，每天{r.randint(2, 6)}次，每次{r.randint(5, 60)}分钟",
    lambda r: f"工单号 {r.randint(2023, 2026)}{r.randint(10**8, 10**9 - 1)}",
    lambda r: f"血常规：WBC {r.randint(3, 12)}.{r.randint(1, 9)} "
              f"RBC {r.randint(3, 6)}.{r.randint(10, 99)} "
              f"HGB {r.randint(90, 170)} PLT {r.randint(100, 400)}",
)


def negative_cases(rng: random.Random, n: int = 1500) -> Iterator[Case]:
    """Near-miss messages with nothing to flag."""
    for _ in range(n):
        maker = rng.choice(NEGATIVE_MAKERS)
        yield Case(maker(rng), kind="negative")


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Score:
    """Counts per entity."""

    tp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    false: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def recall(self, entity: str) -> float:
        total = self.tp[entity] + self.fn[entity]
        return self.tp[entity] / total if total else 1.0


def _overlaps(hit: PiiHit, start: int, end: int) -> bool:
    return hit.start < end and start < hit.end


def score(cases: list[Case]) -> Score:
    """Match every case's hits against its labels."""
    result = Score()
    for case in cases:
        hits = detect_personal_data(case.text, previous=case.previous)
        used: set[int] = set()
        for entity, start, end in case.spans:
            matched = [i for i, h in enumerate(hits)
                       if h.entity in FAMILIES.get(entity, {entity}) and _overlaps(h, start, end)]
            if matched:
                result.tp[entity] += 1
                used.update(matched)
            else:
                result.fn[entity] += 1
                shown = [(h.entity, case.text[h.start:h.end]) for h in hits]
                result.misses[entity].append(
                    f"[{case.kind}] {case.previous + ' ⏎ ' if case.previous else ''}"
                    f"{case.text!r} → {shown}")
        for i, hit in enumerate(hits):
            if i in used or any(_overlaps(hit, s, e) for _, s, e in case.spans):
                continue
            result.fp[hit.entity] += 1
            result.false[hit.entity].append(
                f"[{case.kind}] {case.text!r} → {case.text[hit.start:hit.end]!r}")
    return result


def consultation_flags(corpus: Path) -> tuple[int, list[str]]:
    """(turns, flagged turns) over the real consultations."""
    turns = [turn["utterance"]
             for path in sorted((corpus / "dialogues-zh").glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines()
             for turn in json.loads(line)["turns"]]
    flagged = []
    for text in turns:
        hits = detect_personal_data(text)
        if hits:
            flagged.append(f"{text!r} → {[(h.entity, text[h.start:h.end]) for h in hits]}")
    return len(turns), flagged


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def corpus_recall(corpus: Path) -> dict[str, float]:
    """Recall on the labelled development corpus: names, addresses, English PII."""
    out: dict[str, float] = {}
    addresses = [item["text"] for item in
                 _jsonl(corpus / "names-zh" / "chinese_address_parsing_train_sample.jsonl")]
    for label, prefix in (("ADDRESS after 地址：", "地址："), ("ADDRESS bare", "")):
        found = sum(any(h.entity == "ADDRESS" for h in detect_personal_data(prefix + text))
                    for text in addresses)
        out[label] = found / len(addresses)
    for name, label in (("resume_ner_train", "NAME"), ("weibo_ner_golden_horse_train", "PER.NAM")):
        total = found = 0
        for item in _jsonl(corpus / "names-zh" / f"{name}.jsonl"):
            hits = detect_personal_data(item["text"])
            for span in (s for s in item["spans"] if s["label"] == label):
                total += 1
                found += any(h.entity in NAMES and _overlaps(h, span["start"], span["end"])
                             for h in hits)
        out[f"PERSON_NAME {name.split('_')[0]}"] = found / total
    english = {"PHONE_NUMBER": {"PHONE_NUMBER", "CN_PHONE", "CN_LANDLINE"},
               "CREDIT_CARD": {"CREDIT_CARD", "BANK_CARD"}, "EMAIL_ADDRESS": {"EMAIL_ADDRESS"},
               "IBAN_CODE": {"IBAN_CODE"}, "US_SSN": {"US_SSN"}, "IP_ADDRESS": {"IP_ADDRESS"}}
    counts: Counter[str] = Counter()
    hits_by: Counter[str] = Counter()
    for item in json.loads((corpus / "presidio-synth-en" / "synth_dataset_v2.json").read_text()):
        hits = detect_personal_data(item["full_text"])
        for span in item["spans"]:
            entities = english.get(span["entity_type"])
            if entities:
                counts[span["entity_type"]] += 1
                hits_by[span["entity_type"]] += any(
                    h.entity in entities
                    and _overlaps(h, span["start_position"], span["end_position"]) for h in hits)
    for entity in english:
        out[f"{entity} presidio-synth-en"] = hits_by[entity] / counts[entity]
    return out


def build_cases(seed: int = 1) -> list[Case]:
    """The evaluation set: positives then negatives, reproducible from `seed`."""
    rng = random.Random(seed)
    return list(positive_cases(rng)) + list(negative_cases(rng))


def main() -> None:
    """Print precision / recall per entity, the misses and the false flags."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", type=int, default=8, help="examples shown per entity")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path,
                        default=Path(__file__).resolve().parents[5] / "shared" / "corpus")
    args = parser.parse_args()
    cases = build_cases(args.seed)
    result = score(cases)
    print(f"{len(cases)} messages ({sum(1 for c in cases if c.spans)} with personal data)")
    print(f"{'entity':<20}{'recall':>8}{'precision':>11}{'tp':>6}{'fn':>5}{'fp':>5}")
    entities = sorted(set(result.tp) | set(result.fn) | set(result.fp))
    for entity in entities:
        tp, fn, fp = result.tp[entity], result.fn[entity], result.fp[entity]
        precision = tp / (tp + fp) if tp + fp else 1.0
        print(f"{entity:<20}{result.recall(entity):>8.3f}{precision:>11.3f}{tp:>6}{fn:>5}{fp:>5}")
    structured_tp = sum(result.tp[e] for e in STRUCTURED)
    structured = structured_tp + sum(result.fn[e] for e in STRUCTURED)
    print(f"structured identifiers: recall {structured_tp / structured:.3f}")
    negatives = [c for c in cases if not c.spans]
    flagged = sum(1 for c in negatives if detect_personal_data(c.text))
    print(f"near-miss negatives flagged: {flagged}/{len(negatives)}")
    if args.corpus.is_dir():
        for label, value in corpus_recall(args.corpus).items():
            print(f"recall {label}: {value:.3f}")
        total, flags = consultation_flags(args.corpus)
        print(f"real consultations flagged: {len(flags)}/{total} ({len(flags) / total:.2%})")
        for line in flags[:args.misses]:
            print("   ", line)
    for title, table in (("missed", result.misses), ("false", result.false)):
        for entity, lines in sorted(table.items()):
            print(f"--- {title} {entity} ({len(lines)})")
            for line in lines[:args.misses]:
                print("   ", line)


if __name__ == "__main__":
    main()
