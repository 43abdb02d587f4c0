"""The audit for the web (people role): the same service the CLI runs, recorded in the access
log because it reads everyone's pay and protected attributes (in aggregate).

The dashboard shows the latest stored run (services.audit_runs); a new run is
started explicitly and stored, so reading the dashboard costs no recomputation.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa

from latticework.services import accounts
from latticework.services.accounts import Role, User
from latticework.services.web_access import not_found, require_role

if TYPE_CHECKING:
    from latticework.audit import AuditOptions, AuditReport
    from latticework.audit.affected import AffectedPeople
    from latticework.audit.model import Finding
    from latticework.reports.document import Document
    from latticework.services.audit_runs import AuditRun


def _options(min_group: int | None) -> AuditOptions:
    from latticework.audit import AuditOptions

    return AuditOptions() if min_group is None else AuditOptions(min_group=max(2, min_group))


def audit_for(
    conn: sa.Connection,
    database_url: str,
    user: User,
    *,
    as_of: date | None = None,
    min_group: int | None = None,
) -> tuple[AuditReport, Document]:
    """Run the whole audit on the stored organisation; only the people role may."""
    from latticework.reports.audit_document import audit_document
    from latticework.services.audit import audit_organisation

    require_role(user, Role.PEOPLE, what="run the audit")
    report = audit_organisation(database_url, _options(min_group), as_of=as_of)
    accounts.record_access(conn, user, "audit", [None], ["pay", "protected"])
    return report, audit_document(report)


def latest_audit_for(conn: sa.Connection, user: User) -> AuditRun | None:
    """The latest stored run, for the people role only; showing it is a read of (aggregate)
    pay and protected attributes, so it is logged."""
    from latticework.services.audit_runs import latest_run

    require_role(user, Role.PEOPLE, what="see the audit")
    run = latest_run(conn)
    if run is not None:
        accounts.record_access(conn, user, "audit.view", [None], ["pay", "protected"])
    return run


def start_audit_run(
    conn: sa.Connection,
    database_url: str,
    user: User,
    *,
    as_of: date | None = None,
    min_group: int | None = None,
) -> AuditRun:
    """Run the whole audit now and store it (the caller commits); people role only.

    Runs in the calling thread: a web request waits for it (seconds at 100,000 people).
    """
    from latticework.services.audit_runs import audit_and_store

    require_role(user, Role.PEOPLE, what="run the audit")
    run = audit_and_store(conn, database_url, _options(min_group), user=user.username, as_of=as_of)
    accounts.record_access(conn, user, "audit", [None], ["pay", "protected"])
    return run


def previous_audit_for(conn: sa.Connection, user: User) -> AuditRun | None:
    """The run before the latest, to say what changed (people role; logged with the latest)."""
    from latticework.services.audit_runs import latest_run

    require_role(user, Role.PEOPLE, what="see the audit")
    return latest_run(conn, before_latest=1)


def affected_people_for(
    conn: sa.Connection, user: User, run_id: int, finding_number: int
) -> tuple[AuditRun, Finding, AffectedPeople]:
    """The people a stored run's finding is about (F1 is number 1), as they are in the data
    now, with their pay: people role only, and every person listed is logged as read."""
    from latticework.audit.affected import affected_people
    from latticework.audit.population import build_population
    from latticework.services.audit_runs import run_by_id
    from latticework.storage.framework_store import current_framework
    from latticework.storage.reading import read_table

    require_role(user, Role.PEOPLE, what="see who a finding is about")
    run = run_by_id(conn, run_id)
    if run is None:
        raise not_found("audit run", str(run_id))
    findings = run.report.findings
    if not 1 <= finding_number <= len(findings):
        raise not_found("finding", f"F{finding_number}")
    finding = findings[finding_number - 1]
    stored = current_framework(conn)
    if finding.comparison is None or stored is None:
        raise not_found("list of people for finding", f"F{finding_number}")
    population = build_population(read_table(conn, "people"), stored.framework, run.report.as_of)
    affected = affected_people(population.active, stored.framework, finding.comparison)
    if affected is None:
        raise not_found("list of people for finding", f"F{finding_number}")
    fields = ["pay", "protected"] if affected.attribute else ["pay"]
    accounts.record_access(
        conn, user, "audit.people", [str(e) for e in affected.people["employee_id"]], fields
    )
    return run, finding, affected
