"""Helpers for end-to-end tests: a PTB Application pointed at the local Bot API server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, BaseHandler
from telegram.request import HTTPXRequest

from bot.botapi import BotApiServer, Chat, User


@dataclass(frozen=True)
class Scene:
    """A cardiology patient group with the usual people; every user has started the bot."""

    group: Chat
    doctor: User
    nurse: User
    patient: User
    family: User
    head: User
    compliance: User
    stranger: User


def build_app(server: BotApiServer, **request_kwargs: Any) -> ApplicationBuilder:
    """An ApplicationBuilder pointed at the server, with short time-outs for tests."""
    options = {"read_timeout": 5.0, "connect_timeout": 2.0, **request_kwargs}
    return (
        ApplicationBuilder()
        .token(server.token)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
        .request(HTTPXRequest(**options))
        .get_updates_request(HTTPXRequest(read_timeout=5.0, connect_timeout=2.0))
    )


@asynccontextmanager
async def polling_app(
    server: BotApiServer,
    *handlers: BaseHandler[Any, Any, Any],
    builder: Callable[[ApplicationBuilder], ApplicationBuilder] | None = None,
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """A started PTB Application polling the server with `handlers` (group 0, in order)."""
    app_builder = build_app(server)
    if builder is not None:
        app_builder = builder(app_builder)
    app = app_builder.build()
    for handler in handlers:
        app.add_handler(handler)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=1, allowed_updates=Update.ALL_TYPES)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
