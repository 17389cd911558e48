"""PASSPORT, HK_MACAO_PERMIT, MEDICAL_RECORD_NO and INSURANCE_NO."""

from __future__ import annotations

import pytest
from conftest import Found


@pytest.mark.parametrize(
    "text, value",
    [("护照号E12345678", "E12345678"), ("passport: EA1234567", "EA1234567"),
     ("护照ｇ８７６５４３２１", "ｇ８７６５４３２１")],
)
def test_passport_when_context_then_found(found: Found, text: str, value: str) -> None:
    assert found(text) == [("PASSPORT", value)]


def test_passport_when_no_context_then_not_found(found: Found) -> None:
    assert found("型号E12345678") == []


@pytest.mark.parametrize(
    "text, value",
    [("回乡证H1234567801", "H1234567801"), ("港澳通行证 C12345678", "C12345678"),
     ("通行证号码M12345678", "M12345678")],
)
def test_permit_when_context_then_found(found: Found, text: str, value: str) -> None:
    assert found(text) == [("HK_MACAO_PERMIT", value)]


@pytest.mark.parametrize(
    "text, value",
    [("住院号:ZY20230012", "ZY20230012"), ("病案号是 123456", "123456"),
     ("门诊号：MZ１２３４５６７", "MZ１２３４５６７"), ("就诊卡卡号12345678", "12345678"),
     ("ID号 8834567", "8834567")],
)
def test_medical_record_when_keyword_then_only_the_number(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("MEDICAL_RECORD_NO", value)]


@pytest.mark.parametrize(
    "text, value", [("医保卡号 A12345678", "A12345678"), ("社保卡号：1234567890", "1234567890")]
)
def test_insurance_when_keyword_then_found(found: Found, text: str, value: str) -> None:
    assert found(text) == [("INSURANCE_NO", value)]


def test_insurance_when_number_is_resident_id_then_reported_as_id(found: Found) -> None:
    assert found("医保卡号110101199003074477") == [("CN_RESIDENT_ID", "110101199003074477")]


@pytest.mark.parametrize("text", ["化验单号20230012345", "住院号多少来着", "订单123456"])
def test_medical_record_when_no_keyword_or_no_number_then_not_found(
    found: Found, text: str
) -> None:
    assert found(text) == []
