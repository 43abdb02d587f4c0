"""Impact entry with the statement preview, promotion packets and team composition."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from latticework.errors import LatticeworkError
from latticework.growth.plan import STATUS_WORDS
from latticework.org.columns import IMPACT_CATEGORIES
from latticework.services import impact, people, person_growth
from latticework.web.deps import (
    FrameworkDep,
    StateDep,
    UowDep,
    UserDep,
    write_in_thread,
)
from latticework.web.documents import DocumentFormat, download
from latticework.web.guards import PERSON, SIGNED_IN, TEAM
from latticework.web.rendering import render
from latticework.web.views.people import impact_views, list_entries
from latticework.web.views.teams import verdict

router = APIRouter(include_in_schema=False)

CATEGORY_LABELS = {
    "risk_reduction": "Risk reduction (outages, breaches, data loss, fines prevented)",
    "enablement": "Capability enablement (features or products made possible)",
    "efficiency": "Efficiency (cost, performance, reliability)",
    "excellence": "Excellence (talent attracted, bar raised)",
}
IMPACT_FIELDS = (
    "category",
    "title",
    "date",
    "metric",
    "value",
    "unit",
    "beneficiary",
    "horizon",
    "evidence",
    "statement",
)


def _impact_page(
    request: Request,
    uow: UowDep,
    employee_id: str,
    values: dict[str, str],
    *,
    preview: str | None = None,
    problems: list[object] | None = None,
    saved: str | None = None,
    status_code: int = 200,
) -> Response:
    name = uow.people.name_of(employee_id)
    context = {
        "employee_id": employee_id,
        "person_name": name or employee_id,
        "values": values,
        "categories": [(c, CATEGORY_LABELS.get(c, c)) for c in IMPACT_CATEGORIES],
        "preview": preview,
        "problems": problems,
        "saved": saved,
        "recent": impact_views(people.impact_of(uow, employee_id)[:5]),
    }
    return render(request, "impact_new.html", context, status_code=status_code)


@router.get("/people/{employee_id}/impact/new", dependencies=[PERSON], response_class=HTMLResponse)
def impact_form(request: Request, employee_id: str, user: UserDep, uow: UowDep) -> Response:
    return _impact_page(request, uow, employee_id, {"category": "efficiency"})


@router.post("/people/{employee_id}/impact", dependencies=[PERSON], response_class=HTMLResponse)
async def impact_submit(
    request: Request, employee_id: str, user: UserDep, uow: UowDep, state: StateDep
) -> Response:
    form = await request.form()
    values = {k: str(form.get(k) or "") for k in IMPACT_FIELDS}
    try:
        record = impact.parse_impact(dict(values))
        if form.get("action") == "preview":
            statement = impact.preview_statement(employee_id, record)
            return _impact_page(request, uow, employee_id, values, preview=statement)
        saved = await write_in_thread(
            state, uow, lambda: impact.add_impact(uow, user, employee_id, record)
        )
    except LatticeworkError as exc:
        return _impact_page(
            request, uow, employee_id, values, problems=list(exc.problems), status_code=422
        )
    return RedirectResponse(
        f"/people/{employee_id}/impact/new?saved={saved.impact_id}", status_code=303
    )


@router.get("/people/{employee_id}/packet", dependencies=[PERSON], response_model=None)
def packet_page(
    request: Request,
    employee_id: str,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    target: str | None = None,
    path: str | None = None,
    format: DocumentFormat | None = None,
) -> Response:
    from latticework.errors import LatticeworkError
    from latticework.reports.growth_packet import packet_document

    moves = person_growth.packet_moves(uow, fw, user, employee_id)
    try:
        packet = person_growth.promotion_packet(
            uow, fw, user, employee_id, target or None, path or None
        )
    except LatticeworkError as exc:
        # At the top of a track, or a move that is not legal: offer the moves there are.
        return render(
            request,
            "packet_choose.html",
            {"employee_id": employee_id, "moves": moves, "problems": exc.problems},
            status_code=200 if exc.problems[0].code == "top-of-track" else 422,
        )
    doc = packet_document(packet, fw)
    if format is not None:
        return download(doc, format, f"packet-{employee_id}")
    return render(
        request,
        "document_page.html",
        {"doc": doc, "downloads": True, "moves": moves, "employee_id": employee_id},
    )


@router.get("/teams", dependencies=[SIGNED_IN], response_class=HTMLResponse)
async def teams_page(
    request: Request, user: UserDep, uow: UowDep, fw: FrameworkDep, q: str = "", page: int = 1
) -> Response:
    found = person_growth.teams_page(uow, fw, user, q, page, per_page=50)
    rows = [(t, verdict(fw, c) if c else None) for t, c in found.teams]
    return render(request, "teams.html", {"found": found, "rows": rows, "q": q})


@router.get("/teams/{team}", dependencies=[TEAM], response_class=HTMLResponse)
async def team_page(
    request: Request, team: str, user: UserDep, uow: UowDep, fw: FrameworkDep
) -> Response:
    from latticework.reports.growth_teams import teams_document

    composition = person_growth.team_composition(uow, fw, user, team)
    doc = teams_document(composition, fw, team)
    members = list_entries(fw, people.active_team_members(uow, team))
    found = composition.teams[0]
    context = {"doc": doc, "team": found, "verdict": verdict(fw, found), "members": members}
    return render(request, "team.html", context)


@router.get("/people/{employee_id}/plan", dependencies=[PERSON], response_model=None)
def plan_page(
    request: Request,
    employee_id: str,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    format: DocumentFormat | None = None,
) -> Response:
    return _plan_page(request, employee_id, user, uow, fw, format)


def _plan_page(
    request: Request,
    employee_id: str,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    format: DocumentFormat | None = None,
    problems: list[object] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    from latticework.reports.growth_views import plan_document

    plan, person, stored = person_growth.development_plan(uow, fw, user, employee_id)
    doc = plan_document(plan, person, fw)
    if format is not None:
        return download(doc, format, f"plan-{employee_id}")
    context = {
        "doc": doc,
        "stored": stored,
        "employee_id": employee_id,
        "plan": plan,
        "checkins": person_growth.plan_checkins(uow, user, plan) if stored else {},
        "statuses": list(STATUS_WORDS.items()),
        "status_words": STATUS_WORDS,
        "today": date.today().isoformat(),
        "problems": problems,
        "values": values or {},
    }
    return render(request, "plan.html", context, status_code=422 if problems else 200)


@router.post("/people/{employee_id}/plan/items/{item}/checkins", dependencies=[PERSON])
def check_in(
    request: Request,
    employee_id: str,
    item: int,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    status: Annotated[str, Form()] = "",
    due_date: Annotated[str, Form()] = "",
    checked_on: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    try:
        person_growth.check_in_plan_item(
            uow, fw, user, employee_id, item,
            status=status, due_date=due_date, note=note, checked_on=checked_on,
        )  # fmt: skip
    except LatticeworkError as exc:
        if exc.problems[0].code in ("forbidden", "not-found"):
            raise
        values = {"item": str(item), "status": status, "due_date": due_date}
        values |= {"checked_on": checked_on, "note": note}
        return _plan_page(
            request, employee_id, user, uow, fw, problems=list(exc.problems), values=values
        )
    return RedirectResponse(
        f"/people/{quote(employee_id)}/plan?checked={item}#item-{item}", status_code=303
    )


@router.post(
    "/people/{employee_id}/plan",
    dependencies=[PERSON],
)
def save_plan(employee_id: str, user: UserDep, uow: UowDep, fw: FrameworkDep) -> Response:
    person_growth.save_proposed_plan(uow, fw, user, employee_id)
    return RedirectResponse(f"/people/{employee_id}/plan", status_code=303)
