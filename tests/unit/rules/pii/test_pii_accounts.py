"""BANK_CARD, EMAIL_ADDRESS, WECHAT_ID and QQ_ID."""

from __future__ import annotations

import pytest
from conftest import Found, bank_card

UNIONPAY = bank_card("622202123456789012")  # 19 digits


@pytest.mark.parametrize(
    "text, value",
    [(f"卡号{UNIONPAY}谢谢", UNIONPAY), (UNIONPAY, UNIONPAY),
     ("银行卡 6222 0212 3456 7890 128", "6222 0212 3456 7890 128"),
     ("card 4111 1111 1111 1111", "4111 1111 1111 1111")],
)
def test_bank_card_when_luhn_valid_then_found(found: Found, text: str, value: str) -> None:
    assert [v for _, v in found(text)] == [value]


def test_bank_card_when_luhn_fails_then_only_with_context(found: Found) -> None:
    broken = UNIONPAY[:-1] + str((int(UNIONPAY[-1]) + 1) % 10)
    assert found(f"银行卡号{broken}") == [("BANK_CARD", broken)]
    assert found(f"报告编号{broken}") == []


@pytest.mark.parametrize(
    "text, value",
    [("邮箱abc@example.com谢谢", "abc@example.com"),
     ("发到 Zhang.San+ward@Hospital.org.cn 吧", "Zhang.San+ward@Hospital.org.cn"),
     ("１２３４５６７８＠ｑｑ．ｃｏｍ", "１２３４５６７８＠ｑｑ．ｃｏｍ")],
)
def test_email_when_next_to_chinese_or_full_width_then_found(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("EMAIL_ADDRESS", value)]


def test_email_when_looks_like_but_no_domain_then_not_found(found: Found) -> None:
    assert found("周末@所有人 注意") == []


@pytest.mark.parametrize(
    "text, value",
    [("加我微信zhangsan_123", "zhangsan_123"), ("微信号：Li-Hua2020", "Li-Hua2020"),
     ("vx: abc12345", "abc12345"), ("我威信 wxid_a1b2c3d4e5", "wxid_a1b2c3d4e5"),
     ("加v 13812345678", "13812345678")],
)
def test_wechat_when_keyword_then_id_found(found: Found, text: str, value: str) -> None:
    assert found(text) == [("WECHAT_ID", value)]


@pytest.mark.parametrize("text", ["加我微信****", "微信群里说过了", "微信 hello", "wx是什么"])
def test_wechat_when_masked_or_no_id_then_not_found(found: Found, text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, value", [("QQ 12345678", "12345678"), ("我扣扣号是123456789", "123456789")]
)
def test_qq_when_keyword_then_found(found: Found, text: str, value: str) -> None:
    assert found(text) == [("QQ_ID", value)]


def test_qq_when_bare_number_or_mail_then_not_qq(found: Found) -> None:
    assert found("复查编号12345678") == []
    assert found("qq邮箱123456789@qq.com") == [("EMAIL_ADDRESS", "123456789@qq.com")]


@pytest.mark.parametrize(
    "text, value",
    [("邮箱 zhangwei[at]163.com", "zhangwei[at]163.com"),
     ("发我邮箱zhangwei#qq.com谢谢", "zhangwei#qq.com"),
     ("email: li.na at gmail dot com", "li.na at gmail dot com"),
     ("zhangwei@163。com", "zhangwei@163。com"),
     ("我的邮箱是zhangwei艾特163点com", "zhangwei艾特163点com")],
)
def test_email_when_disguised_for_a_big_provider_then_found(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("EMAIL_ADDRESS", value)]


@pytest.mark.parametrize("text", ["价格#163.com", "我用的是163.com邮箱", "qq.com打不开"])
def test_email_when_only_a_provider_domain_then_not_found(found: Found, text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, entity, value",
    [("加q 123456789", "QQ_ID", "123456789"), ("v：zhang_88", "WECHAT_ID", "zhang_88"),
     ("门诊ID：0001234567", "MEDICAL_RECORD_NO", "0001234567"),
     ("台胞证 12345678", "HK_MACAO_PERMIT", "12345678")],
)
def test_account_when_chat_shorthand_keyword_then_found(
    found: Found, text: str, entity: str, value: str
) -> None:
    assert found(text) == [(entity, value)]
