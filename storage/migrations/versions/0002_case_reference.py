"""Case references per kind and year: 证据-2026-0001 (evidence), 投诉-2026-0001 (complaint).

Before this, evidence cases and complaint cases shared one number (`case.id`), so a
compliance office's complaint register had gaps wherever an evidence case had been opened.
Existing cases are numbered in the order they were opened: a case with a workflow is a
complaint, any other an evidence case; the year is that of `opened_at` in China Standard
Time (the archive does not know the configured zone; the default is Asia/Shanghai).

Revision ID: 0002
Revises: timed_0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "timed_0001"
branch_labels = None
depends_on = None

# Frozen here as of this revision, whatever storage.cases does later.
PREFIX = {"evidence": "证据", "complaint": "投诉"}
ZONE = ZoneInfo("Asia/Shanghai")

case = sa.table("case", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                sa.column("reference", sa.String),
                sa.column("opened_at", sa.DateTime(timezone=True)))
workflow = sa.table("case_workflow", sa.column("case_id", sa.Integer))


def upgrade() -> None:
    # SQLite adds a NOT NULL column only with a default; the backfill below replaces it
    # before the unique index is built.
    op.add_column("case", sa.Column("kind", sa.String(16), nullable=False,
                                    server_default="evidence"))
    op.add_column("case", sa.Column("reference", sa.String(32), nullable=False,
                                    server_default=""))
    _number_existing_cases(op.get_bind())
    op.create_index("ix_case_reference", "case", ["reference"], unique=True)


def _number_existing_cases(bind: sa.Connection) -> None:
    """Give every existing case its kind and the next reference of that kind and year."""
    complaints = set(bind.scalars(sa.select(workflow.c.case_id)))
    counters: Counter[tuple[str, int]] = Counter()
    for case_id, opened_at in bind.execute(
            sa.select(case.c.id, case.c.opened_at).order_by(case.c.id)).all():
        kind = "complaint" if case_id in complaints else "evidence"
        if opened_at.tzinfo is None:  # SQLite hands back the stored UTC time without a zone
            opened_at = opened_at.replace(tzinfo=UTC)
        year = opened_at.astimezone(ZONE).year
        counters[kind, year] += 1
        bind.execute(case.update().where(case.c.id == case_id).values(
            kind=kind, reference=f"{PREFIX[kind]}-{year}-{counters[kind, year]:04d}"))


def downgrade() -> None:
    op.drop_index("ix_case_reference", table_name="case")
    op.drop_column("case", "reference")
    op.drop_column("case", "kind")
