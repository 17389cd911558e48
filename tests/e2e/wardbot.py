"""The real WardWatch bot (Service: inbox, pipeline, executor) against the local server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.botapi import BotApiServer
from bot.config import Settings
from bot.engine_setup import load_engine
from bot.runtime import Runtime, open_archive
from bot.service import Service
from tests.e2e.harness import Scene

OPERATOR_CHAT = -1009999


def scene_settings(botapi: BotApiServer, scene: Scene, tmp: Path, **extra: Any) -> Settings:
    """Settings naming the scene's people, its group in cardiology, SQLite under `tmp`."""
    if OPERATOR_CHAT not in botapi.state.chats:
        botapi.inject.group("运维通知", chat_id=OPERATOR_CHAT, bot_status="member")
    data: dict[str, Any] = {
        "database": {"url": f"sqlite:///{tmp / 'ward.db'}"},
        "telegram": {"token": botapi.token, "base_url": botapi.base_url,
                     "operator_chat_id": OPERATOR_CHAT},
        "roster": {
            "departments": [{"id": "cardiology", "name": "心内科", "chat_ids": [scene.group.id]}],
            "people": [
                {"telegram_id": scene.doctor.id, "name": "李医生", "role": "doctor",
                 "department": "cardiology"},
                {"telegram_id": scene.nurse.id, "name": "王护士", "role": "nurse",
                 "department": "cardiology"},
                {"telegram_id": scene.patient.id, "name": "张三", "role": "patient"},
                {"telegram_id": scene.family.id, "name": "张三家属", "role": "family"},
                {"telegram_id": scene.head.id, "name": "陈主任", "role": "doctor",
                 "department": "cardiology", "duties": ["department_head"]},
                {"telegram_id": scene.compliance.id, "name": "医务处赵", "role": "unknown",
                 "duties": ["compliance", "medical_affairs"]},
            ],
        },
    }
    for key, value in extra.items():
        data[key] = {**data.get(key, {}), **value}
    return Settings.model_validate(data)


@asynccontextmanager
async def running_bot(
    settings: Settings, tmp: Path, config_path: Path | None = None
) -> AsyncIterator[Runtime]:
    """A started Service (polling with a 1 s long poll); stopped gracefully afterwards."""
    store = open_archive(settings, tmp)
    rt = Runtime(settings=settings, store=store, engine=load_engine(settings),
                 config_path=config_path)
    service = Service(rt, poll_timeout=1)
    await service.start()
    try:
        yield rt
    finally:
        await service.stop()
        store.close()
