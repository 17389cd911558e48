"""A small HTTP/1.1 reader and writer for the local Bot API server (asyncio streams).

Only what Bot API clients send: GET and POST, `Content-Length` or chunked bodies, keep-alive,
and query, form-urlencoded, multipart and JSON parameters.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 60 * 1024 * 1024  # Telegram accepts uploads up to 50 MB


class HttpError(Exception):
    """A request that cannot be parsed; answered with `status` and the connection closed."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Upload:
    """A file part of a multipart body: what the bot uploaded, kept byte for byte."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass(slots=True)
class Request:
    """One parsed HTTP request."""

    method: str
    path: str
    query: str
    version: str
    headers: dict[str, str]
    body: bytes = b""

    @property
    def keep_alive(self) -> bool:
        """HTTP/1.1 keeps the connection unless told otherwise; 1.0 closes unless told."""
        connection = self.headers.get("connection", "").lower()
        if self.version == "HTTP/1.0":
            return connection == "keep-alive"
        return connection != "close"


@dataclass(slots=True)
class Body:
    """Request parameters (strings from forms, typed values from JSON) and uploaded files."""

    values: dict[str, Any] = field(default_factory=dict)
    uploads: dict[str, Upload] = field(default_factory=dict)


async def read_request(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter | None = None
) -> Request | None:
    """Read one request; None when the client closed the connection between requests."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if not exc.partial.strip():
            return None
        raise HttpError(400, "incomplete request head") from exc
    except asyncio.LimitOverrunError as exc:
        raise HttpError(431, "request head too large") from exc
    lines = head.decode("latin-1").split("\r\n")
    try:
        method, target, version = lines[0].split(" ", 2)
    except ValueError as exc:
        raise HttpError(400, f"bad request line {lines[0]!r}") from exc
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise HttpError(400, f"bad header line {line!r}")
        headers[name.strip().lower()] = value.strip()
    parts = urlsplit(target)
    request = Request(method.upper(), unquote(parts.path), parts.query, version, headers)
    if writer is not None and headers.get("expect", "").lower() == "100-continue":
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")  # curl asks before large uploads
        await writer.drain()
    request.body = await _read_body(reader, headers)
    return request


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return await _read_chunked(reader)
    length = int(headers.get("content-length", "0") or "0")
    if length > MAX_BODY_BYTES:
        raise HttpError(413, "request body too large")
    return await reader.readexactly(length) if length else b""


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        size_line = await reader.readuntil(b"\r\n")
        size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            await reader.readuntil(b"\r\n")  # trailers are not used by Bot API clients
            return b"".join(chunks)
        total += size
        if total > MAX_BODY_BYTES:
            raise HttpError(413, "request body too large")
        chunks.append(await reader.readexactly(size))
        await reader.readexactly(2)


def parse_body(request: Request) -> Body:
    """Query string plus form, multipart or JSON body, as the Bot API accepts them all."""
    body = Body(values=dict(parse_qsl(request.query, keep_blank_values=True)))
    content_type = request.headers.get("content-type", "")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if not request.body:
        return body
    if media_type == "application/json":
        try:
            data = json.loads(request.body)
        except (UnicodeDecodeError, ValueError) as exc:
            raise HttpError(400, "request body is not valid JSON") from exc
        if not isinstance(data, dict):
            raise HttpError(400, "JSON body must be an object")
        body.values.update(data)
    elif media_type == "multipart/form-data":
        _parse_multipart(request.body, _boundary(content_type), body)
    else:  # form-urlencoded, and clients that forget the header
        pairs = parse_qsl(request.body.decode("utf-8", "replace"), keep_blank_values=True)
        body.values.update(pairs)
    return body


def _boundary(content_type: str) -> bytes:
    for param in content_type.split(";")[1:]:
        name, _, value = param.strip().partition("=")
        if name.lower() == "boundary":
            return value.strip('"').encode("latin-1")
    raise HttpError(400, "multipart body without boundary")


def _parse_multipart(data: bytes, boundary: bytes, body: Body) -> None:
    delimiter = b"--" + boundary
    for part in data.split(delimiter)[1:]:
        if part.startswith(b"--"):
            break  # the closing delimiter
        head, sep, content = part.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not sep:
            raise HttpError(400, "malformed multipart part")
        content = content.removesuffix(b"\r\n")
        headers = _part_headers(head.decode("utf-8", "replace"))
        disposition = _disposition(headers.get("content-disposition", ""))
        name = disposition.get("name", "")
        if "filename" in disposition:
            content_type = headers.get("content-type", "application/octet-stream")
            body.uploads[name] = Upload(name, disposition["filename"], content_type, content)
        else:
            body.values[name] = content.decode("utf-8", "replace")


def _part_headers(head: str) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in head.split("\r\n"):
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return headers


def _disposition(value: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in value.split(";")[1:]:
        name, _, raw = item.strip().partition("=")
        params[name.lower()] = raw.strip().strip('"')
    return params


def response_bytes(
    status: int, payload: bytes, *, content_type: str = "application/json", keep_alive: bool = True
) -> bytes:
    """A complete HTTP/1.1 response with an explicit length, so pooled clients keep the socket."""
    reason = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Unknown"
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(payload)}\r\n"
        f"Connection: {'keep-alive' if keep_alive else 'close'}\r\n"
        "Server: wardwatch-botapi\r\n\r\n"
    )
    return head.encode("latin-1") + payload
