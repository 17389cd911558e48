"""Labels around a value: the hospital's own numbers and address, record-number label
variants, and a name filling a labelled field."""

from __future__ import annotations

import pytest
from conftest import Found


@pytest.mark.parametrize(
    "text",
    ["预约挂号请拨打医院总机 020-87755766 转 0", "夜间急诊电话：0755-83366388",
     "医院服务热线 400-880-1234", "投诉电话 0571-87236114"],
)
def test_landline_when_labelled_as_hospital_number_then_not_found(
    found: Found, text: str
) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [("家里座机010-62758341，白天有人", "010-62758341"),
     ("科室座机021-75157208，有问题工作时间打", "021-75157208"),  # may be a direct line
     ("单位电话(021)54836172，找刘老师", "(021)54836172"),
     ("我预约的时候留的电话 13812345678", "13812345678")],
)
def test_phone_when_personal_label_then_still_found(found: Found, text: str, number: str) -> None:
    assert [value for _, value in found(text)] == [number]


@pytest.mark.parametrize(
    "text", ["医院地址：上城区解放路88号，门诊楼一楼挂号", "本院位于上城区解放路88号",
             "我住的小区附近有社区医院吗"],
)
def test_address_when_hospital_or_described_then_not_found(found: Found, text: str) -> None:
    assert found(text) == []


def test_address_when_home_given_after_cue_then_still_found(found: Found) -> None:
    assert found("我住的是上城区解放路88号3幢2单元501") == [
        ("ADDRESS", "上城区解放路88号3幢2单元501")]


@pytest.mark.parametrize(
    ("text", "value"),
    [("住院号码为 12345678", "12345678"), ("病历号码 12345", "12345"),
     ("病案号 No.0093812", "0093812"), ("病案号#00123456", "00123456"),
     ("住院号 No: 123456", "123456"), ("住院号 ZY.2024.0087", "ZY.2024.0087"),
     ("住 院 号 2 0 2 4 0 0 8 7 1", "2 0 2 4 0 0 8 7 1"), ("档案号 00123456", "00123456")],
)
def test_record_number_when_label_variant_then_found(found: Found, text: str, value: str) -> None:
    assert found(text) == [("MEDICAL_RECORD_NO", value)]


@pytest.mark.parametrize(
    ("text", "name"),
    [("家属：王芳，电话稍后发", "王芳"), ("家属:李建国 电话稍后", "李建国"),
     ("我外婆赵秀兰住你们科", "赵秀兰")],
)
def test_name_when_field_or_relative_then_found(found: Found, text: str, name: str) -> None:
    assert ("PERSON_NAME", name) in found(text)


@pytest.mark.parametrize("text", ["患者：谢谢您", "家属：医生在吗", "患者: 窦性心律不齐怎么办"])
def test_name_when_colon_after_speaker_label_then_not_found(found: Found, text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [("My name is David Miller, my father is in bed 8", "David Miller"),
     ("Patient name: John O'Brien", "John O'Brien"),
     ("my name is anna and I had surgery", "anna")],
)
def test_english_name_when_given_after_cue_then_found(found: Found, text: str, name: str) -> None:
    assert found(text) == [("PERSON_NAME", name)]


@pytest.mark.parametrize("text", ["my name is not important", "name: not sure"])
def test_english_name_when_cue_not_followed_by_name_then_not_found(
    found: Found, text: str
) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "street"),
    [("Address: 221B Baker Street, London", "221B Baker Street"),
     ("I live at 12 Elm Road, Cambridge", "12 Elm Road")],
)
def test_english_street_when_cued_then_found(found: Found, text: str, street: str) -> None:
    assert found(text) == [("ADDRESS", street)]


@pytest.mark.parametrize(
    "text", ["the clinic is at 100 Main Street", "we will meet in 2 weeks on the road"])
def test_english_street_when_no_home_cue_then_not_found(found: Found, text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [("护照号码 E 8765 4321", "PASSPORT", "E 8765 4321"),
     ("港澳通行证号 C 12345678", "HK_MACAO_PERMIT", "C 12345678"),
     ("微信搜 zhao-ming1990 就行", "WECHAT_ID", "zhao-ming1990"),
     ("宅电：(0755)2654-8871", "CN_LANDLINE", "(0755)2654-8871")],
)
def test_identifier_when_spaced_or_searched_then_found(
    found: Found, text: str, entity: str, value: str
) -> None:
    assert found(text) == [(entity, value)]


@pytest.mark.parametrize(("text", "name"), [("李桂香阿姨今天精神不错", "李桂香"),
                                            ("张建国大爷今天出院", "张建国")])
def test_name_when_full_name_before_honorific_then_found(
    found: Found, text: str, name: str
) -> None:
    assert found(text) == [("PERSON_NAME", name)]


@pytest.mark.parametrize("text", ["谢谢阿姨", "周一阿姨来打扫", "高血压阿姨"])
def test_name_when_word_before_honorific_then_not_found(found: Found, text: str) -> None:
    assert found(text) == []


def test_bank_card_when_two_long_groups_after_card_word_then_found(found: Found) -> None:
    assert found("账号：62170080 58887180 333") == [("BANK_CARD", "62170080 58887180 333")]
    assert found("62170080 58887180 333") == []  # two numbers, without a card word


@pytest.mark.parametrize(("text", "value"), [("门诊号 mz 2024 0087", "mz 2024 0087"),
                                             ("住院号码:ZY 2024 0087", "ZY 2024 0087")])
def test_record_number_when_letters_apart_from_digits_then_found(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("MEDICAL_RECORD_NO", value)]


def test_name_when_list_of_plausible_names_then_each_found(found: Found) -> None:
    assert found("明天手术的有：李建军、王秀珍、赵德胜") == [
        ("PERSON_NAME", "李建军"), ("PERSON_NAME", "王秀珍"), ("PERSON_NAME", "赵德胜")]


@pytest.mark.parametrize("text",
                         ["高血压、冠心病、糖尿病", "黄芪、当归、党参", "王医生、李护士都在"])
def test_name_when_list_of_words_then_not_found(found: Found, text: str) -> None:
    assert found(text) == []


def test_name_when_verb_glued_before_name_and_kin_cue_then_found(found: Found) -> None:
    assert found("请王秀英家属到护士站") == [("PERSON_NAME", "王秀英")]
