"""Canonical serialisation and hashing of chained records (design §5).

Pure standard library on purpose: the archive, `verify_chain` and the offline bundle verifier
all compute digests through these few functions, so a bundle checks out with no database.

    digest = SHA-256(canonical JSON of the record's hashed fields)
    hash   = SHA-256(prev_hash ‖ digest)

Hashing the digest rather than the JSON itself lets retention purge a record's content while
its chain link stays verifiable: a purged record leaves its digest and hash behind.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from enum import Enum
from typing import Any

GENESIS = bytes(32)  # prev_hash of the first record

# The fields of each record kind that the digest covers, in no particular order (keys are
# sorted on output). Operational state (delivery status, retries, purge marks) is left out:
# it changes after the fact, and its changes are chained as `event` records instead.
HASHED_FIELDS: dict[str, tuple[str, ...]] = {
    "message": (
        "source", "chat_id", "message_id", "version", "sender_id", "sender_role",
        "department", "ts", "reply_to", "media_kind", "media", "masked_text", "commitment",
        "structural",
    ),
    "finding": (
        "message_seq", "rule_id", "category", "severity", "mode", "score", "spans",
        "redacted_text", "created_at",
    ),
    "action": (
        "message_seq", "finding_seq", "kind", "rule_id", "chat_id", "target", "severity",
        "payload", "created_at",
    ),
    "ack": ("alert_seq", "actor_id", "decision", "at"),
    "audit": ("actor", "action", "target", "reason", "detail", "at"),
    "event": ("kind", "target_seq", "detail", "at"),
}
KINDS = tuple(HASHED_FIELDS)


_PLAIN = (str, int, float, bool, type(None))


def normalize(value: Any) -> Any:
    """A JSON-ready, database-round-trip-stable form of one field value."""
    if type(value) in _PLAIN:  # the common case, checked first: this runs per field per record
        return value
    if isinstance(value, datetime):
        return format_ts(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Mapping):
        return {str(k): normalize(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalize(v) for v in value]
    return value


def format_ts(value: datetime) -> str:
    """UTC ISO-8601 with microseconds; naive datetimes are taken as UTC (SQLite drops tzinfo)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# One encoder for every call: json.dumps with options builds a new encoder each time.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_json(kind: str, fields: Mapping[str, Any]) -> bytes:
    """The canonical UTF-8 JSON of a record: hashed fields only, sorted keys, no spaces."""
    return canonical_values(kind, [fields.get(name) for name in HASHED_FIELDS[kind]])


def canonical_values(kind: str, values: Sequence[Any]) -> bytes:
    """`canonical_json` from the hashed fields' values in HASHED_FIELDS order (verify path)."""
    body = dict(zip(HASHED_FIELDS[kind], map(normalize, values), strict=True))
    body["_kind"] = kind
    return _ENCODER.encode(body).encode()


def record_digest(kind: str, fields: Mapping[str, Any]) -> bytes:
    """SHA-256 of the record's canonical JSON."""
    return hashlib.sha256(canonical_json(kind, fields)).digest()


def values_digest(kind: str, values: Sequence[Any]) -> bytes:
    """SHA-256 of `canonical_values`."""
    return hashlib.sha256(canonical_values(kind, values)).digest()


def link_hash(prev_hash: bytes, digest: bytes) -> bytes:
    """The chain hash of a record: SHA-256(prev_hash ‖ digest)."""
    return hashlib.sha256(prev_hash + digest).digest()


def original_payload(text: str, sender_name: str) -> bytes:
    """The plaintext that is encrypted at rest and committed to by `commitment`."""
    body = {"sender_name": sender_name, "text": text}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def commitment_of(salt: bytes, payload: bytes) -> str:
    """`commitment` over an already built `original_payload` (the ingest hot path)."""
    return hashlib.sha256(b"wardwatch-commit\0" + salt + payload).hexdigest()


def commitment(salt: bytes, text: str, sender_name: str) -> str:
    """Hex SHA-256 over a secret salt and the original text: binds originals into the chain.

    The salt lives only inside the ciphertext (and in a sealed bundle), so the clear digest
    cannot be brute-forced back to a short phone or ID number.
    """
    return commitment_of(salt, original_payload(text, sender_name))


def checkpoint_statement(store_id: str, seq: int, head_hash: bytes,
                         signed_at: datetime | str) -> bytes:
    """The exact bytes an Ed25519 checkpoint signature covers."""
    when = format_ts(signed_at) if isinstance(signed_at, datetime) else signed_at
    body = {"hash": head_hash.hex(), "seq": seq, "signed_at": when,
            "store_id": store_id, "type": "wardwatch-checkpoint/1"}
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
