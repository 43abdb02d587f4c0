"""/api/audit (people role): the latest stored run's report as JSON (schema version 1) or a
document, and `POST` to queue a new run; /api/audit/jobs/{id}: a queued run's status;
/api/audit/runs/latest: the latest run with when, who and options. Nothing here computes
the audit: a worker does (web.audit_worker)."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from fastapi import APIRouter
from fastapi.responses import Response

if TYPE_CHECKING:
    from pydantic import BaseModel

from latticework.accounts.model import Role
from latticework.errors import Problem
from latticework.services.access import NotFoundError
from latticework.services.audit_jobs import job_for, queue_audit_for
from latticework.services.audit_runs import latest_audit_for
from latticework.web.deps import StateDep, UowDep, UserDep
from latticework.web.documents import DocumentFormat, download
from latticework.web.guards import RequireRole

router = APIRouter(tags=["audit"])


def _no_run() -> NotFoundError:
    return NotFoundError(
        Problem(
            "No audit has been run yet.",
            fix="Start one with POST /api/audit (or from the audit dashboard), then follow "
            "its job at /api/audit/jobs/{id} until it is done.",
            code="not-found",
        )
    )


@router.get(
    "/audit",
    dependencies=[RequireRole(Role.PEOPLE, what="see the audit")],
    response_model=None,
    responses={200: {"description": "The latest stored audit report (JSON), or a file"}},
)
def get_audit(user: UserDep, uow: UowDep, format: DocumentFormat | None = None) -> Response:
    """The latest stored run's report: pay, advancement, ceiling, influence and demographic
    parity, with findings; 404 until a run was made (POST /api/audit)."""
    from latticework.reports.audit_document import audit_document
    from latticework.reports.audit_json import audit_json

    run = latest_audit_for(uow, user)
    if run is None:
        raise _no_run()
    if format is not None:
        return download(audit_document(run.report), format, f"audit-{run.report.as_of}")
    return Response(
        audit_json(run.report),
        media_type="application/json",
        headers={"X-Audit-Run": str(run.id)},
    )


@router.post(
    "/audit",
    dependencies=[RequireRole(Role.PEOPLE, what="run the audit")],
    response_model=None,
    status_code=202,
    responses={202: {"description": "The job queued; follow it at the Location given"}},
)
def post_audit(
    user: UserDep,
    uow: UowDep,
    state: StateDep,
    as_of: date | None = None,
    min_group: int | None = None,
) -> Response:
    """Queue a run of the whole audit and return at once with its job (status `queued`);
    a worker runs it, and GET /api/audit shows it once the job is `done`."""
    job = queue_audit_for(uow, user, as_of=as_of, min_group=min_group)
    uow.commit()
    state.audit_worker.wake()
    return _json(job, 202, headers={"Location": f"/api/audit/jobs/{job.id}"})


@router.get(
    "/audit/jobs/{job_id}",
    dependencies=[RequireRole(Role.PEOPLE, what="see the audit")],
    response_model=None,
    responses={200: {"description": "The job: queued, running (with progress), done, failed"}},
)
def get_audit_job(user: UserDep, uow: UowDep, job_id: int) -> Response:
    """A queued run's status: `queued`, `running` (with `progress` per cent and `step`),
    `done` (with `run_id`) or `failed` (with `error`, the reason)."""
    return _json(job_for(uow, user, job_id))


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
        raise _no_run()
    # The same serialisation as `latticework audit --format json`, with the run around it.
    return _json(run)


def _json(
    value: BaseModel, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    body = json.dumps(value.model_dump(mode="json"), indent=2, allow_nan=False) + "\n"
    return Response(body, status_code=status_code, media_type="application/json", headers=headers)
