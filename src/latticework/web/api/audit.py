"""/api/audit (people role): the audit report as JSON (schema version 1) or a document."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from fastapi.responses import Response

from latticework.services.web_audit import audit_for
from latticework.web.deps import ConnDep, SettingsDep, UserDep
from latticework.web.documents import DocumentFormat, download

router = APIRouter(tags=["audit"])


@router.get(
    "/audit",
    response_model=None,
    responses={200: {"description": "The audit report (JSON), or a file with ?format="}},
)
def get_audit(
    user: UserDep,
    conn: ConnDep,
    settings: SettingsDep,
    as_of: date | None = None,
    min_group: int | None = None,
    format: DocumentFormat | None = None,
) -> Response:
    """Pay, advancement, ceiling, influence and demographic parity, with findings."""
    from latticework.reports.audit_json import audit_json

    # A synchronous route: the audit, its charts and a PDF are seconds of work for a thread.
    report, doc = audit_for(conn, settings.database_url, user, as_of=as_of, min_group=min_group)
    if format is not None:
        return download(doc, format, f"audit-{report.as_of}")
    return Response(audit_json(report), media_type="application/json")
