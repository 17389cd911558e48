"""The control API under `/_test/`: drive and read the server from another process.

`POST /_test/<name>` with a JSON object of keyword arguments calls the `Injector` method,
fault helper or read helper of that name and answers `{"ok": true, "result": ...}`.
`ControlClient` is the matching synchronous client.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx

from bot.botapi.state import JsonDict

if TYPE_CHECKING:
    from bot.botapi.server import BotApiServer

INJECTOR_OPERATIONS = (
    "user",
    "start",
    "block",
    "group",
    "set_member",
    "set_privacy",
    "migrate",
    "message",
    "edit",
    "service",
    "join",
    "leave",
    "gift",
    "unique_gift",
    "paid_message",
    "payment",
    "raw",
    "press_button",
    "bot_membership",
    "chat_member",
    "business_connection",
    "business_message",
    "business_edit",
    "business_deletion",
)
FAULT_OPERATIONS = ("rate_limit", "server_error", "error", "hang", "outage", "flood_control")


def to_jsonable(value: Any) -> Any:
    """Server objects as JSON: API objects in their Bot API shape, bytes in base64."""
    if hasattr(value, "to_api"):
        return value.to_api()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


class ControlApi:
    """Dispatches `/_test/<name>` calls to a running server."""

    def __init__(self, server: BotApiServer) -> None:
        self.server = server
        self.operations: dict[str, Callable[..., Any]] = {
            **{name: getattr(server.inject, name) for name in INJECTOR_OPERATIONS},
            **{name: getattr(server.faults, name) for name in FAULT_OPERATIONS},
            "clear_faults": server.faults.clear,
            "advance_clock": server.state.advance_clock,
            "history": server.state.history,
            "sent": server.state.sent_to,
            "bot_messages": server.state.bot_messages,
            "calls": lambda method=None: [
                c for c in server.state.calls if method is None or c.method == method
            ],
            "status": self.status,
            "file": lambda file_id: server.state.files[file_id].data,
        }

    def status(self) -> JsonDict:
        """Offsets, pending updates and webhook, for assertions and debugging."""
        state = self.server.state
        return {
            "offsets": state.offsets,
            "confirmed_offset": state.confirmed_offset,
            "pending": [u["update_id"] for u in state.updates],
            "next_update_id": state.next_update_id,
            "allowed_updates": state.allowed_updates,
            "webhook": state.webhook.url if state.webhook else None,
        }

    async def handle(self, name: str, body: bytes) -> tuple[int, bytes, str]:
        """Run one control call."""
        try:
            kwargs = json.loads(body) if body.strip() else {}
            if name == "wait_for_sent":
                result: Any = await self.server.wait_for_sent(**kwargs)
            elif name in self.operations:
                result = self.operations[name](**kwargs)
            else:
                return _reply(404, {"ok": False, "description": f"unknown operation {name!r}"})
        except Exception as exc:  # a mistake in the caller's request, reported back to it
            return _reply(400, {"ok": False, "description": f"{type(exc).__name__}: {exc}"})
        return _reply(200, {"ok": True, "result": to_jsonable(result)})


def _reply(status: int, payload: JsonDict) -> tuple[int, bytes, str]:
    return status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json"


class ControlClient:
    """Synchronous client of the control API, e.g. `client.call("message", chat_id=…)`."""

    def __init__(self, url: str, *, timeout: float = 10.0) -> None:
        self.url = url.rstrip("/")
        self._client = httpx.Client(trust_env=False, timeout=timeout)

    def call(self, name: str, **kwargs: Any) -> Any:
        """Call an operation; raises RuntimeError with the server's description on failure."""
        response = self._client.post(f"{self.url}/_test/{name}", json=kwargs)
        payload = response.json()
        if not payload.get("ok"):
            raise RuntimeError(payload.get("description", f"HTTP {response.status_code}"))
        return payload["result"]

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()
