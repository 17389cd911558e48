"""End-to-end fixtures: a local Bot API server on a free loopback port, and a scene in it.

    async def test_x(botapi: BotApiServer, scene: Scene) -> None:
        message = botapi.inject.message(scene.group.id, scene.patient.id, "医生您好")
        reply = await botapi.wait_for_sent(chat_id=scene.group.id, contains="…")

`botapi.base_url` (`http://127.0.0.1:PORT/bot`) and `botapi.token` point a real PTB
Application (or a bot subprocess, via `WARDWATCH_TELEGRAM_BASE_URL`) at the server;
`botapi.inject` makes users act, `botapi.faults` makes Telegram fail, `botapi.state` and
`wait_for_sent` show what the bot did. `tests.e2e.harness.polling_app` runs a PTB
Application against it.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest

from bot.botapi import BotApiServer
from tests.e2e.harness import Scene

# httpx honours HTTP(S)_PROXY and does not exempt loopback by itself (telegram.md §1.1).
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
async def botapi() -> AsyncIterator[BotApiServer]:
    """A running local Bot API server on a free port."""
    async with BotApiServer() as server:
        yield server


@pytest.fixture
def botapi_base_url(botapi: BotApiServer) -> str:
    """`http://127.0.0.1:PORT/bot`, for `ApplicationBuilder().base_url(...)`."""
    return botapi.base_url


@pytest.fixture
def scene(botapi: BotApiServer) -> Scene:
    """Users and a supergroup (bot is admin) in the server; `stranger` never /started the bot."""
    make = botapi.inject.user
    doctor = make("李医生", username="dr_li", started=True)
    nurse = make("王护士", username="nurse_wang", started=True)
    patient = make("张三", started=True)
    family = make("张三家属", started=True)
    head = make("陈主任", username="director_chen", started=True)
    compliance = make("医务处赵", username="compliance_zhao", started=True)
    stranger = make("路人", started=False)
    members = [doctor.id, nurse.id, patient.id, family.id, stranger.id]
    group = botapi.inject.group("心内科患者群", members=members, creator=head.id)
    return Scene(group, doctor, nurse, patient, family, head, compliance, stranger)
