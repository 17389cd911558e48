"""Detectors 2–5 in isolation: what each signals, and how context moves the scores."""

from __future__ import annotations

import pytest

from rules.detectors import Flags, Signal, Subject
from rules.detectors.advice import AdviceDetector
from rules.detectors.gift import GiftDetector
from rules.detectors.offtopic import OfftopicDetector
from rules.detectors.structural import StructuralDetector
from rules.lexicon import LexiconMatcher, load_lexicons
from rules.model import Message, Role, StructuralEvent
from rules.normalize import normalize

MATCHER = LexiconMatcher(load_lexicons().values())


def _subject(text: str, role: Role = Role.PATIENT, flags: Flags | None = None,
             media_kind: str | None = None) -> Subject:
    norm = normalize(text)
    message = Message(id="m", text=text, sender_role=role, media_kind=media_kind)
    return Subject(message, role, norm, MATCHER.find(norm.text), flags or Flags())


def _best(signals: list[Signal], entity: str) -> float:
    return max((s.score for s in signals if s.entity == entity), default=0.0)


@pytest.mark.parametrize("text", [
    "胳膊上起了个红包，很痒", "Hb 95g/L，有点贫血", "转氨酶偏高要紧吗", "要转院吗",
    "挂号费50元，检查费300元", "心意领了，红包已退回", "我们拼车去医院，每人20块",
])
def test_gift_when_false_friend_or_refusal_then_no_signal(text: str) -> None:
    assert GiftDetector().detect(_subject(text)) == []


@pytest.mark.parametrize("text", [
    "医生，微信转您200块", "给您发个hb，一点心意", "主任辛苦了🧧", "大夫，给您意思意思，500元",
    "聊表心意，请您喝茶", "¥888 转给您了，别退了",
])
def test_gift_when_patient_offers_money_then_strong_signal(text: str) -> None:
    assert _best(GiftDetector().detect(_subject(text)), "GIFT_MONEY") >= 0.6


def test_gift_when_amount_alone_then_no_signal() -> None:
    assert GiftDetector().detect(_subject("这个药一盒38元贵吗")) == []


def test_gift_when_card_alone_then_weak_and_with_festival_then_strong() -> None:
    weak = _best(GiftDetector().detect(_subject("京东卡怎么用")), "GIFT_CARD")
    strong = _best(GiftDetector().detect(_subject("中秋快乐，给您一张京东卡")), "GIFT_CARD")
    assert weak < 0.6 <= strong


def test_gift_when_staff_hints_then_solicit_signal_not_offer() -> None:
    signals = GiftDetector().detect(_subject("规矩你知道的，意思意思", Role.DOCTOR))
    assert {s.entity for s in signals} == {"GIFT_SOLICIT"}


def test_gift_when_staff_says_received_without_gift_word_then_nothing() -> None:
    assert GiftDetector().detect(_subject("收到了，我看一下报告", Role.DOCTOR)) == []


def test_advice_when_drug_with_dose_and_frequency_then_dosage_signal() -> None:
    signals = AdviceDetector().detect(_subject("氨氯地平5mg，每日一次", Role.DOCTOR))
    assert _best(signals, "DOSAGE") >= 0.8


def test_advice_when_first_visit_context_then_score_rises() -> None:
    text = "考虑是胃炎"
    plain = _best(AdviceDetector().detect(_subject(text, Role.DOCTOR)), "DIAGNOSIS")
    first = _best(AdviceDetector().detect(
        _subject(text, Role.DOCTOR, Flags(first_visit=True))), "DIAGNOSIS")
    assert first > plain


def test_advice_when_referral_and_disclaimer_then_score_falls() -> None:
    text = "阿司匹林100mg每天一次"
    plain = _best(AdviceDetector().detect(_subject(text, Role.DOCTOR)), "DOSAGE")
    referred = _best(AdviceDetector().detect(_subject(
        text, Role.DOCTOR, Flags(in_person_referral=True, disclaimer=True))), "DOSAGE")
    assert referred < plain


def test_advice_when_dressing_change_then_no_medication_change() -> None:
    signals = AdviceDetector().detect(_subject("明天来换药", Role.DOCTOR))
    assert _best(signals, "MEDICATION_CHANGE") == 0.0


def test_advice_when_lab_value_in_g_per_litre_then_not_a_dose() -> None:
    signals = AdviceDetector().detect(_subject("血红蛋白110g/L，继续观察", Role.DOCTOR))
    assert _best(signals, "DOSAGE") == 0.0


def test_advice_when_controlled_drug_then_signal() -> None:
    signals = AdviceDetector().detect(_subject("睡前吃半片阿普唑仑", Role.DOCTOR))
    assert _best(signals, "CONTROLLED_DRUG") >= 0.8


@pytest.mark.parametrize("text,entity", [
    ("水滴筹链接，求转发", "FUNDRAISING"),
    ("祖传秘方包治百病，私聊", "MEDICAL_AD"),
    ("https://item.taobao.com/abc 血压计特价", "SHOP_LINK"),
    ("黄牛代挂号，200一个", "SCALPING"),
])
def test_offtopic_when_spam_then_signal(text: str, entity: str) -> None:
    assert _best(OfftopicDetector().detect(_subject(text)), entity) >= 0.6


@pytest.mark.parametrize("text", ["这个病能根治吗？", "扫码挂号在哪里", "医院官网能查报告吗"])
def test_offtopic_when_ordinary_patient_question_then_below_threshold(text: str) -> None:
    assert all(s.score < 0.6 for s in OfftopicDetector().detect(_subject(text)))


