"""End-to-end: a doctor's 1:1 patient chats connected through Telegram Business."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import select

from bot.botapi import BotApiServer
from bot.runtime import Runtime
from storage.models import MessageRecord
from tests.e2e.harness import Scene
from tests.e2e.wardbot import running_bot, scene_settings


def _business_rows(rt: Runtime) -> list[tuple[str, int, str, bool]]:
    with rt.store.begin() as session:
        rows = session.execute(
            select(MessageRecord.message_id, MessageRecord.version, MessageRecord.masked_text,
                   MessageRecord.removed_at)
            .where(MessageRecord.source == "business").order_by(MessageRecord.seq))
        return [(m, v, text, removed is not None) for m, v, text, removed in rows]


Row = tuple[str, int, str, bool]


async def _rows(rt: Runtime, count: int, removed: bool = False) -> list[Row]:
    for _ in range(100):
        rows = _business_rows(rt)
        if len(rows) >= count and (not removed or any(r[3] for r in rows)):
            return rows
        await asyncio.sleep(0.1)
    return _business_rows(rt)


async def test_business_when_gift_edit_and_deletion_in_doctor_chat_then_alerted_and_archived(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        connection = botapi.inject.business_connection(scene.doctor.id)
        cid = connection["id"]
        sent = botapi.inject.business_message(cid, scene.family.id, scene.family.id,
                                              "李医生，给您转个红包，辛苦了")
        alert = await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=10)
        botapi.inject.business_edit(cid, scene.family.id, sent["message_id"], "李医生，谢谢您")
        await _rows(rt, 2)
        botapi.inject.business_deletion(cid, scene.family.id, [sent["message_id"]])
        rows = await _rows(rt, 2, removed=True)
    key = f"tgb:{cid}:{scene.family.id}:{sent['message_id']}"
    assert "张三家属" in alert.text
    assert [(m, text) for m, _, text, _ in rows] == [
        (key, "李医生，给您转个红包，辛苦了"), (key, "李医生，谢谢您")]
    assert any(removed for *_, removed in rows)
