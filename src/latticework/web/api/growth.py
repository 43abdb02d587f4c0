"""/api: impact records and the statement preview, promotion packets, team composition."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from latticework.services import web_growth
from latticework.services.web_access import person_access
from latticework.services.web_growth import ImpactInput, TeamSummary
from latticework.services.web_people import ImpactView, list_impact
from latticework.web.deps import ConnDep, FrameworkDep, SettingsDep, UserDep
from latticework.web.documents import DocumentFormat, download

router = APIRouter(tags=["growth"])


class StatementPreview(BaseModel):
    statement: str


@router.get("/people/{employee_id}/impact", response_model=list[ImpactView])
async def get_impact(employee_id: str, user: UserDep, conn: ConnDep) -> list[ImpactView]:
    """A person's impact records with their business-framed statements."""
    person_access(conn, user, employee_id)
    return list_impact(conn, employee_id)


@router.post("/people/{employee_id}/impact", response_model=ImpactView, status_code=201)
def post_impact(employee_id: str, body: dict[str, Any], user: UserDep, conn: ConnDep) -> ImpactView:
    """Record impact for yourself, a report (manager) or anyone (people)."""
    return web_growth.add_impact(conn, user, employee_id, web_growth.parse_impact(body))


@router.post("/people/{employee_id}/impact/preview", response_model=StatementPreview)
def preview_impact(
    employee_id: str, body: dict[str, Any], user: UserDep, conn: ConnDep
) -> StatementPreview:
    """The statement an impact record would read as, without storing it."""
    person_access(conn, user, employee_id)
    record = web_growth.parse_impact(body)
    return StatementPreview(statement=web_growth.preview_statement(employee_id, record))


@router.get(
    "/people/{employee_id}/packet",
    response_model=None,
    responses={200: {"description": "The packet as JSON, or as a file with ?format="}},
)
def get_packet(
    employee_id: str,
    user: UserDep,
    conn: ConnDep,
    fw: FrameworkDep,
    target: str | None = None,
    format: DocumentFormat | None = None,
) -> Response:
    """The promotion packet: expectations, ratings with evidence, impact, roles, forums."""
    packet, doc = web_growth.promotion_packet(conn, fw, user, employee_id, target)
    if format is not None:
        return download(doc, format, f"packet-{employee_id}")
    return JSONResponse(packet.to_dict())


@router.get("/people/{employee_id}/plan", response_model=None)
def get_plan(
    employee_id: str, user: UserDep, conn: ConnDep, fw: FrameworkDep, settings: SettingsDep
) -> Response:
    """The active development plan, or one proposed for the gaps on the person's path
    (`stored` says which)."""
    plan, _, stored = web_growth.development_plan(
        conn, settings.database_url, fw, user, employee_id
    )
    return JSONResponse({"stored": stored, **plan.to_dict()})


@router.post("/people/{employee_id}/plan", response_model=None, status_code=201)
def post_plan(
    employee_id: str, user: UserDep, conn: ConnDep, fw: FrameworkDep, settings: SettingsDep
) -> Response:
    """Store the proposed plan as the active one (the previous plan is superseded)."""
    plan = web_growth.save_proposed_plan(conn, settings.database_url, fw, user, employee_id)
    return JSONResponse({"stored": True, **plan.to_dict()}, status_code=201)


@router.get("/teams", response_model=list[TeamSummary])
async def get_teams(
    user: UserDep, conn: ConnDep, q: str = "", limit: int = 500
) -> list[TeamSummary]:
    """Teams the caller may see (name containing `q`) with their headcount."""
    return web_growth.list_teams(conn, user, q, limit)


@router.get("/teams/{team}", response_model=None)
async def get_team(team: str, user: UserDep, conn: ConnDep, fw: FrameworkDep) -> Response:
    """One team's capabilities against the framework's targets, with its flags."""
    composition, _ = web_growth.team_composition(conn, fw, user, team)
    return JSONResponse(composition.to_dict())


__all__ = ["ImpactInput"]
