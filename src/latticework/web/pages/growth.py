"""Impact entry with the statement preview, promotion packets and team composition."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from latticework.errors import LatticeworkError
from latticework.org.columns import IMPACT_CATEGORIES
from latticework.services import web_growth
from latticework.services.web_access import person_access
from latticework.services.web_people import list_impact
from latticework.storage.repository import get_person
from latticework.web.deps import (
    ConnDep,
    FrameworkDep,
    SettingsDep,
    StateDep,
    UserDep,
    write_in_thread,
)
from latticework.web.documents import DocumentFormat, download
from latticework.web.rendering import render

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
    conn: ConnDep,
    employee_id: str,
    values: dict[str, str],
    *,
    preview: str | None = None,
    problems: list[object] | None = None,
    saved: str | None = None,
    status_code: int = 200,
) -> Response:
    person = get_person(conn, employee_id)
    context = {
        "employee_id": employee_id,
        "person_name": person.name if person else employee_id,
        "values": values,
        "categories": [(c, CATEGORY_LABELS.get(c, c)) for c in IMPACT_CATEGORIES],
        "preview": preview,
        "problems": problems,
        "saved": saved,
        "recent": list_impact(conn, employee_id)[:5],
    }
    return render(request, "impact_new.html", context, status_code=status_code)


@router.get("/people/{employee_id}/impact/new", response_class=HTMLResponse)
def impact_form(request: Request, employee_id: str, user: UserDep, conn: ConnDep) -> Response:
    person_access(conn, user, employee_id)
    return _impact_page(request, conn, employee_id, {"category": "efficiency"})


@router.post("/people/{employee_id}/impact", response_class=HTMLResponse)
async def impact_submit(
    request: Request, employee_id: str, user: UserDep, conn: ConnDep, state: StateDep
) -> Response:
    person_access(conn, user, employee_id)
    form = await request.form()
    values = {k: str(form.get(k) or "") for k in IMPACT_FIELDS}
    try:
        record = web_growth.parse_impact(dict(values))
        if form.get("action") == "preview":
            statement = web_growth.preview_statement(employee_id, record)
            return _impact_page(request, conn, employee_id, values, preview=statement)
        saved = await write_in_thread(
            state, conn, lambda: web_growth.add_impact(conn, user, employee_id, record)
        )
    except LatticeworkError as exc:
        return _impact_page(
            request, conn, employee_id, values, problems=list(exc.problems), status_code=422
        )
    return RedirectResponse(
        f"/people/{employee_id}/impact/new?saved={saved.impact_id}", status_code=303
    )


@router.get("/people/{employee_id}/packet", response_model=None)
def packet_page(
    request: Request,
    employee_id: str,
    user: UserDep,
    conn: ConnDep,
    fw: FrameworkDep,
    target: str | None = None,
    format: DocumentFormat | None = None,
) -> Response:
    _, doc = web_growth.promotion_packet(conn, fw, user, employee_id, target or None)
    if format is not None:
        return download(doc, format, f"packet-{employee_id}")
    return render(request, "document_page.html", {"doc": doc, "downloads": True})


@router.get("/teams", response_class=HTMLResponse)
async def teams_page(request: Request, user: UserDep, conn: ConnDep, q: str = "") -> Response:
    teams = web_growth.list_teams(conn, user, q, limit=200)
    return render(request, "teams.html", {"teams": teams, "q": q})


@router.get("/teams/{team}", response_class=HTMLResponse)
async def team_page(
    request: Request, team: str, user: UserDep, conn: ConnDep, fw: FrameworkDep
) -> Response:
    composition, doc = web_growth.team_composition(conn, fw, user, team)
    return render(request, "team.html", {"doc": doc, "team": composition})


@router.get("/people/{employee_id}/plan", response_model=None)
def plan_page(
    request: Request,
    employee_id: str,
    user: UserDep,
    conn: ConnDep,
    fw: FrameworkDep,
    settings: SettingsDep,
    format: DocumentFormat | None = None,
) -> Response:
    plan, doc, stored = web_growth.development_plan(
        conn, settings.database_url, fw, user, employee_id
    )
    if format is not None:
        return download(doc, format, f"plan-{employee_id}")
    context = {"doc": doc, "stored": stored, "employee_id": employee_id, "plan": plan}
    return render(request, "plan.html", context)


@router.post("/people/{employee_id}/plan")
def save_plan(
    employee_id: str, user: UserDep, conn: ConnDep, fw: FrameworkDep, settings: SettingsDep
) -> Response:
    web_growth.save_proposed_plan(conn, settings.database_url, fw, user, employee_id)
    return RedirectResponse(f"/people/{employee_id}/plan", status_code=303)
