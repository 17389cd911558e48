"""CN_RESIDENT_ID: checksum, birth date and region, and the HK/Macao/Taiwan permits."""

from __future__ import annotations

import pytest
from conftest import Found, resident_id

from rules.pii import detect_personal_data

VALID = "110101199003074477"


@pytest.mark.parametrize(
    "text",
    [f"身份证{VALID}，谢谢", f"身份证号：{VALID}", f"ID:{VALID}", VALID,
     "身份证１１０１０１１９９００３０７４４７７", "身份证110101 19900307 4477",
     "身份证 1101０1\u200b199003074477", "身份证一一〇一〇一一九九〇〇三〇七四四七七"],
)
def test_resident_id_when_valid_even_obfuscated_then_found(found: Found, text: str) -> None:
    assert [e for e, _ in found(text)] == ["CN_RESIDENT_ID"]


def test_resident_id_when_found_then_span_is_exactly_the_original_characters(
    found: Found,
) -> None:
    assert found("身份证110101 19900307 4477谢谢") == [("CN_RESIDENT_ID", "110101 19900307 4477")]


@pytest.mark.parametrize("prefix", ["81000019900307123", "82000019851231002", "83000020000101556"])
def test_resident_id_when_hk_macao_taiwan_permit_then_found(found: Found, prefix: str) -> None:
    number = resident_id(prefix)
    assert found(f"居住证号{number}") == [("CN_RESIDENT_ID", number)]


@pytest.mark.parametrize(
    "text",
    ["110101199003074478",  # wrong check digit, no ID word near it
     "身份证110101199002304470",  # 30 February
     "身份证990101199003074478",  # wrong check digit and no such province
     "订单号1101011990030744771",  # 19 digits
     "化验单号110101199003"],
)
def test_resident_id_when_invalid_then_not_found(found: Found, text: str) -> None:
    assert "CN_RESIDENT_ID" not in [e for e, _ in found(text)]


def test_resident_id_when_region_unknown_but_checksum_ok_then_still_found(found: Found) -> None:
    number = resident_id("99010119900307123")  # no such county, valid checksum
    assert found(f"身份证{number}") == [("CN_RESIDENT_ID", number)]


def test_resident_id_when_legacy_15_digits_then_only_with_context(found: Found) -> None:
    assert found("身份证号110101900307447") == [("CN_RESIDENT_ID", "110101900307447")]
    assert found("编号110101900307447") == []


@pytest.mark.parametrize(
    "text", ["身份证110101199003074478", "我的身份证号码是 110101 19900307 4478，麻烦登记",
             "sfz:110101199003074478"])
def test_resident_id_when_check_digit_mistyped_after_id_word_then_found_at_low_score(
    text: str,
) -> None:
    hits = detect_personal_data(text)
    assert [h.entity for h in hits] == ["CN_RESIDENT_ID"]
    assert hits[0].score < 0.6  # below a checksum-valid ID, still masked


def test_resident_id_when_check_digit_mistyped_under_order_label_then_not_found(
    found: Found,
) -> None:
    assert found("身份证不用了，订单号110101199003074478") == []


@pytest.mark.parametrize("number", ["11010119900307447", "1101011990030744771"])
def test_resident_id_when_digit_dropped_or_doubled_after_id_word_then_found(
    found: Found, number: str
) -> None:
    assert found(f"身份证号：{number}") == [("CN_RESIDENT_ID", number)]
    assert found(number) == []


def test_resident_id_when_short_and_region_set_apart_then_not_taken_for_a_phone(
    found: Found,
) -> None:
    assert found("身份证:230103 195607 07288") == [("CN_RESIDENT_ID", "230103 195607 07288")]
