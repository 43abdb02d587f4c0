"""Account security: server-side sessions, expiring API tokens, the log-in throttle counter,
and what an account change changed in the access log.

Revision ID: 0005_account_security
Revises: 0004_promotion_cycles
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_account_security"
down_revision = "0004_promotion_cycles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("token_hash", sa.String(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ip", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_sessions_token_hash")),
    )
    op.create_index(op.f("ix_sessions_user_id"), "sessions", ["user_id"], unique=False)
    op.create_table(
        "login_throttle",
        sa.Column("username", sa.String(), nullable=False),
        sa.Column("ip", sa.String(), nullable=False, comment="'' when the address is unknown"),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_allowed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("username", "ip", name=op.f("pk_login_throttle")),
    )
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(
            sa.Column(
                "expires_at", sa.DateTime(timezone=True), nullable=True, comment="none: no expiry"
            )
        )
    with op.batch_alter_table("access_log") as batch:
        batch.add_column(
            sa.Column("detail", sa.Text(), nullable=True, comment="what an account change changed")
        )


def downgrade() -> None:
    with op.batch_alter_table("access_log") as batch:
        batch.drop_column("detail")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("expires_at")
    op.drop_table("login_throttle")
    op.drop_index(op.f("ix_sessions_user_id"), table_name="sessions")
    op.drop_table("sessions")
