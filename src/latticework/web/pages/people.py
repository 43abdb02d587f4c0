"""People pages: the list a reader may see, and one person's profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from latticework.accounts.model import Role
from latticework.errors import Location, Problem
from latticework.services import privacy, promotions
from latticework.services.access import COMMITTEE_ROLES
from latticework.services.people import list_people_page, read_person
from latticework.services.person_growth import list_teams
from latticework.storage import PeopleFilter
from latticework.web.deps import FrameworkDep, StateDep, UowDep, UserDep
from latticework.web.documents import attachment
from latticework.web.guards import PERSON, SELF_OR_HR, SIGNED_IN, RequireRole
from latticework.web.rendering import render
from latticework.web.views.people import filter_options, list_entries, profile_view

router = APIRouter(include_in_schema=False)


PER_PAGE = 50
"""Rows per page of the people list."""


@router.get("/people", dependencies=[SIGNED_IN], response_class=HTMLResponse)
async def people_page(
    request: Request,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    q: str = "",
    discipline: str = "",
    track: str = "",
    grade: str = "",
    team: str = "",
    status: str = "active",
    page: int = 1,
) -> Response:
    filters = PeopleFilter(
        text=q.strip(),
        discipline=discipline or None,
        track=track or None,
        grade=grade or None,
        team=team or None,
        status=status if status in ("active", "exited") else None,
    )
    found = list_people_page(uow, user, filters, page, PER_PAGE)
    teams = [t.team for t in list_teams(uow, user, "", limit=5000)]
    chosen = {"q": q, "discipline": discipline, "track": track, "grade": grade}
    chosen |= {"team": team, "status": status if status in ("active", "exited") else "all"}
    return render(
        request,
        "people.html",
        {
            "people": list_entries(fw, found.rows),
            "found": found,
            "filters": chosen,
            "options": filter_options(fw, teams),
        },
    )


@router.get("/people/{employee_id}", dependencies=[PERSON], response_class=HTMLResponse)
async def person_page(
    request: Request,
    employee_id: str,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    state: StateDep,
) -> Response:
    # Reads run inline; the access-log entry for reading pay is committed before the
    # page is rendered (see web.access_log for how it avoids waiting on the loop).
    read, access = read_person(uow, user, employee_id)
    await state.access_log.record(
        uow, user, "person.profile", [access.employee_id], access.sensitive_fields
    )
    nominations = promotions.nominations_of(uow, fw, user, employee_id)
    # The committee's way in from a profile: nominate in the newest cycle.
    may_nominate = user.role in COMMITTEE_ROLES and user.employee_id != employee_id
    cycles = promotions.list_cycles(uow, user) if may_nominate else []
    context = {"p": profile_view(fw, read, access), "nominations": nominations}
    context["nominate_in"] = cycles[0] if cycles else None
    return render(request, "person.html", context)


@router.get(
    "/people/{employee_id}/export",
    dependencies=[SELF_OR_HR],
)
def export_page(employee_id: str, user: UserDep, uow: UowDep) -> Response:
    data = privacy.export_person(uow, user, employee_id)
    return JSONResponse(
        data,
        headers=attachment(f"{employee_id}-export.json"),
    )


@router.post(
    "/people/{employee_id}/erase",
    dependencies=[RequireRole(Role.PEOPLE, what="erase a person")],
)
def erase_page(
    request: Request,
    employee_id: str,
    user: UserDep,
    uow: UowDep,
    confirm: Annotated[str, Form()] = "",
) -> Response:
    if confirm.strip() != employee_id:
        problem = Problem(
            "The erasure was not confirmed.",
            location=Location(field="confirm"),
            fix=f"Type the employee id ({employee_id}) to confirm; erasure cannot be undone.",
            code="confirm",
        )
        return render(
            request, "error.html", {"problems": [problem], "status": 422}, status_code=422
        )
    privacy.erase_person(uow, user, employee_id)
    uow.commit()
    uow.person_data.checkpoint_after_erase()
    return RedirectResponse(f"/people?erased={employee_id}", status_code=303)
