"""Scheduled jobs on PTB's JobQueue (APScheduler 3), with their state in the database.

Every job is registered as a one-minute tick; the tick asks the `JobRunner` whether the job's
current period (by its schedule, in the hospital's time zone) still needs a run. That single
rule gives catch-up after downtime, no double runs after a restart, and retries of failures.
Each tick then delivers due notices (digests, escalations, reminders, reports, witness posts),
retrying transient Telegram errors with backoff.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram import Bot
from telegram.ext import Application, ContextTypes

from bot.config import Settings
from bot.executor import is_transient, retry_delay
from bot.job_tasks import all_specs
from bot.jobrunner import Clock, JobRunner
from storage import jobs as jobstore
from storage.db import Store

log = logging.getLogger(__name__)
TICK_SECONDS = 60
RUNNER_KEY = "wardwatch_jobs"
NOTICE_ATTEMPTS = 8
CAPTION_LIMIT = 1024  # Telegram's caption limit for documents


def build_runner(settings: Settings, store: Store, clock: Clock | None = None) -> JobRunner:
    """The job runner for these settings (also used by `wardwatch jobs`)."""
    return JobRunner(settings, store, clock or (lambda: datetime.now(UTC)), all_specs(settings))


def register_jobs(
    application: Application[Any, Any, Any, Any, Any, Any],
    settings: Settings,
    store: Store,
    clock: Clock | None = None,
) -> JobRunner:
    """Schedule every WardWatch job on `application.job_queue`; return the runner."""
    if application.job_queue is None:
        raise RuntimeError(
            "PTB 未安装 job-queue 扩展 / install python-telegram-bot[job-queue] for scheduled jobs"
        )
    runner = build_runner(settings, store, clock)
    runner.recover()  # runs a killed process left behind are retried now, not lost
    application.bot_data[RUNNER_KEY] = runner
    application.bot_data.setdefault("wardwatch_notice_lock", asyncio.Lock())
    for offset, name in enumerate(runner.specs):
        application.job_queue.run_repeating(
            on_job_tick, interval=TICK_SECONDS, first=2 + offset, name=name, data=name
        )
    return runner


async def on_job_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """One job's tick: run it if due (in a worker thread), then deliver due notices."""
    runner: JobRunner = context.bot_data[RUNNER_KEY]
    name = str(context.job.data) if context.job is not None else ""
    await asyncio.to_thread(runner.run_due, name)
    async with context.bot_data["wardwatch_notice_lock"]:
        await deliver_notices(context.bot, runner)
    executor = getattr(context.bot_data.get("rt"), "executor", None)
    if name == "outbox_retry" and executor is not None and hasattr(executor, "wake"):
        executor.wake()  # the alert outbox is drained by bot.executor; nudge it


@dataclass(frozen=True, slots=True)
class _Due:
    id: int
    chat_id: str
    text: str
    document: str | None


def _due(runner: JobRunner) -> list[_Due]:
    with runner.context.store.begin() as session:
        rows = jobstore.due_notices(session, runner.context.clock())
        return [_Due(n.id, n.chat_id, n.text, n.document) for n in rows]


async def send_notice(bot: Bot, notice: _Due) -> None:
    """Send one notice: a document with a caption when it has a file, else a text message."""
    if notice.document and Path(notice.document).is_file():
        with Path(notice.document).open("rb") as fh:
            await bot.send_document(notice.chat_id, document=fh,
                                    filename=Path(notice.document).name,
                                    caption=notice.text[:CAPTION_LIMIT])
        return
    await bot.send_message(notice.chat_id, notice.text)


async def deliver_notices(bot: Bot, runner: JobRunner) -> int:
    """Send every due notice; transient errors back off, permanent ones give up. Sent count."""
    sent = 0
    for notice in await asyncio.to_thread(_due, runner):
        try:
            await send_notice(bot, notice)
        except Exception as exc:  # one bad recipient must not block the others
            await asyncio.to_thread(_failed, runner, notice, exc)
            continue
        await asyncio.to_thread(_sent, runner, notice)
        sent += 1
    return sent


def _sent(runner: JobRunner, notice: _Due) -> None:
    with runner.context.store.begin() as session:
        jobstore.notice_sent(session, notice.id, runner.context.clock())


def _failed(runner: JobRunner, notice: _Due, exc: Exception) -> None:
    max_attempts = NOTICE_ATTEMPTS if is_transient(exc) else 1  # 403/400 will not heal
    delay = timedelta(seconds=max(retry_delay(exc, 1), 30))
    now = runner.context.clock()
    with runner.context.store.begin() as session:
        status = jobstore.notice_failed(session, notice.id, now, type(exc).__name__,
                                        max_attempts, delay)
        operator = runner.context.settings.telegram.operator_chat_id
        if status == jobstore.GAVE_UP and operator is not None \
                and notice.chat_id != str(operator):
            text = (f"⚙️ 通知 #{notice.id} 无法送达 chat {notice.chat_id}（{type(exc).__name__}），"
                    "对方可能未与机器人开始私聊。\n"
                    f"Notice {notice.id} could not be delivered ({type(exc).__name__}).")
            jobstore.enqueue_notice(session, f"undeliverable:{notice.id}", operator, text, now)
    log.warning("notice %d failed (%s); now %s", notice.id, type(exc).__name__, status)
