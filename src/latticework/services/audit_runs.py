"""Audit runs that are kept: run the audit once, store its report, show the stored report.

The dashboard used to recompute the whole audit on every request (seconds at
100,000 people). A run is now stored with when it ran, who ran it and the
options asked for; pages re-render the stored report JSON without recomputing.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from latticework.accounts.model import Role, User
from latticework.audit import SCHEMA_VERSION, AuditOptions, AuditReport
from latticework.services import accounts
from latticework.services.access import require_role
from latticework.services.accounts import utcnow

if TYPE_CHECKING:
    from latticework.audit.affected import AffectedPeople
    from latticework.audit.model import Finding
    from latticework.audit.residuals import SmallCell
    from latticework.storage import StoredAuditRun, UnitOfWork

log = logging.getLogger(__name__)


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
    uow: UnitOfWork,
    options: AuditOptions,
    *,
    user: str | None,
    as_of: date | None = None,
    framework_files: list[Path] | None = None,
) -> AuditRun:
    """Run the whole audit now and store it in the unit of work (the caller commits)."""
    from latticework.services.audit import audit_organisation

    started_at = utcnow()
    report = audit_organisation(uow, options, framework_files=framework_files, as_of=as_of)
    return store_run(
        uow,
        report,
        run_options(options, as_of, framework_files),
        user=user,
        started_at=started_at,
        finished_at=utcnow(),
    )


def store_run(
    uow: UnitOfWork,
    report: AuditReport,
    options: RunOptions,
    *,
    user: str | None,
    started_at: datetime,
    finished_at: datetime,
) -> AuditRun:
    """Store a report that has just been computed (the caller commits)."""
    from latticework.reports.audit_json import audit_json

    run_id = uow.audit_runs.add(
        started_at=started_at,
        finished_at=finished_at,
        user=user,
        options=options.model_dump_json(),
        report=audit_json(report),
        schema_version=report.schema_version,
    )
    log.info(
        "audit run %d stored (by %s, %.1f s)",
        run_id,
        user or "nobody",
        (finished_at - started_at).total_seconds(),
    )
    return AuditRun(
        id=run_id,
        started_at=started_at,
        finished_at=finished_at,
        user=user,
        options=options,
        report=report,
    )


def latest_run(uow: UnitOfWork, *, before_latest: int = 0) -> AuditRun | None:
    """The newest stored run this version can read (its report is parsed, not recomputed);
    `before_latest=1`: the run before it."""
    stored = uow.audit_runs.latest(schema_version=SCHEMA_VERSION, before_latest=before_latest)
    return None if stored is None else _run(stored)


def run_by_id(uow: UnitOfWork, run_id: int) -> AuditRun | None:
    stored = uow.audit_runs.get(run_id)
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


# -- for a signed-in reader (people role) ----------------------------------------------
# The audit reads everyone's pay and protected attributes (in aggregate), so showing a run
# is recorded in the access log (and asking for one: services.audit_jobs).


def latest_audit_for(uow: UnitOfWork, user: User) -> AuditRun | None:
    """The latest stored run, for the people role only (the read is logged)."""
    require_role(user, Role.PEOPLE, what="see the audit")
    run = latest_run(uow)
    if run is not None:
        accounts.record_access(uow, user, "audit.view", [None], ["pay", "protected"])
    return run


def previous_audit_for(uow: UnitOfWork, user: User) -> AuditRun | None:
    """The run before the latest, to say what changed (people role; logged with the latest)."""
    require_role(user, Role.PEOPLE, what="see the audit")
    return latest_run(uow, before_latest=1)


def affected_people_for(
    uow: UnitOfWork, user: User, run_id: int, finding_number: int
) -> tuple[AuditRun, Finding, AffectedPeople]:
    """The people a stored run's finding is about (F1 is number 1), as they are in the data
    now, with their pay: people role only, and every person listed is logged as read."""
    from latticework.audit.affected import affected_people
    from latticework.audit.population import build_population
    from latticework.services.access import not_found
    from latticework.services.frameworks import current_framework

    require_role(user, Role.PEOPLE, what="see who a finding is about")
    run = run_by_id(uow, run_id)
    if run is None:
        raise not_found("audit run", str(run_id))
    findings = run.report.findings
    if not 1 <= finding_number <= len(findings):
        raise not_found("finding", f"F{finding_number}")
    finding = findings[finding_number - 1]
    if finding.comparison is None:
        raise not_found("list of people for finding", f"F{finding_number}")
    framework = current_framework(uow)
    people = uow.organisation.table("people")
    population = build_population(people, framework, run.report.as_of)
    affected = affected_people(population.active, framework, finding.comparison)
    if affected is None:
        raise not_found("list of people for finding", f"F{finding_number}")
    fields = ["pay", "protected"] if affected.attribute else ["pay"]
    ids = [str(e) for e in affected.people["employee_id"]]
    accounts.record_access(uow, user, "audit.people", ids, fields)
    return run, finding, affected


def small_cells_for(
    uow: UnitOfWork, user: User, run: AuditRun, finding: Finding
) -> list[SmallCell]:
    """People in the finding's audit whose pay group was too small to test, each with the
    standardised residual from the pay model without the group term (the California
    individual method): people role only, never in the report; every person is logged."""
    from latticework.audit.population import build_population
    from latticework.audit.residuals import small_cells
    from latticework.services.frameworks import current_framework

    require_role(user, Role.PEOPLE, what="see who a finding is about")
    if finding.comparison is None:
        return []
    # The cells of the finding's measure: pay-parity.base.* for a base-pay gap between the
    # tracks, demographic.gender.pay.* for a gender pay gap.
    parts = finding.comparison.split(".")
    measure = ".".join(parts[: 3 if parts[0] == "demographic" else 2]) + "."
    suppressed = [
        c
        for s in run.report.sections
        for c in s.comparisons
        if c.suppressed and c.id.startswith(measure)
    ]
    if not suppressed:
        return []
    framework = current_framework(uow)
    people = uow.organisation.table("people")
    population = build_population(people, framework, run.report.as_of)
    cells = small_cells(population.active, suppressed, run.report.options.min_group)
    ids = [str(e) for cell in cells for e in cell.people["employee_id"]]
    if ids:
        fields = ["pay", "protected"] if finding.audit == "demographic" else ["pay"]
        accounts.record_access(uow, user, "audit.small-cells", ids, fields)
    return cells
