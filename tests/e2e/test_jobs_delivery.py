"""Scheduled-job notices reach people through a real PTB Bot over HTTP (local Bot API server)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.botapi import BotApiServer
from bot.config import Settings
from bot.jobs import build_runner, deliver_notices
from rules.model import Action, ActionKind, Category, Finding, Message, Role, Severity
from storage import archive
from storage import jobs as jobstore
from storage.db import Store, open_store
from tests.e2e.harness import Scene, build_app


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'ww.db'}", archive_key=bytes(range(32)),
                        key_dir=tmp_path)
    yield opened
    opened.close()


def settings_for(scene: Scene, tmp_path: Path) -> Settings:
    return Settings.model_validate({
        "roster": {
            "departments": [{"id": "cardiology", "name": "心内科"}],
            "people": [
                {"telegram_id": scene.head.id, "name": "陈主任", "role": "doctor",
                 "department": "cardiology", "duties": ["department_head"]},
                {"telegram_id": scene.compliance.id, "name": "医务处赵",
                 "duties": ["medical_affairs"]},
                {"telegram_id": scene.stranger.id, "name": "未启动",
                 "duties": ["compliance_lead"]},
            ],
        },
        "escalation": {"chain": [{"duty": "department_head", "deadline": "1h"},
                                 {"duty": "medical_affairs", "deadline": "4h"},
                                 {"duty": "compliance_lead", "deadline": "1d"}]},
        "reports": {"output_dir": str(tmp_path / "reports")},
        "telegram": {"operator_chat_id": scene.head.id},
    })


def archive_alert(store: Store) -> None:
    message = Message(id="1", text="身份证 110101199003074518", chat_id="-1001", sender_id="7",
                      sender_role=Role.FAMILY, ts=datetime.now(UTC), department="cardiology",
                      source="telegram")
    finding = Finding(message_id="1", rule_id="pii-resident-id", category=Category.PERSONAL_DATA,
                      severity=Severity.HIGH)
    alert = Action(kind=ActionKind.ALERT, rule_id="pii-resident-id", message_id="1",
                   chat_id="-1001", target="department_head", severity=Severity.HIGH)
    with store.begin() as session:
        record = archive.append_message(session, message, masked_text="身份证 ***")
        assert record is not None
        archive.record_findings(session, record, [finding], [alert])


async def test_jobs_when_deadline_passes_and_month_ends_then_people_get_messages_and_pdf(
    botapi: BotApiServer, scene: Scene, store: Store, tmp_path: Path
) -> None:
    settings = settings_for(scene, tmp_path)
    archive_alert(store)
    now = datetime.now(UTC) + timedelta(minutes=61)
    runner = build_runner(settings, store, lambda: now)
    runner.run_due("escalation_scan")
    local = now.astimezone(runner.context.tz)
    month_end = (local.replace(day=28) + timedelta(days=5)).replace(day=1, hour=10)
    runner.run_due("monthly_report", month_end.astimezone(UTC), on_request=True)
    app = build_app(botapi).build()
    async with app:
        sent = await deliver_notices(app.bot, runner)
    escalated = await botapi.wait_for_sent(chat_id=scene.compliance.id,
                                           contains="告警升级至医务处")
    assert "110101199003074518" not in escalated.text
    await botapi.wait_for_sent(chat_id=scene.head.id, contains="已升级至医务处")
    documents = botapi.state.documents(scene.compliance.id)
    assert [d.file_name for d in documents] == ["report-全院-month-" +
                                                f"{local:%Y-%m}-01.pdf"]
    assert documents[0].data.startswith(b"%PDF")
    assert sent == 4  # escalation, reminder, the hospital report, the department report
    with store.begin() as session:
        statuses = {n.chat_id: n.status for n in jobstore.notices(session)}
    assert statuses.get(str(scene.stranger.id)) == "gave_up"  # never started the bot: 403
    async with app:
        await deliver_notices(app.bot, runner)
    await botapi.wait_for_sent(chat_id=scene.head.id, contains="无法送达")  # operator told
