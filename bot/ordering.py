"""Per-chat ordering: updates of one chat run one after another, chats run concurrently.

With `concurrent_updates(N > 1)` PTB may handle an edit before its original (reference
telegram.md §1.5). This processor takes one lock per chat, acquired in arrival order (asyncio
locks wake waiters first-in, first-out), and drops a chat's lock once nobody holds or awaits it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

DoneHook = Callable[[object], Awaitable[None]]


def chat_key(update: object) -> str:
    """The serialisation key: the chat (per business connection), else the update itself."""
    if not isinstance(update, Update):
        return f"object:{id(update)}"
    message = update.effective_message
    connection = message.business_connection_id if message is not None else None
    if update.deleted_business_messages is not None:
        deleted = update.deleted_business_messages
        return f"b:{deleted.business_connection_id}:{deleted.chat.id}"
    chat = update.effective_chat
    if chat is not None:
        return f"b:{connection}:{chat.id}" if connection else f"c:{chat.id}"
    return f"u:{update.update_id}"


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Serialise updates per chat; optionally await `on_done(update)` after each one."""

    def __init__(self, max_concurrent_updates: int = 256, on_done: DoneHook | None = None):
        super().__init__(max_concurrent_updates)
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}
        self.on_done = on_done

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for earlier updates of the same chat, then run this one."""
        key = chat_key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
                if self.on_done is not None:
                    await self.on_done(update)
        finally:
            self._users[key] -= 1
            if self._users[key] == 0:  # evict idle locks so the dict does not grow forever
                del self._users[key]
                del self._locks[key]

    @property
    def busy_chats(self) -> int:
        """How many chats have an update running or waiting."""
        return len(self._locks)

    async def initialize(self) -> None:
        """Nothing to allocate."""

    async def shutdown(self) -> None:
        """Nothing to free."""
