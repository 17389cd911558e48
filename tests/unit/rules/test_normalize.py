"""The normaliser: evasion variants fold to plain digits, and every span maps back exactly."""

from __future__ import annotations

import itertools
import re
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from rules.normalize import _traditional_to_simplified, normalize

# personal-data.md §3.1: the evasion variants the raw regexes miss.
PHONE_VARIANTS = [
    "13812345678",
    "１３８１２３４５６７８",
    "138 1234 5678",
    "138-1234-5678",
    "1 3 8 1 2 3 4 5 6 7 8",
    "138.1234.5678",
    "一三八一二三四五六七八",
    "幺三八幺二三四五六七八",
    "壹叁捌壹贰叁肆伍陆柒捌",
    "138一二三四5678",
    "138\u200b1234\u200b5678",
    "l38l234567B",
    "𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖",
    "①③⑧①②③④⑤⑥⑦⑧",
]
ID_VARIANTS = ["１１０１０１１９９００３０７４４７７", "110101 19900307 4477"]


@pytest.mark.parametrize("variant", PHONE_VARIANTS)
def test_normalize_when_phone_is_obfuscated_then_plain_digits_map_back_to_whole_variant(
    variant: str,
) -> None:
    text = f"我的手机{variant}，谢谢"
    n = normalize(text)
    start = n.text.index("13812345678")
    assert n.to_original(start, start + 11) == (4, 4 + len(variant))


@pytest.mark.parametrize("variant", ID_VARIANTS)
def test_normalize_when_id_is_full_width_or_spaced_then_plain_digits(variant: str) -> None:
    assert normalize(variant).text == "110101199003074477"


@pytest.mark.parametrize(
    "text",
    ["我们一起去吧", "等一下再说", "三天后复查", "一二三", "一、二、三、四", "维生素B12 0.5g",
     "血压120/80", "服用1.5片", "hello world", "O型血", "COVID-19"],
)
def test_normalize_when_numerals_or_letters_are_ordinary_words_then_kept(text: str) -> None:
    assert normalize(text).text == text.lower()


def test_normalize_when_four_numerals_in_a_row_then_they_read_as_digits() -> None:
    assert normalize("二〇二三年").text == "2023年"


def test_normalize_when_two_whole_numbers_are_space_separated_then_not_merged() -> None:
    assert normalize("13812345678 13987654321").text == "13812345678 13987654321"


def test_normalize_when_dotted_quad_then_ip_address_kept() -> None:
    assert normalize("IP 192.168.1.100").text == "ip 192.168.1.100"


def test_normalize_when_traditional_chinese_then_simplified() -> None:
    assert normalize("電話號碼與身分證").text == "电话号码与身分证"


def test_normalize_when_full_width_letters_and_punctuation_then_ascii_lower() -> None:
    assert normalize("ＷＸ：ａｂｃ，ＱＱ！").text == "wx:abc,qq!"


def test_normalize_when_zero_width_and_control_chars_then_removed() -> None:
    n = normalize("微\u200b信\ufeff号\x07abc")
    assert n.text == "微信号abc"
    assert n.to_original(0, 3) == (0, 5)


def test_normalize_when_plain_text_then_identity_mapping() -> None:
    n = normalize("please call me tomorrow")
    assert n.is_identity
    assert n.text == n.original


def test_to_original_when_span_out_of_range_then_error_without_text() -> None:
    n = normalize("秘密13812345678")
    with pytest.raises(ValueError) as err:
        n.to_original(0, 99)
    assert "138" not in str(err.value)


# --- properties --------------------------------------------------------------------------------

_CHUNKS = st.sampled_from(
    [*"0123456789 .-_/,、·一二三四五六七八九零〇幺壹贰叁肆伍陆柒捌玖OolI|ZSBx*×✕叉X",
     "１", "８", "①", "𝟕", "\u200b", "\ufeff", "\x00", "電", "話", "，", "ﬁ", "⑩", "…", "İ",
     "yao", "yi", "san", "ba", "liang", "Wu", "QI", " x ", " … ", "llOlOll", "转"]
)
_TEXTS = st.one_of(
    st.text(max_size=40),
    st.lists(_CHUNKS, max_size=40).map("".join),
)


@st.composite
def _text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(_TEXTS)
    size = len(normalize(text).text)
    start = draw(st.integers(0, size))
    end = draw(st.integers(start, size))
    return text, start, end


