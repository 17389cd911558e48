"""bot.prompts: what a sender sees when their message carried personal data or advice."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from telegram.error import Forbidden

from bot.executor import Delivery, Undeliverable
from bot.prompts import (
    Unreachable,
    forget_unreachable,
    send_prompt,
    send_redaction,
    send_reminder,
)
from tests.unit.bot.tgfactory import ApiRecorder, recording_bot

GROUP = -100123
PAYLOAD = {
    "sender_id": "13", "sender_name": "陈医生", "chat_title": "心内科患者群",
    "masked": "患者身份证 ******************，电话 ***********",
    "entities": "CN_RESIDENT_ID,CN_PHONE",
    "ts": "2026-11-25T06:00:00+00:00",
    "why_zh": "医患群中不得公开患者身份证号、手机号等个人信息。",
}
RAW_ID = "110101199003071234"


def _item(kind: str = "prompt", **payload: str) -> Delivery:
    return Delivery(id=1, kind=kind, rule_id="pii-cn-id-card", message_id=f"tg:{GROUP}:55",
                    chat_id=str(GROUP), payload={**PAYLOAD, **payload})


async def _yes(chat_id: int) -> bool:
    return True


async def _no(chat_id: int) -> bool:
    return False


async def test_send_prompt_when_sender_started_bot_then_private_masked_text() -> None:
    api = ApiRecorder()
    async with recording_bot(api) as bot:
        await send_prompt(bot, _item(), "zh")
    [sent] = api.sent()
    assert sent["chat_id"] == "13"
    assert "身份证号、手机号" in sent["text"] and "***********" in sent["text"]
    assert RAW_ID not in sent["text"]


async def test_send_prompt_when_sender_never_started_bot_then_group_reply_naming_no_data() -> None:
    api = ApiRecorder()
    api.fail("sendMessage", 13, 403, "Forbidden: bot can't initiate conversation with a user")
    async with recording_bot(api) as bot:
        await send_prompt(bot, _item(), "zh")
    [sent] = api.sent()
    assert sent["chat_id"] == str(GROUP) and '"message_id": 55' in sent["reply_parameters"]
    assert "个人信息" in sent["text"] and "*" not in sent["text"] and "陈" not in sent["text"]


async def test_send_redaction_when_admin_then_original_deleted_and_masked_repost() -> None:
    api = ApiRecorder()
    async with recording_bot(api) as bot:
        await send_redaction(bot, _item("redact"), "zh", _yes)
    assert api.sent("deleteMessage") == [{"chat_id": str(GROUP), "message_id": "55"}]
    [repost] = api.sent()
    assert repost["text"].startswith("【陈医生 的消息，已由合规机器人脱敏】")
    assert "已删除并存档" in repost["text"] and RAW_ID not in repost["text"]


async def test_send_redaction_when_no_admin_rights_then_prompt_instead() -> None:
    api = ApiRecorder()
    async with recording_bot(api) as bot:
        await send_redaction(bot, _item("redact"), "zh", _no)
    assert api.sent("deleteMessage") == []
    assert [m["chat_id"] for m in api.sent()] == ["13"]


async def test_send_redaction_when_older_than_48h_then_undeliverable_reported() -> None:
    api = ApiRecorder()
    api.fail("deleteMessage", GROUP, 400, "Bad Request: message can't be deleted")
    later = datetime(2026, 11, 28, tzinfo=UTC)
    async with recording_bot(api) as bot:
        try:
            await send_redaction(bot, _item("redact"), "zh", _yes, now=later)
        except Undeliverable as exc:
            assert "48" in str(exc)
        else:
            raise AssertionError("expected Undeliverable")
    assert api.sent() == []


async def test_send_reminder_when_advice_then_reply_with_safe_phrasing() -> None:
    api = ApiRecorder()
    item = _item("remind", why_zh="请到门诊面诊后再调整用药。")
    async with recording_bot(api) as bot:
        await send_reminder(bot, item, "zh")
    [sent] = api.sent()
    assert sent["text"] == "💡 温馨提示：请到门诊面诊后再调整用药。"


class NeverStartedBot:
    """A fake bot counting sendMessage calls; private chats of `never_started` answer 403."""

    def __init__(self, *never_started: int) -> None:
        self.never_started = set(never_started)
        self.calls: list[int] = []

    async def send_message(self, chat_id: int, text: str, **_kw: Any) -> Any:
        self.calls.append(chat_id)
        if chat_id in self.never_started:
            raise Forbidden("Forbidden: bot can't initiate conversation with a user")
        return SimpleNamespace(message_id=len(self.calls))


async def test_send_prompt_when_sender_already_answered_403_then_no_second_private_attempt(
) -> None:
    bot = NeverStartedBot(13)
    await send_prompt(bot, _item(), "zh")  # type: ignore[arg-type]
    await send_prompt(bot, _item(), "zh")  # type: ignore[arg-type]
    assert bot.calls == [13, GROUP, GROUP]


async def test_send_prompt_when_unreachable_sender_started_bot_then_private_prompt_again(
) -> None:
    bot = NeverStartedBot(13)
    await send_prompt(bot, _item(), "zh")  # type: ignore[arg-type]
    bot.never_started.clear()
    forget_unreachable(bot, 13)  # type: ignore[arg-type]
    await send_prompt(bot, _item(), "zh")  # type: ignore[arg-type]
    assert bot.calls == [13, GROUP, 13]


async def test_send_prompt_when_other_bot_object_then_memories_not_shared() -> None:
    first, second = NeverStartedBot(13), NeverStartedBot(13)
    await send_prompt(first, _item(), "zh")  # type: ignore[arg-type]
    await send_prompt(second, _item(), "zh")  # type: ignore[arg-type]
    assert second.calls == [13, GROUP]


def test_unreachable_when_entry_older_than_ttl_then_forgotten() -> None:
    now = [0.0]
    memory = Unreachable(ttl=60, clock=lambda: now[0])
    memory.add(13)
    now[0] = 59.0
    assert 13 in memory
    now[0] = 60.0
    assert 13 not in memory and len(memory) == 0


def test_unreachable_when_full_then_oldest_dropped() -> None:
    memory = Unreachable(max_size=2)
    for user in (1, 2, 3):
        memory.add(user)
    assert 1 not in memory and 2 in memory and 3 in memory
