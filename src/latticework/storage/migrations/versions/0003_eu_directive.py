"""The EU Pay Transparency Directive: employer, hours, pay components, leave, and its registers.

People gain their legal entity (reports are per employer), contractual hours
(hourly pay is real pay over real hours), allowances and benefits in kind
(complementary pay); events gain an end date (leave). New tables keep the
Article 9 reports as submitted, the Article 7 information requests, the
Article 10 justifications and the per-country answer periods.

Revision ID: 0003_eu_directive
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_eu_directive"
down_revision = "0002"
branch_labels = None
depends_on = None

_PEOPLE_COLUMNS = (
    ("legal_entity", sa.String(), "the employer (legal entity) the person works for"),
    ("hours_per_week", sa.Float(), "contractual working hours per week"),
    ("allowances", sa.Float(), "annual allowances paid (complementary pay)"),
    ("benefits_in_kind", sa.Float(), "annual value of benefits in kind"),
)


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        for name, kind, comment in _PEOPLE_COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True, comment=comment))
        batch.create_index("ix_people_legal_entity", ["legal_entity"], unique=False)
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column("end_date", sa.Date(), nullable=True, comment="last day of a leave")
        )
    op.create_table(
        "eu_reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("legal_entity", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("report", sa.Text(), nullable=False, comment="the Article 9 report, JSON"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eu_reports")),
        sa.UniqueConstraint("legal_entity", "year", name=op.f("uq_eu_reports_legal_entity_year")),
    )
    op.create_table(
        "eu_information_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("employee_id", sa.String(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(), nullable=False, comment="open | answered"),
        sa.Column("answered_by", sa.String(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'answered')", name=op.f("ck_eu_information_requests_status")
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["people.employee_id"],
            name=op.f("fk_eu_information_requests_employee_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eu_information_requests")),
    )
    op.create_index(
        op.f("ix_eu_information_requests_employee_id"),
        "eu_information_requests",
        ["employee_id"],
        unique=False,
    )
    op.create_table(
        "eu_justifications",
        sa.Column("legal_entity", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("factor", sa.String(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("agreement", sa.String(), nullable=True, comment="agreed | disagreed"),
        sa.Column("agreed_by", sa.String(), nullable=True),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint(
            "legal_entity", "year", "category", "factor", name=op.f("pk_eu_justifications")
        ),
    )
    op.create_table(
        "eu_answer_periods",
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("country", name=op.f("pk_eu_answer_periods")),
    )


def downgrade() -> None:
    op.drop_table("eu_answer_periods")
    op.drop_table("eu_justifications")
    op.drop_index(
        op.f("ix_eu_information_requests_employee_id"), table_name="eu_information_requests"
    )
    op.drop_table("eu_information_requests")
    op.drop_table("eu_reports")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("end_date")
    with op.batch_alter_table("people") as batch:
        batch.drop_index("ix_people_legal_entity")
        for name, _, _ in reversed(_PEOPLE_COLUMNS):
            batch.drop_column(name)
