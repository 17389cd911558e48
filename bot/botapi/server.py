"""The local Bot API server: HTTP on 127.0.0.1, long polling, webhooks, test control endpoints.

    async with BotApiServer() as server:
        app = ApplicationBuilder().token(server.token).base_url(server.base_url) ...
        group = server.inject.group("心内科患者群")
        server.inject.message(group.id, patient.id, "医生您好")
        sent = await server.wait_for_sent(chat_id=group.id)

Routes: `/bot<token>/<method>` (the Bot API), `/file/bot<token>/<path>` (downloads) and
`POST /_test/<name>` with a JSON object of keyword arguments (the `Injector`, fault and read
helpers, so a bot or a demo in another process can be driven over HTTP).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

from bot.botapi import chats, messages
from bot.botapi.control import ControlApi
from bot.botapi.faults import FaultPlan
from bot.botapi.http import HttpError, Request, parse_body, read_request, response_bytes
from bot.botapi.inject import Injector
from bot.botapi.params import Params
from bot.botapi.state import DEFAULT_TOKEN, ApiError, JsonDict, Sent, State, bad_request
from bot.botapi.webhook import WebhookPusher

log = logging.getLogger(__name__)
T = TypeVar("T")
METHODS = {
    name.lower(): handler for name, handler in {**chats.METHODS, **messages.METHODS}.items()
}
MAX_POLL_TIMEOUT = 50  # seconds; Telegram caps long polls similarly
CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot "
    "instance is running"
)
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use "
    "deleteWebhook to delete the webhook first"
)


class BotApiServer:
    """A Bot API server on loopback, with its state, injector and fault plan."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        host: str = "127.0.0.1",
        port: int = 0,
        state: State | None = None,
    ) -> None:
        self.state = state or State(token)
        self.inject = Injector(self.state)
        self.faults = FaultPlan()
        self.host = host
        self.port = port
        self._server: asyncio.Server | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed = asyncio.Event()
        self._connections: set[asyncio.Task[None]] = set()
        self._poll_generation = 0
        self.waiting_polls = 0
        self._webhook = WebhookPusher(self.state, self.wait_change)
        self._control = ControlApi(self)
        self.state.on_change(self._notify)

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def token(self) -> str:
        """The bot token the server accepts."""
        return self.state.token

    @property
    def base_url(self) -> str:
        """For `ApplicationBuilder().base_url(...)`: PTB appends the token."""
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For `ApplicationBuilder().base_file_url(...)`."""
        return f"http://{self.host}:{self.port}/file/bot"

    @property
    def url(self) -> str:
        """The server's root URL (the control API lives under `/_test/`)."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> BotApiServer:
        """Listen (port 0 picks a free port, read back into `.port`)."""
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self._server = await asyncio.start_server(
            self._on_connection, self.host, self.port, limit=1024 * 1024
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self._webhook.start()
        log.info("local Bot API server listening on %s", self.url)
        return self

    async def stop(self) -> None:
        """Stop listening and close every open connection (long polls included)."""
        await self._webhook.stop()
        if self._server is not None:
            self._server.close()
        for task in list(self._connections):
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 1.0)
        self._server = None

    async def __aenter__(self) -> BotApiServer:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- change notification and waiting -------------------------------------------------

    def _notify(self) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._wake()
        else:  # a change made from another thread (a synchronous test or demo driver)
            loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    async def wait_change(self, timeout: float) -> None:
        """Sleep until the state changes or `timeout` seconds pass."""
        await wait_event(self._changed, timeout)

    async def wait_for(
        self, predicate: Callable[[], T | None], *, timeout: float = 5.0, what: str = "condition"
    ) -> T:
        """The first truthy value of `predicate()`, re-checked after every change."""
        deadline = time.monotonic() + timeout
        while True:
            event = self._changed
            result = predicate()
            if result:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                recent = [(s.method, s.chat_id, s.text[:60]) for s in self.state.sent[-5:]]
                raise TimeoutError(
                    f"timed out after {timeout}s waiting for {what}; "
                    f"the bot's last actions: {recent}"
                )
            await wait_event(event, min(remaining, 0.5))

    def mark(self) -> int:
        """A checkpoint: pass it as `after=` to wait only for actions taken from now on."""
        return len(self.state.sent)

    async def wait_for_sent(
        self,
        *,
        chat_id: int | None = None,
        method: str | None = "sendMessage",
        contains: str | None = None,
        where: Callable[[Sent], bool] | None = None,
        after: int = 0,
        timeout: float = 5.0,
    ) -> Sent:
        """The first action of the bot matching every given filter, waiting for it if needed."""

        def find() -> Sent | None:
            for sent in self.state.sent[after:]:
                if chat_id is not None and sent.chat_id != chat_id:
                    continue
                if method is not None and sent.method != method:
                    continue
                if contains is not None and contains not in sent.text:
                    continue
                if where is not None and not where(sent):
                    continue
                return sent
            return None

        what = f"{method or 'any action'} in chat {chat_id} containing {contains!r}"
        return await self.wait_for(find, timeout=timeout, what=what)

    async def wait_until_confirmed(self, update_id: int, *, timeout: float = 5.0) -> int:
        """Wait until the bot confirmed `update_id` (an offset above it, or webhook delivery)."""

        def confirmed() -> int | None:
            if any(u["update_id"] <= update_id for u in self.state.updates):
                return None
            return self.state.confirmed_offset or update_id + 1

        return await self.wait_for(
            confirmed, timeout=timeout, what=f"update {update_id} confirmed"
        )

    async def wait_for_poll(self, *, timeout: float = 5.0) -> int:
        """Wait until a client is waiting in a long poll (the bot is up and idle)."""
        return await self.wait_for(
            lambda: self.waiting_polls, timeout=timeout, what="a waiting getUpdates call"
        )

    # -- HTTP ----------------------------------------------------------------------------

    async def _on_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            await self._serve_connection(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            self._connections.discard(task)
            writer.close()

    async def _serve_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        while True:
            try:
                request = await read_request(reader, writer)
            except HttpError as exc:
                body = json.dumps(
                    {"ok": False, "error_code": exc.status, "description": str(exc)}
                ).encode()
                writer.write(response_bytes(exc.status, body, keep_alive=False))
                await writer.drain()
                return
            if request is None:
                return
            answer = await self._dispatch(request)
            if answer is None:  # a hang fault that drops the call: close without an answer
                return
            status, payload, content_type = answer
            writer.write(
                response_bytes(
                    status, payload, content_type=content_type, keep_alive=request.keep_alive
                )
            )
            await writer.drain()
            if not request.keep_alive:
                return

    async def _dispatch(self, request: Request) -> tuple[int, bytes, str] | None:
        path = request.path
        if path.startswith("/bot") and path.count("/") == 2:
            token, _, method = path[len("/bot") :].partition("/")
            return await self._api(token, method, request)
        if path.startswith("/file/bot"):
            return self._download(path[len("/file/bot") :])
        if path.startswith("/_test/") and request.method == "POST":
            return await self._control.handle(path[len("/_test/") :], request.body)
        return _json(404, {"ok": False, "error_code": 404, "description": "Not Found"})

    def _download(self, rest: str) -> tuple[int, bytes, str]:
        token, _, file_path = rest.partition("/")
        if token != self.token:
            return _json(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        for stored in self.state.files.values():
            if stored.file_path == file_path:
                return 200, stored.data, stored.mime_type or "application/octet-stream"
        return _json(404, {"ok": False, "error_code": 404, "description": "Not Found"})

    # -- the Bot API ---------------------------------------------------------------------

    async def _api(
        self, token: str, method: str, request: Request
    ) -> tuple[int, bytes, str] | None:
        try:
            body = parse_body(request)
        except HttpError as exc:
            return _json(400, bad_request(str(exc)).payload())
        params = Params(body.values, body.uploads)
        if token != self.token:
            return _json(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        fault = self.faults.take(method)
        if fault is not None and fault.hang_seconds > 0:
            await asyncio.sleep(fault.hang_seconds)
            if not fault.then_process:
                self.state.record_call(method, params.decoded(), 0)
                return None
        elif fault is not None:
            return self._answer(method, params, fault.error())
        flood = self.faults.check_flood(method, params.values.get("chat_id"))
        if flood is not None:
            return self._answer(method, params, flood)
        try:
            result = await self._call(method, params)
        except ApiError as exc:
            return self._answer(method, params, exc)
        except Exception as exc:  # a bug in the server must not look like a Telegram answer
            log.exception("local Bot API server failed on %s", method)
            return self._answer(method, params, ApiError(500, f"Internal Server Error: {exc}"))
        return self._answer(method, params, result)

    async def _call(self, method: str, params: Params) -> Any:
        if method.lower() == "getupdates":
            return await self._get_updates(params)
        handler = METHODS.get(method.lower())
        if handler is None:  # PTB reports a 404 as InvalidToken, so say here what happened
            log.warning("local Bot API server: method %r is not implemented", method)
            raise ApiError(404, "Not Found: method not found")
        return handler(self.state, params)

    def _answer(self, method: str, params: Params, result: Any) -> tuple[int, bytes, str]:
        if isinstance(result, ApiError):
            status, payload = result.code, result.payload()
        else:
            status, payload = 200, {"ok": True, "result": result}
        self.state.record_call(method, params.decoded(), status)
        log.debug("%s -> %d", method, status)  # no parameters: they hold chat text
        return _json(status, payload)

    async def _get_updates(self, params: Params) -> list[JsonDict]:
        """Long poll: answer at once when updates are pending, else when one arrives."""
        if self.state.webhook is not None:
            raise ApiError(409, WEBHOOK_ACTIVE)
        offset = params.integer("offset")
        if offset is not None:
            self.state.confirm(offset)
        if params.has("allowed_updates"):
            self.state.allowed_updates = params.obj("allowed_updates")
        limit = min(max(params.integer("limit", 100) or 100, 1), 100)
        timeout = min(max(params.integer("timeout", 0) or 0, 0), MAX_POLL_TIMEOUT)
        self._poll_generation += 1
        generation = self._poll_generation
        deadline = time.monotonic() + timeout
        self.waiting_polls += 1
        self.state.changed()
        try:
            while True:
                event = self._changed
                if generation != self._poll_generation:
                    raise ApiError(409, CONFLICT)
                updates = self.state.deliverable(self.state.allowed_updates, limit)
                remaining = deadline - time.monotonic()
                if updates or remaining <= 0:
                    return updates
                await wait_event(event, remaining)
        finally:
            self.waiting_polls -= 1


async def wait_event(event: asyncio.Event, timeout: float) -> None:
    """Wait for `event` at most `timeout` seconds (asyncio.timeout: cancellation stays clean)."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(timeout):
            await event.wait()


def _json(status: int, payload: Any) -> tuple[int, bytes, str]:
    return status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json"
