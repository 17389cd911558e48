"""Masking keeps the shape of each value and never leaks it through an error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.pii import PiiHit, detect_personal_data
from rules.redaction import RedactionError, mask, mask_value


def masked(text: str) -> str:
    return mask(text, detect_personal_data(text))


@pytest.mark.parametrize(
    "text, expected",
    [("手机13812345678", "手机138****5678"),
     ("电话138 1234 5678", "电话138 **** 5678"),
     ("身份证110101199003074477", "身份证110101********4477"),
     ("卡号6222021234567890128", "卡号***************0128"),
     ("邮箱abc@example.com谢谢", "邮箱a***@example.com谢谢"),
     ("我叫王伟", "我叫王*"), ("姓名：欧阳娜娜", "姓名：欧阳**"),
     ("3床王阿姨今天怎么样", "*床王**今天怎么样"), ("12床的李大爷", "**床的李**"),
     ("座机021-62345678", "座机021-******78"),
     ("住院号:ZY20230012", "住院号:******0012"),
     ("加我微信zhangsan_123", "加我微信zh********23"),
     ("护照E12345678", "护照E*****678"),
     ("家住广东省深圳市南山区科技路100号", "家住广东省深圳市**********")],
)
def test_mask_when_detected_then_shape_kept_and_data_hidden(text: str, expected: str) -> None:
    assert masked(text) == expected


def test_mask_when_obfuscated_phone_then_masked_in_its_own_characters() -> None:
    assert masked("电话一三八一二三四五六七八") == "电话一三八****五六七八"


def test_mask_when_no_hits_then_text_unchanged() -> None:
    assert mask("医生好", []) == "医生好"


def test_mask_when_hits_overlap_then_higher_priority_wins() -> None:
    text = "13812345678@qq.com"
    hits = [PiiHit("CN_PHONE", 0, 11, 1.0), PiiHit("EMAIL_ADDRESS", 0, 18, 0.9)]
    assert mask(text, hits) == "1***@qq.com"


def test_mask_when_span_outside_text_then_error_without_raw_data() -> None:
    with pytest.raises(RedactionError) as err:
        mask("手机13812345678", [PiiHit("CN_PHONE", 2, 40, 1.0)])
    assert "138" not in str(err.value)
    assert err.value.__cause__ is None


def test_mask_value_when_unknown_entity_then_last_four_kept() -> None:
    assert mask_value("SOMETHING_NEW", "ABCD123456") == "******3456"


_PIECES = st.sampled_from([
    "手机", "13812345678", "一三八一二三四五六七八", "身份证", "110101199003074477", "我叫王伟",
    "3床王阿姨", "abc@example.com", "，", " ", "谢谢", "加我微信zhangsan_123", "住院号:ZY20230012",
])


@settings(max_examples=100, deadline=None)
@given(st.lists(_PIECES, max_size=8), st.sampled_from(["，", " ", "。", "\n"]))
def test_mask_when_any_detected_text_then_digits_of_numbers_hidden_and_length_kept(
    pieces: list[str], separator: str
) -> None:
    # Pieces are separated as people write them; two numbers glued into one digit run
    # (1381234567813812345678) read as neither and are not detected.
    text = separator.join(pieces)
    hits = detect_personal_data(text)
    out = mask(text, hits)
    if not any(h.entity == "EMAIL_ADDRESS" for h in hits):
        assert len(out) == len(text)
    assert "13812345678" not in out
    assert "110101199003074477" not in out


@pytest.mark.parametrize(
    "text, expected",
    [("我电话135🙏0045🙏7721", "我电话135🙏****🙏7721"),
     ("家里电话 72168809 转 5230", "家里电话 ******** 转 **30"),
     ("电话0571-8888 1234 转 123", "电话0571-**** **** 转 *23"),
     ("邮箱 zhangwei[at]163.com", "邮箱 z***[at]163.com"),
     ("单位电话(零二八)四四九八五零四三", "单位电话(零二八)******四三")],
)
def test_mask_when_emoji_extension_or_disguise_then_only_the_value_characters_hidden(
    text: str, expected: str
) -> None:
    assert masked(text) == expected
