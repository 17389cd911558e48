"""Ways to run the local Bot API server outside an `async with`: a process, or a thread."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import Any

from bot.botapi.server import BotApiServer
from bot.botapi.state import DEFAULT_TOKEN


async def _serve_forever(server: BotApiServer, ready: Callable[[BotApiServer], None]) -> None:
    async with server:
        ready(server)
        await asyncio.Event().wait()


def serve(host: str = "127.0.0.1", port: int = 8081, *, token: str = DEFAULT_TOKEN) -> None:
    """Run a server until interrupted, printing its URLs (`python -m bot.botapi`)."""
    server = BotApiServer(token=token, host=host, port=port)

    def ready(started: BotApiServer) -> None:
        print(f"base_url={started.base_url}  token={started.token}", flush=True)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve_forever(server, ready))


class ThreadedServer:
    """A server on its own event loop in a daemon thread, for synchronous callers."""

    def __init__(self, server: BotApiServer | None = None) -> None:
        self.server = server or BotApiServer()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, daemon=True, name="botapi-server"
        )

    def __enter__(self) -> BotApiServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self._loop).result(5)
        return self.server

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def run(self, coroutine: Any) -> Any:
        """Run a coroutine (e.g. `server.wait_for_sent(...)`) on the server's loop."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()