@given(_text_and_span())
def test_to_original_when_any_span_then_valid_ordered_span_in_original(
    case: tuple[str, int, int],
) -> None:
    text, start, end = case
    n = normalize(text)
    o_start, o_end = n.to_original(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    assert (o_start == o_end) == (start == end)


@given(_TEXTS)
def test_char_to_original_when_any_text_then_monotonic_and_derived_from_that_char(
    text: str,
) -> None:
    n = normalize(text)
    previous = -1
    for i, ch in enumerate(n.text):
        j = n.char_to_original(i)
        assert previous <= j < len(text)
        previous = j
        assert ch in _possible_outputs(text[j])


def _possible_outputs(ch: str) -> str:
    """Every character that one original character may legitimately turn into."""
    nfkc = unicodedata.normalize("NFKC", ch)
    simplified = "".join(_traditional_to_simplified().get(c, c) for c in nfkc)
    return ch + nfkc + simplified + (ch + nfkc + simplified).lower() + "0123456789"


# Text without anything a number run could use: folding is then purely per character.
_NO_DIGITS = st.text(
    alphabet=st.characters(
        blacklist_characters=list("0123456789OolI|ZSB一二三四五六七八九零〇幺壹贰叁肆伍陆柒捌玖"),
        blacklist_categories=("Nd", "No", "Cs"),
    ),
    max_size=40,
)


# Four pinyin digits in a row or more (yi er san si …) may spell a number: a superset of what
# the normaliser reads as one, for properties about text that holds no number.
_PINYIN = "liang|ling|yao|jiu|liu|san|yi|er|si|wu|qi|ba"
_PINYIN_WORDS = re.compile(f"(?i)(?:{_PINYIN})(?:[^a-z]{{0,3}}(?:{_PINYIN})){{3}}")


@given(_NO_DIGITS, st.data())
def test_to_original_when_no_digits_then_normalised_original_slice_contains_slice(
    text: str, data: st.DataObject
) -> None:
    assume(not _PINYIN_WORDS.search(text))
    n = normalize(text)
    start = data.draw(st.integers(0, len(n.text)))
    end = data.draw(st.integers(start, len(n.text)))
    o_start, o_end = n.to_original(start, end)
    assert n.text[start:end] in normalize(text[o_start:o_end]).text


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E,
                                      blacklist_characters="0123456789"), max_size=60))
def test_normalize_when_plain_ascii_without_digits_then_lowercase_identity(text: str) -> None:
    assume(not _PINYIN_WORDS.search(text))
    n = normalize(text)
    assert n.text == text.lower()
    assert n.is_identity


@pytest.mark.parametrize(
    "text, number",
    [("邮编 310000 138 1234 5678", "13812345678"), ("共 30 人 138 1234 5678", "13812345678"),
     ("138 1234 5678 2024", "13812345678"), ("我的电话\n138\n1234\n5678", "13812345678"),
     ("310000\n138 1234 5678", "13812345678"), ("1. 138 1234 5678", "13812345678"),
     ("2)138 1234 5678", "13812345678")],
)
def test_normalize_when_grouped_mobile_next_to_another_number_then_kept_apart(
    text: str, number: str
) -> None:
    assert number in re.findall(r"\d+", normalize(text).text)


@pytest.mark.parametrize(
    "text, whole",
    [("6222 0212 1381 2345 674", "6222021213812345674"),
     ("110105 19810714 272X", "11010519810714272x")],
)
def test_normalize_when_card_or_id_holds_a_mobile_shape_then_still_one_number(
    text: str, whole: str
) -> None:
    assert normalize(text).text == whole


@pytest.mark.parametrize(
    "variant", ["135🙏0045🙏7721", "1\ufe0f\u20e33\ufe0f\u20e35\ufe0f\u20e30045 7721",
                "❶❸❺⓿⓿❹❺❼❼❷❶", "135–0045–7721", "135。0045。7721", "1З5 0045 7721"],
)
def test_normalize_when_emoji_keycaps_dingbats_or_dashes_then_plain_digits(variant: str) -> None:
    assert normalize(variant).text == "13500457721"


# --- weak separators, the check character, pinyin, look-alike leads, extensions ---------------


@pytest.mark.parametrize(
    "variant", ["138*1234*5678", "138 * 1234 * 5678", "138|1234|5678", "138 | 1234 | 5678",
                "138/1234/5678", "138 x 1234 x 5678", "138×1234×5678", "138 … 1234 … 5678",
                "138···1234···5678", "138__1234__5678", "yao san ba yi er san si wu liu qi ba",
                "yaosanbayiersansiwuliuqiba", "YI SAN BA YI ER SAN SI WU LIU QI BA",
                "138 yi er san si wu liu qi ba", "138-yi-er-san-si-5678"],
)
def test_normalize_when_weak_separator_or_pinyin_then_phone_maps_back_to_whole_variant(
    variant: str,
) -> None:
    text = f"我的手机{variant}，谢谢"
    n = normalize(text)
    start = n.text.index("13812345678")
    assert n.to_original(start, start + 11) == (4, 4 + len(variant))


@pytest.mark.parametrize(
    "text, number",
    [("6222*0212*3456*7890*123", "6222021234567890123"),
     ("6222|0212|3456|7890|123", "6222021234567890123"),
     ("110105*19491231*002X", "11010519491231002x"),
     ("llOlOll2345", "11010112345"), ("OOll3812345", "00113812345")],
)
def test_normalize_when_card_id_or_letter_led_number_is_disguised_then_plain_digits(
    text: str, number: str
) -> None:
    assert normalize(text).text == number


