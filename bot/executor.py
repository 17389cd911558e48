"""Drain the outbox: send what the planner decided, retry what Telegram refused for now.

Actions were committed to storage's outbox together with their findings, so a crash between
deciding and sending loses nothing: on start the executor picks up every due row. A 429 is
retried after `retry_after`; 5xx and time-outs back off exponentially; a refusal that will
never succeed (a message older than 48 hours cannot be deleted, the bot was removed) is given
up and reported once. The rate limiter lets deletes and reads skip the 20-per-minute group
bucket, which is meant for messages the bot posts (reference telegram.md §1.9).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

BACKOFF_BASE = 2.0  # seconds; attempt n waits BACKOFF_BASE ** n, capped
BACKOFF_CAP = 300.0
MAX_ATTEMPTS = 12  # about half an hour of 5xx/time-outs before a row is given up and reported
DELETE_WINDOW = timedelta(hours=48)


BACKGROUND: ContextVar[bool] = ContextVar("wardwatch_background_send", default=False)
"""True while the executor sends a prompt, redaction or reminder: such calls wait behind alerts
and interactive replies for the overall 30-per-second budget (`GroupFriendlyRateLimiter`)."""


class PriorityBucket:
    """A token bucket (`rate` calls per `period`, bursts of up to `rate`) that serves urgent
    waiters before background ones; first come, first served within each class."""

    def __init__(self, rate: float, period: float = 1.0):
        self.capacity = rate
        self.per_second = rate / period
        self._tokens = float(rate)
        self._stamp: float | None = None
        self._queues: tuple[deque[asyncio.Future[None]], ...] = (deque(), deque())
        self._timer: asyncio.TimerHandle | None = None

    async def acquire(self, *, background: bool = False) -> None:
        """Wait for a token; urgent callers overtake every waiting background caller."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queues[1 if background else 0].append(waiter)
        self._serve()
        await waiter  # a cancelled waiter is skipped and costs no token

    def _serve(self) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        if self._stamp is not None:
            self._tokens = min(self.capacity,
                               self._tokens + (now - self._stamp) * self.per_second)
        self._stamp = now
        for queue in self._queues:
            while queue and (queue[0].done() or self._tokens >= 1):
                waiter = queue.popleft()
                if not waiter.done():
                    waiter.set_result(None)
                    self._tokens -= 1
        if any(self._queues) and self._timer is None:
            self._timer = loop.call_later((1 - self._tokens) / self.per_second, self._tick)

    def _tick(self) -> None:
        self._timer = None
        self._serve()


class GroupFriendlyRateLimiter(AIORateLimiter):
    """PTB's limiter, except that deletes and reads spend neither a group's budget nor the
    overall one, and that the overall budget serves alerts before background sends.

    Telegram allows about 30 messages a second in all. When flagged messages need more than
    that (a prompt, a group notice and an alert each), PTB's first-come queue made alerts wait
    behind prompts; here prompts, redaction notices and reminders (`BACKGROUND`) wait instead.
    """

    UNTHROTTLED = frozenset({
        "deleteMessage", "deleteMessages", "getChatMember", "getChatAdministrators", "getChat",
        "getMe", "answerCallbackQuery", "getBusinessConnection", "deleteBusinessMessages",
    })

    def __init__(self, overall_max_rate: float = 30, overall_time_period: float = 1,
                 **kwargs: Any):
        super().__init__(overall_max_rate=0, overall_time_period=0, **kwargs)
        self._overall = (PriorityBucket(overall_max_rate, overall_time_period)
                         if overall_max_rate and overall_time_period else None)

    async def _run_request(  # PTB 22's private hook: group bucket, then the overall one
        self,
        chat: bool,
        group: str | int | bool,
        allow_paid_broadcast: bool,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
    ) -> Any:
        if allow_paid_broadcast or not chat or self._overall is None:
            return await super()._run_request(chat, group, allow_paid_broadcast, callback, args,
                                              kwargs)
        group_context: Any = (self._get_group_limiter(group) if group and self._group_max_rate
                              else contextlib.nullcontext())
        async with group_context:
            await self._overall.acquire(background=BACKGROUND.get())
            await self._retry_after_event.wait()
            return await callback(*args, **kwargs)

    async def process_request(
        self,
        callback: Callable[..., Any],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        """Deletes and reads go straight through (Telegram's flood limits count messages
        sent); everything else waits for PTB's overall and per-group buckets."""
        if endpoint in self.UNTHROTTLED:
            return await callback(*args, **kwargs)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )


@dataclass(frozen=True, slots=True)
class Delivery:
    """One outbox row as the executor sees it."""

    id: int
    kind: str
    rule_id: str
    message_id: str
    chat_id: str
    target: str = ""
    severity: str = "low"
    payload: dict[str, Any] = field(default_factory=dict)
    attempts: int = 0
    created_at: datetime | None = None


