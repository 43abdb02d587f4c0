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
from latticework.services.web_access import require_role

if TYPE_CHECKING:
    from latticework.audit import AuditOptions, AuditReport
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
