"""Telegram Desktop "Export chat history" `result.json`, read incrementally.

Layout from tdesktop `export_output_json.cpp` (reference/telegram.md §4.1): a single chat
`{"name", "type", "id", "messages": [...]}` or the full-account wrapper with `chats.list[]` and
`left_chats.list[]`. The file is walked with a small streaming reader: object keys and array
brackets are consumed by hand and each message is decoded on its own with
`json.JSONDecoder.raw_decode`, so memory holds one message and one chunk, not the export.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import re
from collections.abc import Iterator
from datetime import datetime, tzinfo
from typing import Any, BinaryIO

from bot.importers import InputProblem, parse_epoch, parse_iso
from rules.model import Message, StructuralEvent

_CHUNK = 1 << 16
_WHITESPACE = " \t\r\n"
# A value that ends this close to the buffer end may be a truncated number or literal.
_TRUNCATION_MARGIN = 8
_PEER_ID = re.compile(r"(user|channel|chat)(-?\d+)")
# Bot API chat ids: supergroups and channels are -100<id>, basic groups -<id> (§4.1).
_CHAT_PREFIX = {
    "private_group": "-",
    "private_supergroup": "-100",
    "public_supergroup": "-100",
    "private_channel": "-100",
    "public_channel": "-100",
}
# Service actions that move money or gifts (tdesktop action names).
_STRUCTURAL_ACTIONS = {
    "send_star_gift": "gift",
    "send_stars_gift": "gift",
    "send_premium_gift": "gift",
    "gift_code_prize": "gift",
    "stars_prize": "gift",
    "star_gift_unique": "unique_gift",
    "send_star_gift_unique": "unique_gift",
    "send_payment": "payment",
    "refunded_payment": "refund",
    "paid_message": "paid_message",
}


class _Syntax(Exception):
    """The file is not valid JSON from here on; reading stops."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _JsonStream:
    """Hand-walks JSON structure over a chunked text buffer, decoding leaves with raw_decode."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._json = json.JSONDecoder()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._counted_pos = 0  # lines are counted incrementally: the buffer can be large
        self._counted_line = 1

    def line(self, pos: int | None = None) -> int:
        """The 1-based line number of a buffer position (default: the current one)."""
        pos = self.pos if pos is None else pos
        if pos < self._counted_pos:
            return self._counted_line - self.buf.count("\n", pos, self._counted_pos)
        self._counted_line += self.buf.count("\n", self._counted_pos, pos)
        self._counted_pos = pos
        return self._counted_line

    def _fill(self) -> bool:
        """Drop consumed text, append one decoded chunk; False at end of input."""
        if self.eof:
            return False
        self.line(self.pos)
        self._counted_pos -= self.pos
        self.buf = self.buf[self.pos :]
        self.pos = 0
        data = self._stream.read(_CHUNK)
        try:
            self.buf += self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise _Syntax(self.line(len(self.buf)), "不是有效的 UTF-8 / not valid UTF-8") from exc
        self.eof = not data
        return True

    def peek(self) -> str:
        """The next non-whitespace character, without consuming it ('' at the end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buf) or not self._fill():
                return self.buf[self.pos] if self.pos < len(self.buf) else ""

    def expect(self, char: str, after: str = "") -> None:
        """Consume `char` or raise a syntax problem (`after`: the other character allowed)."""
        if self.peek() != char:
            wanted = f"{after!r} or {char!r}" if after else repr(char)
            raise _Syntax(self.line(), f"JSON 格式错误 / invalid JSON: expected {wanted}")
        self.pos += 1

    def value(self) -> Any:
        """Decode the next complete JSON value, reading more chunks while it is truncated."""
        self.peek()
        while True:
            try:
                obj, end = self._json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                truncated = exc.msg.startswith("Unterminated string") or (
                    exc.pos >= len(self.buf) - _TRUNCATION_MARGIN
                )
                if truncated and self._fill():
                    continue
                problem = f"JSON 格式错误 / invalid JSON: {exc.msg}"
                raise _Syntax(self.line(exc.pos), problem) from exc
            except RecursionError as exc:
                raise _Syntax(self.line(), "JSON 嵌套过深 / JSON nested too deeply") from exc
            except ValueError as exc:  # an integer longer than int()'s 4,300-digit limit
                raise _Syntax(self.line(), "JSON 数字过长 / JSON number too long") from exc
            if end >= len(self.buf) - _TRUNCATION_MARGIN and self._fill():
                continue  # `12` may be the start of `1234`: decode again with more text
            self.pos = end
            return obj

    def members(self) -> Iterator[str]:
        """Yield each key of an object; the caller consumes the value before the next key."""
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise _Syntax(self.line(), "JSON 格式错误 / invalid JSON: object key")
            self.expect(":")
            yield key
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect("}", after=",")
            return

    def elements(self) -> Iterator[int]:
        """Yield the line of each array element; the caller consumes the element."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            self.peek()
            yield self.line()
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect("]", after=",")
            return


def read_telegram_export(
    stream: BinaryIO, *, name: str = "", local_tz: tzinfo | None = None
) -> Iterator[Message | InputProblem]:
    """Yield every message of a `result.json` (single chat or full-account export)."""
    js = _JsonStream(stream)
    try:
        if js.peek() != "{":
            raise _Syntax(js.line(), "不是 Telegram 导出文件 / not a Telegram export object")
        yield from _walk_chat(js, local_tz)
        if js.peek():
            raise _Syntax(js.line(), "JSON 之后有多余内容 / extra data after the export")
    except _Syntax as exc:
        yield InputProblem(exc.line, exc.message)


def _walk_chat(js: _JsonStream, local_tz: tzinfo | None) -> Iterator[Message | InputProblem]:
    """Walk one chat object (or the account wrapper), streaming its messages."""
    chat: dict[str, Any] = {}
    for key in js.members():
        if key == "messages" and js.peek() == "[":
            for line in js.elements():
                item = convert_message(js.value(), chat, line, local_tz)
                if item is not None:
                    yield item
        elif key in ("chats", "left_chats") and js.peek() == "{":
            for inner in js.members():
                if inner == "list" and js.peek() == "[":
                    for _line in js.elements():
                        yield from _walk_chat(js, local_tz)
                else:
                    js.value()
        elif key in ("name", "type", "id"):
            chat[key] = js.value()
        else:
            js.value()  # about, personal_information, contacts…: not chat content


def chat_id_of(chat: dict[str, Any]) -> str:
    """The Bot API chat id of an exported chat (the export keeps the bare peer id)."""
    raw = chat.get("id")
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        return ""
    bare = str(raw)
    prefix = _CHAT_PREFIX.get(str(chat.get("type", "")), "")
    return bare if bare.startswith("-") else prefix + bare


def convert_message(
    raw: Any, chat: dict[str, Any], line: int, local_tz: tzinfo | None
) -> Message | InputProblem | None:
    """One exported message as a `Message`; None for `unsupported` placeholders."""
    if not isinstance(raw, dict):
        return InputProblem(line, "消息不是 JSON 对象 / message is not an object")
    kind = raw.get("type")
    if kind == "unsupported":
        return None
    if kind not in ("message", "service"):
        return InputProblem(line, "字段 type 无效 / field type is not message or service")
    message_id = raw.get("id")
    if isinstance(message_id, bool) or not isinstance(message_id, int):
        return InputProblem(line, "字段 id 缺失或不是整数 / field id missing or not an integer")
    text = flatten_text(raw.get("text", ""))
    if text is None:
        return InputProblem(line, "字段 text 类型无效 / field text must be string or array")
    sender_key = "from_id" if kind == "message" else "actor_id"
    sender_id = _sender_id(raw.get(sender_key, raw.get("from_id")))
    if sender_id is None:
        return InputProblem(line, f"字段 {sender_key} 无效 / field {sender_key} is invalid")
    structural = _structural(raw)
    extra = _extra_text(raw)
    if not text and extra:
        text = extra
    name = raw.get("from") if kind == "message" else raw.get("actor", raw.get("from"))
    reply = raw.get("reply_to_message_id")
    message = Message(
        id=str(message_id),
        text=text,
        chat_id=chat_id_of(chat),
        sender_id=sender_id,
        sender_name=name if isinstance(name, str) else "",
        chat_title=str(chat.get("name") or ""),
        reply_to=str(reply) if isinstance(reply, int) and not isinstance(reply, bool) else None,
        version=1 if ("edited" in raw or "edited_unixtime" in raw) else 0,
        source="tg-export",
        media_kind=_media_kind(raw, kind),
        structural=structural,
    )
    try:
        return dataclasses.replace(message, ts=_timestamp(raw, local_tz))
    except ValueError:  # the rest of the record is good: scan it with the time unknown
        return InputProblem(line, "字段 date 无效，已按时间未知扫描 / field date is invalid; "
                            "scanned with the time unknown", record=message)


def flatten_text(value: Any) -> str | None:
    """`text` as one string: a plain string, or the concatenation of a mixed entity array."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return None
    parts: list[str] = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            parts.append(part["text"])
        else:
            return None
    return "".join(parts)


