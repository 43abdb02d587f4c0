"""The representative role, and Article 7 letters kept as answered.

Workers' representatives (EU Pay Transparency Directive) read the Article 9
reports, the Article 10 joint assessment and the justifications register,
and record their agreement with a justification: the users table's role
check gains the value. An information request keeps the letter that
answered it, so the worker reads what was sent, not today's figures.

Revision ID: 0008_eu_web
Revises: 0007_plan_checkins
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_eu_web"
down_revision = "0007_plan_checkins"
branch_labels = None
depends_on = None

_BEFORE = "role IN ('employee', 'manager', 'people', 'admin')"
_AFTER = "role IN ('employee', 'manager', 'people', 'admin', 'representative')"


def _replace_check(condition: str, comment: str, was: str) -> None:
    # SQLite cannot alter a constraint: batch mode rebuilds the table with the new one.
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("role", type_="check")
        batch.create_check_constraint("role", condition)
        batch.alter_column(
            "role",
            existing_type=sa.String(),
            existing_nullable=False,
            comment=comment,
            existing_comment=was,
        )


def upgrade() -> None:
    with op.batch_alter_table("eu_information_requests") as batch:
        batch.add_column(
            sa.Column(
                "letter", sa.Text(), nullable=True, comment="the Art. 7 letter as answered, JSON"
            )
        )
    _replace_check(_AFTER, "employee | manager | people | admin | representative",
                   "employee | manager | people | admin")  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("eu_information_requests") as batch:
        batch.drop_column("letter")
    op.execute("DELETE FROM users WHERE role = 'representative'")
    _replace_check(_BEFORE, "employee | manager | people | admin",
                   "employee | manager | people | admin | representative")  # fmt: skip
