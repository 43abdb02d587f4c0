"""Promotion committees: the cycles, one cycle's candidates side by side with the parity panel,
and the forms that nominate, calibrate and decide (services.promotions holds the rules)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from latticework.accounts.model import Role
from latticework.errors import LatticeworkError
from latticework.org.columns import DECISION_OUTCOMES, POTENTIAL_RATINGS
from latticework.promotion.committee import OUTCOME_WORDS, POTENTIAL_WORDS
from latticework.services import promotions
from latticework.web.deps import FrameworkDep, UowDep, UserDep
from latticework.web.guards import RequireRole
from latticework.web.rendering import render

router = APIRouter(include_in_schema=False)

COMMITTEE = RequireRole(Role.MANAGER, Role.PEOPLE, what="see promotion committees")
DECIDER = RequireRole(Role.PEOPLE, what="record calibrations and decisions")
PER_PAGE = 25
"""Candidates per page of the committee table."""
FormText = Annotated[str, Form()]


def _choices() -> dict[str, object]:
    return {
        "outcomes": [(o, OUTCOME_WORDS[o]) for o in DECISION_OUTCOMES],
        "potentials": [(p, POTENTIAL_WORDS[p]) for p in POTENTIAL_RATINGS],
    }


@router.get("/promotions", dependencies=[COMMITTEE], response_class=HTMLResponse)
async def cycles_page(request: Request, user: UserDep, uow: UowDep) -> Response:
    return render(request, "promotions.html", {"cycles": promotions.list_cycles(uow, user)})


@router.get("/promotions/{cycle_id}", dependencies=[COMMITTEE], response_class=HTMLResponse)
def committee_page(
    request: Request, cycle_id: str, user: UserDep, uow: UowDep, fw: FrameworkDep, page: int = 1
) -> Response:
    view = promotions.committee(uow, fw, user, cycle_id)
    pages = max(1, -(-len(view.candidates) // PER_PAGE))
    page = min(max(page, 1), pages)
    shown = view.candidates[(page - 1) * PER_PAGE : page * PER_PAGE]
    return render(
        request,
        "committee.html",
        {"view": view, "shown": shown, "page": page, "pages": pages, **_choices()},
    )


def _nominate_page(
    request: Request,
    uow: UowDep,
    fw: FrameworkDep,
    user: UserDep,
    cycle_id: str,
    employee_id: str,
    problems: list[object] | None = None,
) -> Response:
    try:
        cycle, person, moves = promotions.nomination_moves(uow, fw, user, cycle_id, employee_id)
    except LatticeworkError as exc:
        if exc.problems[0].code in ("forbidden", "not-found"):
            raise
        view = promotions.committee(uow, fw, user, cycle_id)
        context = {"view": view, "shown": view.candidates[:PER_PAGE], "page": 1}
        context |= {"pages": 1, "problems": exc.problems, **_choices()}
        return render(request, "committee.html", context, status_code=422)
    title = fw.level(person.level).title if fw.has_level(person.level) else "their level"
    context = {"cycle": cycle, "person": person, "title": title, "moves": moves}
    context["eligibility"] = promotions.eligibility(uow, fw, cycle, person.employee_id)
    return render(
        request,
        "nominate.html",
        {**context, "problems": problems},
        status_code=422 if problems else 200,
    )


@router.get(
    "/promotions/{cycle_id}/nominate", dependencies=[COMMITTEE], response_class=HTMLResponse
)
def nominate_form(
    request: Request,
    cycle_id: str,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    employee_id: str = "",
) -> Response:
    return _nominate_page(request, uow, fw, user, cycle_id, employee_id.strip())


@router.post("/promotions/{cycle_id}/nominations", dependencies=[COMMITTEE])
def nominate(
    request: Request,
    cycle_id: str,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    employee_id: FormText = "",
    target: FormText = "",
) -> Response:
    try:
        promotions.nominate(uow, fw, user, cycle_id, employee_id.strip(), target)
    except LatticeworkError as exc:
        if exc.problems[0].code in ("forbidden", "not-found"):
            raise
        return _nominate_page(request, uow, fw, user, cycle_id, employee_id, list(exc.problems))
    return RedirectResponse(
        f"/promotions/{quote(cycle_id)}/people/{quote(employee_id.strip())}?saved=nomination",
        status_code=303,
    )


def _candidate_page(
    request: Request,
    uow: UowDep,
    fw: FrameworkDep,
    user: UserDep,
    cycle_id: str,
    employee_id: str,
    problems: list[object] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    view = promotions.candidate(uow, fw, user, cycle_id, employee_id)
    context = {"c": view, "problems": problems, "values": values or {}, **_choices()}
    return render(request, "candidate.html", context, status_code=422 if problems else 200)


@router.get(
    "/promotions/{cycle_id}/people/{employee_id}",
    dependencies=[COMMITTEE],
    response_class=HTMLResponse,
)
def candidate_page(
    request: Request, cycle_id: str, employee_id: str, user: UserDep, uow: UowDep, fw: FrameworkDep
) -> Response:
    return _candidate_page(request, uow, fw, user, cycle_id, employee_id)


@router.post("/promotions/{cycle_id}/people/{employee_id}/calibration", dependencies=[DECIDER])
def calibrate(
    request: Request,
    cycle_id: str,
    employee_id: str,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    pre_rating: FormText = "",
    post_rating: FormText = "",
    potential: FormText = "",
    note: FormText = "",
) -> Response:
    try:
        promotions.calibrate(
            uow, fw, user, cycle_id, employee_id, pre_rating, post_rating, potential, note
        )
    except LatticeworkError as exc:
        if exc.problems[0].code in ("forbidden", "not-found"):
            raise
        values = {"pre_rating": pre_rating, "post_rating": post_rating}
        values |= {"potential": potential, "note": note}
        return _candidate_page(
            request, uow, fw, user, cycle_id, employee_id, list(exc.problems), values
        )
    return RedirectResponse(
        f"/promotions/{quote(cycle_id)}/people/{quote(employee_id)}?saved=calibration",
        status_code=303,
    )


@router.post("/promotions/{cycle_id}/people/{employee_id}/decision", dependencies=[DECIDER])
def decide(
    request: Request,
    cycle_id: str,
    employee_id: str,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    outcome: FormText = "",
    reason: FormText = "",
) -> Response:
    try:
        promotions.decide(uow, user, cycle_id, employee_id, outcome, reason)
    except LatticeworkError as exc:
        if exc.problems[0].code in ("forbidden", "not-found"):
            raise
        values = {"outcome": outcome, "reason": reason}
        return _candidate_page(
            request, uow, fw, user, cycle_id, employee_id, list(exc.problems), values
        )
    return RedirectResponse(
        f"/promotions/{quote(cycle_id)}?decided={quote(employee_id)}", status_code=303
    )
