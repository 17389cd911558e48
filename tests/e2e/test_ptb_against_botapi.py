"""A real python-telegram-bot 22 Application against the local Bot API server, over HTTP."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    ChatMemberAdministrator,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    AIORateLimiter,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.botapi import BotApiServer
from tests.e2e.harness import Scene, build_app, polling_app

pytestmark = pytest.mark.e2e
ACK = InlineKeyboardMarkup([[InlineKeyboardButton("确认 Acknowledge", callback_data="ack:1")]])


def _bot(server: BotApiServer, **request_kwargs: Any) -> Bot:
    options = {"read_timeout": 5.0, **request_kwargs}
    return Bot(
        server.token,
        base_url=server.base_url,
        base_file_url=server.base_file_url,
        request=HTTPXRequest(**options),
    )


async def test_application_when_message_injected_then_replies_edits_and_answers_button(
    botapi: BotApiServer, scene: Scene
) -> None:
    async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        sent = await update.effective_message.reply_text(
            "收到，<b>已记录</b>", parse_mode="HTML", reply_markup=ACK
        )
        await sent.edit_text("收到，已记录（已转主任）", reply_markup=ACK)

    async def on_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("已确认")
        await query.edit_message_text(f"已由 {query.from_user.first_name} 确认")

    handlers = (
        MessageHandler(filters.TEXT & filters.UpdateType.MESSAGE, on_message),
        CallbackQueryHandler(on_press),
    )
    async with polling_app(botapi, *handlers):
        original = botapi.inject.message(scene.group.id, scene.patient.id, "医生您好，我想复诊")
        edited = await botapi.wait_for_sent(chat_id=scene.group.id, method="editMessageText")
        botapi.inject.press_button(
            scene.group.id, edited.message_id or 0, scene.head.id, label="确认 Acknowledge"
        )
        final = await botapi.wait_for_sent(method="editMessageText", contains="陈主任")

    reply = botapi.state.sent_to(scene.group.id, "sendMessage")[0]
    assert reply.text == "收到，已记录"  # the HTML tags became an entity, as Telegram does
    assert reply.message is not None
    assert reply.message["entities"] == [{"type": "bold", "offset": 3, "length": 3}]
    assert reply.message["reply_to_message"]["message_id"] == original["message_id"]
    assert edited.buttons == ["确认 Acknowledge"]
    assert final.message is not None and "reply_markup" not in final.message
    assert next(iter(botapi.state.callback_answers.values()))["text"] == "已确认"


async def test_application_when_updates_handled_then_offset_confirmed_past_them(
    botapi: BotApiServer, scene: Scene
) -> None:
    seen: list[int] = []

    async def audit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(update.update_id)

    async with polling_app(botapi, TypeHandler(Update, audit)):
        for text in ("一", "二", "三"):
            botapi.inject.message(scene.group.id, scene.patient.id, text)
        await botapi.wait_until_confirmed(3)

    assert seen == [1, 2, 3]
    assert botapi.state.confirmed_offset == 4
    assert botapi.state.pending_count() == 0


async def test_application_when_every_update_kind_injected_then_ptb_parses_each(
    botapi: BotApiServer, scene: Scene
) -> None:
    parsed: list[Update] = []

    async def collect(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        parsed.append(update)

    group, patient = scene.group.id, scene.patient.id
    async with polling_app(botapi, TypeHandler(Update, collect)):
        first = botapi.inject.message(group, patient, "我的检查单", photo=True, caption="看看")
        botapi.inject.edit(group, first["message_id"], caption="看看这个")
        botapi.inject.gift(group, scene.family.id, star_count=100, text="谢谢医生")
        botapi.inject.unique_gift(group, scene.family.id)
        botapi.inject.paid_message(group, scene.family.id, "加急", star_count=20)
        botapi.inject.payment(group, scene.family.id, total_amount=888)
        botapi.inject.join(group, scene.compliance.id)
        botapi.inject.leave(group, scene.stranger.id)
        botapi.inject.bot_membership(group, "member", by=scene.head.id)
        botapi.inject.chat_member(group, scene.nurse.id, "administrator", by=scene.head.id)
        connection = botapi.inject.business_connection(scene.doctor.id)
        sent = botapi.inject.business_message(connection["id"], patient, patient, "李医生在吗")
        botapi.inject.business_edit(connection["id"], patient, sent["message_id"], "李医生您好")
        botapi.inject.business_deletion(connection["id"], patient, [sent["message_id"]])
        await botapi.wait_until_confirmed(botapi.state.next_update_id - 1)

    message_of = [u.effective_message for u in parsed]
    assert message_of[0] is not None and message_of[0].photo and message_of[0].caption == "看看"
    assert parsed[1].edited_message is not None
    assert parsed[1].edited_message.caption == "看看这个"
    assert parsed[2].message is not None and parsed[2].message.gift is not None
    assert parsed[2].message.gift.gift.star_count == 100
    assert parsed[3].message is not None and parsed[3].message.unique_gift is not None
    assert parsed[4].message is not None and parsed[4].message.paid_star_count == 20
    assert parsed[5].message is not None and parsed[5].message.successful_payment is not None
    assert parsed[6].message is not None
    assert parsed[6].message.new_chat_members[0].id == scene.compliance.id
    assert parsed[7].message is not None and parsed[7].message.left_chat_member is not None
    assert parsed[8].my_chat_member is not None
    assert parsed[8].my_chat_member.new_chat_member.status == "member"
    assert parsed[9].chat_member is not None
    assert parsed[10].business_connection is not None
    assert parsed[11].business_message is not None
    assert parsed[12].edited_business_message is not None
    assert parsed[13].deleted_business_messages is not None
    assert parsed[13].deleted_business_messages.message_ids == (sent["message_id"],)


async def test_bot_when_reading_chats_then_gets_ptb_objects(
    botapi: BotApiServer, scene: Scene
) -> None:
    async with _bot(botapi) as bot:
        me = await bot.get_me()
        member = await bot.get_chat_member(scene.group.id, bot.id)
        admins = await bot.get_chat_administrators(scene.group.id)
        chat = await bot.get_chat(scene.group.id)
        await bot.set_my_commands([BotCommand("search", "搜索存档")])
        commands = await bot.get_my_commands()
        missing = await bot.get_chat_member(scene.group.id, scene.compliance.id)

    assert me.can_read_all_group_messages is True
    assert isinstance(member, ChatMemberAdministrator) and member.can_delete_messages
    assert {a.user.id for a in admins} == {bot.id, scene.head.id}
    assert chat.title == "心内科患者群"
    assert [c.command for c in commands] == ["search"]
    assert missing.status == "left"


async def test_bot_when_document_sent_then_server_keeps_the_bytes_and_serves_them(
    botapi: BotApiServer, scene: Scene
) -> None:
    bundle = b"PK\x03\x04 sealed evidence bundle \x00\xff"
    async with _bot(botapi) as bot:
        message = await bot.send_document(
            scene.compliance.id, bundle, filename="case-7.zip", caption="案件 7 证据包"
        )
        assert message.document is not None
        file = await bot.get_file(message.document.file_id)
        downloaded = await file.download_as_bytearray()

    stored = botapi.state.files[message.document.file_id]
    assert (stored.data, stored.file_name) == (bundle, "case-7.zip")
    assert bytes(downloaded) == bundle
    assert botapi.state.sent_to(scene.compliance.id, "sendDocument")[0].text == "案件 7 证据包"


async def test_bot_when_user_never_started_it_then_private_send_is_forbidden(
    botapi: BotApiServer, scene: Scene
) -> None:
    async with _bot(botapi) as bot:
        with pytest.raises(Forbidden, match=r"(?i)can't initiate conversation"):
            await bot.send_message(scene.stranger.id, "您好")
        botapi.inject.start(scene.stranger.id)
        sent = await bot.send_message(scene.stranger.id, "您好")

    assert sent.chat.id == scene.stranger.id


async def test_bot_when_message_older_than_48_hours_then_delete_is_refused(
    botapi: BotApiServer, scene: Scene
) -> None:
    old = botapi.inject.message(scene.group.id, scene.patient.id, "身份证号……")
    fresh = botapi.inject.message(scene.group.id, scene.patient.id, "电话……")
    botapi.state.advance_clock(47 * 3600)
    async with _bot(botapi) as bot:
        assert await bot.delete_message(scene.group.id, fresh["message_id"]) is True
        botapi.state.advance_clock(2 * 3600)
        with pytest.raises(BadRequest, match=r"(?i)message can't be deleted"):
            await bot.delete_message(scene.group.id, old["message_id"])
        with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
            await bot.delete_message(scene.group.id, fresh["message_id"])

    assert [s.message_id for s in botapi.state.sent_to(method="deleteMessage")] == [
        fresh["message_id"]
    ]


async def test_bot_when_429_injected_then_retry_after_raised(
    botapi: BotApiServer, scene: Scene
) -> None:
    botapi.faults.rate_limit("sendMessage", retry_after=7)
    async with _bot(botapi) as bot:
        with pytest.raises(RetryAfter) as raised:
            await bot.send_message(scene.group.id, "告警")
        await bot.send_message(scene.group.id, "告警")

    assert raised.value.retry_after == timedelta(seconds=7)
    assert [c.status for c in botapi.state.calls_to("sendMessage")] == [429, 200]


async def test_bot_when_server_errors_or_hangs_then_network_error_and_timeout(
    botapi: BotApiServer, scene: Scene
) -> None:
    botapi.faults.server_error("sendMessage", status=502)
    botapi.faults.hang("sendMessage", seconds=1.0)
    async with _bot(botapi, read_timeout=0.3) as bot:
        with pytest.raises(NetworkError):
            await bot.send_message(scene.group.id, "一")
        with pytest.raises(TimedOut):
            await bot.send_message(scene.group.id, "二")
        await asyncio.sleep(0.8)  # the dropped call ends on the server side

    assert botapi.state.sent == []


async def test_rate_limiter_when_one_429_then_send_succeeds_after_retry_after(
    botapi: BotApiServer, scene: Scene
) -> None:
    botapi.faults.rate_limit("sendMessage", retry_after=1)
    app = build_app(botapi).rate_limiter(AIORateLimiter(max_retries=2)).updater(None).build()
    async with app:
        started = asyncio.get_running_loop().time()
        await app.bot.send_message(scene.group.id, "告警")
        elapsed = asyncio.get_running_loop().time() - started

    assert elapsed >= 1.0
    assert [s.text for s in botapi.state.sent] == ["告警"]


async def test_bot_when_token_unknown_then_invalid_token(botapi: BotApiServer) -> None:
    bot = Bot("999:WRONG", base_url=botapi.base_url, request=HTTPXRequest())
    with pytest.raises(InvalidToken):
        await bot.initialize()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_when_set_then_server_posts_updates_with_secret_and_bot_replies(
    botapi: BotApiServer, scene: Scene
) -> None:
    async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("webhook 收到")

    port = _free_port()
    url = f"http://127.0.0.1:{port}/hook"
    app = build_app(botapi).build()
    app.add_handler(MessageHandler(filters.TEXT, on_message))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1", port=port, url_path="hook", webhook_url=url, secret_token="s3cret"
        )
        botapi.inject.message(scene.group.id, scene.patient.id, "医生好")
        reply = await botapi.wait_for_sent(chat_id=scene.group.id)
        async with httpx.AsyncClient(trust_env=False) as client:
            forged = await client.post(
                url, json={"update_id": 99}, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            )
        await app.updater.stop()
        await app.stop()

    assert reply.text == "webhook 收到"
    assert botapi.state.webhook is not None and botapi.state.webhook.secret_token == "s3cret"
    assert forged.status_code == 403
    assert botapi.state.pending_count() == 0


async def test_server_when_50_messages_per_second_across_100_groups_then_p99_under_300ms(
    botapi: BotApiServer,
) -> None:
    senders = [botapi.inject.user(f"患者{i}") for i in range(100)]
    groups = [botapi.inject.group(f"患者群{i}", members=[u.id]) for i, u in enumerate(senders)]
    injected: dict[tuple[int, int], float] = {}

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("收到")

    async with polling_app(botapi, MessageHandler(filters.TEXT, echo)):
        await botapi.wait_for_poll()
        for i in range(150):
            group, sender = groups[i % 100], senders[i % 100]
            message = botapi.inject.message(group.id, sender.id, f"第{i}条")
            injected[(group.id, message["message_id"])] = time.time()
            await asyncio.sleep(0.02)  # 50 messages a second
        await botapi.wait_for(lambda: len(botapi.state.sent) >= 150, timeout=10)

    latencies = sorted(
        s.at - injected[(s.chat_id or 0, s.message["reply_to_message"]["message_id"])]
        for s in botapi.state.sent
        if s.message
    )
    assert latencies[int(len(latencies) * 0.99) - 1] <= 0.3


ECHO_BOT = """
import sys
from telegram.ext import ApplicationBuilder, MessageHandler, filters

