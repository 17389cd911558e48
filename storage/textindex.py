"""Character-bigram search index, so two-character Chinese words (红包, 转账) are findable.

SQLite: each adjacent character pair of the lower-cased masked text becomes one ASCII token
(`00007ea200005305` for 红包) in an FTS5 table; a query of n ≥ 2 characters is the FTS5 phrase of
its n-1 bigrams, and consecutive overlapping bigrams match exactly the substrings. PostgreSQL
indexes the same bigrams with GIN (`ww_bigrams`, migration 0001) and rechecks with strpos.
Single-character queries fall back to a scan.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session


def bigram_tokens(value: str) -> str:
    """The space-separated bigram tokens FTS5 indexes for one text.

    Each character becomes 8 hex digits (UTF-32); a bigram token is 16 of them, so tokens are
    plain ASCII words FTS5's default tokenizer keeps whole, and cutting them is only slicing.
    """
    wide = value.lower().encode("utf-32-be").hex()
    return " ".join([wide[i : i + 16] for i in range(0, len(wide) - 8, 8)])


def fts_phrase(query: str) -> str:
    """The FTS5 MATCH expression for a substring query of at least two characters."""
    return '"' + bigram_tokens(query) + '"'


def index_messages(session: Session, rows: Sequence[tuple[int, str]]) -> None:
    """Add (seq, masked_text) rows to the SQLite index (PostgreSQL indexes by expression)."""
    if session.get_bind().dialect.name != "sqlite" or not rows:
        return
    params = [(seq, bigram_tokens(masked)) for seq, masked in rows]
    session.connection().exec_driver_sql(
        "INSERT INTO message_fts(rowid, tokens) VALUES (?, ?)", params)


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
