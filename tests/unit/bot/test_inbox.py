"""bot.inbox: store first, queue once, retire after handling, retry what failed."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace
from typing import Any

from telegram import Bot

from bot import inbox as inbox_module
from bot.inbox import Inbox, handle_webhook_post, secret_matches
from storage.errors import DatabaseLockedError
from tests.unit.bot.tgfactory import message, update


class MemoryInbox:
    """The InboxStore protocol in memory, with a switch to fail like a locked database."""

    def __init__(self) -> None:
        self.rows: dict[int, dict[str, Any]] = {}
        self.done: set[int] = set()
        self.broken = False

    def put(self, update_id: int, payload: dict[str, Any]) -> bool:
        if self.broken:
            raise DatabaseLockedError("locked")
        if update_id in self.rows:
            return False
        self.rows[update_id] = payload
        return True

    def put_many(self, items: list[tuple[int, dict[str, Any]]]) -> list[bool]:
        return [self.put(update_id, payload) for update_id, payload in items]

    def pending(self) -> list[tuple[int, dict[str, Any]]]:
        return [(i, p) for i, p in self.rows.items() if i not in self.done]

    def mark_done(self, update_id: int) -> None:
        self.done.add(update_id)


def _inbox() -> tuple[Inbox, MemoryInbox, asyncio.Queue[Any]]:
    queue: asyncio.Queue[Any] = asyncio.Queue()
    app = SimpleNamespace(bot=Bot("123:TEST"), update_queue=queue)
    store = MemoryInbox()
    return Inbox(app, store), store, queue  # type: ignore[arg-type]


async def test_accept_when_same_update_twice_then_stored_and_queued_once() -> None:
    box, store, queue = _inbox()
    raw = update(payload=message("你好"))
    await box.accept([raw])
    await box.accept([raw])
    assert (list(store.rows), queue.qsize()) == ([raw["update_id"]], 1)


async def test_accept_when_malformed_update_then_kept_set_aside_not_queued() -> None:
    box, store, queue = _inbox()
    await box.accept([{"update_id": 5, "message": {"message_id": "x", "chat": "nope"}}])
    assert (5 in store.rows, 5 in store.done, queue.qsize()) == (True, True, 0)


async def test_accept_when_storage_fails_then_raises_and_nothing_queued() -> None:
    box, store, queue = _inbox()
    store.broken = True
    try:
        await box.accept([update(payload=message("你好"))])
    except DatabaseLockedError:
        pass
    else:
        raise AssertionError("expected the storage error to reach the poller")
    assert queue.qsize() == 0


async def test_resume_when_rows_pending_then_queued_again() -> None:
    box, store, queue = _inbox()
    raw = update(payload=message("你好"))
    store.rows[raw["update_id"]] = raw
    assert (await box.resume(), queue.qsize()) == (1, 1)


async def test_finish_when_handled_then_marked_done() -> None:
    box, store, queue = _inbox()
    await box.accept([update(payload=message("你好"))])
    parsed = await queue.get()
    await box.finish(parsed)
    assert store.done == {parsed.update_id}


async def test_finish_when_handler_keeps_failing_then_set_aside_after_three(monkeypatch) -> None:
    monkeypatch.setattr(inbox_module.Inbox, "_requeue", _requeue_now)
    box, store, queue = _inbox()
    await box.accept([update(payload=message("你好"))])
    parsed = await queue.get()
    for _ in range(3):
        box.record_failure(parsed, ValueError("bug"))
        await box.finish(parsed)
        await asyncio.sleep(0)
    assert store.done == {parsed.update_id} and queue.qsize() == 2


async def test_finish_when_database_locked_then_retried_not_set_aside(monkeypatch) -> None:
    monkeypatch.setattr(inbox_module.Inbox, "_requeue", _requeue_now)
    box, store, queue = _inbox()
    await box.accept([update(payload=message("你好"))])
    parsed = await queue.get()
    for _ in range(5):
        box.record_failure(parsed, DatabaseLockedError("locked"))
        await box.finish(parsed)
        await asyncio.sleep(0)
    assert store.done == set() and queue.qsize() == 5


async def _requeue_now(self: Inbox, update: Any, *, delay: float) -> None:
    await self.app.update_queue.put(update)


async def test_webhook_post_when_secret_wrong_or_storage_down_then_refused() -> None:
    box, store, _queue = _inbox()
    check = secret_matches("s3cret")
    body = json.dumps(update(payload=message("你好"))).encode()
    assert await handle_webhook_post(box, body, "wrong", check) == (403, "bad secret token")
    assert (await handle_webhook_post(box, b"{", "s3cret", check))[0] == 400
    store.broken = True
    assert (await handle_webhook_post(box, body, "s3cret", check))[0] == 503
    store.broken = False
    assert (await handle_webhook_post(box, body, "s3cret", check))[0] == 200
    assert not secret_matches("")("")
