"""Engine output size and redundancy: merged, capped spans; one gift finding per value event."""

from __future__ import annotations

import json
import time

import pytest

from rules.engine import MAX_SPANS, Engine, _one_gift_per_event
from rules.model import Category, Finding, Message, Role, Severity, StructuralEvent


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def _msg(text: str, role: Role = Role.FAMILY, **extra: object) -> Message:
    return Message(id="m1", text=text, chat_id="c1", sender_id="s1", sender_role=role,
                   **extra)  # type: ignore[arg-type]


def test_engine_when_message_repeats_red_packet_40000_times_then_output_line_is_small_and_fast(
    engine: Engine,
) -> None:
    text = "给医生发个红包" + "红包" * 40_000
    started = time.process_time()
    findings = engine.evaluate(_msg(text), engine.new_context())
    elapsed = time.process_time() - started
    (gift,) = [f for f in findings if f.category is Category.GIFT]
    line = json.dumps(gift.to_json(), ensure_ascii=False)
    assert len(line) < 2_000, "40,000 adjacent 红包 must not give 40,000 spans"
    assert len(gift.spans) < 5 and gift.spans[-1].end == len(text)  # one stretch of 红包
    assert elapsed < 10


def test_engine_when_many_separate_hits_then_spans_capped_in_text_order(engine: Engine) -> None:
    text = "，".join(["给医生发红包"] * 400)
    findings = engine.evaluate(_msg(text), engine.new_context())
    (gift,) = [f for f in findings if f.category is Category.GIFT]
    assert len(gift.spans) == MAX_SPANS
    assert [s.start for s in gift.spans] == sorted(s.start for s in gift.spans)
    assert gift.spans[0].start < 10
    again = engine.evaluate(_msg(text), engine.new_context())
    assert [f.to_json() for f in again] == [f.to_json() for f in findings]


def test_engine_when_many_phone_numbers_then_all_masked_though_spans_capped(
    engine: Engine,
) -> None:
    phones = [f"139{n:08d}" for n in range(10_000_000, 10_000_000 + 60 * 7919, 7919)]
    text = "；".join(f"电话{p}" for p in phones)
    findings = engine.evaluate(_msg(text, Role.PATIENT), engine.new_context())
    pii = [f for f in findings if f.category is Category.PERSONAL_DATA]
    assert pii and all(len(f.spans) <= MAX_SPANS for f in pii)
    redacted = pii[0].redacted_text or ""
    assert not any(p in redacted for p in phones), "a number past the span cap stayed in clear"


def test_engine_when_wechat_transfer_event_then_one_gift_finding(engine: Engine) -> None:
    event = StructuralEvent("transfer", 20000, "CNY", detail="wechat")
    message = _msg("微信转账\n收到转账￥200.00", Role.UNKNOWN, structural=(event,),
                   media_kind="transfer", source="wechat")
    findings = engine.evaluate(message, engine.new_context())
    assert [f.category for f in findings] == [Category.GIFT]


def test_one_gift_per_event_when_text_finding_is_more_severe_then_it_stays() -> None:
    def finding(rule: str, category: Category, severity: Severity) -> Finding:
        return Finding("m1", rule, category, severity)

    event = finding("gift-telegram-structural", Category.GIFT, Severity.HIGH)
    same = finding("gift-red-packet-offer", Category.GIFT, Severity.HIGH)
    worse = finding("gift-staff-solicit", Category.GIFT, Severity.CRITICAL)
    other = finding("pii-cn-mobile", Category.PERSONAL_DATA, Severity.HIGH)
    rules = frozenset({"gift-telegram-structural"})
    kept = _one_gift_per_event([same, event, worse, other], rules)
    assert kept == [event, worse, other]
    assert _one_gift_per_event([same, other], rules) == [same, other]
