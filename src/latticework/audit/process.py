"""The promotion process as one frame per cycle and person: calibration, nomination, decision.

Everyone calibrated in a cycle is its roster: the people a committee could
nominate. Their level is the one calibrated at (the person's current level
when the record gives none), which places them at a grade and track.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from latticework.audit.context import AuditContext
from latticework.audit.population import level_table

if TYPE_CHECKING:
    import pandas as pd

POTENTIAL_SCORES = {"low": 1.0, "medium": 2.0, "high": 3.0}


def process_roster(ctx: AuditContext) -> pd.DataFrame:
    """Calibrated people with grade, track, change in rating, nomination and outcome flags."""
    return ctx.shared("process-roster", lambda: _build(ctx))


def _build(ctx: AuditContext) -> pd.DataFrame:
    import pandas as pd

    data = ctx.dataset
    cal = data.calibrations
    if cal.empty:
        return pd.DataFrame()
    people = data.people.set_index("employee_id")
    attributes = [a for a in ("gender", "ethnicity", "path") if a in people]
    roster = cal.assign(level=cal["level"].fillna(cal["employee_id"].map(people["level"])))
    for column in attributes:
        roster[column] = roster["employee_id"].map(people[column])
    levels = level_table(ctx.framework)[["level", "grade", "grade_rank", "track_kind"]]
    roster = roster.merge(levels, on="level", how="inner")
    roster = roster[roster["grade_rank"].notna()]
    keys = ["cycle_id", "employee_id"]
    nominated = data.nominations
    up = nominated.loc[nominated["move"] == "up", keys].assign(nominated=1)
    roster = roster.merge(up, on=keys, how="left")
    decisions = data.promotion_decisions
    approved = decisions.loc[decisions["outcome"] == "approved", keys].assign(approved=1)
    roster = roster.merge(approved, on=keys, how="left")
    roster["nominated"] = roster["nominated"].fillna(0).astype(int)
    roster["approved"] = (roster["approved"].fillna(0).astype(int) * roster["nominated"]).astype(
        int
    )
    roster["change"] = roster["post_rating"].astype(float) - roster["pre_rating"].astype(float)
    roster["potential_score"] = roster["potential"].map(POTENTIAL_SCORES).astype(float)
    for column in ("gender", "ethnicity"):
        if column in roster:
            roster[column] = roster[column].astype("object").str.strip().str.lower()
    return roster.reset_index(drop=True)
