"""The running bot's lifecycle: start, resume the inbox, poll (or serve the webhook), drain the
outbox, reload the roster on SIGHUP, and stop gracefully on SIGTERM/SIGINT.

PTB's `run_polling` cannot be used: it owns the Updater, which confirms offsets before the
handlers run. `serve()` does the same steps in the same order with our durable intake.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.error import InvalidToken, NetworkError, RetryAfter
from telegram.ext import ContextTypes, TypeHandler

from bot import startup
from bot.app import build_application
from bot.config import ConfigError
from bot.inbox import Poller
from bot.prompts import forget_unreachable
from bot.runtime import Runtime
from bot.webhook import WebhookServer
from rules.model import Message, Role

log = logging.getLogger(__name__)


def warm_up(rt: Runtime) -> None:
    """Evaluate one synthetic message so detectors load now, not on the first real message."""
    # a name cue (jieba's dictionary, ~1 s), a phone, an e-mail (Presidio's English side)
    sample = Message(id="warm-up", text="我是张伟的家属，电话 13800000000，邮箱 a@example.com",
                     sender_role=Role.PATIENT)
    rt.engine.evaluate(sample, rt.engine.new_context())


async def on_private_update(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Anything a user sends the bot privately (/start first of all) means private prompts
    reach them again. Runs before, and never stops, the routing table's handlers."""
    if not isinstance(update, Update):
        return
    chat, user = update.effective_chat, update.effective_user
    if chat is not None and user is not None and chat.type == ChatType.PRIVATE:
        forget_unreachable(context.bot, user.id)


class Service:
    """One bot process: the Application plus our intake and executor tasks."""

    def __init__(self, rt: Runtime, *, poll_timeout: int = 10, check_at_start: bool = True):
        self.rt = rt
        self.app = build_application(rt)
        self.app.add_handler(TypeHandler(Update, on_private_update), group=-1)
        self.poll_timeout = poll_timeout
        self.check_at_start = check_at_start
        self.stopping = asyncio.Event()
        self._tasks: list[asyncio.Task[Any]] = []
        self._poller: Poller | None = None
        self._webhook: WebhookServer | None = None
        self.started = False

    async def start(self) -> None:
        """Initialise, check rights, resume unprocessed updates, then start intake and sends."""
        if not await self._initialize():
            return
        await self.app.start()
        assert self.rt.inbox is not None and self.rt.executor is not None
        if self.check_at_start:
            try:
                await startup.check_at_start(self.app.bot, self.rt)
            except Exception as exc:  # a check must not keep the bot from archiving
                log.warning("start-up checks failed: %s", type(exc).__name__)
        await self.rt.in_worker(warm_up, self.rt)
        await self.rt.inbox.resume()
        self._tasks.append(asyncio.create_task(self.rt.executor.run(), name="executor"))
        tg = self.rt.settings.telegram
        if tg.mode == "webhook":
            self._webhook = WebhookServer(self.rt.inbox, tg.webhook)
            await self._webhook.start(self.app.bot)
        else:
            await self.app.bot.delete_webhook()
            self._poller = Poller(self.rt.inbox, timeout=self.poll_timeout,
                                  allowed_updates=list(Update.ALL_TYPES))
            self._tasks.append(asyncio.create_task(self._poller.run(), name="poller"))
        self.started = True

    async def _initialize(self) -> bool:
        """getMe until the Bot API answers: an outage at start-up delays, it does not crash.
        False when asked to stop before Telegram was reachable."""
        delay = 1.0
        while not self.stopping.is_set():
            try:
                await self.app.initialize()
                return True
            except InvalidToken:
                raise
            except (NetworkError, RetryAfter) as exc:
                log.warning("the Bot API is unreachable (%s); retrying in %.0f s",
                            type(exc).__name__, delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stopping.wait(), timeout=delay)
                delay = min(delay * 2, 60.0)
        return False

    async def stop(self) -> None:
        """Stop intake, finish queued updates, stop sending, shut down."""
        if self._poller is not None:
            self._poller.stop()
        if self._webhook is not None:
            await self._webhook.stop()
        assert self.rt.inbox is not None and self.rt.executor is not None
        await self.rt.inbox.close()
        await self.app.stop()  # processes what is already queued
        self.rt.executor.stop()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, timeout=self.poll_timeout + 15)
        await self.app.shutdown()
        self.rt.worker.shutdown(wait=True)

    def reload(self) -> None:
        """SIGHUP: re-read the roster; keep the old one when the file is invalid."""
        try:
            fresh = self.rt.reload()
        except ConfigError as exc:
            log.error("roster reload failed, keeping the previous roster: %s", exc)
            return
        log.info("roster reloaded: %d people", len(fresh.roster.people))

    async def run_until_signal(self) -> None:
        """Start, wait for SIGINT/SIGTERM (SIGHUP reloads), stop."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.stopping.set)
        loop.add_signal_handler(signal.SIGHUP, self.reload)
        await self.start()
        if not self.started:  # stopped while Telegram was still unreachable
            self.rt.worker.shutdown(wait=True)
            return
        log.info("WardWatch is running (%s mode)", self.rt.settings.telegram.mode)
        try:
            await self._wait()
        finally:
            await self.stop()

    async def _wait(self) -> None:
        stop = asyncio.create_task(self.stopping.wait())
        watched = [stop, *self._tasks]
        done, _ = await asyncio.wait(watched, return_when=asyncio.FIRST_COMPLETED)
        stop.cancel()
        for task in done:
            if task is not stop and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
