"""The local Bot API server: Telegram's HTTP API on loopback for the tests and `wardwatch demo`.

It speaks plain HTTP and JSON (no `telegram` import), so PTB talks to it as it would to
Telegram. See `server.BotApiServer` for the entry point.
"""

from bot.botapi.control import ControlClient
from bot.botapi.faults import Fault, FaultPlan
from bot.botapi.inject import Injector
from bot.botapi.run import ThreadedServer, serve
from bot.botapi.server import BotApiServer
from bot.botapi.state import DEFAULT_TOKEN, ApiError, Chat, Sent, State, User

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "BotApiServer",
    "Chat",
    "ControlClient",
    "Fault",
    "FaultPlan",
    "Injector",
    "Sent",
    "State",
    "ThreadedServer",
    "User",
    "serve",
]
