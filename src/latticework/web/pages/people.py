"""People pages: the list a reader may see, and one person's profile."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from latticework.services.web_people import list_people, person_profile
from latticework.web.deps import ConnDep, FrameworkDep, UserDep
from latticework.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/people", response_class=HTMLResponse)
def people_page(
    request: Request, user: UserDep, conn: ConnDep, fw: FrameworkDep, q: str = ""
) -> Response:
    found = list_people(conn, fw, user, q, limit=200)
    return render(request, "people.html", {"people": found, "q": q})


@router.get("/people/{employee_id}", response_class=HTMLResponse)
def person_page(
    request: Request, employee_id: str, user: UserDep, conn: ConnDep, fw: FrameworkDep
) -> Response:
    profile = person_profile(conn, fw, user, employee_id)
    return render(request, "person.html", {"p": profile})
