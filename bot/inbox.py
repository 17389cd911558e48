"""Durable intake: every update is committed to the inbox before Telegram is told we have it.

PTB's own Updater confirms the getUpdates offset before any handler runs, so a crash loses
whatever was fetched but not yet handled (reference telegram.md §1.4). Here the application is
built with `.updater(None)` and this module polls instead: store the raw JSON of each update
(primary key `update_id`), commit, and only then move the offset past it. On start, rows not
yet processed are put back on the queue; an update seen twice is stored once and queued once.
Webhook mode follows the same rule: the HTTP answer is 200 only after the commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import warnings
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol

from telegram import Update
from telegram.error import (
    BadRequest,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from bot.executor import retry_after_seconds
from bot.normalize import well_formed
from storage.errors import DatabaseLockedError, DiskFullError

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # an update whose handling fails this often is set aside, not retried forever


class InboxStore(Protocol):
    """The three inbox operations the intake needs; storage provides the real one."""

    def put(self, update_id: int, payload: dict[str, Any]) -> bool:
        """Store the raw update and commit; False when it was already there."""

    def pending(self) -> list[tuple[int, dict[str, Any]]]:
        """Stored but unprocessed updates, oldest first."""

    def mark_done(self, update_id: int) -> None:
        """Record that an update was processed (or set aside after logging why)."""

    def put_many(self, items: list[tuple[int, dict[str, Any]]]) -> list[bool]:
        """`put` for a whole getUpdates batch in one transaction."""


def is_transient_failure(error: object) -> bool:
    """A database that is locked, full or unreachable, or a network hiccup: worth waiting for."""
    if isinstance(error, DatabaseLockedError | DiskFullError | NetworkError):
        return not isinstance(error, BadRequest)
    kind = type(error)
    return kind.__module__.startswith("sqlalchemy") and kind.__name__ in (
        "OperationalError", "InterfaceError", "DisconnectionError", "TimeoutError"
    )


class Inbox:
    """Persist, queue, resume and retire updates for one running Application."""

    def __init__(
        self, app: Application[Any, Any, Any, Any, Any, Any], store: InboxStore,
        offload: Callable[..., Awaitable[Any]] = asyncio.to_thread,
    ):
        self.app = app
        self.store = store
        self.offload = offload
        self._failures: dict[int, int] = {}
        self._failed_now: set[int] = set()
        self._transient: set[int] = set()
        self.retired: set[int] = set()
        self._retries: set[asyncio.Task[None]] = set()

    async def resume(self) -> int:
        """Queue every stored update not yet processed (after a crash); return how many."""
        rows = await self.offload(self.store.pending)
        for update_id, payload in rows:
            await self._queue_raw(update_id, payload)
        if rows:
            log.info("resumed %d unprocessed updates from the inbox", len(rows))
        return len(rows)

    async def accept(self, raws: Iterable[dict[str, Any]]) -> None:
        """Store every raw update (commit), then queue the new ones; raises if storing fails."""
        items = [(int(data["update_id"]), data) for data in raws]
        if not items:
            return
        stored = await self.offload(self.store.put_many, items)
        fresh = [item for item, new in zip(items, stored, strict=True) if new]
        for update_id, data in fresh:
            await self._queue_raw(update_id, data)

    async def _queue_raw(self, update_id: int, payload: dict[str, Any]) -> None:
        try:
            update = Update.de_json(payload, self.app.bot)
            if not well_formed(update):
                raise ValueError("chat or message id is not an integer")
        except Exception as exc:  # malformed or from a future Bot API: keep it, do not crash
            reason = type(exc).__name__
            log.warning("update %d cannot be parsed (%s); set aside", update_id, reason)
            await self.offload(self.store.mark_done, update_id)
            return
        await self.app.update_queue.put(update)

    def record_failure(self, update: object, error: object = None) -> None:
        """Called by the error handler: this update's handling raised `error`."""
        if isinstance(update, Update):
            self._failed_now.add(update.update_id)
            if is_transient_failure(error):
                self._transient.add(update.update_id)

    async def finish(self, update: object) -> None:
        """After handling: mark done, or re-queue with backoff when handling failed."""
        if not isinstance(update, Update):
            return
        update_id = update.update_id
        if update_id not in self._failed_now:
            self._failures.pop(update_id, None)
            if update_id in self.retired:  # the pipeline marked it in its own transaction
                self.retired.discard(update_id)
                return
            await self._retire(update_id)
            return
        self._failed_now.discard(update_id)
        transient = update_id in self._transient
        self._transient.discard(update_id)
        attempts = self._failures.get(update_id, 0) + 1
        self._failures[update_id] = attempts
        if transient:  # the database or Telegram is briefly away: wait, never give up
            delay = min(2.0**attempts, 60.0)
            log.warning("update %d: transient failure, retry %d in %.0f s", update_id,
                        attempts, delay)
        elif attempts >= MAX_ATTEMPTS:
            log.error("update %d failed %d times; set aside in the inbox", update_id, attempts)
            self._failures.pop(update_id, None)
            await self._retire(update_id)
            return
        else:
            delay = 2.0**attempts
        task = asyncio.create_task(self._requeue(update, delay=delay))
        self._retries.add(task)
        task.add_done_callback(self._retries.discard)

    async def _retire(self, update_id: int) -> None:
        try:
            await self.offload(self.store.mark_done, update_id)
        except Exception as exc:  # stays pending: resumed at the next start, a no-op replay
            log.warning("update %d not marked done (%s)", update_id, type(exc).__name__)

    async def _requeue(self, update: Update, *, delay: float) -> None:
        await asyncio.sleep(delay)
        await self.app.update_queue.put(update)

    async def close(self) -> None:
        """Cancel pending retries; their updates stay in the inbox for the next start."""
        for task in list(self._retries):
            task.cancel()
        for task in list(self._retries):
            with contextlib.suppress(asyncio.CancelledError):
                await task