async def echo(update, context):
    await update.effective_message.reply_text("子进程收到: " + update.effective_message.text)

app = ApplicationBuilder().token(sys.argv[2]).base_url(sys.argv[1]).build()
app.add_handler(MessageHandler(filters.TEXT, echo))
app.run_polling(timeout=1, allowed_updates=["message"])
"""


async def test_server_when_bot_runs_in_a_subprocess_then_it_is_driven_over_loopback(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    script = tmp_path / "echo_bot.py"
    script.write_text(ECHO_BOT, encoding="utf-8")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(script),
        botapi.base_url,
        botapi.token,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await botapi.wait_for_poll(timeout=20)
        botapi.inject.message(scene.group.id, scene.patient.id, "你好")
        reply = await botapi.wait_for_sent(chat_id=scene.group.id, timeout=10)
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 20)

    assert reply.text == "子进程收到: 你好"
    assert botapi.state.confirmed_offset == 2  # SIGTERM is graceful: the offset was confirmed


async def test_bot_when_replying_and_deleting_in_business_chat_then_rights_are_checked(
    botapi: BotApiServer, scene: Scene
) -> None:
    connection = botapi.inject.business_connection(scene.doctor.id)
    theirs = botapi.inject.business_message(
        connection["id"], scene.patient.id, scene.patient.id, "我身份证号是……"
    )
    async with _bot(botapi) as bot:
        mine = await bot.send_message(
            scene.patient.id,
            "请勿在聊天中发送证件号",
            business_connection_id=connection["id"],
            reply_parameters=ReplyParameters(theirs["message_id"]),
        )
        with pytest.raises(BadRequest, match=r"(?i)bot_access_forbidden"):
            await bot.delete_business_messages(connection["id"], [theirs["message_id"]])
        assert await bot.delete_business_messages(connection["id"], [mine.message_id])

    assert mine.reply_to_message is not None
    assert mine.reply_to_message.message_id == theirs["message_id"]
    assert mine.message_id != theirs["message_id"]
    deleted = botapi.state.sent_to(method="deleteBusinessMessages")
    assert [s.message_id for s in deleted] == [mine.message_id]
