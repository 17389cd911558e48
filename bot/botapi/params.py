"""Typed access to Bot API parameters, whichever way the client encoded them.

PTB sends strings raw and everything else JSON-encoded in a form (telegram.md §1.2), so
`"123"` may be a text or a number: each method asks for a parameter with the type it expects,
and only then is the value decoded. JSON bodies arrive already typed and pass through.
"""

from __future__ import annotations

import json
from typing import Any

from bot.botapi.http import Upload
from bot.botapi.state import JsonDict, bad_request


class Params:
    """The parameters of one call."""

    def __init__(self, values: JsonDict, uploads: dict[str, Upload] | None = None) -> None:
        self.values = values
        self.uploads = uploads or {}

    def has(self, name: str) -> bool:
        """True when the parameter was sent (uploaded files included)."""
        return name in self.values or name in self.uploads

    def string(
        self, name: str, default: str | None = None, *, required: bool = False
    ) -> str | None:
        """A string parameter, kept exactly as sent."""
        value = self.values.get(name)
        if value is None:
            if required:
                raise bad_request(f"{name} is empty")
            return default
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    def integer(
        self, name: str, default: int | None = None, *, required: bool = False
    ) -> int | None:
        """An integer parameter."""
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return default
        try:
            return (
                int(value) if not isinstance(value, str) or "." not in value else int(float(value))
            )
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def need_int(self, name: str) -> int:
        """A required integer parameter."""
        value = self.integer(name, required=True)
        assert value is not None
        return value

    def chat_id(self, name: str = "chat_id") -> int | str:
        """A chat id: an integer, or an `@username` string."""
        value = self.values.get(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty")
        if isinstance(value, str) and value.startswith("@"):
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None

    def flag(self, name: str, default: bool = False) -> bool:
        """A boolean parameter (`true`/`false`, `1`/`0`, or a JSON boolean)."""
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1")
        return bool(value)

    def obj(self, name: str, default: Any = None) -> Any:
        """An object or array parameter, JSON-encoded in forms."""
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return value

    def decoded(self) -> JsonDict:
        """Every parameter with JSON text decoded where it parses, for the call record."""
        result: JsonDict = {}
        for name, value in self.values.items():
            result[name] = _maybe_json(value) if name not in _TEXT_PARAMS else value
        for name, upload in self.uploads.items():
            result[name] = {"filename": upload.filename, "size": len(upload.data)}
        return result


# Parameters that are always strings, so "123" or "true" stay text (telegram.md §1.2).
_TEXT_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "secret_token",
        "file_id",
        "business_connection_id",
        "language_code",
        "description",
        "query",
        "title",
    }
)


def _maybe_json(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value
