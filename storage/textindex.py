"""Character-bigram search index, so two-character Chinese words (红包, 转账) are findable.

SQLite: each adjacent character pair of the lower-cased masked text becomes one ASCII token
(`7ea2x5305` for 红包) in an FTS5 table; a query of n ≥ 2 characters is the FTS5 phrase of
its n-1 bigrams, and consecutive overlapping bigrams match exactly the substrings. PostgreSQL
indexes the same bigrams with GIN (`ww_bigrams`, migration 0001) and rechecks with strpos.
Single-character queries fall back to a scan.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session


def _token(a: str, b: str) -> str:
    return f"{ord(a):x}x{ord(b):x}"


def bigram_tokens(value: str) -> str:
    """The space-separated bigram tokens FTS5 indexes for one text."""
    low = value.lower()
    return " ".join(_token(low[i], low[i + 1]) for i in range(len(low) - 1))


def fts_phrase(query: str) -> str:
    """The FTS5 MATCH expression for a substring query of at least two characters."""
    return '"' + bigram_tokens(query) + '"'


def index_messages(session: Session, rows: Sequence[tuple[int, str]]) -> None:
    """Add (seq, masked_text) rows to the SQLite index (PostgreSQL indexes by expression)."""
    if session.get_bind().dialect.name != "sqlite" or not rows:
        return
    params: list[dict[str, Any]] = [
        {"seq": seq, "tokens": bigram_tokens(masked)} for seq, masked in rows
    ]
    session.execute(text("INSERT INTO message_fts(rowid, tokens) VALUES (:seq, :tokens)"), params)


def unindex_messages(session: Session, rows: Sequence[tuple[int, str]]) -> None:
    """Remove rows from the contentless SQLite index (needs the text they were indexed with)."""
    if session.get_bind().dialect.name != "sqlite" or not rows:
        return
    params = [{"seq": seq, "tokens": bigram_tokens(masked)} for seq, masked in rows]
    session.execute(
        text("INSERT INTO message_fts(message_fts, rowid, tokens) "
             "VALUES ('delete', :seq, :tokens)"),
        params,
    )