class OutboxStore(Protocol):
    """What the executor needs from storage's outbox."""

    def due(self, now: datetime, limit: int) -> list[Delivery]:
        """Rows whose next attempt is at or before `now`, oldest first."""

    def mark_sent(self, delivery_id: int, delivered_message_id: str | None) -> None:
        """The action was carried out; remember the Telegram message id it produced."""

    def mark_failed(self, delivery_id: int, error: str, retry_at: datetime) -> None:
        """A transient failure; try again at `retry_at`."""

    def give_up(self, delivery_id: int, reason: str) -> None:
        """A permanent failure; never retried."""


class Undeliverable(Exception):
    """An action that can never be carried out; the reason is safe to show an operator."""


Deliver = Callable[[Delivery], Awaitable[str | None]]
Report = Callable[[Delivery, str], Awaitable[None]]


def retry_after_seconds(error: RetryAfter) -> float:
    """Telegram's `retry_after` in seconds: a timedelta (PTB_TIMEDELTA, above), or the int of
    older PTB or of an operator who set PTB_TIMEDELTA=false."""
    after = error.retry_after
    return after.total_seconds() if isinstance(after, timedelta) else float(after)


def retry_delay(error: Exception, attempts: int) -> float:
    """Seconds to wait before the next attempt after `error`."""
    if isinstance(error, RetryAfter):
        return retry_after_seconds(error) + 0.1
    return min(BACKOFF_BASE**attempts, BACKOFF_CAP)


def is_transient(error: Exception) -> bool:
    """429, 5xx and time-outs pass; a BadRequest or Forbidden will not change by waiting."""
    if isinstance(error, BadRequest | Forbidden):
        return False
    return isinstance(error, RetryAfter | TimedOut | NetworkError)


