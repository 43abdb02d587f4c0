"""/api/eu and a worker's information requests: the EU Pay Transparency Directive as JSON.

The same services as the pages and the `latticework eu` commands. Reports hold aggregates
only (people and representative roles); a letter holds one worker's own pay and is served
to them once their request is answered, and to the people role.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from latticework.accounts.model import Role
from latticework.audit.context import DEFAULT_MIN_GROUP
from latticework.services.access import PAY_TRANSPARENCY_READERS
from latticework.web.deps import UowDep, UserDep
from latticework.web.guards import SELF_OR_HR, RequireRole

router = APIRouter(tags=["eu pay transparency"])

READERS = RequireRole(*PAY_TRANSPARENCY_READERS, what="see the pay transparency reports")
PEOPLE = RequireRole(Role.PEOPLE, what="manage the pay transparency registers")


class InformationRequest(BaseModel):
    id: int
    employee_id: str
    received_on: date
    due_on: date
    status: str
    answered_by: str | None
    answered_on: date | None
    overdue: bool


def _request_view(entry: Any) -> InformationRequest:
    r = entry.request
    return InformationRequest(
        id=r.id,
        employee_id=r.employee_id,
        received_on=r.received_on,
        due_on=r.due_on,
        status=r.status,
        answered_by=r.answered_by,
        answered_on=r.answered_on,
        overdue=entry.overdue,
    )


@router.get("/eu/reports/{entity}/{year}", dependencies=[READERS], response_model=None)
def get_report(
    entity: str,
    year: int,
    user: UserDep,
    uow: UowDep,
    min_group: int = DEFAULT_MIN_GROUP,
    categories: str = "grade",
) -> Response:
    """The Article 9 report of an employer on pay as of 31 December of `year` (the
    `eu report --format json` document; `categories`: grade or value)."""
    from latticework.audit.categories import category_basis
    from latticework.reports.eu_report import report_json
    from latticework.services.eu_information import log_aggregate
    from latticework.services.eu_reports import article9

    report = article9(
        uow,
        legal_entity=entity,
        year=year,
        min_group=min_group,
        categories=category_basis(categories),
    )
    log_aggregate(uow, user.username, f"eu-report:{entity}:{year}")
    return Response(report_json(report), media_type="application/json")


@router.get("/eu/requests", dependencies=[PEOPLE], response_model=list[InformationRequest])
def get_requests(user: UserDep, uow: UowDep) -> list[InformationRequest]:
    """The Article 7 request register, oldest first, with overdue requests flagged."""
    from latticework.services.eu_information import register

    return [_request_view(e) for e in register(uow, date.today())]


@router.get(
    "/people/{employee_id}/information-requests",
    dependencies=[SELF_OR_HR],
    response_model=list[InformationRequest],
)
def get_own_requests(employee_id: str, user: UserDep, uow: UowDep) -> list[InformationRequest]:
    """One worker's information requests (themselves or the people role)."""
    from latticework.services.eu_information import requests_of

    return [_request_view(e) for e in requests_of(uow, employee_id, date.today())]


@router.post(
    "/people/{employee_id}/information-requests",
    dependencies=[SELF_OR_HR],
    status_code=201,
    response_model=InformationRequest,
)
def post_request(employee_id: str, user: UserDep, uow: UowDep) -> InformationRequest:
    """Ask for one's pay information (Art. 7): received today, due within the country's period."""
    from latticework.services.eu_information import RegisterEntry, record_request

    stored = record_request(uow, employee_id, date.today())
    return _request_view(RegisterEntry(stored, overdue=False))


@router.get(
    "/people/{employee_id}/information-requests/{request_id}/letter",
    dependencies=[SELF_OR_HR],
    response_model=None,
)
def get_letter(employee_id: str, request_id: int, user: UserDep, uow: UowDep) -> Response:
    """The Article 7 letter answering a request (the `eu rti --format json` document)."""
    from latticework.reports.eu_letters import letter_dict
    from latticework.services.eu_information import letter_for_request

    letter, _ = letter_for_request(uow, user, employee_id, request_id)
    return JSONResponse(letter_dict(letter))
