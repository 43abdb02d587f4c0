"""The framework browser: tracks side by side, grades as rows; one level in detail."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from latticework.services.access import can_see_bands
from latticework.web.deps import FrameworkDep, StateDep, UowDep, UserDep
from latticework.web.guards import SIGNED_IN
from latticework.web.rendering import render
from latticework.web.views.framework import discipline_grid, level_detail, mark_here

router = APIRouter(include_in_schema=False)


@router.get("/framework", dependencies=[SIGNED_IN], response_class=HTMLResponse)
async def framework_page(
    request: Request,
    user: UserDep,
    uow: UowDep,
    fw: FrameworkDep,
    state: StateDep,
    discipline: str | None = None,
) -> Response:
    bands = can_see_bands(user)
    # The reader's own level, to mark "You are here"; their discipline is the one shown first.
    me = uow.people.get(user.employee_id) if user.employee_id else None
    here = me.level if me is not None and fw.has_level(me.level) else None
    if discipline is None and here is not None:
        discipline = fw.placement(here).discipline.id
    grid = state.frameworks.view(
        fw, ("grid", discipline, bands), lambda: discipline_grid(fw, discipline, with_bands=bands)
    )
    # The grid is the same for everyone who sees the same bands: render it once.
    grid_html = state.frameworks.view(
        fw,
        ("grid-html", discipline, bands),
        lambda: Markup(
            state.templates.get_template("_grid.html").render(grid=grid, show_bands=bands)
        ),
    )
    marked = Markup(mark_here(str(grid_html), here))
    return render(request, "framework.html", {"grid": grid, "grid_html": marked, "here": here})


@router.get("/framework/levels/{level_id}", dependencies=[SIGNED_IN], response_class=HTMLResponse)
async def level_page(
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
