"""/api: impact records and the statement preview, promotion packets, team composition."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from latticework.services import impact, people, person_growth
from latticework.services.impact import ImpactInput
from latticework.web.deps import FrameworkDep, UowDep, UserDep
from latticework.web.documents import DocumentFormat, download
from latticework.web.guards import PERSON, SIGNED_IN, TEAM
from latticework.web.views.people import ImpactView, TeamSummary, impact_view, impact_views

router = APIRouter(tags=["growth"])


class StatementPreview(BaseModel):
    statement: str


@router.get("/people/{employee_id}/impact", dependencies=[PERSON], response_model=list[ImpactView])
async def get_impact(employee_id: str, user: UserDep, uow: UowDep) -> list[ImpactView]:
    """A person's impact records with their business-framed statements."""
    return impact_views(people.impact_of(uow, employee_id))


@router.post(
    "/people/{employee_id}/impact",
    dependencies=[PERSON],
    response_model=ImpactView,
    status_code=201,
)
def post_impact(employee_id: str, body: dict[str, Any], user: UserDep, uow: UowDep) -> ImpactView:
    """Record impact for yourself, a report (manager) or anyone (people)."""
    return impact_view(impact.add_impact(uow, user, employee_id, impact.parse_impact(body)))


@router.post(
    "/people/{employee_id}/impact/preview", dependencies=[PERSON], response_model=StatementPreview
)
def preview_impact(
    employee_id: str, body: dict[str, Any], user: UserDep, uow: UowDep
) -> StatementPreview:
    """The statement an impact record would read as, without storing it."""
    record = impact.parse_impact(body)
    return StatementPreview(statement=impact.preview_statement(employee_id, record))


@router.get(
    "/people/{employee_id}/packet",
    dependencies=[PERSON],
    response_model=None,
    responses={200: {"description": "The packet as JSON, or as a file with ?format="}},
)
def get_packet(
    employee_id: str,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    target: str | None = None,
    format: DocumentFormat | None = None,
) -> Response:
    """The promotion packet: expectations, ratings with evidence, impact, roles, forums."""
    from latticework.reports.growth_packet import packet_document

    packet = person_growth.promotion_packet(uow, fw, user, employee_id, target)
    if format is not None:
        return download(packet_document(packet, fw), format, f"packet-{employee_id}")
    return JSONResponse(packet.to_dict())


@router.get("/people/{employee_id}/plan", dependencies=[PERSON], response_model=None)
def get_plan(employee_id: str, user: UserDep, uow: UowDep, fw: FrameworkDep) -> Response:
    """The active development plan, or one proposed for the gaps on the person's path
    (`stored` says which)."""
    plan, _, stored = person_growth.development_plan(uow, fw, user, employee_id)
    return JSONResponse({"stored": stored, **plan.to_dict()})


@router.post(
    "/people/{employee_id}/plan", dependencies=[PERSON], response_model=None, status_code=201
)
def post_plan(employee_id: str, user: UserDep, uow: UowDep, fw: FrameworkDep) -> Response:
    """Store the proposed plan as the active one (the previous plan is superseded)."""
    plan = person_growth.save_proposed_plan(uow, fw, user, employee_id)
    return JSONResponse({"stored": True, **plan.to_dict()}, status_code=201)


@router.get("/teams", dependencies=[SIGNED_IN], response_model=list[TeamSummary])
async def get_teams(user: UserDep, uow: UowDep, q: str = "", limit: int = 500) -> list[TeamSummary]:
    """Teams the caller may see (name containing `q`) with their headcount."""
    return [
        TeamSummary(team=t.team, size=t.size) for t in person_growth.list_teams(uow, user, q, limit)
    ]


@router.get("/teams/{team}", dependencies=[TEAM], response_model=None)
async def get_team(team: str, user: UserDep, uow: UowDep, fw: FrameworkDep) -> Response:
    """One team's capabilities against the framework's targets, with its flags."""
    composition = person_growth.team_composition(uow, fw, user, team)
    return JSONResponse(composition.teams[0].to_dict())


__all__ = ["ImpactInput"]
