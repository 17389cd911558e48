"""WeChat chat export as CSV in the WeChatMsg / MemoTrace layout (reference/telegram.md §4.2).

`{remark}_utf8.csv`, UTF-8 with BOM, columns `localId, TalkerId, Type, SubType, IsSender,
CreateTime, Status, StrContent, StrTime, Remark, NickName, Sender`. `CreateTime` is epoch
seconds, `StrTime` local time. App messages (Type 49) and system messages (Type 10000) carry
XML in `StrContent`; only a few leaf elements are pulled out with regular expressions, so no
XML parser ever sees untrusted input.

Text is what a person wrote. WeChat's own words are not: a system row (Type 10000, e.g.
「收到转账」「你已领取了…的红包」「…撤回了一条消息」) keeps its kind but no text, and a
transfer or red packet keeps only the payer's note (`pay_memo`) or the red packet's wish
(`title`): the event itself is the structural gift, reported once.

Encoding: UTF-8 (with or without BOM); when the first bytes are not UTF-8, GB18030 (a superset of
GBK, what Excel on Chinese Windows saves); `encoding` forces one. The file is still streamed.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import html
import io
import re
from collections.abc import Iterator
from datetime import datetime, tzinfo
from pathlib import Path
from typing import BinaryIO

from bot.importers import InputNotice, InputProblem, Item, parse_epoch, parse_iso
from rules.model import Message, Role, StructuralEvent

COLUMNS = (
    "localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime",
    "Status", "StrContent", "StrTime", "Remark", "NickName", "Sender",
)  # fmt: skip
_REQUIRED = ("localId", "Type", "StrContent")
_MEDIA = {"3": "photo", "34": "voice_message", "43": "video_file", "47": "sticker"}
# Type 49 sub-types: 5 link card, 6 file, 57 quote, 2000 transfer, 2001 red packet; the combined
# raw codes 419430449 / 436207665 are how some databases store transfer / red packet.
_APP_MEDIA = {"5": "link", "6": "document", "57": None, "2000": "transfer", "2001": "red_packet"}
_STRUCTURAL = {("49", "2000"): "transfer", ("49", "2001"): "gift",
               ("419430449", ""): "transfer", ("436207665", ""): "gift"}  # fmt: skip
_XML_LEAF = re.compile(r"<(title|des|url|feedesc|pay_memo)>(.*?)</\1>", re.DOTALL)
_SYSTEM = frozenset({"10000", "10002"})
# What a person wrote on a value event: the payer's note on a transfer, the wish on a red packet.
_EVENT_TEXT = {"transfer": ("pay_memo",), "gift": ("title",)}
_FALLBACK = "gb18030"
_SNIFF = 65536
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_AMOUNT = re.compile(r"[￥¥]\s*(\d{1,9})(?:\.(\d{1,2}))?")


def read_wechat_csv(
    stream: BinaryIO, *, name: str = "", local_tz: tzinfo | None = None,
    encoding: str | None = None, self_role: Role | None = None,
) -> Iterator[Item]:
    """Yield one `Message` per CSV record; bad records become `InputProblem`s with their line.

    `self_role` is given to the exporting account's own messages (`IsSender` = 1).
    """
    chosen = encoding or sniff_encoding(_peek(stream))
    try:
        utf8 = codecs.lookup(chosen).name == "utf-8"
    except LookupError:
        yield InputProblem(1, f"未知编码 / unknown encoding: {chosen}")
        return
    if not utf8:
        yield InputNotice(f"按 {chosen} 编码读取 / read as {chosen}")
    text = io.TextIOWrapper(stream, encoding="utf-8-sig" if utf8 else chosen, newline="")
    reader = csv.reader(text)
    title = Path(name).stem.removesuffix("_utf8") if name else ""
    try:
        header = next(reader, None)
    except (csv.Error, UnicodeDecodeError) as exc:
        yield InputProblem(1, _csv_problem(exc))
        return
    if header is None:
        return
    missing = [column for column in _REQUIRED if column not in header]
    if missing:
        yield InputProblem(1, f"缺少列 / missing columns: {', '.join(missing)}")
        return
    index = {column: position for position, column in enumerate(header)}
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            yield InputProblem(start, _csv_problem(exc))
            return
        except csv.Error as exc:
            yield InputProblem(start, _csv_problem(exc))
            start = reader.line_num + 1
            continue
        if row:
            yield convert_row(row, index, start, title=title, local_tz=local_tz,
                              self_role=self_role)
        start = reader.line_num + 1


def _peek(stream: BinaryIO) -> bytes:
    """The first bytes of the stream, without consuming them (a buffered stream can peek)."""
    peek = getattr(stream, "peek", None)
    return bytes(peek(_SNIFF)[:_SNIFF]) if peek is not None else b""


def sniff_encoding(head: bytes) -> str:
    """UTF-8 when the first bytes decode as UTF-8 (a BOM counts), else GB18030."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return _FALLBACK
    return "utf-8"


