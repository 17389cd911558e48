"""Timed side: job runs, notices, escalations, case workflow stages.

Revision ID: timed_0001
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "timed_0001"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "job_run",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("job", sa.String(64), nullable=False),
        sa.Column("period", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.Column("lease_until", TS),
        sa.Column("next_attempt_at", TS),
        sa.Column("result", sa.String(500)),
        sa.Column("error", sa.String(500)),
        sa.UniqueConstraint("job", "period", name="uq_job_run_period"),
    )
    op.create_table(
        "notice",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("chat_id", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("document", sa.String(1000)),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", TS),
        sa.Column("last_error", sa.String(500)),
        sa.Column("sent_at", TS),
    )
    op.create_index("ix_notice_status", "notice", ["status"])
    op.create_table(
        "escalation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("alert_seq", sa.BigInteger, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("duty", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("event_seq", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("alert_seq", "level", name="uq_escalation_level"),
    )
    op.create_index("ix_escalation_alert_seq", "escalation", ["alert_seq"])
    op.create_table(
        "case_workflow",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("case.id"), primary_key=True),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("stage_since", TS, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index("ix_case_workflow_stage", "case_workflow", ["stage"])
    op.create_table(
        "case_stage_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("case.id"), nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("event_seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_case_stage_event_case_id", "case_stage_event", ["case_id"])


def downgrade() -> None:
    for table in ("case_stage_event", "case_workflow", "escalation", "notice", "job_run"):
        op.drop_table(table)
