"""CN_PHONE and CN_LANDLINE, in plain and obfuscated forms, and split over two messages."""

from __future__ import annotations

import pytest
from conftest import Found

# personal-data.md §3.1: all fourteen evasion variants of one number.
VARIANTS = [
    "13812345678", "１３８１２３４５６７８", "138 1234 5678", "138-1234-5678",
    "1 3 8 1 2 3 4 5 6 7 8", "138.1234.5678", "一三八一二三四五六七八", "幺三八幺二三四五六七八",
    "壹叁捌壹贰叁肆伍陆柒捌", "138一二三四5678", "138\u200b1234\u200b5678", "l38l234567B",
    "𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "①③⑧①②③④⑤⑥⑦⑧",
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_mobile_when_obfuscated_then_found_on_the_original_characters(
    found: Found, variant: str
) -> None:
    assert found(f"我的手机{variant}，麻烦回电") == [("CN_PHONE", variant)]


@pytest.mark.parametrize("text", ["13812345678", "+86 13812345678", "tel13812345678"])
def test_mobile_when_bare_valid_number_then_found_without_context(
    found: Found, text: str
) -> None:
    assert [e for e, _ in found(text)] == ["CN_PHONE"]


@pytest.mark.parametrize(
    "text",
    ["12012345678", "心率120次，血压130/80", "检查单号2023010512345", "三天后复查一下",
     "体重65公斤身高170"],
)
def test_mobile_when_invalid_or_ordinary_numbers_then_not_found(found: Found, text: str) -> None:
    assert found(text) == []


def test_mobile_when_phonenumbers_rejects_but_context_then_found(found: Found) -> None:
    assert found("我手机号14912345678") == [("CN_PHONE", "14912345678")]


@pytest.mark.parametrize(
    "text, value",
    [("座机021-62345678", "021-62345678"), ("家里电话(010)88886666", "(010)88886666"),
     ("tel: 0571 8888 8888", "0571 8888 8888")],
)
def test_landline_when_context_word_then_found(found: Found, text: str, value: str) -> None:
    assert found(text) == [("CN_LANDLINE", value)]


def test_landline_when_no_context_then_not_found(found: Found) -> None:
    assert found("02162345678") == []


def test_split_number_when_second_half_arrives_then_found_on_this_message(
    found: Found,
) -> None:
    assert found("5678", previous="我电话138 1234") == [("CN_PHONE", "5678")]


def test_split_number_when_previous_unrelated_then_nothing(found: Found) -> None:
    assert found("5678", previous="今天血压还好") == []
    assert found("好的谢谢", previous="我电话138 1234") == []


def test_split_number_when_found_then_score_a_bit_lower() -> None:
    from rules.pii import detect_personal_data

    whole = detect_personal_data("我电话13812345678")[0]
    split = detect_personal_data("5678", previous="我电话1381234")[0]
    assert split.entity == whole.entity
    assert 0.5 <= split.score < whole.score
