"""The audit job queue: runs asked for from the web, run by a worker in any app process.

Revision ID: 0006_audit_jobs
Revises: 0005_account_security
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_audit_jobs"
down_revision = "0005_account_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_jobs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("status", sa.String(), nullable=False, comment="queued, running, done or failed"),
        sa.Column("requested_by", sa.String(), nullable=True, comment="a username"),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("options", sa.Text(), nullable=False, comment="the options asked for, JSON"),
        sa.Column("attempts", sa.Integer(), nullable=False, comment="times a worker claimed it"),
        sa.Column("worker", sa.String(), nullable=True, comment="host:pid:thread of its worker"),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("progress", sa.Integer(), nullable=False, comment="per cent done"),
        sa.Column("step", sa.String(), nullable=True, comment="what the worker is doing now"),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True, comment="why it failed"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["audit_runs.id"], name=op.f("fk_audit_jobs_run_id_audit_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_jobs")),
    )
    op.create_index(op.f("ix_audit_jobs_status"), "audit_jobs", ["status"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_jobs_status"), table_name="audit_jobs")
    op.drop_table("audit_jobs")
