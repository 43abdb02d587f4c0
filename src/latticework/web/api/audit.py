"""/api/audit (people role): the audit report as JSON (schema version 1) or a document,
computed now; /api/audit/runs: stored runs (the latest one, or a new one)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from fastapi import APIRouter
from fastapi.responses import Response

if TYPE_CHECKING:
    from latticework.services.audit_runs import AuditRun

from latticework.accounts.model import Role
from latticework.services.access import not_found
from latticework.services.audit_runs import audit_for, latest_audit_for, start_audit_run
from latticework.web.deps import UowDep, UserDep
from latticework.web.documents import DocumentFormat, download
from latticework.web.guards import RequireRole

router = APIRouter(tags=["audit"])


@router.get(
    "/audit",
    dependencies=[RequireRole(Role.PEOPLE, what="run the audit")],
    response_model=None,
    responses={200: {"description": "The audit report (JSON), or a file with ?format="}},
)
def get_audit(
    user: UserDep,
    uow: UowDep,
    as_of: date | None = None,
    min_group: int | None = None,
    format: DocumentFormat | None = None,
) -> Response:
    """Pay, advancement, ceiling, influence and demographic parity, with findings."""
    from latticework.reports.audit_document import audit_document
    from latticework.reports.audit_json import audit_json

    # A synchronous route: the audit, its charts and a PDF are seconds of work for a thread.
    report = audit_for(uow, user, as_of=as_of, min_group=min_group)
    if format is not None:
        return download(audit_document(report), format, f"audit-{report.as_of}")
    return Response(audit_json(report), media_type="application/json")


def _run_json(run: AuditRun, status_code: int = 200) -> Response:
    import json

    # The same serialisation as `latticework audit --format json`, with the run around it.
    body = json.dumps(run.model_dump(mode="json"), indent=2, allow_nan=False) + "\n"
    return Response(body, status_code=status_code, media_type="application/json")


@router.get(
    "/audit/runs/latest",
    dependencies=[RequireRole(Role.PEOPLE, what="see the audit")],
    response_model=None,
    responses={200: {"description": "The latest stored run: when, who, options, report"}},
)
def get_latest_audit_run(user: UserDep, uow: UowDep) -> Response:
    """The latest stored audit run, as stored (not recomputed); 404 when none was run."""
    run = latest_audit_for(uow, user)
    if run is None:
        raise not_found("audit run", "latest")
    return _run_json(run)


@router.post(
    "/audit/runs",
    dependencies=[RequireRole(Role.PEOPLE, what="run the audit")],
    response_model=None,
    status_code=201,
    responses={201: {"description": "The run just made and stored"}},
)
def post_audit_run(
    user: UserDep,
    uow: UowDep,
    as_of: date | None = None,
    min_group: int | None = None,
) -> Response:
    """Run the whole audit now and store it (synchronously: seconds at 100,000 people)."""
    run = start_audit_run(uow, user, as_of=as_of, min_group=min_group)
    return _run_json(run, status_code=201)
