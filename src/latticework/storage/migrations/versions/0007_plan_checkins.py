"""Check-ins on development plan items: each status, note and date change, kept as history.

Revision ID: 0007_plan_checkins
Revises: 0006_audit_jobs
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_plan_checkins"
down_revision = "0006_audit_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_checkins",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False, comment="the day of the check-in"),
        sa.Column("status", sa.String(), nullable=False, comment="the item's status after it"),
        sa.Column("due_date", sa.Date(), nullable=True, comment="the item's due date after it"),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(), nullable=True, comment="the user who recorded it"),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["development_plans.id"],
            name=op.f("fk_plan_checkins_plan_id_development_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["plan_items.id"],
            name=op.f("fk_plan_checkins_item_id_plan_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_checkins")),
    )
    op.create_index(op.f("ix_plan_checkins_plan_id"), "plan_checkins", ["plan_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_plan_checkins_plan_id"), table_name="plan_checkins")
    op.drop_table("plan_checkins")
