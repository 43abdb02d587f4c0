"""Audit runs that are kept: run the audit once, store its report, show the stored report.

The dashboard used to recompute the whole audit on every request (seconds at
100,000 people). A run is now stored with when it ran, who ran it and the
options asked for; pages re-render the stored report JSON without recomputing.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict

from latticework.audit import SCHEMA_VERSION, AuditOptions, AuditReport
from latticework.services.accounts import utcnow

if TYPE_CHECKING:
    from latticework.storage.audit_runs import StoredAuditRun


class RunOptions(BaseModel):
    """What was asked for when the audit ran (stored as JSON with the run)."""

    model_config = ConfigDict(frozen=True)

    as_of: date | None
    period_start: date | None
    period_end: date | None
    audits: list[str]
    attributes: list[str] | None
    min_group: int
    correction: str
    framework_files: list[str]


class AuditRun(BaseModel):
    """A stored run: its report, and when, by whom and how it was made."""

    model_config = ConfigDict(frozen=True)

    id: int
    started_at: datetime
    finished_at: datetime
    user: str | None
    options: RunOptions
    report: AuditReport


def run_options(
    options: AuditOptions, as_of: date | None, framework_files: list[Path] | None = None
) -> RunOptions:
    values = asdict(options)
    return RunOptions(
        as_of=as_of,
        period_start=values["period_start"],
        period_end=values["period_end"],
        audits=list(options.audits),
        attributes=None if options.attributes is None else list(options.attributes),
        min_group=options.min_group,
        correction=options.correction.value,
        framework_files=[str(f) for f in framework_files or []],
    )


def audit_and_store(
    conn: sa.Connection,
    database_url: str,
    options: AuditOptions,
    *,
    user: str | None,
    as_of: date | None = None,
    framework_files: list[Path] | None = None,
) -> AuditRun:
    """Run the whole audit now and store it through `conn` (the caller commits)."""
    from latticework.services.audit import audit_organisation

    started_at = utcnow()
    report = audit_organisation(database_url, options, framework_files=framework_files, as_of=as_of)
    return store_run(
        conn,
        report,
        run_options(options, as_of, framework_files),
        user=user,
        started_at=started_at,
        finished_at=utcnow(),
    )


def store_run(
    conn: sa.Connection,
    report: AuditReport,
    options: RunOptions,
    *,
    user: str | None,
    started_at: datetime,
    finished_at: datetime,
) -> AuditRun:
    """Store a report that has just been computed (the caller commits)."""
    from latticework.reports.audit_json import audit_json
    from latticework.storage.audit_runs import save_audit_run

    run_id = save_audit_run(
        conn,
        started_at=started_at,
        finished_at=finished_at,
        user=user,
        options=options.model_dump_json(),
        report=audit_json(report),
        schema_version=report.schema_version,
    )
    return AuditRun(
        id=run_id,
        started_at=started_at,
        finished_at=finished_at,
        user=user,
        options=options,
        report=report,
    )


def latest_run(conn: sa.Connection, *, before_latest: int = 0) -> AuditRun | None:
    """The newest stored run this version can read (its report is parsed, not recomputed);
    `before_latest=1`: the run before it."""
    from latticework.storage.audit_runs import latest_audit_run

    stored = latest_audit_run(conn, schema_version=SCHEMA_VERSION, before_latest=before_latest)
    return None if stored is None else _run(stored)


def run_by_id(conn: sa.Connection, run_id: int) -> AuditRun | None:
    from latticework.storage.audit_runs import audit_run_by_id

    stored = audit_run_by_id(conn, run_id)
    if stored is None or stored.schema_version != SCHEMA_VERSION:
        return None
    return _run(stored)


def _run(stored: StoredAuditRun) -> AuditRun:
    return AuditRun(
        id=stored.id,
        started_at=stored.started_at,
        finished_at=stored.finished_at,
        user=stored.user,
        options=RunOptions.model_validate_json(stored.options),
        report=AuditReport.model_validate_json(stored.report),
    )
