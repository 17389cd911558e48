"""Design §4.2 scan input: UTF-8 JSONL, one message object per line."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import tzinfo
from typing import Any, BinaryIO

from bot.importers import InputProblem, parse_iso
from rules.model import Message, Role

_ROLES = {role.value for role in Role}
_OPTIONAL_STR = ("chat_id", "sender_id", "reply_to", "sender_name", "chat_title", "department")


def read_jsonl(
    stream: BinaryIO, *, name: str = "", local_tz: tzinfo | None = None
) -> Iterator[Message | InputProblem]:
    """Yield one `Message` per non-blank line, or an `InputProblem` naming the line and field."""
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield InputProblem(number, "不是有效的 UTF-8 / not valid UTF-8")
            continue
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(number, f"JSON 格式错误 / invalid JSON: {exc.msg}, col {exc.colno}")
            continue
        except RecursionError:
            yield InputProblem(number, "JSON 嵌套过深 / JSON nested too deeply")
            continue
        except ValueError:  # an integer longer than int()'s 4,300-digit limit
            yield InputProblem(number, "JSON 数字过长 / JSON number too long")
            continue
        yield parse_record(data, number, local_tz=local_tz)


def parse_record(
    data: Any, number: int, *, local_tz: tzinfo | None = None
) -> Message | InputProblem:
    """Validate one decoded JSONL object against design §4.2 and build the `Message`."""
    if not isinstance(data, dict):
        return InputProblem(number, "每行须为 JSON 对象 / each line must be a JSON object")
    message_id = data.get("id")
    if isinstance(message_id, int) and not isinstance(message_id, bool):
        message_id = str(message_id)
    if not isinstance(message_id, str) or not message_id:
        return InputProblem(number, "字段 id 缺失或不是字符串 / field id missing or not a string")
    text = data.get("text")
    if not isinstance(text, str):
        return InputProblem(number, "字段 text 缺失或非字符串 / field text missing or not text")
    fields: dict[str, Any] = {}
    for key in _OPTIONAL_STR:
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # numeric Telegram ids are common in hand-made files
        if value is not None and not isinstance(value, str):
            return InputProblem(number, f"字段 {key} 须为字符串 / field {key} must be a string")
        if value is not None:
            fields[key] = value
    role = data.get("sender_role")
    if role is not None:
        if not isinstance(role, str) or role not in _ROLES:  # a list is unhashable
            allowed = ", ".join(sorted(_ROLES))
            return InputProblem(number, f"sender_role 无效 / sender_role must be one of {allowed}")
        fields["sender_role"] = Role(role)
    message = Message(id=message_id, text=text, source="jsonl", **fields)
    ts = data.get("ts")
    if ts is None:
        return message
    parsed = parse_iso(ts, local_tz)
    if parsed is None:  # the rest of the record is good: scan it with the time unknown
        return InputProblem(number, "字段 ts 不是 ISO-8601 时间，已按时间未知扫描 / field ts is "
                            "not ISO-8601; scanned with the time unknown", record=message)
    return dataclasses.replace(message, ts=parsed)

