"""End-to-end: a department head's alerts and their buttons, through the real bot."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.botapi import BotApiServer
from bot.botapi.state import Sent
from storage import acks
from storage.models import Acknowledgement
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


async def _alert(botapi: BotApiServer, scene: Scene, marker: str = "合规提醒") -> Sent:
    botapi.inject.message(scene.group.id, scene.family.id, "医生辛苦了，给您发个红包🧧")
    return await botapi.wait_for_sent(chat_id=scene.head.id, contains=marker, timeout=10)


async def test_alert_when_head_presses_acknowledge_then_recorded_and_alert_edited(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        alert = await _alert(botapi, scene)
        botapi.inject.press_button(scene.head.id, alert.message_id, scene.head.id, label="确认")
        edited = await botapi.wait_for_sent(chat_id=scene.head.id, method="editMessageText",
                                            contains="已确认")
        answer = await botapi.wait_for_sent(method="answerCallbackQuery")
        alert_id = int(alert.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
                       .split(":")[1])
        with rt.store.begin() as session:
            decisions = [(a.actor_id, a.decision) for a in acks.for_alert(session, alert_id)]
    assert "✅ 陈主任 已确认" in edited.text and "reply_markup" not in edited.params
    assert answer.params.get("text") == "已记录"
    assert decisions == [(str(scene.head.id), "ack")]


async def test_alert_when_plain_doctor_presses_button_then_refused_and_nothing_recorded(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        alert = await _alert(botapi, scene)
        botapi.inject.press_button(scene.head.id, alert.message_id, scene.doctor.id, label="误报")
        answer = await botapi.wait_for_sent(method="answerCallbackQuery")
    assert "无权" in answer.params["text"]
    assert not any(s.method == "editMessageText" for s in botapi.state.sent)


async def test_alert_when_escalated_then_medical_affairs_receives_it(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        alert = await _alert(botapi, scene)
        botapi.inject.press_button(scene.head.id, alert.message_id, scene.head.id, label="升级")
        escalated = await botapi.wait_for_sent(chat_id=scene.compliance.id, contains="升级")
    assert "红包" in escalated.text and "陈主任" in escalated.text


async def test_alert_when_same_sender_repeats_rule_then_grouped_into_one_alert(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        await _alert(botapi, scene)
        botapi.inject.message(scene.group.id, scene.family.id, "再给您转个红包，一点心意")
        edited = await botapi.wait_for_sent(chat_id=scene.head.id, method="editMessageText",
                                            contains="第 2 次", timeout=10)
    alerts = [s for s in botapi.state.sent
              if s.method == "sendMessage" and s.chat_id == scene.head.id and "合规提醒" in s.text]
    assert len(alerts) == 1 and "10 分钟内" in edited.text


async def test_alert_when_language_english_then_english_alert_and_buttons(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    settings = scene_settings(botapi, scene, tmp_path, alerts={"language": "en"})
    async with running_bot(settings, tmp_path):
        alert = await _alert(botapi, scene, "Compliance alert")
    labels = [b["text"] for b in alert.params["reply_markup"]["inline_keyboard"][0]]
    assert "Compliance alert" in alert.text and "Sender: 张三家属 (family)" in alert.text
    assert labels == ["Acknowledge", "False positive", "Escalate"]


async def test_alert_when_message_has_personal_data_then_excerpt_masked(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        botapi.inject.message(scene.group.id, scene.patient.id,
                              "电话13812345678，身份证11010519491231002X")
        alert = await botapi.wait_for_sent(chat_id=scene.head.id, contains="138****5678",
                                           timeout=10)
    assert "13812345678" not in alert.text and "https://t.me/c/" in alert.text


async def test_alert_when_button_pressed_after_restart_then_still_recorded_and_edited(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    settings = scene_settings(botapi, scene, tmp_path)
    async with running_bot(settings, tmp_path):
        alert = await _alert(botapi, scene)
    async with running_bot(settings, tmp_path) as rt:
        botapi.inject.press_button(scene.head.id, alert.message_id, scene.head.id, label="误报")
        edited = await botapi.wait_for_sent(chat_id=scene.head.id, method="editMessageText",
                                            contains="误报", timeout=10)
        with rt.store.begin() as session:
            decisions = session.scalars(select(Acknowledgement.decision)).all()
    assert "红包" in edited.text and "陈主任" in edited.text
    assert decisions == ["false_positive"]
