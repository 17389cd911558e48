"""Raw Bot API update dicts for unit tests (the shapes PTB 22 parses), in the style of PTB's
tests/auxil/build_messages.py."""

from __future__ import annotations

import itertools
from typing import Any

from telegram import Bot, Update

GROUP = -1001234567890
_ids = itertools.count(1)


def user(user_id: int = 42, first_name: str = "张", last_name: str = "医生") -> dict[str, Any]:
    """A user object."""
    return {"id": user_id, "is_bot": False, "first_name": first_name, "last_name": last_name}


def message(
    text: str | None = "你好",
    *,
    chat_id: int = GROUP,
    message_id: int | None = None,
    sender: dict[str, Any] | None = None,
    date: int = 1_764_000_000,
    **extra: Any,
) -> dict[str, Any]:
    """A group message object."""
    chat: dict[str, Any] = {"id": chat_id, "type": "supergroup", "title": "心内科患者群"}
    if chat_id > 0:
        chat = {"id": chat_id, "type": "private", "first_name": "张"}
    data: dict[str, Any] = {
        "message_id": message_id or next(_ids),
        "date": date,
        "chat": chat,
        "from": sender or user(),
    }
    if text is not None:
        data["text"] = text
    data.update(extra)
    return data


def update(kind: str = "message", payload: dict[str, Any] | None = None, **kw: Any) -> dict:
    """An update dict carrying `payload` (or a fresh message) under `kind`."""
    return {"update_id": next(_ids), kind: payload if payload is not None else message(**kw)}


def parse(data: dict[str, Any]) -> Update:
    """The PTB Update for a raw dict (offline bot, no requests)."""
    parsed = Update.de_json(data, Bot("123:TEST"))
    assert parsed is not None
    return parsed
