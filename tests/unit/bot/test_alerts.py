"""bot.alerts: what a department head sees, and what their button presses do."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.alerts import (
    AlertBook,
    apply_decision,
    callback_data,
    may_decide,
    parse_callback,
    render_alert,
    send_alert,
)
from bot.config import Settings
from bot.executor import Delivery
from tests.unit.bot.tgfactory import ApiRecorder, recording_bot

TZ = ZoneInfo("Asia/Shanghai")
SETTINGS = Settings.model_validate({
    "roster": {
        "departments": [{"id": "cardiology", "name": "心内科"}],
        "people": [
            {"telegram_id": 11, "name": "王主任", "role": "doctor", "department": "cardiology",
             "duties": ["department_head"]},
            {"telegram_id": 12, "name": "赵主任", "role": "doctor", "department": "cardiology",
             "duties": ["department_head"]},
            {"telegram_id": 13, "name": "陈医生", "role": "doctor", "department": "cardiology"},
            {"telegram_id": 21, "name": "医务处孙", "role": "unknown",
             "duties": ["medical_affairs"]},
        ],
    },
})
PAYLOAD = {
    "title_zh": "患者或家属向医务人员发红包/转账", "title_en": "Red packet offered to staff",
    "legal_basis": "医师法 第三十一条", "chat_title": "心内科患者群", "sender_name": "李家属",
    "sender_role": "family", "sender_id": "77", "ts": "2026-11-25T06:05:00+00:00",
    "excerpt": "医生辛苦了，给您发个红包🧧 电话 138****5678", "department": "cardiology",
    "link": "https://t.me/c/123/5",
}


def _item(i: int = 1, **payload: str) -> Delivery:
    return Delivery(id=i, kind="alert", rule_id="gift-red-packet-offer", message_id="tg:-1:5",
                    chat_id="-100123", severity="high", payload={**PAYLOAD, **payload})


def test_render_alert_when_chinese_then_every_field_in_chinese_and_local_time() -> None:
    text = render_alert(_item(), "zh", TZ)
    assert "合规提醒：患者或家属向医务人员发红包/转账" in text
    assert "依据：医师法 第三十一条" in text
    assert "发送者：李家属（家属）" in text
    assert "时间：2026-11-25 14:05" in text
    assert "138****5678" in text and "https://t.me/c/123/5" in text


def test_render_alert_when_english_then_english_labels() -> None:
    text = render_alert(_item(), "en", TZ)
    assert "Compliance alert: Red packet offered to staff" in text
    assert "Sender: 李家属 (family)" in text and "Severity" not in text


def test_callback_data_when_parsed_then_round_trips_and_foreign_data_ignored() -> None:
    assert parse_callback(callback_data(42, "escalate")) == (42, "escalate")
    assert parse_callback("something-else") is None
    assert len(callback_data(10**12, "false_positive").encode()) <= 64


async def test_send_alert_when_two_heads_then_both_get_buttons() -> None:
    api = ApiRecorder()
    book = AlertBook(timedelta(minutes=10))
    async with recording_bot(api) as bot:
        await send_alert(bot, _item(), SETTINGS, book)
    sent = api.sent()
    assert [m["chat_id"] for m in sent] == ["11", "12"]
    buttons = json.loads(sent[0]["reply_markup"])["inline_keyboard"][0]
    assert [(b["text"], b["callback_data"]) for b in buttons] == [
        ("确认", "a:1:k"), ("误报", "a:1:f"), ("升级", "a:1:e")]


async def test_send_alert_when_head_never_started_bot_then_other_head_still_alerted() -> None:
    api = ApiRecorder()
    api.fail("sendMessage", 11, 403, "Forbidden: bot can't initiate conversation with a user")
    async with recording_bot(api) as bot:
        await send_alert(bot, _item(), SETTINGS, AlertBook(timedelta(minutes=10)))
    assert [m["chat_id"] for m in api.sent()] == ["12"]


async def test_send_alert_when_same_rule_and_sender_repeat_then_edited_not_resent() -> None:
    api = ApiRecorder()
    book = AlertBook(timedelta(minutes=10))
    async with recording_bot(api) as bot:
        await send_alert(bot, _item(1), SETTINGS, book)
        await send_alert(bot, _item(2), SETTINGS, book)
        await send_alert(bot, _item(3), SETTINGS, book)
    assert len(api.sent()) == 2
    edits = api.sent("editMessageText")
    assert len(edits) == 4 and "10 分钟内第 3 次" in edits[-1]["text"]


async def test_apply_decision_when_acknowledged_then_every_copy_shows_who_and_buttons_go() -> None:
    api = ApiRecorder()
    book = AlertBook(timedelta(minutes=10))
    at = datetime(2026, 11, 25, 6, 30, tzinfo=UTC)
    async with recording_bot(api) as bot:
        await send_alert(bot, _item(), SETTINGS, book)
        await apply_decision(bot, book.get(1), "", "ack", "王主任", at, SETTINGS)
    edits = api.sent("editMessageText")
    assert [e["chat_id"] for e in edits] == ["11", "12"]
    assert all("✅ 王主任 已确认（2026-11-25 14:30）" in e["text"] for e in edits)
    assert all("reply_markup" not in e for e in edits)


def test_may_decide_when_head_of_other_department_or_plain_doctor_then_refused() -> None:
    assert may_decide(SETTINGS, 11, "cardiology")
    assert may_decide(SETTINGS, 21, "cardiology")
    assert not may_decide(SETTINGS, 13, "cardiology")
    assert not may_decide(SETTINGS, 11, "oncology")
