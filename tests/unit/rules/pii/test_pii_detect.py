"""detect_personal_data as the engine calls it: prefilter, offsets, overlaps, English."""

from __future__ import annotations

import itertools

import pytest
from conftest import Found
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.normalize import normalize
from rules.pii import DetectionError, PiiHit, analyzer, deoverlap, detect_personal_data


def test_detect_when_message_cannot_match_then_presidio_is_not_called(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("Presidio called for a message the prefilter should skip")

    monkeypatch.setattr(analyzer, "analyze_chinese", fail)
    monkeypatch.setattr(analyzer, "analyze_english", fail)
    assert detect_personal_data("医生您好，我最近胸闷，心率110次，要紧吗？") == []
    assert detect_personal_data("Thanks doctor, see you on Monday") == []


def test_detect_when_several_entities_then_sorted_original_spans(found: Found) -> None:
    text = "医生您好，我是张伟，手机号１３８ １２３４ ５６７８，身份证110101199003074477"
    assert found(text) == [
        ("PERSON_NAME", "张伟"),
        ("CN_PHONE", "１３８ １２３４ ５６７８"),
        ("CN_RESIDENT_ID", "110101199003074477"),
    ]


def test_detect_when_normalized_given_then_same_result() -> None:
    text = "电话138-1234-5678"
    assert detect_personal_data(text, normalized=normalize(text)) == detect_personal_data(text)


def test_detect_when_min_score_raised_then_weaker_hits_dropped() -> None:
    text = "患者王伟，手机13812345678"
    assert [h.entity for h in detect_personal_data(text, min_score=0.9)] == ["CN_PHONE"]


def test_detect_when_previous_asks_for_number_then_context_raises_bare_number() -> None:
    bare = detect_personal_data("14912345678")
    asked = detect_personal_data("14912345678", previous="我的手机号是")
    assert bare == []
    assert [h.entity for h in asked] == ["CN_PHONE"]


def test_deoverlap_when_phone_inside_email_then_email_wins() -> None:
    hits = [PiiHit("CN_PHONE", 0, 11, 1.0), PiiHit("EMAIL_ADDRESS", 0, 18, 0.9)]
    assert deoverlap(hits) == [PiiHit("EMAIL_ADDRESS", 0, 18, 0.9)]


@pytest.mark.parametrize(
    "text, entity, value",
    [("Call me at 415-555-0132 tomorrow", "PHONE_NUMBER", "415-555-0132"),
     ("my card is 4111 1111 1111 1111", "CREDIT_CARD", "4111 1111 1111 1111"),
     ("IBAN GB82 WEST 1234 5698 7654 32 please", "IBAN_CODE", "GB82 WEST 1234 5698 7654 32"),
     ("ssn 219-09-9999", "US_SSN", "219-09-9999"),
     ("server at 192.168.1.100", "IP_ADDRESS", "192.168.1.100"),
     ("write to a.b@example.com", "EMAIL_ADDRESS", "a.b@example.com")],
)
def test_detect_when_english_pii_then_presidio_english_recognizers_find_it(
    found: Found, text: str, entity: str, value: str
) -> None:
    assert found(text) == [(entity, value)]


def test_detect_when_mixed_language_then_both_found(found: Found) -> None:
    assert found("My WeChat: wxid_abc12345, 手机13812345678") == [
        ("WECHAT_ID", "wxid_abc12345"), ("CN_PHONE", "13812345678")]


def test_engine_when_built_then_no_model_name_was_resolved() -> None:
    engine = analyzer.analyzer()
    assert sorted(engine.supported_languages) == ["en", "zh"]
    assert all(not nlp.pipe_names for nlp in engine.nlp_engine.nlp.values())


def test_engine_when_built_offline_then_no_socket_and_no_model_download(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import socket

    import spacy.cli

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network or model download attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(spacy.cli, "download", refuse)
    engine = analyzer.analyzer.__wrapped__()  # a fresh engine, not the cached one
    results = engine.analyze("mail a.b@example.com or call 415-555-0132", language="en")
    assert {r.entity_type for r in results} >= {"EMAIL_ADDRESS"}
    assert engine.analyze("邮箱abc@example.com谢谢", language="zh")


_FUZZ = st.lists(
    st.sampled_from([*"0123456789 -.一三八幺①１@王李床号路栋室微信", "qq", "身份证", "手机",
                     "\u200b", "患者", "先生", "，男，", "abc", "@qq.com", "3床王阿姨"]),
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_FUZZ, st.text(max_size=40)), st.one_of(st.none(), _FUZZ))
def test_detect_when_any_text_then_hits_inside_text_and_disjoint(
    text: str, previous: str | None
) -> None:
    hits = detect_personal_data(text, previous=previous)
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(text)
        assert 0.5 <= hit.score <= 1.0
    for a, b in itertools.pairwise(hits):
        assert a.end <= b.start


def test_detect_when_a_recognizer_fails_then_error_names_no_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(text: str, **kwargs: object) -> None:
        raise ValueError(f"cannot parse {text}")

    monkeypatch.setattr(analyzer, "analyze_chinese", boom)
    with pytest.raises(DetectionError) as err:
        detect_personal_data("手机13812345678")
    assert "138" not in str(err.value)
    assert err.value.__cause__ is None


def test_name_when_traditional_characters_then_found_on_the_original(found: Found) -> None:
    assert found("我叫張偉，電話１３８１２３４５６７８") == [
        ("PERSON_NAME", "張偉"), ("CN_PHONE", "１３８１２３４５６７８")]
