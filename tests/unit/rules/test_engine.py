"""The engine as the bot and `wardwatch scan` use it: message in, findings out."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.engine import Engine, masked_text
from rules.loader import DEFAULT_PACK, RuleError
from rules.model import Category, Message, Mode, Role, Severity, StructuralEvent
from rules.schema import Rule

ENGINE = Engine.load()


@pytest.fixture(scope="module")
def engine() -> Engine:
    return ENGINE


def _msg(text: str, role: Role = Role.PATIENT, *, mid: str = "m1", sender: str = "s1",
         chat: str = "c1", reply_to: str | None = None) -> Message:
    return Message(id=mid, text=text, chat_id=chat, sender_id=sender, sender_role=role,
                   reply_to=reply_to)


def _rules(findings: list) -> list[str]:
    return [f.rule_id for f in findings]


def test_engine_when_patient_offers_red_packet_then_gift_finding_with_original_span(
    engine: Engine,
) -> None:
    text = "醫生辛苦了，給您轉賬５００元"
    findings = engine.evaluate(_msg(text), engine.new_context())
    assert _rules(findings) == ["gift-red-packet-offer"]
    finding = findings[0]
    assert finding.category is Category.GIFT and finding.severity is Severity.HIGH
    # 轉賬 and ５００元 touch: one stretch of evidence, one span
    assert {text[s.start:s.end] for s in finding.spans} >= {"轉賬５００元"}


def test_engine_when_phone_posted_then_finding_carries_masked_text(engine: Engine) -> None:
    message = _msg("我的电话13812345678，麻烦回电")
    findings = engine.evaluate(message, engine.new_context())
    assert _rules(findings) == ["pii-phone-number"]
    assert findings[0].redacted_text == "我的电话138****5678，麻烦回电"
    assert "13812345678" not in masked_text(message, findings)


def test_engine_when_number_split_over_two_messages_then_second_is_flagged(
    engine: Engine,
) -> None:
    context = engine.new_context()
    assert engine.evaluate(_msg("我电话是1381234", mid="a"), context) == []
    findings = engine.evaluate(_msg("5678", mid="b"), context)
    assert _rules(findings) == ["pii-phone-number"]


def test_engine_when_another_sender_in_between_then_split_number_not_joined(
    engine: Engine,
) -> None:
    context = engine.new_context()
    engine.evaluate(_msg("我电话是1381234", mid="a"), context)
    engine.evaluate(_msg("好的", Role.DOCTOR, mid="b", sender="doc"), context)
    assert engine.evaluate(_msg("5678", mid="c"), context) == []


def test_engine_when_patient_quotes_own_medication_then_no_finding(engine: Engine) -> None:
    text = "我每天吃阿司匹林100mg，一天一次"
    assert engine.evaluate(_msg(text), engine.new_context()) == []
    doctor = engine.evaluate(_msg(text.replace("我", ""), Role.DOCTOR), engine.new_context())
    assert "advice-prescription-online" in _rules(doctor)


def test_engine_when_first_visit_patient_then_diagnosis_reply_is_flagged(engine: Engine) -> None:
    context = engine.new_context()
    engine.evaluate(_msg("医生您好，我第一次来，还没去过医院，胸口闷", mid="p"), context)
    reply = _msg("你这是心绞痛，吃点硝酸甘油", Role.DOCTOR, mid="d", sender="doc",
                 reply_to="p")
    assert "advice-first-visit-online" in _rules(engine.evaluate(reply, context))


def test_engine_when_same_reply_without_first_visit_then_no_first_visit_finding(
    engine: Engine,
) -> None:
    context = engine.new_context()
    engine.evaluate(_msg("复查结果出来了，病情稳定", mid="p"), context)
    reply = _msg("你这是心绞痛，吃点硝酸甘油", Role.DOCTOR, mid="d", sender="doc")
    assert "advice-first-visit-online" not in _rules(engine.evaluate(reply, context))


def test_engine_when_unknown_sender_introduces_as_assistant_then_advice_is_unlicensed(
    engine: Engine,
) -> None:
    context = engine.new_context()
    engine.evaluate(_msg("大家好，我是医助小王", Role.UNKNOWN, mid="a", sender="x"), context)
    advice = _msg("你这个吃点布洛芬就好，一天两次", Role.UNKNOWN, mid="b", sender="x")
    assert _rules(engine.evaluate(advice, context)) == ["unlicensed-advice-assistant"]


def test_engine_when_roster_names_role_then_roster_role_used_unless_input_has_one() -> None:
    engine = Engine.load(roster_roles={"x": Role.ASSISTANT})
    text = "你这是颈椎病，没什么大问题"
    unknown = engine.evaluate(_msg(text, Role.UNKNOWN, sender="x"), engine.new_context())
    assert _rules(unknown) == ["unlicensed-advice-assistant"]
    doctor = engine.evaluate(_msg(text, Role.DOCTOR, sender="x"), engine.new_context())
    assert "unlicensed-advice-assistant" not in _rules(doctor)


def test_engine_when_telegram_gift_event_then_structural_finding(engine: Engine) -> None:
    message = Message(id="g", text="", sender_role=Role.PATIENT,
                      structural=(StructuralEvent("gift", amount=50, currency="XTR"),))
    findings = engine.evaluate(message, engine.new_context())
    assert _rules(findings) == ["gift-telegram-structural"]
    assert findings[0].spans == ()


def test_engine_when_rule_overridden_off_then_it_is_not_evaluated() -> None:
    engine = Engine.load(overrides={"gift-red-packet-offer": {"mode": "off"}})
    assert engine.evaluate(_msg("给您发个红包🧧"), engine.new_context()) == []


def test_engine_when_rule_overridden_monitor_then_finding_marked_monitor() -> None:
    engine = Engine.load(overrides={"gift-red-packet-offer": {"mode": "monitor",
                                                              "severity": "low"}})
    (finding,) = engine.evaluate(_msg("给您发个红包🧧"), engine.new_context())
    assert finding.mode is Mode.MONITOR and finding.severity is Severity.LOW


def test_engine_when_override_names_unknown_rule_then_rule_error_names_it() -> None:
    with pytest.raises(RuleError, match="no-such-rule"):
        Engine.load(overrides={"no-such-rule": {"mode": "off"}})


def test_engine_when_several_rules_match_then_order_is_by_rule_id(engine: Engine) -> None:
    text = "主任，给您转账500元，我电话13812345678"
    findings = engine.evaluate(_msg(text, Role.FAMILY), engine.new_context())
    assert _rules(findings) == sorted(_rules(findings))
    assert set(_rules(findings)) == {"gift-red-packet-offer", "pii-phone-number"}


def test_engine_when_scanning_two_chats_then_context_stays_per_chat(engine: Engine) -> None:
    messages = [
        _msg("我第一次来，从来没看过", mid="1", chat="A"),
        _msg("你这是胃炎，吃点奥美拉唑", Role.DOCTOR, mid="2", chat="B", sender="doc"),
        _msg("你这是胃炎，吃点奥美拉唑", Role.DOCTOR, mid="3", chat="A", sender="doc"),
    ]
    results = {m.id: _rules(f) for m, f in engine.scan(messages)}
    assert "advice-first-visit-online" not in results["2"]
    assert "advice-first-visit-online" in results["3"]


def test_engine_when_pack_dir_given_then_only_those_rules_load(tmp_path: Path) -> None:
    source = DEFAULT_PACK / "gift-red-packet-offer.yaml"
    (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    engine = Engine.load([tmp_path])
    assert [r.id for r in engine.rules] == ["gift-red-packet-offer"]
    assert engine.evaluate(_msg("电话13812345678"), engine.new_context()) == []


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80), role=st.sampled_from(list(Role)))
def test_engine_when_text_is_arbitrary_then_spans_stay_inside_the_text(
    text: str, role: Role
) -> None:
    findings = ENGINE.evaluate(_msg(text, role), ENGINE.new_context())
    for finding in findings:
        assert all(0 <= s.start <= s.end <= len(text) for s in finding.spans)


def test_engine_when_doctor_says_no_need_to_come_in_then_score_is_not_softened(
    engine: Engine,
) -> None:
    def score(text: str) -> float:
        findings = engine.evaluate(_msg(text, Role.DOCTOR), engine.new_context())
        return max(f.score for f in findings if f.rule_id == "advice-prescription-online")

    referred = score("阿司匹林100mg每天一次，下周来医院复查")
    negated = score("阿司匹林100mg每天一次，不用来医院了")
    assert negated > referred


def _custom(match: dict, exclude: dict | None = None) -> Engine:
    rule = Rule.model_validate({
        "id": "custom-rule", "title": {"zh": "测试", "en": "test"}, "category": "gift",
        "severity": "low", "status": "experimental", "mode": "enforce", "match": match,
        "exclude": exclude or {}, "message": {"zh": "请", "en": "Please"},
    })
    return Engine([rule])


def _fires(engine: Engine, text: str, role: Role = Role.PATIENT) -> bool:
    return bool(engine.evaluate(_msg(text, role), engine.new_context()))


def test_rule_when_near_window_given_then_hits_must_be_close() -> None:
    engine = _custom({"near": {"lexicons": ["gift-card", "gift-recipient"], "window": 4}})
    assert _fires(engine, "医生，京东卡")
    assert not _fires(engine, "医生说今天天气很好很好很好，我买了京东卡")


def test_rule_when_all_of_given_then_every_lexicon_must_hit() -> None:
    engine = _custom({"all_of": ["gift-card", "gift-festival"]})
    assert _fires(engine, "中秋送您一张购物卡")
    assert not _fires(engine, "送您一张购物卡")


def test_rule_when_exclusion_anywhere_or_role_then_suppressed() -> None:
    engine = _custom({"lexicon": ["gift-card"]},
                     {"lexicon_anywhere": ["gift-returned"], "sender_roles": ["doctor"]})
    assert _fires(engine, "购物卡给您")
    assert not _fires(engine, "购物卡已退回")
    assert not _fires(engine, "购物卡给您", Role.DOCTOR)


def test_engine_when_staff_acknowledges_right_after_a_transfer_then_acceptance_is_flagged(
    engine: Engine,
) -> None:
    messages = [_msg("医生我给您转了500，一点心意", mid="p"),
                _msg("收到，谢谢！", Role.DOCTOR, mid="d", sender="doc")]
    found = {m.id: _rules(fs) for m, fs in engine.scan(messages)}
    assert found == {"p": ["gift-red-packet-offer"], "d": ["gift-staff-accept"]}


def test_engine_when_staff_acknowledges_a_report_then_no_acceptance(engine: Engine) -> None:
    messages = [_msg("医生，化验单发您了，麻烦看一下", mid="p"),
                _msg("收到，谢谢", Role.DOCTOR, mid="d", sender="doc")]
    assert [fs for _, fs in engine.scan(messages)] == [[], []]


def test_engine_when_acknowledgement_comes_long_after_the_transfer_then_no_acceptance(
    engine: Engine,
) -> None:
    messages = [_msg("医生我给您转了500，一点心意", mid="p")]
    messages += [_msg(f"今天第{i}次量血压", mid=f"x{i}", sender=f"p{i}") for i in range(3)]
    messages.append(_msg("收到，谢谢", Role.DOCTOR, mid="d", sender="doc"))
    assert _rules(list(engine.scan(messages))[-1][1]) == []


def test_engine_when_scanning_first_visit_then_prescription_then_first_visit_rule_fires(
    engine: Engine,
) -> None:
    messages = [_msg("医生您好，初诊，最近老是胃疼", mid="p"),
                _msg("哪里疼？", Role.DOCTOR, mid="d1", sender="doc"),
                _msg("上腹部", mid="p2"),
                _msg("考虑是胃炎，奥美拉唑20mg每天一次", Role.DOCTOR, mid="d2", sender="doc")]
    last = list(engine.scan(messages))[-1][1]
    assert {"advice-first-visit-online", "advice-prescription-online"} <= set(_rules(last))


def test_engine_when_scanning_number_split_over_two_messages_then_second_is_flagged(
    engine: Engine,
) -> None:
    messages = [_msg("我电话是1381234", mid="a"), _msg("5678", mid="b")]
    assert [_rules(fs) for _, fs in engine.scan(messages)] == [[], ["pii-phone-number"]]


def test_engine_when_staff_acknowledges_a_platform_transfer_event_then_acceptance_is_flagged(
    engine: Engine,
) -> None:
    transfer = Message(id="p", text="", chat_id="c1", sender_id="s1", sender_role=Role.PATIENT,
                       structural=(StructuralEvent("transfer", 50000),))
    messages = [transfer, _msg("已收款，谢谢", Role.DOCTOR, mid="d", sender="doc")]
    assert _rules(list(engine.scan(messages))[-1][1]) == ["gift-staff-accept"]
