"""Chat the way patients and families write it (pii_quality.py), plus the cases it grew from.

Measured on seed 1 (4,350 messages): every structured entity at recall ≥ 0.995, no near-miss
negative flagged. The floors below leave room for another seed.
"""

from __future__ import annotations

import pytest
from conftest import Found, resident_id
from pii_quality import STRUCTURED, Case, Score, build_cases, score

from rules.pii import detect_personal_data
from rules.redaction import mask

_KEYCAPS = "1\ufe0f\u20e33\ufe0f\u20e38\ufe0f\u20e31234 5678"


@pytest.fixture(scope="module")
def measured() -> tuple[list[Case], Score]:
    cases = build_cases(seed=5)
    return cases, score(cases)


def test_chat_identifiers_when_written_every_way_then_recall_at_least_098(
    measured: tuple[list[Case], Score],
) -> None:
    _, result = measured
    for entity in STRUCTURED:
        assert result.recall(entity) >= 0.98, (entity, result.misses[entity][:10])


def test_chat_identifiers_when_scanned_then_nothing_else_flagged(
    measured: tuple[list[Case], Score],
) -> None:
    cases, result = measured
    negatives = [c for c in cases if not c.spans]
    flagged = [c.text for c in negatives if detect_personal_data(c.text)]
    assert len(flagged) <= len(negatives) // 200, flagged[:10]
    assert sum(result.fp.values()) <= 5, dict(result.false)


@pytest.mark.parametrize(
    "text, value",
    [("我电话135🙏0045🙏7721", "135🙏0045🙏7721"),
     ("手机153❤️9693❤️7164", "153❤️9693❤️7164"),
     ("电话" + _KEYCAPS, _KEYCAPS),
     ("手机❶❸❽❶❷❸❹❺❻❼❽", "❶❸❽❶❷❸❹❺❻❼❽"),
     ("电话138–1234–5678", "138–1234–5678"),
     ("电话138。1234。5678", "138。1234。5678"),
     ("手機壹參捌壹貳參肆伍陸柒捌", "壹參捌壹貳參肆伍陸柒捌"),
     ("电话1З8 1234 5678", "1З8 1234 5678")],
)
def test_mobile_when_emoji_dashes_or_other_scripts_then_found(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("CN_PHONE", value)]


@pytest.mark.parametrize(
    "text, value",
    [("座机7431 5423", "7431 5423"), ("家里电话 72168809 转 5230", "72168809 转 5230"),
     ("座机号：7343-1059", "7343-1059"),
     ("单位电话(零二八)四四九八五零四三", "(零二八)四四九八五零四三")],
)
def test_landline_when_area_code_missing_or_spelled_then_found_after_its_word(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("CN_LANDLINE", value)]


def test_landline_when_short_number_without_landline_word_then_not_found(found: Found) -> None:
    assert found("一共74315423步") == []
    assert found("订单号74315423") == []
    assert found("电话20240305那天打过") == []


@pytest.mark.parametrize("text, value", [("身份证后四位是6074", "6074"),
                                         ("身份证尾号24956X", "24956X"),
                                         ("我身份证号后六位：163099", "163099")])
def test_resident_id_when_only_last_digits_given_then_found(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("CN_RESIDENT_ID", value)]


def test_glued_numbers_when_id_and_phone_typed_together_then_both_found(found: Found) -> None:
    number = resident_id("11010119900307447")
    assert found(f"{number}13812345678") == [("CN_RESIDENT_ID", number),
                                              ("CN_PHONE", "13812345678")]
    assert found("电话1381234567802162345678") == [("CN_PHONE", "13812345678"),
                                                  ("CN_LANDLINE", "02162345678")]


def test_glued_numbers_when_run_cannot_be_cut_into_valid_numbers_then_nothing(
    found: Found,
) -> None:
    assert found("流水号 13812345678021623456789") == []
    assert found("1381234567812345678901") == []
    assert found("订单号1381234567813912345678") == []


