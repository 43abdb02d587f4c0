"""Stored audit runs: the dashboard shows the latest run instead of recomputing the audit.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "user", sa.String(), nullable=True, comment="who ran it: a username or cli:<login>"
        ),
        sa.Column("options", sa.Text(), nullable=False, comment="the options asked for, JSON"),
        sa.Column("report", sa.Text(), nullable=False, comment="the audit report, JSON"),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_runs")),
    )
    op.create_index(op.f("ix_audit_runs_finished_at"), "audit_runs", ["finished_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_runs_finished_at"), table_name="audit_runs")
    op.drop_table("audit_runs")
