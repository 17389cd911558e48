"""Raw Bot API update dicts for unit tests (the shapes PTB 22 parses), in the style of PTB's
tests/auxil/build_messages.py."""

from __future__ import annotations

import itertools
from typing import Any
from urllib.parse import parse_qsl

import httpx
from telegram import Bot, Update
from telegram.request import HTTPXRequest

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


class ApiRecorder:
    """An in-process Bot API (httpx.MockTransport): records calls, answers plausibly, and
    raises a configured error for a (method, chat_id)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.errors: dict[tuple[str, str], tuple[int, str]] = {}
        self._next = itertools.count(1000)

    def fail(self, method: str, chat_id: int | str, status: int, description: str) -> None:
        """Answer `method` for `chat_id` with an error."""
        self.errors[(method, str(chat_id))] = (status, description)

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """Parameters of every successful call of `method`."""
        return [params for name, params in self.calls if name == method]

    async def handle(self, request: Any) -> Any:
        method = request.url.path.rsplit("/", 1)[-1]
        params = dict(parse_qsl(request.content.decode()))
        error = self.errors.get((method, params.get("chat_id", "")))
        if error:
            body = {"ok": False, "error_code": error[0], "description": error[1]}
            return httpx.Response(error[0], json=body)
        self.calls.append((method, params))
        return httpx.Response(200, json={"ok": True, "result": self._result(method, params)})

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {"id": 1, "is_bot": True, "first_name": "WardWatch", "username": "ww_bot",
                    "can_read_all_group_messages": True}
        if method in ("sendMessage", "editMessageText"):
            chat_id = int(params["chat_id"])
            chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
            mid = int(params.get("message_id") or next(self._next))
            return {"message_id": mid, "date": 1_764_000_000, "chat": chat,
                    "text": params.get("text", "")}
        return True


def recording_bot(recorder: ApiRecorder) -> Any:
    """A PTB Bot whose requests go to `recorder` (no sockets)."""
    transport = httpx.MockTransport(recorder.handle)
    request = HTTPXRequest(httpx_kwargs={"transport": transport})
    return Bot("123:TEST", request=request, get_updates_request=HTTPXRequest(
        httpx_kwargs={"transport": transport}))
