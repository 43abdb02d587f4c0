"""The database tables (SQLAlchemy Core): the canonical organisation tables plus the app's own.

The organisation tables mirror `latticework.org.columns` column for column, with
the same natural keys as primary keys, so that an import upserts by the key the
data contract names. People also keep the derived pay columns and grade, so
audits read them without recomputing. Migrations in `migrations/versions` are
the source of truth for the schema; this module must describe the same tables.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.schema import SchemaItem

from latticework.org.columns import TABLES, Column, Table

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)

_SQL_TYPES: dict[str, type[sa.types.TypeEngine[Any]]] = {
    "str": sa.String,
    "enum": sa.String,
    "date": sa.Date,
    "float": sa.Float,
    "int": sa.Integer,
}


def _column(column: Column, table: Table) -> sa.Column[Any]:
    in_key = column.name in table.key
    return sa.Column(
        column.name,
        _SQL_TYPES[column.kind](),
        primary_key=in_key,
        nullable=not (column.required or in_key),
        comment=column.description or None,
    )


def _organisation_table(table: Table, *extra: SchemaItem) -> sa.Table:
    columns = [_column(c, table) for c in table.columns]
    return sa.Table(table.name, metadata, *columns, *extra)


def _person_fk() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["employee_id"], ["people.employee_id"], ondelete="CASCADE")


framework_versions = sa.Table(
    "framework_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation", sa.String, nullable=False),
    sa.Column("version", sa.String, nullable=False),
    sa.Column("files", sa.Text, nullable=False, comment="JSON list of the source file names"),
    sa.Column("yaml", sa.Text, nullable=False, comment="the framework as YAML"),
    sa.Column("document", sa.Text, nullable=False, comment="the framework as JSON"),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
)

people = _organisation_table(
    TABLES["people"],
    sa.Column("base_annual_fte", sa.Float, nullable=False),
    sa.Column("total_annual_fte", sa.Float, nullable=False),
    sa.Column("grade", sa.String, nullable=True),
    sa.Index(None, "manager_id"),
    sa.Index(None, "team"),
    sa.Index(None, "level"),
    sa.Index(None, "legal_entity"),
)

events = _organisation_table(TABLES["events"], _person_fk(), sa.Index(None, "date"))
participation = _organisation_table(
    TABLES["participation"], _person_fk(), sa.Index(None, "employee_id")
)
impact = _organisation_table(TABLES["impact"], _person_fk(), sa.Index(None, "employee_id"))
assessments = _organisation_table(TABLES["assessments"], _person_fk())
roles = _organisation_table(TABLES["roles"], _person_fk())
# Cycles have no person; calibrations, nominations and decisions go with their person on
# erasure. The cycle they name is checked by the importer (files or database).
promotion_cycles = _organisation_table(TABLES["promotion_cycles"])
calibrations = _organisation_table(TABLES["calibrations"], _person_fk())
nominations = _organisation_table(TABLES["nominations"], _person_fk())
promotion_decisions = _organisation_table(TABLES["promotion_decisions"], _person_fk())

ORGANISATION_TABLES: dict[str, sa.Table] = {
    "people": people,
    "events": events,
    "participation": participation,
    "impact": impact,
    "assessments": assessments,
    "roles": roles,
    "promotion_cycles": promotion_cycles,
    "calibrations": calibrations,
    "nominations": nominations,
    "promotion_decisions": promotion_decisions,
}

development_plans = sa.Table(
    "development_plans",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("employee_id", sa.String, nullable=False),
    sa.Column("path", sa.String, nullable=True, comment="the path the plan develops for"),
    sa.Column("title", sa.String, nullable=True),
    sa.Column("status", sa.String, nullable=False, server_default="active"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["employee_id"], ["people.employee_id"], ondelete="CASCADE"),
    sa.Index(None, "employee_id"),
)

plan_items = sa.Table(
    "plan_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("plan_id", sa.Integer, nullable=False),
    sa.Column("opportunity_id", sa.String, nullable=True, comment="framework development id"),
    sa.Column("competency", sa.String, nullable=True),
    sa.Column("goal", sa.Text, nullable=False),
    sa.Column("due_date", sa.Date, nullable=True),
    sa.Column("status", sa.String, nullable=False, server_default="planned"),
    sa.ForeignKeyConstraint(["plan_id"], ["development_plans.id"], ondelete="CASCADE"),
    sa.Index(None, "plan_id"),
)

plan_checkins = sa.Table(
    "plan_checkins",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("plan_id", sa.Integer, nullable=False),
    sa.Column("item_id", sa.Integer, nullable=False),
    sa.Column("checked_on", sa.Date, nullable=False, comment="the day of the check-in"),
    sa.Column("status", sa.String, nullable=False, comment="the item's status after it"),
    sa.Column("due_date", sa.Date, nullable=True, comment="the item's due date after it"),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("recorded_by", sa.String, nullable=True, comment="the user who recorded it"),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["plan_id"], ["development_plans.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["item_id"], ["plan_items.id"], ondelete="CASCADE"),
    sa.Index(None, "plan_id"),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String, nullable=False, unique=True),
    sa.Column("password_hash", sa.String, nullable=False),
    sa.Column(
        "role",
        sa.String,
        nullable=False,
        comment="employee | manager | people | admin | representative",
    ),
    sa.Column("employee_id", sa.String, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("is_active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.CheckConstraint(
        "role IN ('employee', 'manager', 'people', 'admin', 'representative')", name="role"
    ),
    sa.ForeignKeyConstraint(["employee_id"], ["people.employee_id"], ondelete="SET NULL"),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.Integer, nullable=False),
    sa.Column("token_hash", sa.String, nullable=False, unique=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True, comment="none: no expiry"),
    sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
)

# A session cookie names one of these rows (by the hash of its random id), so that a
# log-out, a password change or an admin's action ends it on the server.
sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("token_hash", sa.String, nullable=False, unique=True),
    sa.Column("user_id", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("ip", sa.String, nullable=True),
    sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
    sa.Index(None, "user_id"),
)

# One row per user name and client address with failed log-ins: the counter that
# progressive delays are computed from, changed by compare-and-swap so that concurrent
# guesses cannot all pass the check.
login_throttle = sa.Table(
    "login_throttle",
    metadata,
    sa.Column("username", sa.String, primary_key=True),
    sa.Column("ip", sa.String, primary_key=True, comment="'' when the address is unknown"),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("next_allowed_at", sa.DateTime(timezone=True), nullable=False),
)

# The access log keeps usernames and subject ids as plain values, without
# foreign keys, so that it outlives the users and people it mentions (erasure).
access_log = sa.Table(
    "access_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("user_id", sa.Integer, nullable=True),
    sa.Column("username", sa.String, nullable=True),
    sa.Column("action", sa.String, nullable=False),
    sa.Column("subject_employee_id", sa.String, nullable=True),
    sa.Column("fields", sa.Text, nullable=True, comment="sensitive fields read, comma-separated"),
    sa.Column("detail", sa.Text, nullable=True, comment="what an account change changed"),
    sa.Index(None, "at"),
    sa.Index(None, "subject_employee_id"),
)

login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String, nullable=True),
    sa.Column("ip", sa.String, nullable=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("success", sa.Boolean, nullable=False),
    sa.Index(None, "username", "at"),
    sa.Index(None, "ip", "at"),
)

# Audit runs keep the report as the versioned JSON the CLI writes (docs/audit-json-schema.md),
# so the dashboard re-renders a stored run instead of recomputing the audit per request.
audit_runs = sa.Table(
    "audit_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("user", sa.String, nullable=True, comment="who ran it: a username or cli:<login>"),
    sa.Column("options", sa.Text, nullable=False, comment="the options asked for, JSON"),
    sa.Column("report", sa.Text, nullable=False, comment="the audit report, JSON"),
    sa.Column("schema_version", sa.Integer, nullable=False),
    sa.Index(None, "finished_at"),
)

# The audit job queue: a run asked for, claimed by one app process's worker under a lease
# that its heartbeat renews, so a job whose worker died is taken over by another process.
audit_jobs = sa.Table(
    "audit_jobs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("status", sa.String, nullable=False, comment="queued, running, done or failed"),
    sa.Column("requested_by", sa.String, nullable=True, comment="a username"),
    sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("options", sa.Text, nullable=False, comment="the options asked for, JSON"),
    sa.Column("attempts", sa.Integer, nullable=False, comment="times a worker claimed it"),
    sa.Column("worker", sa.String, nullable=True, comment="host:pid:thread of its worker"),
    sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("progress", sa.Integer, nullable=False, comment="per cent done"),
    sa.Column("step", sa.String, nullable=True, comment="what the worker is doing now"),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("audit_runs.id"), nullable=True),
    sa.Column("error", sa.Text, nullable=True, comment="why it failed"),
    sa.Index(None, "status"),
)

# The EU Pay Transparency Directive's registers (docs/eu-pay-transparency.md).
# An Article 9 report as submitted, so later assessments compare against what was reported.
eu_reports = sa.Table(
    "eu_reports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("legal_entity", sa.String, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("submitted_on", sa.Date, nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("report", sa.Text, nullable=False, comment="the Article 9 report, JSON"),
    sa.UniqueConstraint("legal_entity", "year"),
)

eu_information_requests = sa.Table(
    "eu_information_requests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("employee_id", sa.String, nullable=False),
    sa.Column("received_on", sa.Date, nullable=False),
    sa.Column("due_on", sa.Date, nullable=False),
    sa.Column("status", sa.String, nullable=False, comment="open | answered"),
    sa.Column("answered_by", sa.String, nullable=True),
    sa.Column("answered_on", sa.Date, nullable=True),
    sa.Column("letter", sa.Text, nullable=True, comment="the Art. 7 letter as answered, JSON"),
    sa.CheckConstraint("status IN ('open', 'answered')", name="status"),
    sa.ForeignKeyConstraint(["employee_id"], ["people.employee_id"], ondelete="CASCADE"),
    sa.Index(None, "employee_id"),
)

eu_justifications = sa.Table(
    "eu_justifications",
    metadata,
    sa.Column("legal_entity", sa.String, primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("category", sa.String, primary_key=True),
    sa.Column("factor", sa.String, primary_key=True),
    sa.Column("explanation", sa.Text, nullable=False),
    sa.Column("evidence", sa.Text, nullable=True),
    sa.Column("agreement", sa.String, nullable=True, comment="agreed | disagreed"),
    sa.Column("agreed_by", sa.String, nullable=True),
    sa.Column("agreed_on", sa.Date, nullable=True),
)

eu_answer_periods = sa.Table(
    "eu_answer_periods",
    metadata,
    sa.Column("country", sa.String, primary_key=True),
    sa.Column("months", sa.Integer, nullable=False),
)