def _sender_id(value: Any) -> str | None:
    """`user123` → `123` (the Telegram user id); old exports use a bare integer; None if bad."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        return None
    match = _PEER_ID.fullmatch(value)
    if match is None:
        return None
    return match.group(2) if match.group(1) == "user" else value


def _timestamp(raw: dict[str, Any], local_tz: tzinfo | None) -> datetime | None:
    """`date_unixtime` (UTC epoch string) if present, else the naive local `date`.

    Raises ValueError when the field is present but unreadable.
    """
    if raw.get("date_unixtime") is not None:
        parsed = parse_epoch(raw["date_unixtime"])
    elif raw.get("date") is not None:
        parsed = parse_iso(raw["date"], local_tz)
    else:
        return None
    if parsed is None:
        raise ValueError("date")
    return parsed


def _int_or_none(value: Any) -> int | None:
    """An integer field, tolerating numeric strings; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        try:
            return int(value)
        except ValueError:  # "²" is a digit to isdigit(); 5,000 digits exceed int()'s limit
            return None
    return None


def _structural(raw: dict[str, Any]) -> tuple[StructuralEvent, ...]:
    """Gifts, payments and paid messages carried by the export (design: structural findings)."""
    events: list[StructuralEvent] = []
    action = raw.get("action")
    if raw.get("type") == "service" and isinstance(action, str):
        kind = _STRUCTURAL_ACTIONS.get(action)
        if kind is None and "gift" in action:
            kind = "unique_gift" if "unique" in action else "gift"
        if kind is not None:
            stars = _int_or_none(raw.get("stars"))
            amount = stars if stars is not None else _int_or_none(raw.get("amount"))
            currency = raw.get("currency") if isinstance(raw.get("currency"), str) else None
            if stars is not None and currency is None:
                currency = "XTR"
            events.append(StructuralEvent(kind, amount, currency, detail=action))
    paid = _int_or_none(raw.get("paid_stars_amount"))
    if paid:
        events.append(StructuralEvent("paid_message", paid, "XTR", detail="paid_stars_amount"))
    return tuple(events)


