"""End-to-end: a department head's alerts and their buttons, through the real bot."""

from __future__ import annotations

from pathlib import Path

from bot.botapi import BotApiServer
from tests.e2e.harness import Scene
from tests.e2e.wardbot import running_bot, scene_settings


async def test_alert_when_family_offers_red_packet_then_head_alerted_in_chinese(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        botapi.inject.message(scene.group.id, scene.family.id, "医生辛苦了，给您发个红包🧧")
        alert = await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=10)
    assert "合规提醒" in alert.text and "张三家属" in alert.text and "家属" in alert.text
    assert "心内科患者群" in alert.text
