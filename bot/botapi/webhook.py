"""Webhook delivery: POST each pending update to the bot's URL, in order, until it answers 2xx.

As Telegram does: the secret goes in `X-Telegram-Bot-Api-Secret-Token`, an update is dropped
only once the bot accepted it, and failures are retried with a growing pause and shown in
getWebhookInfo's `last_error_message`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import httpx

from bot.botapi.state import State

log = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 2.0


class WebhookPusher:
    """A background task that delivers updates while a webhook is set."""

    def __init__(self, state: State, wait_change: Callable[[float], Awaitable[None]]) -> None:
        self.state = state
        self.wait_change = wait_change
        self.deliveries: list[tuple[int, int]] = []  # (update_id, HTTP status or 0)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start delivering in the background."""
        self._task = asyncio.create_task(self._run(), name="botapi-webhook")

    async def stop(self) -> None:
        """Stop delivering."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        backoff = 0.1
        async with httpx.AsyncClient(trust_env=False, timeout=10.0) as client:
            while True:
                hook = self.state.webhook
                pending = self.state.deliverable(self.state.allowed_updates, 1)
                if hook is None or not pending:
                    await self.wait_change(1.0)
                    continue
                update = pending[0]
                status = await self._post(client, hook.url, hook.secret_token, update)
                self.deliveries.append((update["update_id"], status))
                if 200 <= status < 300:
                    with contextlib.suppress(ValueError):
                        self.state.updates.remove(update)
                    self.state.changed()
                    backoff = 0.1
                    continue
                hook.last_error_date = self.state.now()
                hook.last_error_message = f"Wrong response from the webhook: {status}"
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)

    async def _post(
        self, client: httpx.AsyncClient, url: str, secret: str | None, update: dict[str, object]
    ) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        try:
            response = await client.post(url, json=update, headers=headers)
        except httpx.HTTPError as exc:
            log.debug("webhook delivery to %s failed: %s", url, exc)
            return 0
        return response.status_code
