"""bot.executor: outbox delivery, retries, give-ups and the group-friendly rate limiter."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from datetime import UTC, datetime, timedelta

import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.executor import (
    Delivery,
    DryRunSender,
    Executor,
    GroupFriendlyRateLimiter,
    PriorityBucket,
    Undeliverable,
    lane,
    too_old_to_delete,
)

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


class MemoryOutbox:
    """An in-memory outbox with the storage semantics the executor relies on."""

    def __init__(self, rows: list[Delivery]):
        self.rows = {row.id: row for row in rows}
        self.next_at = {row.id: NOW for row in rows}
        self.state = {row.id: "pending" for row in rows}
        self.sent: dict[int, str | None] = {}
        self.errors: dict[int, str] = {}

    def due(self, now: datetime, limit: int) -> list[Delivery]:
        ready = [r for i, r in self.rows.items()
                 if self.state[i] == "pending" and self.next_at[i] <= now]
        return ready[:limit]

    def mark_sent(self, delivery_id: int, delivered_message_id: str | None) -> None:
        self.state[delivery_id] = "sent"
        self.sent[delivery_id] = delivered_message_id

    def mark_failed(self, delivery_id: int, error: str, retry_at: datetime) -> None:
        row = self.rows[delivery_id]
        self.rows[delivery_id] = Delivery(**{**_fields(row), "attempts": row.attempts + 1})
        self.next_at[delivery_id] = retry_at
        self.errors[delivery_id] = error

    def give_up(self, delivery_id: int, reason: str) -> None:
        self.state[delivery_id] = "given_up"
        self.errors[delivery_id] = reason


def _fields(row: Delivery) -> dict:
    return {name: getattr(row, name) for name in Delivery.__slots__}


def _row(i: int, chat: str = "-100") -> Delivery:
    return Delivery(id=i, kind="alert", rule_id="r", message_id=f"tg:{chat}:{i}", chat_id=chat)


def _executor(store: MemoryOutbox, deliver, reports: list | None = None) -> Executor:
    async def report(item: Delivery, reason: str) -> None:
        if reports is not None:
            reports.append((item.id, reason))

    return Executor(store, deliver, report, clock=lambda: NOW)


async def test_executor_when_send_succeeds_then_delivered_id_recorded() -> None:
    store = MemoryOutbox([_row(1), _row(2)])
    sender = DryRunSender()
    assert await _executor(store, sender).drain_once() == 2
    assert store.sent == {1: "dry-run:1", 2: "dry-run:2"}


async def test_executor_when_429_then_retried_after_retry_after() -> None:
    store = MemoryOutbox([_row(1)])

    async def deliver(item: Delivery) -> str:
        raise RetryAfter(7)

    await _executor(store, deliver).drain_once()
    assert store.state[1] == "pending"
    assert store.next_at[1] == NOW + timedelta(seconds=7.1)


async def test_executor_when_5xx_and_timeouts_then_backoff_grows() -> None:
    store = MemoryOutbox([_row(1)])
    errors = [NetworkError("Bad Gateway"), TimedOut()]

    async def deliver(item: Delivery) -> str:
        raise errors.pop(0)

    ex = _executor(store, deliver)
    await ex.drain_once()
    first = store.next_at[1] - NOW
    store.next_at[1] = NOW
    await ex.drain_once()
    assert (first, store.next_at[1] - NOW, store.state[1]) == (
        timedelta(seconds=2), timedelta(seconds=4), "pending")


async def test_executor_when_bad_request_then_given_up_and_reported() -> None:
    store, reports = MemoryOutbox([_row(1)]), []

    async def deliver(item: Delivery) -> str:
        raise BadRequest("Message can't be deleted")

    await _executor(store, deliver, reports).drain_once()
    assert store.state[1] == "given_up"
    assert reports == [(1, "BadRequest: Message can't be deleted")]


async def test_executor_when_undeliverable_then_given_up_with_reason() -> None:
    store, reports = MemoryOutbox([_row(1)]), []

    async def deliver(item: Delivery) -> str:
        raise Undeliverable("older than 48 h")

    await _executor(store, deliver, reports).drain_once()
    assert (store.state[1], reports) == ("given_up", [(1, "older than 48 h")])


async def test_executor_when_one_chat_blocked_then_other_chat_still_delivered() -> None:
    store = MemoryOutbox([_row(1, "-1"), _row(2, "-2")])
    order: list[int] = []

    async def deliver(item: Delivery) -> str:
        if item.chat_id == "-1":
            await asyncio.sleep(0.2)
        order.append(item.id)
        return "ok"

    await _executor(store, deliver).drain_once()
    assert order == [2, 1]


async def test_executor_when_storage_fails_then_loop_survives() -> None:
    store = MemoryOutbox([_row(1)])
    calls = {"n": 0}
    real_due = store.due

    def flaky_due(now: datetime, limit: int) -> list[Delivery]:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("database is locked")
        return real_due(now, limit)

    store.due = flaky_due  # type: ignore[method-assign]
    ex = Executor(store, DryRunSender(), idle=0.01, clock=lambda: NOW)
    task = asyncio.create_task(ex.run())
    for _ in range(100):
        await asyncio.sleep(0.01)
        if store.state[1] == "sent":
            break
    ex.stop()
    await task
    assert store.state[1] == "sent"


def test_too_old_to_delete_when_48h_passed_then_true() -> None:
    assert too_old_to_delete(NOW - timedelta(hours=49), NOW)
    assert not too_old_to_delete(NOW - timedelta(hours=47), NOW)


def _mock_bot(limiter: GroupFriendlyRateLimiter) -> ExtBot:
    async def handler(request: httpx.Request) -> httpx.Response:
        method = request.url.path.rsplit("/", 1)[-1]
        if method == "getMe":
            result: object = {"id": 1, "is_bot": True, "first_name": "W", "username": "w_bot"}
        elif method == "sendMessage":
            result = {"message_id": 1, "date": 0, "chat": {"id": -100, "type": "supergroup"}}
        else:
            result = True
        return httpx.Response(200, content=json.dumps({"ok": True, "result": result}))

    request = HTTPXRequest(httpx_kwargs={"transport": httpx.MockTransport(handler)})
    return ExtBot("123:TEST", request=request, rate_limiter=limiter)


async def test_rate_limiter_when_many_deletes_in_one_group_then_not_throttled() -> None:
    limiter = GroupFriendlyRateLimiter(
        overall_max_rate=1000, group_max_rate=3, group_time_period=5
    )
    bot = _mock_bot(limiter)
    async with bot:
        loop = asyncio.get_running_loop()
        start = loop.time()
        await asyncio.gather(*(bot.delete_message(-100, i) for i in range(10)))
        deletes = loop.time() - start
        start = loop.time()
        await asyncio.gather(*(bot.send_message(-100, "x") for _ in range(5)))
        sends = loop.time() - start
    assert deletes < 0.5
    assert sends > 1.0


async def test_priority_bucket_when_alerts_and_prompts_wait_then_alerts_go_first() -> None:
    bucket = PriorityBucket(1, 0.02)  # one token every 20 ms, bursts of one
    order: list[str] = []

    async def take(name: str, background: bool) -> None:
        await bucket.acquire(background=background)
        order.append(name)

    await bucket.acquire()  # the burst is spent: everyone below has to queue
    prompts = [asyncio.create_task(take(f"prompt{i}", True)) for i in range(3)]
    await asyncio.sleep(0)
    alert = asyncio.create_task(take("alert", False))
    await asyncio.gather(*prompts, alert)
    assert order == ["alert", "prompt0", "prompt1", "prompt2"]


def test_lane_when_alert_then_apart_from_the_chats_other_actions() -> None:
    alert = Delivery(id=1, kind="alert", rule_id="r", message_id="m", chat_id="-100")
    prompt = dataclasses.replace(alert, id=2, kind="prompt")
    assert lane(alert) != lane(prompt) == "-100"
