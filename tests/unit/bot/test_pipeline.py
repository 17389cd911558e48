"""bot.pipeline: one update through normalize → evaluate → plan → archive → outbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.config import Settings
from bot.engine_setup import load_engine
from bot.normalize import Lookups
from bot.pipeline import Outcome, process_update
from bot.roster import Roster
from bot.runtime import default_planner, open_archive
from rules.engine import Engine
from rules.model import ActionKind
from storage.db import Store
from storage.models import ActionRecord, MessageRecord
from tests.unit.bot.tgfactory import GROUP, message, parse, update, user

SETTINGS = Settings.model_validate({"roster": {"people": [
    {"telegram_id": 42, "name": "张医生", "role": "doctor", "department": "cardiology"},
    {"telegram_id": 7, "name": "李家属", "role": "family"},
]}})


@pytest.fixture(scope="module")
def engine() -> Engine:
    return load_engine(SETTINGS)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    settings = SETTINGS.model_copy(update={"database": SETTINGS.database.model_copy(
        update={"url": f"sqlite:///{tmp_path / 'w.db'}"})})
    return open_archive(settings, tmp_path)


def _run(raw: dict, store: Store, engine: Engine, contexts: dict, admin: bool = True) -> Outcome:
    return process_update(
        parse(raw), store=store, engine=engine, contexts=contexts,
        lookups=Lookups(department_of=lambda _chat: "cardiology"),
        roster=Roster.from_settings(SETTINGS), planner=default_planner(engine, "zh"),
        bot_is_admin=admin,
    )


def test_pipeline_when_family_offers_red_packet_then_alert_enqueued_with_details(
    store: Store, engine: Engine
) -> None:
    raw = update(payload=message("医生辛苦了，给您发个红包🧧", sender=user(7, "李", "家属")))
    outcome = _run(raw, store, engine, {})
    with store.begin() as session:
        [alert] = session.scalars(select(ActionRecord)).all()
    assert [a.kind for a in outcome.actions] == [ActionKind.ALERT]
    assert alert.payload["sender_role"] == "family"
    assert alert.payload["title_zh"] == "患者或家属向医务人员发红包/转账"
    assert alert.payload["message_key"].startswith(f"tg:{GROUP}:")


def test_pipeline_when_same_update_twice_then_archived_and_enqueued_once(
    store: Store, engine: Engine
) -> None:
    raw = update(payload=message("电话13812345678", sender=user(7, "李", "家属")))
    first, second = _run(raw, store, engine, {}), _run(raw, store, engine, {})
    with store.begin() as session:
        messages = session.scalar(select(func.count()).select_from(MessageRecord))
        actions = session.scalar(select(func.count()).select_from(ActionRecord))
    assert (first.replay, second.replay, messages) == (False, True, 1)
    assert actions == len(first.actions) > 0


def test_pipeline_when_personal_data_then_archive_keeps_masked_copy_in_clear(
    store: Store, engine: Engine
) -> None:
    raw = update(payload=message("我电话13812345678", sender=user(7, "李", "家属")))
    outcome = _run(raw, store, engine, {})
    with store.begin() as session:
        [row] = session.scalars(select(MessageRecord)).all()
    kinds = {a.kind for a in outcome.actions}
    assert row.masked_text == "我电话138****5678"
    assert {ActionKind.ALERT, ActionKind.REDACT, ActionKind.PROMPT} <= kinds
    prompt = next(a for a in outcome.actions if a.kind is ActionKind.PROMPT)
    assert prompt.payload["redacted"] == "1" and "13812345678" not in str(prompt.payload)


def test_pipeline_when_callback_query_then_nothing_archived(
    store: Store, engine: Engine
) -> None:
    raw = {"update_id": 99, "callback_query": {"id": "q", "from": user(), "chat_instance": "c",
                                               "data": "a:1:k"}}
    assert _run(raw, store, engine, {}).message is None
