"""PERSON_NAME and BED_NAME: conservative, cue-framed, never drugs, titles or 谢谢."""

from __future__ import annotations

import pytest
from conftest import Found


@pytest.mark.parametrize(
    "text, value",
    [("我叫王伟，今天来复查", "王伟"), ("患者王伟今天来复查", "王伟"),
     ("家属张三说血压高", "张三"), ("姓名：欧阳娜娜", "欧阳娜娜"), ("联系人：刘德明", "刘德明"),
     ("段继东，男，65岁", "段继东"),
     ("高勇：男，汉族", "高勇"), ("今天见到了王伟先生", "王伟"), ("吴国芝女士来电", "吴国芝"),
     ("患者叫黄晓明", "黄晓明")],
)
def test_name_when_framed_by_a_cue_then_found(found: Found, text: str, value: str) -> None:
    assert found(text) == [("PERSON_NAME", value)]


@pytest.mark.parametrize(
    "text",
    ["患者:谢谢您", "谢谢医生", "患者:窦性心律不齐怎么办", "这个药叫华法林", "我是高血压患者",
     "我是唐山的", "患者:周一去复查", "患者李某某", "我是王医生", "请找张主任看一下",
     "我是李明天来", "患者:黄氏活络油能用吗", "王阿姨", "我是第一次来"],
)
def test_name_when_word_drug_place_title_or_masked_then_not_found(
    found: Found, text: str
) -> None:
    assert found(text) == []


def test_name_when_honorific_and_patient_context_then_found(found: Found) -> None:
    assert found("病人王阿姨今天出院") == [("PERSON_NAME", "王阿姨")]


@pytest.mark.parametrize(
    "text, value",
    [("3床王阿姨今天怎么样", "3床王阿姨"), ("12床的李大爷血压高", "12床的李大爷"),
     ("加3床张建国明天手术", "加3床张建国"), ("三床刘女士出院了", "三床刘女士"),
     ("ICU 5床陈伟", "ICU 5床陈伟")],
)
def test_bed_name_when_bed_and_name_then_both_in_one_span(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("BED_NAME", value)]


@pytest.mark.parametrize("text", ["5床今天出院", "12床病人发烧", "3床的家属来了", "加床一张"])
def test_bed_name_when_no_name_then_not_found(found: Found, text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, value",
    [("我妈李桂兰今天能出院吗", "李桂兰"), ("宝宝刘子涵，3岁", "刘子涵"),
     ("您好，我是患者冯英德的女儿", "冯英德"), ("我叫赵新民，头晕三天", "赵新民"),
     ("我是曾华明，昨天挂的号", "曾华明")],
)
def test_name_when_family_cue_or_closed_by_punctuation_then_found(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("PERSON_NAME", value)]


@pytest.mark.parametrize(
    "text",
    ["妈妈满着我说没有病", "我弟弟查着没事", "医生:发热的宝宝易劳累", "我是高三学生",
     "我是孙女，奶奶八十了", "孩子黄疸高，", "我妈高血压十年了", "宝宝吃奶少", "我爸常常头晕"],
)
def test_name_when_family_cue_before_an_ordinary_phrase_then_not_found(
    found: Found, text: str
) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, value",
    [("王芳的家属，请问明天能探视吗", "王芳"), ("我是李建国家属", "李建国"),
     ("我叫高平，今年60岁", "高平"), ("我爸叫赵新民", "赵新民")],
)
def test_name_when_relative_after_or_proper_noun_after_strong_cue_then_found(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("PERSON_NAME", value)]


@pytest.mark.parametrize(
    "text", ["患者的家属", "病人的女儿", "我是17床的家属", "我是李医生的病人", "这个地方叫高平"]
)
def test_name_when_relative_of_a_role_or_a_place_name_then_not_found(
    found: Found, text: str
) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    ["患者冷汗", "宝宝苏醒了", "我妈宫缩", "孩子艾滋，", "我是葛根", "谢谢甘露醇", "宝宝蒲公英了",
     "患者华法林", "我妈包块", "孩子易感，", "我是金银花", "患者黎明时分胸痛"],
)
def test_name_when_symptom_drug_or_herb_that_jieba_calls_a_name_then_not_found(
    found: Found, text: str
) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    ["患者康忻", "我妈柴胡", "宝宝熊猫了", "家属顾客", "我是宁可", "患者左心室", "我妈陈皮"],
)
def test_name_when_brand_drug_herb_or_frequent_word_jieba_tags_as_name_then_not_found(
    found: Found, text: str
) -> None:
    assert found(text) == []


def test_name_when_everyday_name_after_weak_cue_then_still_found(found: Found) -> None:
    assert found("患者王建国") == [("PERSON_NAME", "王建国")]
    assert found("我妈王芳") == [("PERSON_NAME", "王芳")]
    assert found("我叫李娜") == [("PERSON_NAME", "李娜")]