@pytest.mark.parametrize(
    "previous, text, entity",
    [("身份证440 3051 98", "910167579", "CN_RESIDENT_ID"),
     ("卡号621 7", "061037010640", "BANK_CARD")],
)
def test_split_number_when_first_half_left_in_short_groups_then_joined_across_messages(
    found: Found, previous: str, text: str, entity: str
) -> None:
    assert found(text, previous=previous) == [(entity, text)]


@pytest.mark.parametrize("text", ["编号17279555708的试剂盒", "订单号 6222021234567890128",
                                  "快递单号：13812345678", "批号 4111111111111111"])
def test_phone_or_card_when_labelled_as_order_or_batch_number_then_not_found(
    found: Found, text: str
) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, value",
    [("打到这个卡上4372 2220 3905 2131", "4372 2220 3905 2131"),
     ("4111 1111 1111 1111", "4111 1111 1111 1111")],
)
def test_card_when_visa_or_bank_word_then_found(found: Found, text: str, value: str) -> None:
    assert [entity for entity, _ in found(text)] in (["BANK_CARD"], ["CREDIT_CARD"])


def test_qq_when_number_also_passes_uk_nhs_checksum_then_qq_wins(found: Found) -> None:
    assert found("QQ 3656569045") == [("QQ_ID", "3656569045")]


@pytest.mark.parametrize("text, value", [("住院号2853 24", "2853 24"),
                                         ("住院号是：ZY-2024-0012", "ZY-2024-0012")])
def test_medical_number_when_short_groups_or_dash_then_found(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("MEDICAL_RECORD_NO", value)]


@pytest.mark.parametrize(
    "text, value",
    [("Desk: +41 (0)96 471 07 95", "+41 (0)96 471 07 95"),
     ("Fax: 345-899-3560x4587", "345-899-3560x4587"), ("Phone:\n467 3395", "467 3395"),
     ("Can someone call me on 9472 7916? thanks", "9472 7916"),
     ("416 60 039 office", "416 60 039")],
)
def test_phone_when_labelled_in_english_then_found_whatever_its_country(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("PHONE_NUMBER", value)]


def test_card_when_12_digit_maestro_after_card_word_then_found(found: Found) -> None:
    assert found("What is the limit for card 501864667909?") == [("BANK_CARD", "501864667909")]
    assert found("就诊卡号501864667909") == [("MEDICAL_RECORD_NO", "501864667909")]
    assert found("编号501864667909") == []


def test_mobile_when_groups_on_separate_lines_then_found(found: Found) -> None:
    assert found("我的电话\n138\n1234\n5678") == [("CN_PHONE", "138\n1234\n5678")]
    assert found("血压\n135\n85\n心率72") == []


def test_chat_identifiers_when_masked_then_rescan_finds_nothing(
    measured: tuple[list[Case], Score],
) -> None:
    # Already-masked data (138****5678, 地址：武汉市*****, 0086 181-****-7240) is not flagged
    # again, so the bot's own suggested redaction passes when the sender reposts it.
    cases, _ = measured
    again = []
    for case in (c for c in cases if c.spans and not c.previous):
        masked = mask(case.text, detect_personal_data(case.text))
        if detect_personal_data(masked):
            again.append(masked)
    assert again == []


@pytest.mark.parametrize(
    "text, expected",
    [("电话：138 1234 5678 / 0571-87654321",
      [("CN_PHONE", "138 1234 5678"), ("CN_LANDLINE", "0571-87654321")]),
     ("患者：王秀兰 女 68岁", [("PERSON_NAME", "王秀兰")]),
     ("我在美国的电话+1 415-555-0132", [("PHONE_NUMBER", "+1 415-555-0132")]),
     ("+44 20 7946 0958", [("PHONE_NUMBER", "+44 20 7946 0958")])],
)
def test_detect_when_second_number_gender_after_space_or_foreign_code_then_found(
    found: Found, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(text) == expected
