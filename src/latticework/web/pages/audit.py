"""The audit dashboard (people role): findings first, then every section with its charts."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response

from latticework.services.web_audit import audit_for
from latticework.web.deps import ConnDep, SettingsDep, UserDep
from latticework.web.documents import DocumentFormat, download
from latticework.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/audit", response_model=None)
def audit_page(
    request: Request,
    user: UserDep,
    conn: ConnDep,
    settings: SettingsDep,
    as_of: date | None = None,
    min_group: int | None = None,
    format: DocumentFormat | None = None,
) -> Response:
    # A synchronous route: the audit, its charts and a PDF are seconds of work for a thread.
    report, doc = audit_for(conn, settings.database_url, user, as_of=as_of, min_group=min_group)
    if format is not None:
        return download(doc, format, f"audit-{report.as_of}")
    return render(request, "audit.html", {"report": report, "doc": doc})
