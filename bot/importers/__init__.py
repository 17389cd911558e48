"""Chat-history importers: JSONL, Telegram Desktop `result.json`, WeChat CSV → `rules.Message`.

Every reader streams: it holds one message (or one chunk of the file) at a time, never the whole
export. A malformed record becomes an `InputProblem` carrying its line number, and the reader
goes on with the next record whenever the format allows it. A record with only its time unreadable
is still scanned: its `InputProblem` carries the message (time unknown) as `record`. An
`InputNotice` tells how the input was read (a non-UTF-8 encoding) without being a problem.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, BinaryIO

from rules.model import Message, Role

FORMATS = ("jsonl", "telegram", "wechat")
_HEAD_BYTES = 8192
_EXPORT_START = re.compile(r'\{\s*"(name|about|personal_information|chats|messages)"\s*:')


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A record that could not be read; `message` names the field, never the content."""

    line: int
    message: str
    record: Message | None = None  # the message read without the bad field, still to be scanned


@dataclass(frozen=True, slots=True)
class InputNotice:
    """How the input was read (e.g. its encoding): worth telling, not a malformed record."""

    message: str


Item = Message | InputProblem | InputNotice


class CountingReader(io.RawIOBase):
    """A raw stream that replays already-peeked bytes, then the rest; counts bytes consumed."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = head
        self._rest = rest
        self.consumed = 0

    @property
    def head(self) -> bytes:
        """The first bytes, peeked for format detection and not yet consumed."""
        return self._head

    def close_source(self) -> None:
        """Close the underlying file (never standard input)."""
        if self._rest is not sys.stdin.buffer:
            self._rest.close()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
        else:
            data = self._rest.read(len(buffer))
            size = len(data)
            buffer[:size] = data
        self.consumed += size
        return size


def parse_iso(value: Any, local_tz: tzinfo | None) -> datetime | None:
    """An ISO-8601 string as a datetime (naive ones get `local_tz`); None when invalid."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None and local_tz is not None:
        parsed = parsed.replace(tzinfo=local_tz)
    return parsed


def parse_epoch(value: Any) -> datetime | None:
    """Epoch seconds (an integer or a string of digits) as a UTC datetime; None when invalid."""
    if isinstance(value, str) and value.lstrip("-").isdigit():
        try:
            value = int(value)
        except ValueError:  # "²" is a digit to isdigit(); 5,000 digits exceed int()'s limit
            return None
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def detect_format(head: bytes, name: str = "") -> str:
    """Guess the input format from the file name, else from its first bytes."""
    suffix = Path(name).suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".csv":
        return "wechat"
    if suffix == ".json":
        return "telegram"
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    first_line = text.split("\n", 1)[0]
    if "localId" in first_line and "StrContent" in first_line:
        return "wechat"
    # tdesktop pretty-prints, and writes "name" (one chat) or "about" (account) first.
    if first_line.strip() == "{" or _EXPORT_START.match(text):
        return "telegram"
    return "jsonl"


def open_input(source: str | Path | BinaryIO) -> tuple[CountingReader, str]:
    """Open a path, `-` (standard input) or a binary stream; return the reader and its name."""
    if isinstance(source, str | Path):
        if str(source) == "-":
            stream: BinaryIO = sys.stdin.buffer
            name = ""
        else:
            stream = Path(source).open("rb")  # noqa: SIM115 - closed by the caller via the reader
            name = str(source)
    else:
        stream = source
        name = getattr(source, "name", "") if isinstance(getattr(source, "name", ""), str) else ""
    head = stream.read(_HEAD_BYTES)
    return CountingReader(head, stream), name


def read_messages(
    source: str | Path | BinaryIO,
    *,
    fmt: str | None = None,
    local_tz: tzinfo | None = None,
    reader: CountingReader | None = None,
    encoding: str | None = None,
    self_role: Role | None = None,
) -> Iterator[Item]:
    """Stream messages (or problems) from a path, `-` or a binary stream, detecting the format.

    Naive local timestamps (Telegram `date`, WeChat `StrTime`) get `local_tz` when given.
    Pass `reader` (from `open_input`) to watch progress through `reader.consumed`.
    `encoding` (forced) and `self_role` (the role of the exporting account's own messages,
    `IsSender` = 1) apply to WeChat CSV only; JSONL and Telegram exports are UTF-8 JSON.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown input format {fmt!r}; expected one of {', '.join(FORMATS)}")
    raw, name = reader, ""
    if raw is None:
        raw, name = open_input(source)
    elif isinstance(source, str | Path) and str(source) != "-":
        name = str(source)
    fmt = fmt or detect_format(raw.head, name)
    stream = io.BufferedReader(raw, buffer_size=65536)
    options: dict[str, Any] = {}
    if fmt == "wechat":
        options = {"encoding": encoding, "self_role": self_role}
    elif encoding is not None or self_role is not None:
        yield InputNotice("--encoding 和 --self-role 只用于微信 CSV，已忽略 / --encoding and "
                          "--self-role apply to WeChat CSV only; ignored")
    try:
        yield from _reader_for(fmt)(stream, name=name, local_tz=local_tz, **options)
    finally:
        if isinstance(source, str | Path):
            raw.close_source()


Reader = Callable[..., Iterator[Item]]


def _reader_for(fmt: str) -> Reader:
    """The reader function of one format (imported lazily: one module per format)."""
    if fmt == "jsonl":
        from bot.importers.jsonl import read_jsonl

        return read_jsonl
    if fmt == "telegram":
        from bot.importers.telegram_export import read_telegram_export

        return read_telegram_export
    from bot.importers.wechat_csv import read_wechat_csv

    return read_wechat_csv


__all__ = ["FORMATS", "InputNotice", "InputProblem", "Item", "detect_format", "open_input",
           "read_messages"]
