"""Initial schema: the organisation tables, framework versions, plans, users and logs.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(), nullable=True),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("subject_employee_id", sa.String(), nullable=True),
        sa.Column(
            "fields", sa.Text(), nullable=True, comment="sensitive fields read, comma-separated"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    op.create_index(op.f("ix_access_log_at"), "access_log", ["at"], unique=False)
    op.create_index(
        op.f("ix_access_log_subject_employee_id"),
        "access_log",
        ["subject_employee_id"],
        unique=False,
    )

    op.create_table(
        "framework_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("organisation", sa.String(), nullable=False),
        sa.Column("version", sa.String(), nullable=False),
        sa.Column("files", sa.Text(), nullable=False, comment="JSON list of the source file names"),
        sa.Column("yaml", sa.Text(), nullable=False, comment="the framework as YAML"),
        sa.Column("document", sa.Text(), nullable=False, comment="the framework as JSON"),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_versions")),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(), nullable=True),
        sa.Column("ip", sa.String(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    op.create_index(op.f("ix_login_attempts_ip_at"), "login_attempts", ["ip", "at"], unique=False)
    op.create_index(
        op.f("ix_login_attempts_username_at"), "login_attempts", ["username", "at"], unique=False
    )

    op.create_table(
        "people",
        sa.Column("employee_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=True),
        sa.Column("email", sa.String(), nullable=True),
        sa.Column("discipline", sa.String(), nullable=False),
        sa.Column("track", sa.String(), nullable=False),
        sa.Column("level", sa.String(), nullable=False),
        sa.Column("path", sa.String(), nullable=True),
        sa.Column("team", sa.String(), nullable=True),
        sa.Column("manager_id", sa.String(), nullable=True),
        sa.Column(
            "zone", sa.String(), nullable=True, comment="location/pay zone id from the framework"
        ),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("hire_date", sa.Date(), nullable=False),
        sa.Column("level_start_date", sa.Date(), nullable=True),
        sa.Column("base_salary", sa.Float(), nullable=False, comment="in pay_period units"),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("pay_period", sa.String(), nullable=True, comment="default year"),
        sa.Column("fte", sa.Float(), nullable=True, comment="full-time equivalent, default 1.0"),
        sa.Column(
            "variable_pay", sa.Float(), nullable=True, comment="annual variable pay actually paid"
        ),
        sa.Column("equity_annual", sa.Float(), nullable=True, comment="annualised equity value"),
        sa.Column("performance_rating", sa.Float(), nullable=True),
        sa.Column("gender", sa.String(), nullable=True),
        sa.Column("ethnicity", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=True, comment="default active"),
        sa.Column("exit_date", sa.Date(), nullable=True),
        sa.Column("base_annual_fte", sa.Float(), nullable=False),
        sa.Column("total_annual_fte", sa.Float(), nullable=False),
        sa.Column("grade", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("employee_id", name=op.f("pk_people")),
    )
    op.create_index(op.f("ix_people_level"), "people", ["level"], unique=False)
    op.create_index(op.f("ix_people_manager_id"), "people", ["manager_id"], unique=False)
    op.create_index(op.f("ix_people_team"), "people", ["team"], unique=False)

    op.create_table(
        "assessments",
        sa.Column("employee_id", sa.String(), nullable=False),
        sa.Column("cycle", sa.String(), nullable=False, comment="e.g. 2026-H1"),
        sa.Column("competency", sa.String(), nullable=False),
        sa.Column("rater", sa.String(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.String(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["people.employee_id"],
            name=op.f("fk_assessments_employee_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "employee_id", "cycle", "competency", "rater", name=op.f("pk_assessments")
        ),
    )
    op.create_table(
        "development_plans",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("employee_id", sa.String(), nullable=False),
        sa.Column("path", sa.String(), nullable=True, comment="the path the plan develops for"),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("status", sa.String(), server_default="active", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["people.employee_id"],
            name=op.f("fk_development_plans_employee_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_plans")),
    )
    op.create_index(
        op.f("ix_development_plans_employee_id"), "development_plans", ["employee_id"], unique=False
    )

    op.create_table(
        "events",
        sa.Column("employee_id", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("from_level", sa.String(), nullable=True),
        sa.Column("to_level", sa.String(), nullable=True),
        sa.Column("from_path", sa.String(), nullable=True),
        sa.Column("to_path", sa.String(), nullable=True),
        sa.Column("from_track", sa.String(), nullable=True),
        sa.Column("to_track", sa.String(), nullable=True),
        sa.Column("old_base", sa.Float(), nullable=True),
        sa.Column("new_base", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["people.employee_id"],
            name=op.f("fk_events_employee_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("employee_id", "date", "type", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_date"), "events", ["date"], unique=False)

    op.create_table(
        "impact",
        sa.Column("impact_id", sa.String(), nullable=False),
        sa.Column("employee_id", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False, comment="what was done, in a few words"),
        sa.Column(
            "metric",
            sa.String(),
            nullable=True,
            comment="what changed: cloud cost, incidents, latency, …",
        ),
        sa.Column("value", sa.Float(), nullable=True, comment="how much (positive = better)"),
        sa.Column(
            "unit", sa.String(), nullable=True, comment="USD/year, incidents/year, %, teams, …"
        ),
        sa.Column(
            "beneficiary",
            sa.String(),
            nullable=True,
            comment="who gains: a team, product or customer group",
        ),
        sa.Column("horizon", sa.String(), nullable=True, comment="when: Q2 roadmap, this year, …"),
        sa.Column("evidence", sa.String(), nullable=True, comment="link or reference"),
        sa.Column(
            "statement", sa.String(), nullable=True, comment="the person's own words, if given"
        ),
        sa.Column(
            "competency", sa.String(), nullable=True, comment="framework competency it evidences"
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["people.employee_id"],
            name=op.f("fk_impact_employee_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("impact_id", name=op.f("pk_impact")),
    )
    op.create_index(op.f("ix_impact_employee_id"), "impact", ["employee_id"], unique=False)

    op.create_table(
        "participation",
        sa.Column("forum", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("employee_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=True, comment="default member"),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["people.employee_id"],
            name=op.f("fk_participation_employee_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("forum", "date", "employee_id", name=op.f("pk_participation")),
    )
    op.create_index(
        op.f("ix_participation_employee_id"), "participation", ["employee_id"], unique=False
    )

    op.create_table(
        "roles",
        sa.Column("employee_id", sa.String(), nullable=False),
        sa.Column(
            "role", sa.String(), nullable=False, comment="leadership role id from the framework"
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("scope", sa.String(), nullable=True, comment="the initiative or system led"),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["people.employee_id"],
            name=op.f("fk_roles_employee_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("employee_id", "role", "start_date", name=op.f("pk_roles")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(), nullable=False),
        sa.Column("password_hash", sa.String(), nullable=False),
        sa.Column(
            "role", sa.String(), nullable=False, comment="employee | manager | people | admin"
        ),
        sa.Column("employee_id", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.CheckConstraint(
            "role IN ('employee', 'manager', 'people', 'admin')", name=op.f("ck_users_role")
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["people.employee_id"],
            name=op.f("fk_users_employee_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_table(
        "plan_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.String(), nullable=True, comment="framework development id"),
        sa.Column("competency", sa.String(), nullable=True),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), server_default="planned", nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["development_plans.id"],
            name=op.f("fk_plan_items_plan_id_development_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_items")),
    )
    op.create_index(op.f("ix_plan_items_plan_id"), "plan_items", ["plan_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_plan_items_plan_id"), table_name="plan_items")

    op.drop_table("plan_items")
    op.drop_table("api_tokens")
    op.drop_table("users")
    op.drop_table("roles")
    op.drop_index(op.f("ix_participation_employee_id"), table_name="participation")

    op.drop_table("participation")
    op.drop_index(op.f("ix_impact_employee_id"), table_name="impact")

    op.drop_table("impact")
    op.drop_index(op.f("ix_events_date"), table_name="events")

    op.drop_table("events")
    op.drop_index(op.f("ix_development_plans_employee_id"), table_name="development_plans")

    op.drop_table("development_plans")
    op.drop_table("assessments")
    op.drop_index(op.f("ix_people_team"), table_name="people")
    op.drop_index(op.f("ix_people_manager_id"), table_name="people")
    op.drop_index(op.f("ix_people_level"), table_name="people")

    op.drop_table("people")
    op.drop_index(op.f("ix_login_attempts_username_at"), table_name="login_attempts")
    op.drop_index(op.f("ix_login_attempts_ip_at"), table_name="login_attempts")

    op.drop_table("login_attempts")
    op.drop_table("framework_versions")
    op.drop_index(op.f("ix_access_log_subject_employee_id"), table_name="access_log")
    op.drop_index(op.f("ix_access_log_at"), table_name="access_log")

    op.drop_table("access_log")
