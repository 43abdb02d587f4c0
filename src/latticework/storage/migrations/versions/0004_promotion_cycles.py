"""Promotion cycles: who was calibrated and nominated in each cycle, and what was decided.

Revision ID: 0004_promotion_cycles
Revises: 0003_eu_directive
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_promotion_cycles"
down_revision = "0003_eu_directive"
branch_labels = None
depends_on = None


def _person_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["employee_id"],
        ["people.employee_id"],
        name=op.f(f"fk_{table}_employee_id_people"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "promotion_cycles",
        sa.Column("cycle_id", sa.String(), nullable=False, comment="e.g. 2026-H1"),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False, comment="nominations open"),
        sa.Column("closes_on", sa.Date(), nullable=False, comment="the committee decides by"),
        sa.Column(
            "min_months_in_level",
            sa.Integer(),
            nullable=True,
            comment="eligibility: months in level by closes_on (default: the framework's)",
        ),
        sa.PrimaryKeyConstraint("cycle_id", name=op.f("pk_promotion_cycles")),
    )
    op.create_table(
        "calibrations",
        sa.Column("cycle_id", sa.String(), nullable=False),
        sa.Column("employee_id", sa.String(), nullable=False),
        sa.Column(
            "level",
            sa.String(),
            nullable=True,
            comment="the level calibrated at (default: the current level)",
        ),
        sa.Column("pre_rating", sa.Float(), nullable=False, comment="the manager's rating"),
        sa.Column("post_rating", sa.Float(), nullable=False, comment="after calibration"),
        sa.Column("potential", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True, comment="why the rating moved, if it did"),
        _person_fk("calibrations"),
        sa.PrimaryKeyConstraint("cycle_id", "employee_id", name=op.f("pk_calibrations")),
    )
    op.create_table(
        "nominations",
        sa.Column("cycle_id", sa.String(), nullable=False),
        sa.Column("employee_id", sa.String(), nullable=False),
        sa.Column(
            "nominator_id",
            sa.String(),
            nullable=True,
            comment="who nominated (usually the manager)",
        ),
        sa.Column("move", sa.String(), nullable=False),
        sa.Column("from_level", sa.String(), nullable=True, comment="the level when nominated"),
        sa.Column("to_level", sa.String(), nullable=False),
        sa.Column(
            "to_path", sa.String(), nullable=True, comment="the path aimed at, for a lateral move"
        ),
        sa.Column("nominated_on", sa.Date(), nullable=True),
        sa.Column(
            "packet",
            sa.String(),
            nullable=True,
            comment="the promotion packet as nominated (the evidence)",
        ),
        _person_fk("nominations"),
        sa.PrimaryKeyConstraint("cycle_id", "employee_id", name=op.f("pk_nominations")),
    )
    op.create_table(
        "promotion_decisions",
        sa.Column("cycle_id", sa.String(), nullable=False),
        sa.Column("employee_id", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column(
            "reason", sa.String(), nullable=False, comment="the committee's reason, in words"
        ),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(), nullable=True, comment="who recorded it"),
        _person_fk("promotion_decisions"),
        sa.PrimaryKeyConstraint("cycle_id", "employee_id", name=op.f("pk_promotion_decisions")),
    )


def downgrade() -> None:
    op.drop_table("promotion_decisions")
    op.drop_table("nominations")
    op.drop_table("calibrations")
    op.drop_table("promotion_cycles")
