"""The gift detector's evidence fallback (rules/detectors/gift_evidence.py): independent cues
weighed together, and the strong negative evidence that blocks them."""

from __future__ import annotations

import pytest

from rules.detectors.gift_evidence import MAX_CHARS, OFFER_SCORE, offer, solicit, taken, to_staff


@pytest.mark.parametrize(("text", "entity"), [
    ("林主任，钱我已经通过支付宝打过去了，您查收一下", "GIFT_MONEY"),
    ("医生哥哥，一千块就当过年给您拜年了，必须收", "GIFT_MONEY"),
    ("hey dr. li, venmo'd you $200 for coffee", "GIFT_MONEY"),
    ("贺主任 我在商场给您挑了条围巾 明天查房的时候给您", "GIFT_GOODS"),
    ("钱医生，我朋友开的健身房，您以后去一律不要钱", "GIFT_GOODS"),
    ("医生，我朋友是4S店老板，您换车直接找他，优惠和保养都算我头上", "GIFT_GOODS"),
    ("梁医生，这个玉镯子是我们家传的，真心想送给您女儿", "GIFT_GOODS"),  # jewellery
])
def test_offer_when_value_move_and_staff_then_found(text: str, entity: str) -> None:
    found = offer(text, [])
    assert found is not None and found.entity == entity
    assert found.hits


@pytest.mark.parametrize("text", [
    "老公我给你转了两千，你下楼去交一下费",  # kin, a hospital fee
    "医生，住院押金我转过去了，五千",  # paying the hospital
    "医生，片子放您桌上了，200块的检查",  # papers in the verb's clause
    "医生，拿了三盒药，一天吃几次",  # medicine by the count
    "医生，出院后送他去康复中心，一个月五千",  # a price per month
    "医生，红包我就不发了，医院不让",  # withheld
    "医生，红包给多少合适？",  # a question about amounts
    "医生您好，我送我妈过来住院，带了两箱东西",  # kin and no recipient named
    "医生，住院的钱算我头上，我弟不用管",  # the hospital's money
    "医生，我给您发了两条微信，麻烦看一下",  # messages counted
])
def test_offer_when_strong_negative_evidence_then_blocked(text: str) -> None:
    assert offer(text, []) is None


def test_offer_when_no_staff_and_no_intent_then_none() -> None:
    assert offer("我转了两千块", []) is None
    assert offer("我转了两千块，一点心意", []) is not None


def test_offer_when_staff_hinted_before_then_bare_offer_counts() -> None:
    assert offer("好的，我懂，明天我带个红包过来", []) is None
    assert offer("好的，我懂，明天我带个红包过来", [], prompted=True) is not None


def test_offer_when_text_is_longer_than_a_chat_turn_then_none() -> None:
    text = "林主任，钱我已经通过支付宝打过去了，您查收一下" + "。" * MAX_CHARS
    assert offer(text, []) is None


def test_to_staff_when_vocative_or_recipient_then_true() -> None:
    assert to_staff("小曹护士，这几天辛苦了")
    assert to_staff("gift for dr. xu")
    assert not to_staff("老公你下楼交费")


def test_solicit_when_staff_asks_for_sum_or_rebate_then_hits() -> None:
    assert solicit("想住单间的话，给我转三百", [])
    assert solicit("每个人头给你提成五百", [])
    assert not solicit("厂家的返点一律不收，直接举报", [])
    assert not solicit("押金两千，转给我们医院账户", [])
    assert solicit("家属另外准备八千，直接给我", [])
    assert not solicit("你们把二十块的工本费直接给我", [])


def test_taken_when_papers_then_no_taking() -> None:
    assert taken("卡我先收着了，谢谢")
    assert not taken("收下这个处方 按时吃药")


def test_offer_score_when_compared_then_between_rule_threshold_and_strong_hits() -> None:
    assert 0.6 < OFFER_SCORE < 0.9


def test_solicit_when_a_rebate_per_unit_to_the_writer_then_found() -> None:
    assert solicit("药代那边每支给我返三十，这个你懂", [])
    assert not solicit("每盒给你返五十是医保的政策", [])  # no rebate to the writer
