""" "Close this gap": the cheapest raises for one audit finding, for the people role.

The plan is computed on request from the data as it is now (a finding's gap may have
moved since its run); the budget, maximum raise and band rule are form fields, and the
raises download as the import files that apply them.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response

from latticework.accounts.model import Role
from latticework.errors import LatticeworkError, Location, Problem
from latticework.remediation.plan import DEFAULT_MAX_RAISE, BandMax, Constraints
from latticework.reports.remediation_report import remediation_document
from latticework.services.remediation import plan_files_zip, remediate_finding
from latticework.web.deps import UowDep, UserDep
from latticework.web.documents import attachment
from latticework.web.forms import optional_date
from latticework.web.guards import RequireRole
from latticework.web.rendering import render

router = APIRouter(include_in_schema=False)

MAX_BUDGET = 1e12
"""Budgets above this are typing mistakes, not plans."""

PLAN = RequireRole(Role.PEOPLE, what="plan the raises that close a gap")


@router.get(
    "/audit/runs/{run_id}/findings/{number}/remediation",
    dependencies=[PLAN],
    response_model=None,
)
def remediation_page(
    request: Request,
    user: UserDep,
    uow: UowDep,
    run_id: int,
    number: int,
    budget: str = "",
    max_raise: str = "",
    band_max: str = BandMax.RESPECT.value,
) -> Response:
    constraints = _constraints(budget, max_raise, band_max)
    found = remediate_finding(uow, user, run_id, number, constraints)
    plan = found.result.plan
    doc = remediation_document(
        plan, found.result.changes, min_group=found.result.min_group, per_person=True
    )
    return render(
        request,
        "remediation.html",
        {
            "found": found,
            "doc": doc,
            "plan": plan,
            "form": {"budget": budget, "max_raise": max_raise, "band_max": band_max},
            "default_max_raise": round(DEFAULT_MAX_RAISE * 100),
            "today": date.today(),
        },
    )


@router.get(
    "/audit/runs/{run_id}/findings/{number}/remediation/raises.zip",
    dependencies=[PLAN],
    response_model=None,
)
def remediation_files(
    user: UserDep,
    uow: UowDep,
    run_id: int,
    number: int,
    budget: str = "",
    max_raise: str = "",
    band_max: str = BandMax.RESPECT.value,
    effective: str = "",
) -> Response:
    constraints = _constraints(budget, max_raise, band_max)
    when = optional_date(effective, "effective") or date.today()
    found = remediate_finding(uow, user, run_id, number, constraints)
    return Response(
        plan_files_zip(found.result, when),
        media_type="application/zip",
        headers=attachment(f"raises-F{number}-run{run_id}.zip"),
    )


def _constraints(budget: str, max_raise: str, band_max: str) -> Constraints:
    problems: list[Problem] = []
    budget_value = _number(budget, "budget", 0, MAX_BUDGET, problems)
    raise_value = _number(max_raise, "max_raise", 0.1, 100, problems)
    if band_max not in (BandMax.RESPECT.value, BandMax.FLAG.value):
        problems.append(
            _problem("band_max", f"'{band_max}' is not a band rule.", "Choose respect or flag.")
        )
    if problems:
        raise LatticeworkError(problems)
    return Constraints(
        max_raise=DEFAULT_MAX_RAISE if raise_value is None else raise_value / 100,
        band_max=BandMax(band_max),
        budget=budget_value,
    )


def _number(
    text: str, field: str, low: float, high: float, problems: list[Problem]
) -> float | None:
    if not text.strip():
        return None
    try:
        value = float(text.strip().replace(",", ""))
    except ValueError:
        value = float("nan")
    if not low <= value <= high:  # also refuses NaN
        problems.append(
            _problem(field, f"'{text}' is not a number from {low:g} to {high:g}.", "Fix the value.")
        )
        return None
    return value


def _problem(field: str, message: str, fix: str) -> Problem:
    return Problem(message, location=Location(field=field), fix=fix, code="invalid-request")
