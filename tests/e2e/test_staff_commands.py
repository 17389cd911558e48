"""End-to-end: compliance staff query the archive in private; everyone else is refused."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

from bot.botapi import BotApiServer
from bot.botapi.state import Sent
from storage.bundle import verify_bundle
from storage.models import AuditEvent
from tests.e2e.harness import Scene
from tests.e2e.wardbot import running_bot, scene_settings


async def _ask(
    botapi: BotApiServer, user_id: int, text: str, contains: str | None = None,
    method: str = "sendMessage",
) -> Sent:
    mark = botapi.mark()
    botapi.inject.message(user_id, user_id, text)
    return await botapi.wait_for_sent(chat_id=user_id, contains=contains, after=mark,
                                      method=method, timeout=30)


async def test_staff_when_compliance_searches_two_chinese_characters_then_masked_hits(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        botapi.inject.message(scene.group.id, scene.family.id, "医生辛苦了，给您发个红包🧧")
        botapi.inject.message(scene.group.id, scene.patient.id, "电话13812345678，有红包吗")
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="138****5678", timeout=10)
        found = await _ask(botapi, scene.compliance.id, "/search 红包", contains="#")
        with rt.store.begin() as session:
            audited = session.scalars(select(AuditEvent.action)
                                      .where(AuditEvent.actor.like("telegram:%"))).all()
    assert "给您发个红包" in found.text and "138****5678" in found.text
    assert "13812345678" not in found.text and "gift-red-packet-offer" in found.text
    assert "search" in audited


async def test_staff_when_patient_or_head_asks_then_polite_refusal_audited(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path) as rt:
        refusal = await _ask(botapi, scene.patient.id, "/search 红包")
        await _ask(botapi, scene.head.id, "/export 1", contains="抱歉")
        with rt.store.begin() as session:
            refused = session.scalars(select(AuditEvent.target)
                                      .where(AuditEvent.action == "refused")).all()
    assert "抱歉" in refusal.text and "权限" in refusal.text
    assert sorted(refused) == ["export", "search"]


async def test_staff_when_command_in_group_from_non_staff_then_ignored(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        mark = botapi.mark()
        botapi.inject.message(scene.group.id, scene.patient.id, "/bind cardiology")
        botapi.inject.message(scene.group.id, scene.patient.id, "/search 红包")
        botapi.inject.message(scene.group.id, scene.family.id, "医生辛苦了，给您发个红包🧧")
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", after=mark, timeout=10)
    assert not [s for s in botapi.state.sent[mark:] if s.chat_id == scene.group.id]


async def test_staff_when_head_binds_group_then_alerts_go_to_that_department(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    settings = scene_settings(botapi, scene, tmp_path)
    unbound = settings.roster.departments[0].model_copy(update={"chat_ids": []})
    settings = settings.model_copy(update={"roster": settings.roster.model_copy(
        update={"departments": [unbound]})})
    async with running_bot(settings, tmp_path):
        botapi.inject.message(scene.group.id, scene.head.id, "/bind cardiology")
        done = await botapi.wait_for_sent(chat_id=scene.group.id, contains="绑定", timeout=10)
        botapi.inject.message(scene.group.id, scene.family.id, "医生辛苦了，给您发个红包🧧")
        alert = await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=10)
    assert "心内科" in done.text and alert


async def test_staff_when_case_opened_filled_exported_and_verified_then_bundle_checks_out(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        botapi.inject.message(scene.group.id, scene.family.id, "医生辛苦了，给您发个红包🧧")
        await botapi.wait_for_sent(chat_id=scene.head.id, contains="红包", timeout=10)
        hit = await _ask(botapi, scene.compliance.id, "/search 红包", contains="#")
        seq = re.search(r"#(\d+)", hit.text).group(1)  # type: ignore[union-attr]
        shown = await _ask(botapi, scene.compliance.id, f"/show {seq}", contains="gift")
        opened = await _ask(botapi, scene.compliance.id, "/case open 红包投诉", contains="案件")
        ref = re.search(r"证据-\d{4}-\d{4}", opened.text).group(0)  # type: ignore[union-attr]
        added = await _ask(botapi, scene.compliance.id, f"/case add {ref} {seq}", contains="+1")
        card = await _ask(botapi, scene.compliance.id, f"/case show {ref}", contains=ref)
        sent = await _ask(botapi, scene.compliance.id, f"/export {ref}", contains="SHA-256",
                          method="sendDocument")
        verified = await _ask(botapi, scene.compliance.id, "/verify", contains="存档")
        stats = await _ask(botapi, scene.compliance.id, "/stats", contains="gift")
    [bundle] = botapi.state.documents(scene.compliance.id)
    path = tmp_path / "bundle.zip"
    path.write_bytes(bundle.data)
    assert "给您发个红包" in shown.text and "✅" in verified.text and "7" in stats.text
    assert opened.text == f"已建立案件 {ref}：红包投诉" and added.text == f"+1 → {ref}"
    assert "类型：证据保全" in card.text and "记录：1 条" in card.text
    assert f"案件 {ref} 的封存证据包" in sent.text
    assert re.fullmatch(rf"{ref}-\d{{8}}T\d{{6}}Z\.zip", bundle.file_name or "")
    report = verify_bundle(path)
    assert report.ok and report.case_reference == ref


async def test_staff_when_complaint_opened_then_case_list_and_show_use_its_reference(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        opened = await _ask(botapi, scene.compliance.id, "/complaint open chat C-2 群内泄露病历",
                            contains="案件编号")
        ref = re.search(r"投诉-\d{4}-\d{4}", opened.text).group(0)  # type: ignore[union-attr]
        listed = await _ask(botapi, scene.compliance.id, "/case list", contains=ref)
        by_id = await _ask(botapi, scene.compliance.id, "/case show 1", contains=ref)
        unknown = await _ask(botapi, scene.compliance.id, "/case show 投诉-2026-0042",
                             contains="不存在")
        shown = await _ask(botapi, scene.compliance.id, f"/complaint show {ref}",
                           contains="当前阶段")
        moved = await _ask(botapi, scene.compliance.id, f"/complaint advance {ref}",
                           contains="已进入")
        missing = await _ask(botapi, scene.compliance.id, "/complaint show 投诉-2026-0042",
                             contains="不存在")
    assert opened.text == f"已受理，案件编号 {ref}"
    assert listed.text.startswith(f"{ref} 投诉/纠纷：群内泄露病历 (0)")
    assert "类型：投诉/纠纷" in by_id.text
    assert unknown.text.startswith("案件 投诉-2026-0042 不存在")
    assert shown.text.startswith(f"案件 {ref}　投诉/纠纷：群内泄露病历\n当前阶段：受理登记")
    assert moved.text == f"案件 {ref} 已进入：初步核实"
    assert missing.text.startswith("案件 投诉-2026-0042 不存在 / no case 投诉-2026-0042\n请核对")


async def test_help_when_staff_then_command_list_else_welcome(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    async with running_bot(scene_settings(botapi, scene, tmp_path), tmp_path):
        staff = await _ask(botapi, scene.compliance.id, "/help")
        patient = await _ask(botapi, scene.patient.id, "/help")
    assert "/search" in staff.text and "/export" in staff.text
    assert "/search" not in patient.text and "合规助手" in patient.text