def _extra_text(raw: dict[str, Any]) -> str:
    """Readable text of non-text content worth checking: gift notes, polls, shared contacts."""
    parts: list[str] = []
    if isinstance(raw.get("gift_text"), str):
        parts.append(raw["gift_text"])
    poll = raw.get("poll")
    if isinstance(poll, dict):
        if isinstance(poll.get("question"), str):
            parts.append(poll["question"])
        answers = poll.get("answers")
        for answer in answers if isinstance(answers, list) else []:
            if isinstance(answer, dict) and isinstance(answer.get("text"), str):
                parts.append(answer["text"])
    contact = raw.get("contact_information")
    if isinstance(contact, dict):
        fields = ("first_name", "last_name", "phone_number")
        parts.append(" ".join(str(contact[f]) for f in fields if contact.get(f)))
    return "\n".join(part for part in parts if part)


def _media_kind(raw: dict[str, Any], kind: str) -> str | None:
    """What the message carries besides text: photo, sticker, voice_message, poll, service…"""
    if kind == "service":
        action = raw.get("action")
        return f"service:{action}" if isinstance(action, str) else "service"
    if "photo" in raw:
        return "photo"
    if isinstance(raw.get("media_type"), str):
        return str(raw["media_type"])
    for key, label in (
        ("file", "document"),
        ("poll", "poll"),
        ("contact_information", "contact"),
        ("location_information", "location"),
        ("invoice_information", "invoice"),
    ):
        if key in raw:
            return label
    return None