@pytest.mark.parametrize("check", ["叉", "×", "✕", "✖", "X", "x"])
def test_normalize_when_id_check_character_is_a_cross_then_x_spanning_it(check: str) -> None:
    text = f"身份证11010519491231002{check}。"
    n = normalize(text)
    assert n.text == "身份证11010519491231002x。"
    assert n.to_original(3, 21) == (3, 21)


@pytest.mark.parametrize(
    "text", ["身份证110105194912310021叉", "编号1234567叉", "13812345678×2"],
)
def test_normalize_when_cross_follows_other_lengths_then_kept(text: str) -> None:
    assert normalize(text).text == text.lower()


@pytest.mark.parametrize(
    "text",
    ["2024/03/05", "2024/03/05 10:30复查", "血压150/95", "血压150/95/88/76 mmHg", "0.5*2",
     "每次0.5片*2次/日", "共1000*12=12000", "3 x 5cm", "1/2/3/4/5/6/7/8/9/10/11",
     "Liu Yi Er San", "yi er san si", "wu qi ba jiu", "BOSS2024", "lollipop 12345678",
     "llll", "Illinois 2024", "1 x 2 x 3 x 4 x 5 x 6", "等等……12点见",
     "15:30 … 16:00", "身高175*体重70", "检查单号20240305*2"],
)
def test_normalize_when_dates_ratios_doses_or_words_then_weak_separators_kept(
    text: str,
) -> None:
    assert normalize(text).text == unicodedata.normalize("NFKC", text).lower()


@pytest.mark.parametrize(
    "text, expected",
    [("0571-8888 6666-801", "057188886666-801"), ("0571-88886666-801", "057188886666-801"),
     ("010-6915 6114-2203", "01069156114-2203"), ("0571-88886666转801", "057188886666转801")],
)
def test_normalize_when_landline_has_dashed_extension_then_dash_kept(
    text: str, expected: str
) -> None:
    assert normalize(text).text == expected


def test_normalize_when_pinyin_digits_then_each_digit_spans_its_whole_word() -> None:
    n = normalize("yao san ba yi er san si wu liu qi ba")
    assert n.text == "13812345678"
    assert n.to_original(0, 1) == (0, 3)
    assert n.to_original(10, 11) == (34, 36)


_SPELT = ("ling", "yao", "er", "san", "si", "wu", "liu", "qi", "ba", "jiu")


@given(st.lists(st.integers(0, 9), min_size=7, max_size=12), st.sampled_from(["", " ", "-", ","]),
       st.booleans(), st.booleans())
def test_normalize_when_digits_spelt_in_pinyin_then_digits_each_spanning_its_word(
    digits: list[int], sep: str, upper: bool, yi: bool
) -> None:
    words = [("yi" if yi and d == 1 else _SPELT[d]) for d in digits]
    spelt = sep.join(words)
    n = normalize(f"电话{spelt.upper() if upper else spelt}。")
    assert n.text == "电话" + "".join(map(str, digits)) + "。"
    start = 2
    for i, word in enumerate(words):
        assert n.to_original(2 + i, 3 + i) == (start, start + len(word))
        start += len(word) + len(sep)


@given(st.lists(st.integers(0, 9), min_size=1, max_size=6), st.sampled_from([" ", "-"]))
def test_normalize_when_fewer_than_seven_pinyin_digits_then_words_kept(
    digits: list[int], sep: str
) -> None:
    text = "电话" + sep.join(_SPELT[d] for d in digits)
    assert normalize(text).text == text


_WEAK = ["*", " * ", "|", " | ", "/", " x ", "X", "×", "✕", " … ", "..."]


@st.composite
def _grouped_mobile(draw: st.DrawFn) -> tuple[str, list[str]]:
    number = "1" + str(draw(st.integers(3, 9))) + "".join(
        draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9)))
    cut = draw(st.sampled_from([(3, 7), (3, 6), (4, 8), (3,), (5,), (4, 7)]))  # groups ≥ 3
    return number, [number[a:b] for a, b in itertools.pairwise((0, *cut, 11))]


@given(_grouped_mobile(), st.sampled_from(_WEAK))
def test_normalize_when_mobile_grouped_by_weak_separator_then_one_number_mapping_back(
    case: tuple[str, list[str]], sep: str
) -> None:
    number, groups = case
    variant = sep.join(groups)
    n = normalize(f"手机{variant}。")
    assert n.text == f"手机{number}。"
    assert n.to_original(2, 13) == (2, 2 + len(variant))


@given(st.lists(st.text("0123456789", min_size=1, max_size=6), min_size=2, max_size=4),
       st.sampled_from([s for s in _WEAK if s not in ("|", "...")]))  # "..." is a strong gap
def test_normalize_when_weak_separator_joins_no_identifier_length_then_text_kept(
    groups: list[str], sep: str
) -> None:
    assume(sum(map(len, groups)) not in (11, 12, 16, 17, 18, 19))
    text = f"结果 {sep.join(groups)} 。"
    assert normalize(text).text == unicodedata.normalize("NFKC", text).lower()