def test_offtopic_when_photo_captioned_scan_code_then_qr_signal() -> None:
    signals = OfftopicDetector().detect(_subject("扫码领取", media_kind="photo"))
    assert _best(signals, "QR_CODE") >= 0.8


def test_structural_when_refund_then_nothing_and_gift_then_signal() -> None:
    message = Message(id="m", text="", structural=(
        StructuralEvent("refund", 5), StructuralEvent("unique_gift")))
    subject = Subject(message, Role.PATIENT, normalize(""), {})
    assert [s.entity for s in StructuralDetector().detect(subject)] == ["UNIQUE_GIFT"]


@pytest.mark.parametrize("text", [
    "医生 红 包 发您了", "h b 发您了 医生", "医生，我转了520给您，谢谢",
    "医生，我包了一千块，下午拿给您", "vx转您了，医生",
    "Hi doctor, I've sent you ¥500 on WeChat as a thank-you",
])
def test_gift_when_obfuscated_or_bare_number_transfer_then_money_signal(text: str) -> None:
    assert _best(GiftDetector().detect(_subject(text)), "GIFT_MONEY") >= 0.6


@pytest.mark.parametrize(("text", "entity"), [
    ("大夫，来的时候给您带了条烟", "GIFT_GOODS"), ("张医生，送您一箱海参", "GIFT_GOODS"),
    ("术后想请您和科室的医生吃顿饭", "GIFT_GOODS"),
])
def test_gift_when_goods_or_meal_given_to_staff_then_signal(text: str, entity: str) -> None:
    assert _best(GiftDetector().detect(_subject(text)), entity) >= 0.6


@pytest.mark.parametrize("text", ["医生，喝茶叶水对血压有影响吗", "我平时烟酒不沾，怎么会血脂高",
                                  "术后什么时候可以好好吃顿饭？", "病情好转了10天了"])
def test_gift_when_food_question_or_count_then_below_threshold(text: str) -> None:
    assert all(s.score < 0.6 for s in GiftDetector().detect(_subject(text)))


def test_gift_when_staff_acknowledges_only_after_a_gift_offer_then_accept_signal() -> None:
    after = _subject("收到，谢谢！", Role.DOCTOR, Flags(gift_offered=True))
    alone = _subject("收到，谢谢！", Role.DOCTOR)
    longer = _subject("收到，我下午看一下片子", Role.DOCTOR, Flags(gift_offered=True))
    assert _best(GiftDetector().detect(after), "GIFT_ACCEPT") >= 0.6
    assert GiftDetector().detect(alone) == [] and GiftDetector().detect(longer) == []


def test_gift_when_staff_thanks_for_trust_and_asks_for_gift_then_solicit_only() -> None:
    signals = GiftDetector().detect(_subject("感谢您的信任，也可以对我送心意", Role.DOCTOR))
    assert {s.entity for s in signals} == {"GIFT_SOLICIT"}


def test_gift_when_staff_tells_patients_not_to_give_then_nothing() -> None:
    assert GiftDetector().detect(_subject("请不要给医护人员发红包，谢谢理解", Role.DOCTOR)) == []


def test_advice_when_referral_follows_specific_dose_then_dosage_still_reported() -> None:
    text = "去医院拍胸片看看好吗。可以先吃，芬必得2片日2次。检查一下联系好吗？"
    assert _best(AdviceDetector().detect(_subject(text, Role.DOCTOR)), "DOSAGE") >= 0.6


def test_advice_when_doctor_asks_about_current_dose_then_below_threshold() -> None:
    text = "你现在阿司匹林100mg每天一次吗？"
    assert _best(AdviceDetector().detect(_subject(text, Role.DOCTOR)), "DOSAGE") < 0.6


def test_advice_when_told_not_to_stop_then_no_medication_change() -> None:
    signals = AdviceDetector().detect(_subject("坚持吃药，不能随便停药", Role.DOCTOR))
    assert _best(signals, "MEDICATION_CHANGE") == 0.0


@pytest.mark.parametrize("text", ["门诊缴费可以扫码付款吗", "请问水滴筹医院能帮忙开证明吗"])
def test_offtopic_when_patient_asks_about_payment_or_platform_then_below_threshold(
    text: str,
) -> None:
    assert all(s.score < 0.6 for s in OfftopicDetector().detect(_subject(text)))


@pytest.mark.parametrize("text", ["心意领了，红包不收，谢谢您",
                                  "谢谢您的购物卡，但是不能收，已经退回了"])
def test_gift_when_sender_without_role_refuses_then_nothing(text: str) -> None:
    assert GiftDetector().detect(_subject(text, Role.UNKNOWN)) == []


@pytest.mark.parametrize("text", ["医生，我老婆给我转了500买药", "我给护工转了300，护工费",
                                  "谢谢医生！红包就不发了，医院不让"])
def test_gift_when_money_stays_in_the_family_or_is_withheld_then_nothing_reportable(
    text: str,
) -> None:
    assert all(s.score < 0.6 for s in GiftDetector().detect(_subject(text)))


def test_offtopic_when_group_rule_bans_adverts_then_below_threshold() -> None:
    signals = OfftopicDetector().detect(_subject("群规：禁止发广告、链接和二维码", Role.ASSISTANT))
    assert all(s.score < 0.6 for s in signals)
