"""People pages: the list a reader may see, and one person's profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from latticework.errors import Location, Problem
from latticework.services import web_privacy
from latticework.services.web_people import list_people, read_person_profile
from latticework.web.deps import ConnDep, FrameworkDep, StateDep, UserDep
from latticework.web.documents import attachment
from latticework.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/people", response_class=HTMLResponse)
async def people_page(
    request: Request, user: UserDep, conn: ConnDep, fw: FrameworkDep, q: str = ""
) -> Response:
    found = list_people(conn, fw, user, q, limit=200)
    return render(request, "people.html", {"people": found, "q": q})


@router.get("/people/{employee_id}", response_class=HTMLResponse)
async def person_page(
    request: Request,
    employee_id: str,
    user: UserDep,
    conn: ConnDep,
    fw: FrameworkDep,
    state: StateDep,
) -> Response:
    # Reads run inline; the access-log entry for reading pay is committed before the
    # page is rendered (see web.access_log for how it avoids waiting on the loop).
    profile, access = read_person_profile(conn, fw, user, employee_id)
    await state.access_log.record(
        conn, user, "person.profile", [access.employee_id], access.sensitive_fields
    )
    return render(request, "person.html", {"p": profile})


@router.get("/people/{employee_id}/export")
def export_page(employee_id: str, user: UserDep, conn: ConnDep) -> Response:
    data = web_privacy.export_person(conn, user, employee_id)
    return JSONResponse(
        data,
        headers=attachment(f"{employee_id}-export.json"),
    )


@router.post("/people/{employee_id}/erase")
def erase_page(
    request: Request,
    employee_id: str,
    user: UserDep,
    conn: ConnDep,
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
    web_privacy.erase_person(conn, user, employee_id)
    return RedirectResponse(f"/people?erased={employee_id}", status_code=303)
