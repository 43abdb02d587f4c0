"""The manager's team page: every direct and indirect report on one sortable, paged table."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from latticework.accounts.model import Role
from latticework.errors import LatticeworkError
from latticework.growth.team_view import SORT_KEYS, TeamQuery
from latticework.services import access
from latticework.services.team_view import team_view
from latticework.web.deps import FrameworkDep, UowDep, UserDep
from latticework.web.guards import SIGNED_IN
from latticework.web.rendering import render

router = APIRouter(include_in_schema=False)

COLUMNS = (
    ("name", "Name"),
    ("relation", "Reports"),
    ("level", "Level"),
    ("months_in_level", "Months in level"),
    ("ready", "Readiness for the next level"),
    ("last_assessment", "Last assessment"),
)


@router.get("/team", dependencies=[SIGNED_IN], response_class=HTMLResponse)
async def team_page(
    request: Request,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    manager: str = "",
    sort: str = "name",
    order: str = "asc",
    relation: str = "",
    ready: str = "",
    q: str = "",
    page: int = 1,
) -> Response:
    # A manager sees their own team; the people role may open anyone's.
    if user.role is Role.PEOPLE and manager:
        manager_id = manager
    elif user.role in (Role.MANAGER, Role.PEOPLE) and user.employee_id:
        manager_id = user.employee_id
    else:
        raise access.denied("see a manager's team")
    query = TeamQuery(
        sort=sort if sort in SORT_KEYS else "name",
        descending=order == "desc",
        relation="direct" if relation == "direct" else "indirect" if relation else None,
        ready={"yes": True, "no": False}.get(ready),
        search=q or None,
        page=max(page, 1),
        per_page=25,
    )
    try:
        result = team_view(uow, fw, manager_id, query)
    except LatticeworkError as exc:
        return render(
            request, "error.html", {"problems": exc.problems, "status": 404}, status_code=404
        )
    filters = {"relation": relation, "ready": ready, "q": q}
    if user.role is Role.PEOPLE and manager:
        filters["manager"] = manager
    return render(
        request,
        "team_view.html",
        {
            "team": result,
            "columns": COLUMNS,
            "sort": query.sort,
            "order": "desc" if query.descending else "asc",
            "filters": filters,
        },
    )
