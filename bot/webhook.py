"""Webhook intake: a small Tornado server that answers 200 only after the inbox commit.

PTB's own webhook handler answers before processing (reference telegram.md §1.3), so a crash
loses the update; here Telegram keeps retrying until the update is safely stored. The secret
token is checked on every call; a wrong one gets 403 and nothing is stored.
"""

from __future__ import annotations

import logging

import tornado.web
from telegram import Bot, Update
from tornado.httpserver import HTTPServer

from bot.config import WebhookSettings
from bot.inbox import Inbox, handle_webhook_post, secret_matches

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class _UpdateHandler(tornado.web.RequestHandler):
    def initialize(self, inbox: Inbox, secret: str) -> None:
        self.inbox = inbox
        self.check = secret_matches(secret)

    async def post(self) -> None:
        status, reason = await handle_webhook_post(
            self.inbox, self.request.body, self.request.headers.get(SECRET_HEADER), self.check
        )
        self.set_status(status)
        self.finish(reason)


class WebhookServer:
    """Listen on `listen:port/path` and register the public URL with Telegram."""

    def __init__(self, inbox: Inbox, settings: WebhookSettings):
        if not settings.secret_token:
            raise ValueError("webhook mode needs telegram.webhook.secret_token")
        self.inbox = inbox
        self.settings = settings
        self._server: HTTPServer | None = None

    async def start(self, bot: Bot) -> None:
        """Start listening, then point Telegram at us (setWebhook with the secret)."""
        path = "/" + self.settings.path.strip("/")
        app = tornado.web.Application(
            [(path, _UpdateHandler, {"inbox": self.inbox, "secret": self.settings.secret_token})]
        )
        self._server = HTTPServer(app, xheaders=True)
        self._server.listen(self.settings.port, address=self.settings.listen)
        url = self.settings.url or f"http://{self.settings.listen}:{self.settings.port}{path}"
        await bot.set_webhook(url, secret_token=self.settings.secret_token,
                              allowed_updates=list(Update.ALL_TYPES))
        log.info("webhook listening on %s:%d%s", self.settings.listen, self.settings.port, path)

    async def stop(self) -> None:
        """Stop accepting calls (Telegram keeps undelivered updates and retries later)."""
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None
