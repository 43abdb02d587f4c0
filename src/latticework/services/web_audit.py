"""The audit for the web (people role): the same service the CLI runs, recorded in the access
log because it reads everyone's pay and protected attributes (in aggregate)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa

from latticework.services import accounts
from latticework.services.accounts import Role, User
from latticework.services.web_access import require_role

if TYPE_CHECKING:
    from latticework.audit import AuditReport
    from latticework.reports.document import Document


def audit_for(
    conn: sa.Connection,
    database_url: str,
    user: User,
    *,
    as_of: date | None = None,
    min_group: int | None = None,
) -> tuple[AuditReport, Document]:
    """Run the whole audit on the stored organisation; only the people role may."""
    from latticework.audit import AuditOptions
    from latticework.reports.audit_document import audit_document
    from latticework.services.audit import audit_organisation

    require_role(user, Role.PEOPLE, what="run the audit")
    options = AuditOptions() if min_group is None else AuditOptions(min_group=max(2, min_group))
    report = audit_organisation(database_url, options, as_of=as_of)
    accounts.record_access(conn, user, "audit", [None], ["pay", "protected"])
    return report, audit_document(report)
