"""End-to-end: `wardwatch run` killed with SIGKILL mid-stream loses and duplicates nothing.

The bot runs as a real subprocess against the local Bot API server; messages keep arriving
while it is dead; after a restart every update is archived exactly once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import yaml
from sqlalchemy import create_engine, func, select

from bot.botapi import BotApiServer
from bot.config import Settings
from storage.models import InboxItem, MessageRecord
from tests.e2e.harness import Scene
from tests.e2e.wardbot import scene_settings

ROOT = Path(__file__).resolve().parents[2]
TOTAL = 40


def _start(config: Path, tmp: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--config", str(config), "--poll-timeout", "1"],
        cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=open(tmp / "bot.log", "ab"),
    )


def _archived(db: Path) -> list[str]:
    if not db.exists():
        return []
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return [m for (m,) in conn.execute(select(MessageRecord.message_id))]
    except Exception:  # schema not created yet
        return []
    finally:
        engine.dispose()


async def _until_archived(db: Path, count: int, timeout: float = 60.0) -> list[str]:
    for _ in range(int(timeout * 10)):
        rows = _archived(db)
        if len(rows) >= count:
            return rows
        await asyncio.sleep(0.1)
    return _archived(db)


def _write_config(settings: Settings, path: Path) -> None:
    path.write_text(yaml.safe_dump(settings.model_dump(mode="json"), allow_unicode=True),
                    encoding="utf-8")


async def test_sigkill_when_killed_mid_stream_then_every_update_archived_exactly_once(
    botapi: BotApiServer, scene: Scene, tmp_path: Path
) -> None:
    config, db = tmp_path / "config.yaml", tmp_path / "ward.db"
    _write_config(scene_settings(botapi, scene, tmp_path), config)
    first = _start(config, tmp_path)
    try:
        await botapi.wait_for_poll(timeout=30)
        await _until_archived(db, 0)
        sent = [botapi.inject.message(scene.group.id, scene.patient.id, f"消息{i}")
                for i in range(TOTAL // 2)]
        await botapi.wait_for(lambda: botapi.state.confirmed_offset, timeout=20,
                              what="a confirmed offset")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        sent += [botapi.inject.message(scene.group.id, scene.patient.id, f"消息{i}")
                 for i in range(TOTAL // 2, TOTAL)]
    finally:
        if first.poll() is None:
            first.kill()
    second = _start(config, tmp_path)
    try:
        rows = await _until_archived(db, TOTAL)
        await asyncio.sleep(1.0)  # anything extra would show up now
        rows = _archived(db)
        second.send_signal(signal.SIGHUP)  # roster reload without restart
        await asyncio.sleep(0.5)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        pending = conn.scalar(select(func.count()).select_from(InboxItem)
                              .where(InboxItem.done_at.is_(None)))
    engine.dispose()
    expected = sorted(f"tg:{scene.group.id}:{m['message_id']}" for m in sent)
    assert sorted(rows) == expected
    assert pending == 0 and first.returncode == -signal.SIGKILL
    assert "roster reloaded" in (tmp_path / "bot.log").read_text(encoding="utf-8")
    assert second.returncode == 0
