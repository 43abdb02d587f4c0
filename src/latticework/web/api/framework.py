"""/api/framework: the grid per discipline and levels with their expectations."""

from __future__ import annotations

from fastapi import APIRouter

from latticework.services.access import can_see_bands
from latticework.web.deps import FrameworkDep, StateDep, UserDep
from latticework.web.guards import SIGNED_IN
from latticework.web.views.framework import (
    DisciplineGrid,
    LevelDetail,
    discipline_grid,
    level_detail,
)

router = APIRouter(tags=["framework"])


@router.get("/framework", dependencies=[SIGNED_IN], response_model=DisciplineGrid)
async def get_framework(
    user: UserDep, fw: FrameworkDep, state: StateDep, discipline: str | None = None
) -> DisciplineGrid:
    """Tracks side by side with grades as rows; bands only for roles that may see pay."""
    bands = can_see_bands(user)
    return state.frameworks.view(
        fw, ("grid", discipline, bands), lambda: discipline_grid(fw, discipline, with_bands=bands)
    )


@router.get("/framework/levels/{level_id}", dependencies=[SIGNED_IN], response_model=LevelDetail)
async def get_level(
    level_id: str, user: UserDep, fw: FrameworkDep, state: StateDep, path: str | None = None
) -> LevelDetail:
    """One level: paths, expectations on a path, equivalent levels, next level, band."""
    bands = can_see_bands(user)
    return state.frameworks.view(
        fw,
        ("level", level_id, path, bands),
        lambda: level_detail(fw, level_id, path, with_bands=bands),
    )
