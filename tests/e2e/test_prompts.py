"""End-to-end: what a sender sees when they post personal data or give advice."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import select

from bot.botapi import BotApiServer
from bot.normalize import message_key
from storage import archive
from storage.models import ActionRecord
from tests.e2e.harness import Scene
from tests.e2e.wardbot import OPERATOR_CHAT, running_bot, scene_settings

PII = "我身份证11010519491231002X，电话13812345678"
RAW = ("11010519491231002X", "13812345678")


def _no_raw_data_sent(botapi: BotApiServer) -> bool:
    texts = [str(s.params) for s in botapi.state.sent]
    return not any(raw in text for raw in RAW for text in texts)


async def test_redaction_when_admin_and_enforce_then_original_deleted_and_masked_repost(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    settings = scene_settings(botapi, scene, tmp_path)
    async with running_bot(settings, tmp_path) as rt:
        sent = botapi.inject.message(scene.group.id, scene.patient.id, PII)
        await botapi.wait_for_sent(chat_id=scene.group.id, method="deleteMessage", timeout=10)
        repost = await botapi.wait_for_sent(chat_id=scene.group.id, contains="已由合规机器人脱敏")
        with rt.store.begin() as session:
            kept = archive.find_message(session, "telegram", str(scene.group.id),
                                        message_key(scene.group.id, sent["message_id"]))
    assert "张三" in repost.text and "138****5678" in repost.text
    assert "身份证号" in repost.text and "已删除并存档" in repost.text
    assert kept is not None and "138****5678" in kept.masked_text
    assert kept.removed_at is not None  # deleted in the chat, kept (marked) in the archive
    assert _no_raw_data_sent(botapi)


async def test_prompt_when_bot_not_admin_then_private_masked_text_to_sender(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    botapi.inject.set_member(scene.group.id, botapi.state.bot.id, "member")
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        botapi.inject.message(scene.group.id, scene.patient.id, PII)
        prompt = await botapi.wait_for_sent(chat_id=scene.patient.id, timeout=10)
    assert "可能包含个人信息" in prompt.text and "138****5678" in prompt.text
    assert not any(s.method == "deleteMessage" for s in botapi.state.sent)
    assert _no_raw_data_sent(botapi)


async def test_prompt_when_sender_never_started_bot_then_group_reply_naming_no_data(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    botapi.inject.set_member(scene.group.id, botapi.state.bot.id, "member")
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        sent = botapi.inject.message(scene.group.id, scene.stranger.id, "电话13812345678找我")
        reply = await botapi.wait_for_sent(chat_id=scene.group.id, contains="/start", timeout=10)
    assert reply.params["reply_parameters"]["message_id"] == sent["message_id"]
    assert "*" not in reply.text and "138" not in reply.text
    assert _no_raw_data_sent(botapi)


async def test_reminder_when_assistant_gives_medication_advice_then_safe_phrasing_reply(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    settings = scene_settings(botapi, scene, tmp_path)
    people = [p.model_dump() for p in settings.roster.people]
    people.append({"telegram_id": scene.stranger.id, "name": "路人", "role": "assistant"})
    settings = settings.model_copy(update={"roster": settings.roster.model_copy(
        update={"people": [type(settings.roster.people[0])(**p) for p in people]})})
    async with running_bot(settings, tmp_path):
        sent = botapi.inject.message(scene.group.id, scene.stranger.id,
                                     "你这个情况吃点阿司匹林就行，每天一片")
        reply = await botapi.wait_for_sent(chat_id=scene.group.id, contains="温馨提示",
                                           timeout=10)
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="医助")
    assert reply.params["reply_parameters"]["message_id"] == sent["message_id"]


async def test_redaction_when_message_older_than_48h_then_reported_not_retried(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        old = botapi.state.now() - 49 * 3600
        botapi.inject.message(scene.group.id, scene.patient.id, PII, date=old)
        report = await botapi.wait_for_sent(chat_id=OPERATOR_CHAT, contains="48 小时",
                                            timeout=15)
        await asyncio.sleep(1.0)
        with rt.store.begin() as session:
            states = session.scalars(select(ActionRecord.status)
                                     .where(ActionRecord.kind == "redact")).all()
    deletes = botapi.state.calls_to("deleteMessage")
    assert "心内科患者群" in report.text and states == ["gave_up"] and len(deletes) == 1
    assert _no_raw_data_sent(botapi)


async def test_prompt_when_stranger_posts_twice_then_one_private_attempt_until_start(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    botapi.inject.set_member(scene.group.id, botapi.state.bot.id, "member")
    stranger = scene.stranger.id

    def private_attempts() -> list[int]:
        return [c.status for c in botapi.state.calls_to("sendMessage")
                if str(c.params.get("chat_id")) == str(stranger)]

    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        first = botapi.inject.message(scene.group.id, stranger, "电话13812345678找我")
        reply1 = await botapi.wait_for_sent(chat_id=scene.group.id, contains="/start", timeout=10)
        second = botapi.inject.message(scene.group.id, stranger, "再说一次 13812345678")
        reply2 = await botapi.wait_for_sent(chat_id=scene.group.id, contains="/start",
                                            after=reply1.seq, timeout=10)
        before_start = private_attempts()
        botapi.inject.start(stranger)
        welcome = await botapi.wait_for_sent(chat_id=stranger, timeout=10)
        botapi.inject.message(scene.group.id, stranger, "第三次 13812345678")
        prompt = await botapi.wait_for_sent(chat_id=stranger, contains="可能包含个人信息",
                                            after=welcome.seq, timeout=10)
    assert before_start == [403]
    assert reply1.params["reply_parameters"]["message_id"] == first["message_id"]
    assert reply2.params["reply_parameters"]["message_id"] == second["message_id"]
    assert "138****5678" in prompt.text
    assert _no_raw_data_sent(botapi)
