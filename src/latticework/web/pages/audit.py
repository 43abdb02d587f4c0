"""The audit dashboard (people role): the latest stored run, findings first, then every
section with its charts; and the form that starts a new run."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from latticework.accounts.model import Role
from latticework.reports.document_html import CalloutExtra
from latticework.services.access import not_found
from latticework.services.audit_jobs import queue_audit_for, recent_jobs_for
from latticework.services.audit_runs import (
    affected_people_for,
    latest_audit_for,
    previous_audit_for,
    small_cells_for,
)
from latticework.services.remediation import remediable
from latticework.web.deps import StateDep, UowDep, UserDep
from latticework.web.documents import DocumentFormat, download
from latticework.web.forms import optional_date
from latticework.web.guards import RequireRole
from latticework.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get(
    "/audit", dependencies=[RequireRole(Role.PEOPLE, what="see the audit")], response_model=None
)
def audit_page(
    request: Request, user: UserDep, uow: UowDep, format: DocumentFormat | None = None
) -> Response:
    # The stored report is re-rendered, never recomputed: reading the dashboard is cheap.
    from latticework.reports.audit_changes import run_changes
    from latticework.reports.audit_document import audit_document, finding_anchor

    run = latest_audit_for(uow, user)
    jobs = recent_jobs_for(uow, user)
    context: dict[str, object] = {
        "run": None,
        "report": None,
        "doc": None,
        "today": date.today(),
        "jobs": jobs,
        # While a run is queued or running the page reloads itself to show its progress.
        "refresh": any(j.status in ("queued", "running") for j in jobs),
    }
    if run is None:
        if format is not None:
            raise not_found("audit run", "latest")
        return render(request, "audit.html", context)
    doc = audit_document(run.report)
    if format is not None:
        return download(doc, format, f"audit-{run.report.as_of}")
    previous = previous_audit_for(uow, user)
    changes = run_changes(previous.report, run.report) if previous else None
    extras: dict[str, CalloutExtra] = {}
    for number, finding in enumerate(run.report.findings, start=1):
        change = changes.findings[number - 1] if changes else None
        links = []
        if finding.comparison:
            base = f"/audit/runs/{run.id}/findings/{number}"
            links.append(("Who is affected", f"{base}/people"))
            if remediable(finding.comparison):
                links.append(("Close this gap", f"{base}/remediation"))
        extras[finding_anchor(number)] = CalloutExtra(
            badge=("new" if change.new else change.was) if change else "", links=tuple(links)
        )
    context |= {
        "run": run,
        "report": run.report,
        "doc": doc,
        "previous": previous,
        "changes": changes,
        "finding_extras": extras,
    }
    return render(request, "audit.html", context)


@router.get(
    "/audit/runs/{run_id}/findings/{number}/people",
    dependencies=[RequireRole(Role.PEOPLE, what="see who a finding is about")],
    response_model=None,
)
def affected_people_page(
    request: Request, user: UserDep, uow: UowDep, run_id: int, number: int
) -> Response:
    run, finding, affected = affected_people_for(uow, user, run_id, number)
    rows = affected.people.to_dict("records")
    cells = small_cells_for(uow, user, run, finding)
    return render(
        request,
        "audit_people.html",
        {"run": run, "number": number, "finding": finding, "affected": affected, "rows": rows}
        | {"small_cells": [(c, c.people.to_dict("records")) for c in cells]},
    )


@router.post(
    "/audit/runs",
    dependencies=[RequireRole(Role.PEOPLE, what="run the audit")],
    response_model=None,
)
def run_audit_page(
    request: Request,
    user: UserDep,
    uow: UowDep,
    state: StateDep,
    as_of: Annotated[str, Form()] = "",
    min_group: Annotated[int | None, Form()] = None,
) -> Response:
    # Only queues the run: a worker runs it (web.audit_worker) while the dashboard shows
    # its progress. Committed before waking this process's worker, so it finds the job.
    queue_audit_for(uow, user, as_of=optional_date(as_of, "as_of"), min_group=min_group)
    uow.commit()
    state.audit_worker.wake()
    return RedirectResponse("/audit", status_code=303)