class Executor:
    """The outbox drain loop; one chat's actions go in order, chats go side by side."""

    def __init__(
        self,
        store: OutboxStore,
        deliver: Deliver,
        report: Report | None = None,
        *,
        batch: int = 100,
        idle: float = 1.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        offload: Callable[..., Awaitable[Any]] = asyncio.to_thread,
    ):
        self.offload = offload
        self.store = store
        self._inflight: set[int] = set()
        self._settling: set[asyncio.Task[None]] = set()
        self._locks: dict[str, asyncio.Lock] = {}  # one per chat (bounded by the chats watched)
        self._to_record: list[tuple[list[Result], asyncio.Future[None]]] = []
        self._recorder: asyncio.Task[None] | None = None
        self.deliver = deliver
        self.report = report
        self.batch = batch
        self.idle = idle
        self.clock = clock
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()

    def wake(self) -> None:
        """Something was enqueued: drain now rather than at the next idle tick."""
        self._wake.set()

    def submit(self, items: Sequence[Delivery]) -> None:
        """Rows the pipeline just committed: send them now instead of waiting for a poll of the
        outbox (which stays the safety net for retries and restarts)."""
        fresh = [item for item in items if item.id not in self._inflight]
        if not fresh:
            return
        self._inflight.update(item.id for item in fresh)
        task = asyncio.create_task(self._send(fresh))
        self._settling.add(task)
        task.add_done_callback(self._settling.discard)

    async def _send(self, rows: list[Delivery]) -> None:
        await self._settle(await self._attempt(rows))

    async def _attempt(self, rows: list[Delivery]) -> list[tuple[Delivery, Result]]:
        """Send rows lane by lane, lanes concurrently; on failure they are no longer in flight."""
        by_chat: dict[str, list[Delivery]] = defaultdict(list)
        for row in rows:
            by_chat[lane(row)].append(row)
        try:
            chats = await asyncio.gather(*(self._drain_chat(items) for items in by_chat.values()))
        except BaseException:
            self._inflight.difference_update(row.id for row in rows)
            raise
        return [pair for chat in chats for pair in chat]

    def stop(self) -> None:
        """End the loop after the current batch."""
        self._stopping.set()
        self._wake.set()

    async def run(self) -> None:
        """Drain until stopped; a storage hiccup is logged and retried, never fatal."""
        while not self._stopping.is_set():
            try:
                sent = await self.drain_once(wait_settle=False)
            except Exception as exc:
                log.error("outbox drain failed (%s); retrying", type(exc).__name__)
                sent = 0
            if sent == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self.idle)
                self._wake.clear()
        for task in list(self._settling):  # record what was sent before stopping
            with contextlib.suppress(Exception):
                await task

    async def drain_once(self, *, wait_settle: bool = True) -> int:
        """Attempt every due row once and record the outcomes in one go; return how many.

        With `wait_settle=False` the next round may start while this one is being recorded;
        rows still being recorded are skipped, never sent twice.
        """
        due = await self.offload(self.store.due, self.clock(), self.batch)
        rows = [row for row in due if row.id not in self._inflight]
        self._inflight.update(row.id for row in rows)
        done = await self._attempt(rows)
        settling = asyncio.create_task(self._settle(done))
        self._settling.add(settling)
        settling.add_done_callback(self._settling.discard)
        if wait_settle:
            await settling
        return len(rows)

    async def _settle(self, done: list[tuple[Delivery, Result]]) -> None:
        """Record outcomes (coalesced with other rounds into one transaction), then report."""
        try:
            if done:
                recorded = asyncio.get_running_loop().create_future()
                self._to_record.append(([result for _, result in done], recorded))
                if self._recorder is None or self._recorder.done():
                    self._recorder = asyncio.create_task(self._record_pending())
                await recorded
        except Exception as exc:  # rows stay due in the outbox and are retried from there
            log.error("could not record %d outcomes (%s)", len(done), type(exc).__name__)
            return
        finally:
            self._inflight.difference_update(item.id for item, _ in done)
        for item, result in done:
            if result[0] == "gave_up":
                await self._report(item, str(result[2]))

    async def _record_pending(self) -> None:
        while self._to_record:
            batch, self._to_record = self._to_record, []
            error: Exception | None = None
            try:
                results = [result for chunk, _ in batch for result in chunk]
                await self.offload(settle, self.store, results)
            except Exception as exc:
                error = exc
            for _, recorded in batch:
                if error is None:
                    recorded.set_result(None)
                else:
                    recorded.set_exception(error)

    async def _drain_chat(self, items: list[Delivery]) -> list[tuple[Delivery, Result]]:
        lock = self._locks.setdefault(lane(items[0]), asyncio.Lock())
        async with lock:  # submitted rows and polled rows of one chat never overtake each other
            return [(item, await self.attempt(item)) for item in items]

    async def attempt(self, item: Delivery) -> Result:
        """Deliver one row; the outcome to record (sent, failed with a retry time, gave up)."""
        BACKGROUND.set(item.kind != "alert")  # this task's sends queue behind alerts
        try:
            delivered = await self.deliver(item)
        except Undeliverable as exc:
            return ("gave_up", item.id, str(exc))
        except Exception as exc:
            return self._failed(item, exc)
        return ("sent", item.id, delivered)

    def _failed(self, item: Delivery, exc: Exception) -> Result:
        name = type(exc).__name__
        if not is_transient(exc) or item.attempts + 1 >= MAX_ATTEMPTS:
            log.warning("action %d (%s) failed for good: %s", item.id, item.kind, name)
            return ("gave_up", item.id, f"{name}: {exc}"[:300])
        delay = retry_delay(exc, item.attempts + 1)
        log.info("action %d (%s) failed (%s); retry in %.1f s", item.id, item.kind, name, delay)
        return ("failed", item.id, name, self.clock() + timedelta(seconds=delay))

    async def _report(self, item: Delivery, reason: str) -> None:
        if self.report is None:
            return
        try:
            await self.report(item, reason)
        except Exception as exc:  # the operator chat may be down too; the log has it
            log.error("could not report action %d: %s", item.id, type(exc).__name__)


def lane(row: Delivery) -> str:
    """The send order key: a chat's prompts, notices and deletions go in order, and so do its
    alerts (repeat counters), but an alert to a head never waits behind a prompt to the chat."""
    return f"alert:{row.chat_id}" if row.kind == "alert" else row.chat_id


Result = tuple[Any, ...]  # ("sent", id, message id) | ("failed", id, error, retry_at) | …


def settle(store: OutboxStore, results: list[Result]) -> None:
    """Record outcomes: in one transaction when the store offers `settle`, else one by one."""
    batch = getattr(store, "settle", None)
    if batch is not None:
        batch(results)
        return
    for result in results:
        if result[0] == "sent":
            store.mark_sent(result[1], result[2])
        elif result[0] == "failed":
            store.mark_failed(result[1], result[2], result[3])
        else:
            store.give_up(result[1], result[2])


def too_old_to_delete(sent_at: datetime | None, now: datetime) -> bool:
    """Telegram deletes only messages younger than 48 hours."""
    return sent_at is not None and now - sent_at >= DELETE_WINDOW


class DryRunSender:
    """Delivers nothing; remembers each row (for `scan` and tests)."""

    def __init__(self) -> None:
        self.delivered: list[Delivery] = []

    async def __call__(self, item: Delivery) -> str | None:
        """Record the row as if it had been sent."""
        self.delivered.append(item)
        return f"dry-run:{item.id}"
