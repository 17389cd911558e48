"""Fault injection: make the next calls of a method fail with 429, 5xx, or hang.

A fault matches a method name (case-insensitive) or `"*"` for every method; `times=None` keeps
it until `clear()`. Faults fire in the order they were added.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from bot.botapi.state import ApiError

_DESCRIPTIONS = {
    400: "Bad Request",
    403: "Forbidden",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass(slots=True)
class Fault:
    """One planned failure; `hang_seconds` > 0 means a delay instead of an error answer."""

    method: str
    status: int = 500
    description: str = ""
    retry_after: int | None = None
    hang_seconds: float = 0.0
    then_process: bool = False
    times: int | None = 1
    hits: int = 0

    def matches(self, method: str) -> bool:
        """True when this fault applies to `method` and has uses left."""
        if self.times is not None and self.hits >= self.times:
            return False
        return self.method == "*" or self.method.lower() == method.lower()

    def error(self) -> ApiError:
        """The error answer this fault produces."""
        description = self.description or _DESCRIPTIONS.get(self.status, "Error")
        return ApiError(self.status, description, retry_after=self.retry_after)


# Methods that post a message and so count against Telegram's flood limits.
SEND_METHODS = frozenset(
    {"sendmessage", "senddocument", "sendphoto", "forwardmessage", "copymessage"}
)


class FloodControl:
    """Telegram's sending limits (bot FAQ): 20 messages a minute per group, 30 a second overall.

    A send over a limit gets 429 with the seconds until the window frees up, as Telegram does.
    """

    def __init__(self, *, group_per_minute: int = 20, overall_per_second: int = 30) -> None:
        self.group_per_minute = group_per_minute
        self.overall_per_second = overall_per_second
        self._groups: dict[str, deque[float]] = {}
        self._overall: deque[float] = deque()

    def check(self, method: str, chat_id: Any) -> ApiError | None:
        """The 429 for this call, or None after counting it."""
        if method.lower() not in SEND_METHODS:
            return None
        now = time.monotonic()
        key = str(chat_id)
        is_group = key.startswith(("-", "@"))
        window = self._groups.setdefault(key, deque()) if is_group else None
        wait = _wait(self._overall, now, 1.0, self.overall_per_second)
        if window is not None:
            wait = max(wait, _wait(window, now, 60.0, self.group_per_minute))
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            return ApiError(
                429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after
            )
        self._overall.append(now)
        if window is not None:
            window.append(now)
        return None


def _wait(window: deque[float], now: float, span: float, limit: int) -> float:
    while window and window[0] <= now - span:
        window.popleft()
    return window[0] + span - now if len(window) >= limit else 0.0


class FaultPlan:
    """The faults waiting to fire, and a count of those that did."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []
        self.fired: list[tuple[str, Fault]] = []
        self.flood: FloodControl | None = None

    def add(self, fault: Fault) -> Fault:
        """Plan a fault."""
        self.faults.append(fault)
        return fault

    def take(self, method: str) -> Fault | None:
        """The fault for this call, if any, counting its use."""
        for fault in self.faults:
            if fault.matches(method):
                fault.hits += 1
                self.fired.append((method, fault))
                return fault
        return None

    def flood_control(
        self, *, enabled: bool = True, group_per_minute: int = 20, overall_per_second: int = 30
    ) -> None:
        """Enforce (or stop enforcing) Telegram's flood limits on sends."""
        self.flood = (
            FloodControl(group_per_minute=group_per_minute, overall_per_second=overall_per_second)
            if enabled
            else None
        )

    def check_flood(self, method: str, chat_id: Any) -> ApiError | None:
        """A flood-control 429 for this call, when limits are enforced and exceeded."""
        return self.flood.check(method, chat_id) if self.flood else None

    def clear(self) -> None:
        """Remove every planned fault (an outage ends)."""
        self.faults.clear()

    def rate_limit(
        self, method: str = "*", *, retry_after: int = 1, times: int | None = 1
    ) -> Fault:
        """429 `Too Many Requests: retry after N` with `parameters.retry_after`."""
        description = f"Too Many Requests: retry after {retry_after}"
        return self.add(Fault(method, 429, description, retry_after=retry_after, times=times))

    def server_error(
        self, method: str = "*", *, status: int = 502, times: int | None = 1
    ) -> Fault:
        """A 5xx answer (500, 502, 503, 504)."""
        return self.add(Fault(method, status, times=times))

    def error(self, method: str, *, status: int, description: str, times: int | None = 1) -> Fault:
        """Any error answer, e.g. 403 `Forbidden: bot was kicked from the supergroup chat`."""
        return self.add(Fault(method, status, description, times=times))

    def hang(
        self,
        method: str = "*",
        *,
        seconds: float,
        times: int | None = 1,
        then_process: bool = False,
    ) -> Fault:
        """Answer nothing for `seconds` (the client times out), then drop or process the call.

        `then_process=True` performs the call late, as Telegram sometimes does: a send that
        timed out on the client may still have been delivered.
        """
        return self.add(
            Fault(method, hang_seconds=seconds, times=times, then_process=then_process)
        )

    def outage(self, *, status: int = 502) -> Fault:
        """Every call fails with `status` until `clear()`."""
        return self.server_error("*", status=status, times=None)
