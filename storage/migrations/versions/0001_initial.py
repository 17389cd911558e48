"""Initial evidence archive: chain, records, outbox, inbox, cases, checkpoints, search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)
HASH = sa.LargeBinary(32)


def _seq() -> sa.Column:
    return sa.Column(
        "seq", sa.BigInteger, sa.ForeignKey("chain_entry.seq"), primary_key=True,
        autoincrement=False,
    )


def _reference_tables() -> None:
    op.create_table("meta", sa.Column("key", sa.String(64), primary_key=True),
                    sa.Column("value", sa.Text, nullable=False))
    op.create_table("chain_head", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("seq", sa.BigInteger, nullable=False),
                    sa.Column("hash", HASH, nullable=False))
    op.create_table(
        "chain_entry",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("prev_hash", HASH, nullable=False),
        sa.Column("digest", HASH, nullable=False),
        sa.Column("hash", HASH, nullable=False),
    )
    for name in ("chat", "person"):
        op.create_table(
            name,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("source", sa.String(32), nullable=False),
            sa.Column("external_id", sa.String(200), nullable=False),
            *(
                [sa.Column("title", sa.String(500), nullable=False)]
                if name == "chat"
                else [sa.Column("role", sa.String(16), nullable=False)]
            ),
            sa.Column("department", sa.String(200), nullable=False),
            sa.Column("updated_at", TS, nullable=False),
            sa.UniqueConstraint("source", "external_id"),
        )


def _record_tables() -> None:
    op.create_table(
        "message_record",
        _seq(),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("chat_id", sa.String(200), nullable=False),
        sa.Column("message_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("sender_id", sa.String(200), nullable=False),
        sa.Column("sender_role", sa.String(16), nullable=False),
        sa.Column("department", sa.String(200), nullable=False),
        sa.Column("ts", TS),
        sa.Column("reply_to", sa.String(200)),
        sa.Column("media_kind", sa.String(32)),
        sa.Column("media", JSON),
        sa.Column("structural", JSON),
        sa.Column("masked_text", sa.Text, nullable=False),
        sa.Column("commitment", sa.String(64)),
        sa.Column("ciphertext", sa.LargeBinary),
        sa.Column("removed_at", TS),
        sa.Column("purged_at", TS),
        sa.UniqueConstraint("source", "chat_id", "message_id", "version",
                            name="uq_message_version"),
    )
    op.create_index("ix_message_record_chat_ts", "message_record", ["chat_id", "ts"])
    op.create_index("ix_message_record_sender_ts", "message_record", ["sender_id", "ts"])
    op.create_index("ix_message_record_ts", "message_record", ["ts"])
    op.create_table(
        "finding_record",
        _seq(),
        sa.Column("message_seq", sa.BigInteger, sa.ForeignKey("message_record.seq"),
                  nullable=False, index=True),
        sa.Column("rule_id", sa.String(100), nullable=False, index=True),
        sa.Column("category", sa.String(32), nullable=False, index=True),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("spans", JSON),
        sa.Column("redacted_text", sa.Text),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("purged_at", TS),
    )
    op.create_table(
        "action_record",
        _seq(),
        sa.Column("message_seq", sa.BigInteger, sa.ForeignKey("message_record.seq"),
                  nullable=False, index=True),
        sa.Column("finding_seq", sa.BigInteger),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("rule_id", sa.String(100), nullable=False),
        sa.Column("chat_id", sa.String(200), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("payload", JSON),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", TS),
        sa.Column("last_error", sa.String(500)),
        sa.Column("delivered_message_id", sa.String(200)),
        sa.Column("sent_at", TS),
        sa.Column("purged_at", TS),
    )
    op.create_index("ix_action_record_due", "action_record", ["status", "next_attempt_at"])


def _event_tables() -> None:
    op.create_table(
        "acknowledgement",
        _seq(),
        sa.Column("alert_seq", sa.BigInteger, nullable=False, index=True),
        sa.Column("actor_id", sa.String(200), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("at", TS, nullable=False),
    )
    op.create_table(
        "audit_event",
        _seq(),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(32), nullable=False, index=True),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("detail", JSON),
        sa.Column("at", TS, nullable=False, index=True),
        sa.Column("purged_at", TS),
    )
    op.create_table(
        "event",
        _seq(),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("target_seq", sa.BigInteger, index=True),
        sa.Column("detail", JSON),
        sa.Column("at", TS, nullable=False),
    )


def _case_tables() -> None:
    op.create_table(
        "case",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("opened_by", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("opened_at", TS, nullable=False),
        sa.Column("sealed_at", TS),
        sa.Column("sealed_by", sa.String(200)),
        sa.Column("bundle_sha256", sa.String(64)),
        sa.Column("bundle_name", sa.String(500)),
    )
    op.create_table(
        "case_item",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("case.id"), primary_key=True),
        sa.Column("message_seq", sa.BigInteger, sa.ForeignKey("message_record.seq"),
                  primary_key=True, index=True),
    )
    op.create_table(
        "checkpoint",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", HASH, nullable=False),
        sa.Column("signed_at", TS, nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("signature", sa.String(128), nullable=False),
    )
    op.create_table(
        "inbox",
        sa.Column("source", sa.String(32), primary_key=True),
        sa.Column("update_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("payload", JSON),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("done_at", TS),
    )
    op.create_index("ix_inbox_pending", "inbox", ["done_at", "received_at"])


# Search index (design §5): every adjacent character pair of the lower-cased masked text.
# SQLite: an FTS5 table of bigram tokens (a phrase of consecutive bigrams = a substring, and
# two-character words are one token, which FTS5's own trigram tokenizer cannot find).
# PostgreSQL: a GIN index over the same bigrams as text[]; works whatever the server locale,
# unlike pg_trgm, which drops CJK characters under the C locale and needs three characters.
PG_BIGRAMS = """
CREATE FUNCTION ww_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}')
  FROM generate_series(1, char_length(t) - 1) AS i
$$
"""


def _search_index() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE message_fts USING fts5(tokens, content='')")
    else:
        op.execute(PG_BIGRAMS)
        op.execute("CREATE INDEX ix_message_record_bigrams ON message_record "
                   "USING gin (ww_bigrams(masked_text))")


def upgrade() -> None:
    _reference_tables()
    _record_tables()
    _event_tables()
    _case_tables()
    _search_index()
    head = sa.table("chain_head", sa.column("id"), sa.column("seq"), sa.column("hash", HASH))
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": bytes(32)}])
    meta = sa.table("meta", sa.column("key"), sa.column("value"))
    op.bulk_insert(meta, [
        {"key": "store_id", "value": str(uuid.uuid4())},
        {"key": "created_at", "value": datetime.now(UTC).isoformat()},
    ])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE message_fts")
    else:
        op.execute("DROP INDEX ix_message_record_bigrams")
        op.execute("DROP FUNCTION ww_bigrams(text)")
    for name in ("inbox", "checkpoint", "case_item", "case", "event", "audit_event",
                 "acknowledgement", "action_record", "finding_record", "message_record",
                 "person", "chat", "chain_entry", "chain_head", "meta"):
        op.drop_table(name)