def _csv_problem(exc: Exception) -> str:
    """A problem text without the offending content."""
    if isinstance(exc, UnicodeDecodeError):
        return (f"不是有效的 {exc.encoding.upper()} 编码，可用 --encoding 指定 / not valid "
                f"{exc.encoding.upper()}; pass --encoding")
    return f"CSV 格式错误 / invalid CSV: {type(exc).__name__}"


def convert_row(
    row: list[str], index: dict[str, int], line: int, *, title: str, local_tz: tzinfo | None,
    self_role: Role | None = None,
) -> Message | InputProblem:
    """One CSV record as a `Message`."""
    if len(row) != len(index):
        return InputProblem(line, f"列数应为 {len(index)} / expected {len(index)} columns")

    def cell(column: str) -> str:
        return row[index[column]].strip() if column in index else ""

    message_id, kind, sub = cell("localId"), cell("Type"), cell("SubType")
    if not message_id or not kind.isdigit():
        return InputProblem(line, "字段 localId 或 Type 无效 / field localId or Type is invalid")
    content = row[index["StrContent"]]
    own = cell("IsSender") == "1"
    structural = _structural(kind, sub, content)
    message = Message(
        id=message_id,
        text=_text(kind, content, structural),
        chat_id=cell("TalkerId"),
        sender_id=cell("Sender") or ("self" if own else ""),
        sender_name=cell("Remark") or cell("NickName"),
        sender_role=self_role if own and self_role is not None else Role.UNKNOWN,
        chat_title=title,
        source="wechat",
        media_kind=_media_kind(kind, sub),
        structural=structural,
    )
    try:
        return dataclasses.replace(
            message, ts=_timestamp(cell("CreateTime"), cell("StrTime"), local_tz))
    except ValueError:
        return InputProblem(line, "字段 CreateTime 或 StrTime 无效，已按时间未知扫描 / field "
                            "CreateTime or StrTime is invalid; scanned with the time unknown",
                            record=message)


def _timestamp(create: str, local: str, local_tz: tzinfo | None) -> datetime | None:
    """Epoch `CreateTime` as UTC, else the local `StrTime`; ValueError when unreadable."""
    if create:
        parsed = parse_epoch(create) if create.isdigit() else None
    elif local:
        parsed = parse_iso(local, local_tz)
    else:
        return None
    if parsed is None:
        raise ValueError("CreateTime")
    return parsed


def _text(kind: str, content: str, structural: tuple[StructuralEvent, ...] = ()) -> str:
    """What a person wrote: plain for Type 1, XML leaves for app messages, none for system rows
    and for WeChat's own words on a transfer or red packet."""
    if kind == "1":
        return content
    if kind in _MEDIA or kind in _SYSTEM:
        return ""
    wanted = _EVENT_TEXT.get(structural[0].kind) if structural else None
    if wanted is None and "<" not in content:
        return content
    leaves = [html.unescape(_CDATA.sub(r"\1", value)).strip() for tag, value in
              _XML_LEAF.findall(content) if wanted is None or tag in wanted]  # fmt: skip
    if wanted is not None or leaves:
        return "\n".join(leaf for leaf in leaves if leaf)
    return html.unescape(_TAG.sub("", _CDATA.sub(r"\1", content))).strip()


def _media_kind(kind: str, sub: str) -> str | None:
    """photo, voice_message, link, transfer… in the Telegram export's vocabulary."""
    if kind in _MEDIA:
        return _MEDIA[kind]
    if kind == "49":
        return _APP_MEDIA.get(sub, "app")
    if kind == "10000":
        return "service:system"
    if (kind, "") in _STRUCTURAL:
        return "transfer" if _STRUCTURAL[(kind, "")] == "transfer" else "red_packet"
    return None


def _structural(kind: str, sub: str, content: str) -> tuple[StructuralEvent, ...]:
    """Red packets and transfers as structural gift events, with the amount in fen if shown."""
    event = _STRUCTURAL.get((kind, sub)) or _STRUCTURAL.get((kind, ""))
    if event is None:
        return ()
    amount = _AMOUNT.search(content)
    fen = None
    if amount is not None:
        fen = int(amount.group(1)) * 100 + int((amount.group(2) or "0").ljust(2, "0"))
    return (StructuralEvent(event, fen, "CNY" if fen is not None else None, detail="wechat"),)
