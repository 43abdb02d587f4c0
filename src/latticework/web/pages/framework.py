"""The framework browser: tracks side by side, grades as rows; one level in detail."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from latticework.services.web_access import can_see_bands
from latticework.services.web_framework import discipline_grid, level_detail
from latticework.web.deps import FrameworkDep, StateDep, UserDep
from latticework.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/framework", response_class=HTMLResponse)
def framework_page(
    request: Request,
    user: UserDep,
    fw: FrameworkDep,
    state: StateDep,
    discipline: str | None = None,
) -> Response:
    bands = can_see_bands(user)
    grid = state.frameworks.view(
        fw, ("grid", discipline, bands), lambda: discipline_grid(fw, discipline, with_bands=bands)
    )
    return render(request, "framework.html", {"grid": grid})


@router.get("/framework/levels/{level_id}", response_class=HTMLResponse)
def level_page(
    request: Request,
    level_id: str,
    user: UserDep,
    fw: FrameworkDep,
    state: StateDep,
    path: str | None = None,
) -> Response:
    bands = can_see_bands(user)
    detail = state.frameworks.view(
        fw,
        ("level", level_id, path or None, bands),
        lambda: level_detail(fw, level_id, path or None, with_bands=bands),
    )
    return render(request, "level.html", {"detail": detail})
