"""End-to-end: Telegram refusing for a while (429, 5xx, hangs, outages) loses nothing."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from sqlalchemy import select

from bot.botapi import BotApiServer
from storage.models import ActionRecord
from tests.e2e.harness import Scene
from tests.e2e.wardbot import running_bot, scene_settings

GIFT = "医生辛苦了，给您发个红包🧧"


async def test_outage_when_alert_send_gets_429_then_retried_after_retry_after(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        botapi.faults.rate_limit("sendMessage", retry_after=2, times=1)
        start = time.monotonic()
        botapi.inject.message(scene.group.id, scene.family.id, GIFT)
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=15)
    assert time.monotonic() - start >= 2.0
    assert [m for m, f in botapi.faults.fired if f.status == 429] == ["sendMessage"]


async def test_outage_when_sends_get_5xx_then_backoff_until_delivered(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        botapi.faults.server_error("sendMessage", status=502, times=2)
        botapi.inject.message(scene.group.id, scene.family.id, GIFT)
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=20)
        await asyncio.sleep(0.3)
        with rt.store.begin() as session:
            alert = session.scalars(select(ActionRecord).where(ActionRecord.kind == "alert")).one()
    assert (alert.status, alert.attempts) == ("sent", 3)
    assert alert.delivered_message_id is not None


async def test_outage_when_send_hangs_then_timed_out_and_retried(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    settings = scene_settings(botapi, scene, tmp_path, telegram={"read_timeout": 1.0})
    async with running_bot(settings, tmp_path):
        botapi.faults.hang("sendMessage", seconds=3, times=1)
        botapi.inject.message(scene.group.id, scene.family.id, GIFT)
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=20)


async def test_outage_when_whole_api_down_then_updates_and_alerts_resume_afterwards(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        botapi.faults.outage(status=502)
        botapi.inject.message(scene.group.id, scene.family.id, GIFT)
        await asyncio.sleep(2.5)
        assert not [s for s in botapi.state.sent if s.chat_id == scene.head.id
                    and "红包" in s.text]
        botapi.faults.clear()
        alert = await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=30)
    assert alert
