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