class Poller:
    """The getUpdates loop that confirms an offset only after the inbox commit."""

    def __init__(
        self, inbox: Inbox, *, timeout: int = 10, allowed_updates: list[str] | None = None
    ):
        self.inbox = inbox
        self.timeout = timeout
        self.allowed_updates = allowed_updates or list(Update.ALL_TYPES)
        self.offset: int | None = None
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        """Poll until `stop()`; network trouble and database trouble are retried with backoff."""
        backoff = 1.0
        while not self._stopping.is_set():
            try:
                raws = await self._fetch()
                await self.inbox.accept(raws)
                if raws:
                    self.offset = int(raws[-1]["update_id"]) + 1
                backoff = 1.0
            except InvalidToken:
                log.critical("the Bot API rejected the token; polling stops")
                raise
            except RetryAfter as exc:
                await self._pause(retry_after_seconds(exc))
            except TimedOut:
                continue
            except TelegramError as exc:
                log.warning("getUpdates failed (%s); retrying in %.0f s", exc, backoff)
                backoff = await self._backoff(backoff)
            except Exception as exc:  # the database is briefly unavailable: do not confirm
                log.error("inbox commit failed (%s); offset kept, retrying", type(exc).__name__)
                backoff = await self._backoff(backoff)

    async def _fetch(self) -> list[dict[str, Any]]:
        kwargs: dict[str, Any] = {"timeout": self.timeout, "allowed_updates": self.allowed_updates}
        if self.offset is not None:
            kwargs["offset"] = self.offset
        with warnings.catch_warnings():  # raw JSON on purpose: one bad update must not block
            warnings.simplefilter("ignore", PTBUserWarning)
            result = await self.inbox.app.bot.do_api_request(
                "getUpdates", api_kwargs=kwargs, read_timeout=self.timeout + 10
            )
        return [item for item in result if isinstance(item, dict) and "update_id" in item]

    async def _backoff(self, current: float) -> float:
        await self._pause(current)
        return min(current * 1.5, 30.0)

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)

    def stop(self) -> None:
        """Ask the loop to end after the current poll."""
        self._stopping.set()


SecretCheck = Callable[[str | None], bool]


def secret_matches(expected: str) -> SecretCheck:
    """A constant-time check of the X-Telegram-Bot-Api-Secret-Token header."""

    def check(given: str | None) -> bool:
        return bool(expected) and hmac.compare_digest((given or "").encode(), expected.encode())

    return check


async def handle_webhook_post(
    inbox: Inbox, body: bytes, secret: str | None, check: SecretCheck
) -> tuple[int, str]:
    """One webhook POST: (HTTP status, reason). 200 only once the update is committed."""
    if not check(secret):
        return 403, "bad secret token"
    try:
        data = json.loads(body)
    except ValueError:
        return 400, "not JSON"
    update_id = data.get("update_id") if isinstance(data, dict) else None
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return 400, "not an update"  # a 503 here would have Telegram resend it forever
    try:
        await inbox.accept([data])
    except Exception as exc:  # Telegram retries a non-2xx answer later: nothing is lost
        log.error("inbox commit failed for a webhook update (%s)", type(exc).__name__)
        return 503, "storage unavailable"
    return 200, "ok"


