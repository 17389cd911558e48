"""Everything the running bot shares: settings, roster, archive, engine, and the adapters that
connect storage's outbox and chats to the executor and the handlers.

Built once by `wardwatch run` (and the demo); handlers reach it through `bot_data["rt"]`.
The roster can be reloaded without a restart: `reload()` re-reads the config file and swaps
settings and roster in one assignment, keeping the old ones if the new file is invalid.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from telegram import Bot, ChatMemberAdministrator, ChatMemberOwner
from telegram.error import TelegramError

from bot.alerts import AlertBook
from bot.config import Settings, load_settings
from bot.executor import Delivery, Executor
from bot.inbox import Inbox
from bot.normalize import Lookups
from bot.pipeline import Decided, Outcome, Planner, decide, record, record_many
from bot.roster import Roster
from rules.engine import Engine
from rules.model import Action, Finding
from rules.planner import Policy, plan, rule_infos
from storage import archive, inbox, outbox
from storage.db import Store, open_store_with_key_file
from storage.inbox import StoreInbox

log = logging.getLogger(__name__)
T = TypeVar("T")
RIGHTS_TTL = 600.0  # seconds an admin-rights answer is trusted
GROUP_COMMIT = 64  # updates recorded in one transaction at most


def open_archive(settings: Settings, base_dir: Path) -> Store:
    """Open (creating for SQLite) the archive named by the settings."""
    return open_store_with_key_file(
        settings.database.url, key_setting=settings.archive.key,
        key_file=base_dir / settings.archive.key_file, create_key=True, key_dir=base_dir,
        signing_key_file=settings.archive.signing_key_file)


def default_planner(engine: Engine, language: str) -> Planner:
    """rules.planner with a policy per message (the bot's rights in that chat)."""
    infos = rule_infos(engine.rules)

    def planner(findings: Sequence[Finding], bot_is_admin: bool) -> list[Action]:
        policy = Policy(bot_is_admin=bot_is_admin, sender_has_private_chat=True, rules=infos,
                        language=language)
        return plan(list(findings), policy)

    return planner


@dataclass
class Runtime:
    """Shared state of one running bot."""

    settings: Settings
    store: Store
    engine: Engine
    config_path: Path | None = None
    planner: Planner | None = None
    roster: Roster = field(default_factory=Roster)
    contexts: dict[str, Any] = field(default_factory=dict)
    seen_texts: dict[str, int] = field(default_factory=dict)
    bindings: dict[int, str] = field(default_factory=dict)
    rights: dict[int, tuple[float, bool]] = field(default_factory=dict)
    book: AlertBook = field(default_factory=lambda: AlertBook(timedelta(minutes=10)))
    executor: Executor | None = None
    inbox: Inbox | None = None
    worker: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="pipeline")
    )
    _pending: list[tuple[Any, bool, asyncio.Future[Any]]] = field(default_factory=list)
    _flusher: asyncio.Task[None] | None = None

    def __post_init__(self) -> None:
        self.roster = Roster.from_settings(self.settings)
        self.planner = self.planner or default_planner(self.engine, self.settings.language)
        self.book = AlertBook(timedelta(minutes=self.settings.alerts.group_window_minutes))

    async def in_worker(self, func: Any, *args: Any) -> Any:
        """Run blocking work (engine, database) on the single pipeline thread, in order."""
        return await asyncio.get_running_loop().run_in_executor(self.worker, func, *args)

    async def process(self, update: Any) -> Outcome:
        """Run the pipeline for one update (group-committed with others), hand over its sends."""
        chat = update.effective_chat
        admin = bool(chat and chat.id < 0 and await self.can_delete(update.get_bot(), chat.id))
        future: asyncio.Future[Outcome | Exception] = asyncio.get_running_loop().create_future()
        self._pending.append((update, admin, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush())
        outcome = await future
        if isinstance(outcome, Exception):
            raise outcome
        if self.inbox is not None and outcome.message is not None:
            self.inbox.retired.add(update.update_id)
        if outcome.deliveries and self.executor is not None:
            self.executor.submit(outcome.deliveries)  # sent now; the outbox poll is the backstop
        return outcome

    async def _flush(self) -> None:
        """Hand everything that arrived meanwhile to the pipeline thread as one batch."""
        while self._pending:
            batch, self._pending = self._pending[:GROUP_COMMIT], self._pending[GROUP_COMMIT:]
            try:
                outcomes = await self.in_worker(self._process_batch, [(u, a) for u, a, _ in batch])
            except Exception as exc:  # the batch machinery itself failed: fail each update
                outcomes = [exc] * len(batch)
            for (_update, _admin, future), outcome in zip(batch, outcomes, strict=True):
                if not future.done():
                    future.set_result(outcome)

    def _process_batch(self, jobs: list[tuple[Any, bool]]) -> list[Outcome | Exception]:
        """decide each update, then record them all in one transaction (one fsync); when that
        transaction fails, record each alone so one bad update cannot sink the others."""
        assert self.planner is not None
        decided: list[Decided | Outcome | Exception] = []
        for update, admin in jobs:
            try:
                made = decide(update, engine=self.engine, contexts=self.contexts,
                              lookups=Lookups(department_of=self.department_of),
                              roster=self.roster, planner=self.planner, bot_is_admin=admin,
                              seen=self.seen_texts)
                decided.append(Outcome(None) if made is None else made)
            except Exception as exc:
                decided.append(exc)
        ready = [item for item in decided if isinstance(item, Decided)]
        try:
            with self.store.begin() as session:
                recorded = iter(record_many(session, ready, inbox_source="telegram"))
            return [next(recorded) if isinstance(item, Decided) else item for item in decided]
        except Exception:
            return [self._record_alone(item) for item in decided]

    @staticmethod
    def _record(session: Any, item: Decided | Outcome | Exception) -> Outcome | Exception:
        if isinstance(item, Decided):
            return record(session, item, inbox_source="telegram")
        return item

    def _record_alone(self, item: Decided | Outcome | Exception) -> Outcome | Exception:
        try:
            with self.store.begin() as session:
                return self._record(session, item)
        except Exception as exc:
            return exc

    def department_of(self, chat_id: int) -> str:
        """The department a chat is bound to: the config first, then /bind (archived)."""
        for department in self.settings.roster.departments:
            if chat_id in department.chat_ids:
                return department.id
        if chat_id not in self.bindings:
            with self.store.begin() as session:
                chat = archive.upsert_chat(session, "telegram", str(chat_id))
                self.bindings[chat_id] = chat.department
        return self.bindings[chat_id]

    def bind(self, chat_id: int, department: str, title: str) -> None:
        """Bind a group to a department (persisted in the archive's chat table)."""
        with self.store.begin() as session:
            archive.upsert_chat(session, "telegram", str(chat_id), title=title,
                                department=department)
        self.bindings[chat_id] = department

    def reload(self) -> Settings:
        """Re-read the config file; roster and settings change together or not at all."""
        if self.config_path is None:
            return self.settings
        fresh = load_settings(self.config_path)
        self.settings, self.roster = fresh, Roster.from_settings(fresh)
        self.book.window = timedelta(minutes=fresh.alerts.group_window_minutes)
        return fresh

    async def can_delete(self, bot: Bot, chat_id: int) -> bool:
        """Whether the bot may delete messages in a chat (cached for ten minutes)."""
        cached = self.rights.get(chat_id)
        if cached is not None and time.monotonic() - cached[0] < RIGHTS_TTL:
            return cached[1]
        try:
            member = await bot.get_chat_member(chat_id, bot.id)
        except TelegramError as exc:
            log.warning("cannot read the bot's rights in a chat: %s", exc)
            return False
        allowed = isinstance(member, ChatMemberOwner) or (
            isinstance(member, ChatMemberAdministrator) and member.can_delete_messages
        )
        self.rights[chat_id] = (time.monotonic(), allowed)
        return allowed


class BatchInbox(StoreInbox):
    """Storage's inbox adapter plus a whole getUpdates batch in one transaction (one fsync)."""

    def put_many(self, items: list[tuple[int, dict[str, Any]]]) -> list[bool]:
        """Store every raw update of a batch; per item, whether it was new."""
        with self.store.begin() as session:
            return [inbox.put(session, self.source, update_id, payload)
                    for update_id, payload in items]


class StoreOutbox:
    """The executor's OutboxStore over storage's outbox; one transaction per call."""

    def __init__(self, store: Store):
        self.store = store

    def due(self, now: datetime, limit: int) -> list[Delivery]:
        """Due rows as Delivery values (detached from the session)."""
        with self.store.begin() as session:
            return [
                Delivery(id=row.seq, kind=row.kind, rule_id=row.rule_id,
                         message_id=_message_key(row), chat_id=row.chat_id,
                         target=row.target, severity=row.severity,
                         payload=dict(row.payload or {}), attempts=row.attempts,
                         created_at=row.created_at)
                for row in outbox.due(session, now, limit)
            ]

    def mark_sent(self, delivery_id: int, delivered_message_id: str | None) -> None:
        """Record delivery."""
        with self.store.begin() as session:
            outbox.mark_sent(session, delivery_id, delivered_message_id)

    def mark_failed(self, delivery_id: int, error: str, retry_at: datetime) -> None:
        """Record a transient failure."""
        with self.store.begin() as session:
            outbox.mark_failed(session, delivery_id, error, retry_at)

    def give_up(self, delivery_id: int, reason: str) -> None:
        """Record a permanent failure."""
        with self.store.begin() as session:
            outbox.give_up(session, delivery_id, reason)

    def settle(self, results: list[tuple[Any, ...]]) -> None:
        """Record a whole drain round in one transaction."""
        with self.store.begin() as session:
            for result in results:
                if result[0] == "sent":
                    outbox.mark_sent(session, result[1], result[2])
                elif result[0] == "failed":
                    outbox.mark_failed(session, result[1], result[2], result[3])
                else:
                    outbox.give_up(session, result[1], result[2])


def _message_key(row: Any) -> str:
    payload = row.payload or {}
    return str(payload.get("message_key") or "")
