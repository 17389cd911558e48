"""End-to-end: intake loses nothing, keeps order, survives odd input, and says what is wrong."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import yaml
from sqlalchemy import func, select

from bot.botapi import BotApiServer
from bot.runtime import Runtime
from storage.errors import DatabaseLockedError
from storage.inbox import StoreInbox
from storage.models import InboxItem, MessageRecord
from tests.e2e.harness import Scene
from tests.e2e.wardbot import OPERATOR_CHAT, running_bot, scene_settings


def _versions(rt: Runtime, chat_id: int) -> list[tuple[str, int, str]]:
    with rt.store.begin() as session:
        rows = session.execute(
            select(MessageRecord.message_id, MessageRecord.version, MessageRecord.masked_text)
            .where(MessageRecord.chat_id == str(chat_id))
            .order_by(MessageRecord.seq)
        )
        return [(a, b, c) for a, b, c in rows]


async def _settled(rt: Runtime, count: int, chat_id: int) -> list[tuple[str, int, str]]:
    for _ in range(100):
        rows = _versions(rt, chat_id)
        if len(rows) >= count:
            return rows
        await asyncio.sleep(0.1)
    return _versions(rt, chat_id)


async def test_intake_when_message_edited_then_new_version_archived_and_reevaluated(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        sent = botapi.inject.message(scene.group.id, scene.patient.id, "请问明天复诊要带什么？")
        botapi.inject.edit(
            scene.group.id, sent["message_id"], "我电话13812345678，请回电", date=sent["date"] + 60
        )
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="138****5678", timeout=10)
        rows = await _settled(rt, 2, scene.group.id)
    assert [(v == 0, text) for _, v, text in rows] == [
        (True, "请问明天复诊要带什么？"),
        (False, "我电话138****5678，请回电"),
    ]


async def test_intake_when_many_messages_then_archived_in_order_exactly_once(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        for i in range(30):
            botapi.inject.message(scene.group.id, scene.patient.id, f"第{i}条消息")
        rows = await _settled(rt, 30, scene.group.id)
        again = botapi.state.sent  # nothing to act on
    assert [text for _, _, text in rows] == [f"第{i}条消息" for i in range(30)]
    assert not [s for s in again if s.chat_id == scene.head.id and "合规提醒" in s.text]


async def test_intake_when_update_delivered_twice_then_archived_and_alerted_once(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        botapi.inject.message(scene.group.id, scene.family.id, "医生辛苦了，给您发个红包🧧")
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=10)
        with rt.store.begin() as session:
            [item] = session.scalars(select(InboxItem)).all()
            payload = dict(item.payload)
        assert rt.inbox is not None
        await rt.inbox.accept([payload])  # the same update_id again
        replay = {**payload, "update_id": payload["update_id"] + 1000}
        await rt.inbox.accept([replay])  # the same message under a new update id
        await asyncio.sleep(1.5)
    heads = [s for s in botapi.state.sent if s.chat_id == scene.head.id and "红包" in s.text]
    assert len(_versions(rt, scene.group.id)) == 1 and len(heads) == 1


async def test_intake_when_restarted_with_unprocessed_inbox_rows_then_resumed(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    settings = scene_settings(botapi, scene, tmp_path)
    async with running_bot(settings, tmp_path) as rt:
        pass  # creates the database
    message = {
        "message_id": 77,
        "date": botapi.state.now(),
        "text": "医生辛苦了，给您发个红包🧧",
        "chat": {"id": scene.group.id, "type": "supergroup", "title": "心内科患者群"},
        "from": {"id": scene.family.id, "is_bot": False, "first_name": "张三家属"},
    }
    StoreInbox(rt.store).put(999_001, {"update_id": 999_001, "message": message})
    async with running_bot(settings, tmp_path) as rt:
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=10)
        await asyncio.sleep(0.3)
        with rt.store.begin() as session:
            left = session.scalar(
                select(func.count()).select_from(InboxItem).where(InboxItem.done_at.is_(None))
            )
    assert left == 0


async def test_intake_when_malformed_and_unknown_updates_then_no_crash_and_later_handled(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        botapi.inject.raw({"message": {"message_id": "x", "chat": "nope"}})
        botapi.inject.raw({"future_update_type": {"a": 1}})
        botapi.inject.raw({"message": {"message_id": 5, "date": 1, "chat": {"id": 1}}})
        sticker = {
            "file_id": "s",
            "file_unique_id": "u",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
        }
        botapi.inject.message(scene.group.id, scene.patient.id, None, sticker=sticker)
        botapi.inject.message(scene.group.id, scene.patient.id, "长" * 20_000)
        botapi.inject.message(scene.group.id, scene.family.id, "医生辛苦了，给您发个红包🧧")
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=10)
        rows = await _settled(rt, 3, scene.group.id)
    assert len(rows) == 3 and rows[0][2] == ""


async def test_intake_when_gift_payment_and_joins_then_archived_and_gift_alerted(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        botapi.inject.join(scene.group.id, scene.stranger.id)
        botapi.inject.gift(scene.group.id, scene.family.id, star_count=100)
        botapi.inject.payment(scene.group.id, scene.family.id, total_amount=500)
        botapi.inject.leave(scene.group.id, scene.stranger.id)
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="合规提醒", timeout=10)
        await _settled(rt, 4, scene.group.id)
        with rt.store.begin() as session:
            kinds = [
                k
                for (k,) in session.execute(
                    select(MessageRecord.structural).order_by(MessageRecord.seq)
                )
            ]
    assert [[e["kind"] for e in k] for k in kinds] == [
        ["member_joined"],
        ["gift"],
        ["payment"],
        ["member_left"],
    ]


async def test_startup_when_privacy_on_and_not_admin_then_operator_told_plainly(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    botapi.inject.set_privacy(can_read_all_group_messages=False)
    botapi.inject.set_member(scene.group.id, botapi.state.bot.id, "member")
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        privacy = await botapi.wait_for_sent(chat_id=OPERATOR_CHAT, contains="隐私模式")
        blind = await botapi.wait_for_sent(chat_id=OPERATOR_CHAT, contains="看不到普通消息")
    assert "/setprivacy" in privacy.text and "心内科" not in privacy.text
    assert str(scene.group.id) in blind.text


async def test_membership_when_bot_added_without_admin_rights_then_operator_told(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    other = botapi.inject.group("新患者群", members=[scene.patient.id], bot_status="left")
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        mark = botapi.mark()
        botapi.inject.bot_membership(other.id, "member", by=scene.head.id)
        added = await botapi.wait_for_sent(chat_id=OPERATOR_CHAT, contains="/bind", after=mark)
        missing = await botapi.wait_for_sent(
            chat_id=OPERATOR_CHAT, contains="不是管理员", after=mark
        )
        botapi.inject.bot_membership(other.id, "left", by=scene.head.id)
        removed = await botapi.wait_for_sent(chat_id=OPERATOR_CHAT, contains="移出", after=mark)
    assert "新患者群" in added.text and "新患者群" in missing.text and "新患者群" in removed.text


async def test_webhook_when_secret_wrong_then_403_and_right_secret_then_processed(
    botapi: BotApiServer, scene: Scene, tmp_path: Path, unused_tcp_port: int
) -> None:
    hook = {
        "mode": "webhook",
        "webhook": {
            "listen": "127.0.0.1",
            "port": unused_tcp_port,
            "path": "tg",
            "secret_token": "s3cret",
        },
    }
    settings = scene_settings(botapi, scene, tmp_path, telegram=hook)
    async with running_bot(settings, tmp_path):
        url = f"http://127.0.0.1:{unused_tcp_port}/tg"
        async with httpx.AsyncClient(trust_env=False) as client:
            bad = await client.post(
                url, json={"update_id": 1}, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            )
        botapi.inject.message(scene.group.id, scene.family.id, "医生辛苦了，给您发个红包🧧")
        alert = await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=10)
    assert bad.status_code == 403 and alert


async def test_intake_when_database_briefly_unavailable_then_offset_held_and_nothing_lost(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        assert rt.inbox is not None
        store = rt.inbox.store
        real_put, failures = store.put_many, {"left": 3}

        def flaky_put(items: list) -> list[bool]:
            if failures["left"] > 0:
                failures["left"] -= 1
                raise DatabaseLockedError("the database is locked by another process; retry")
            return real_put(items)

        store.put_many = flaky_put  # type: ignore[method-assign]
        offset_before = botapi.state.confirmed_offset
        botapi.inject.message(scene.group.id, scene.family.id, "医生辛苦了，给您发个红包🧧")
        await asyncio.sleep(1.0)
        held = botapi.state.confirmed_offset == offset_before and bool(botapi.state.updates)
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=20)
    assert held and failures["left"] == 0


async def test_reload_when_config_changed_then_new_roster_used_without_restart(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    settings = scene_settings(botapi, scene, tmp_path)
    people = [p for p in settings.roster.people if p.telegram_id != scene.family.id]
    before = settings.model_copy(update={"roster": settings.roster.model_copy(
        update={"people": people})})
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump(before.model_dump(mode="json"), allow_unicode=True),
                      encoding="utf-8")
    async with running_bot(before, tmp_path, config_path=config):
        config.write_text(yaml.safe_dump(settings.model_dump(mode="json"), allow_unicode=True),
                          encoding="utf-8")
        botapi.inject.message(scene.compliance.id, scene.compliance.id, "/reload")
        done = await botapi.wait_for_sent(chat_id=scene.compliance.id, contains="名册已重新加载")
        botapi.inject.message(scene.group.id, scene.family.id, "医生辛苦了，给您发个红包🧧")
        alert = await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=10)
        botapi.inject.message(scene.patient.id, scene.patient.id, "/reload")
        refused = await botapi.wait_for_sent(chat_id=scene.patient.id, contains="抱歉")
    assert "6 人" in done.text and "（家属）" in alert.text and refused


async def test_intake_when_photo_caption_has_phone_then_caption_scanned_and_media_archived(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        botapi.inject.message(scene.group.id, scene.patient.id, caption="化验单，电话13812345678",
                              photo=True)
        alert = await botapi.wait_for_sent(chat_id=scene.head.id, contains="138****5678",
                                           timeout=10)
        with rt.store.begin() as session:
            media = session.execute(select(MessageRecord.media_kind, MessageRecord.media)).one()
    assert "化验单" in alert.text and media[0] == "photo" and media[1]["kind"] == "PhotoSize"


async def test_intake_when_message_from_unknown_group_and_user_then_archived_and_alerted(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    stranger_group = botapi.inject.group("陌生群", members=[scene.stranger.id])
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        botapi.inject.message(stranger_group.id, scene.stranger.id, "医生辛苦了，给您发个红包🧧")
        alert = await botapi.wait_for_sent(chat_id=scene.head.id, contains="陌生群", timeout=10)
        rows = await _settled(rt, 1, stranger_group.id)
    assert "身份未知" in alert.text and len(rows) == 1


async def test_intake_when_edit_leaves_text_unchanged_then_archived_but_not_alerted_again(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        sent = botapi.inject.message(scene.group.id, scene.family.id, "医生辛苦了，给您发个红包🧧")
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=10)
        botapi.inject.edit(scene.group.id, sent["message_id"], "医生辛苦了，给您发个红包🧧",
                           date=sent["date"] + 30)
        rows = await _settled(rt, 2, scene.group.id)
        await asyncio.sleep(1.0)
    alerts = [s for s in botapi.state.sent if s.chat_id == scene.head.id and "红包" in s.text]
    assert len(rows) == 2 and len(alerts) == 1
