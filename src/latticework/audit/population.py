"""The people frame the audits read: canonical columns plus grade, track, tenure, band position.

Built once per audit run, vectorised: band lookups go through a small table of
the distinct (level, zone) pairs, never a loop over people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from latticework.errors import LatticeworkError, Location, Problem
from latticework.framework.model import Framework

if TYPE_CHECKING:
    import pandas as pd

DAYS_PER_YEAR = 365.25
UNUSED_COLUMNS = ("name", "email", "team", "manager_id", "country", "grade")
CATEGORY_COLUMNS = (
    "zone", "grade", "track_kind", "level_discipline", "status", "pay_period", "discipline",
    "track", "path", "currency", "band_currency", "level_title", "gender", "ethnicity",
)  # fmt: skip
DAYS_PER_MONTH = DAYS_PER_YEAR / 12


@dataclass(frozen=True)
class Population:
    """Everyone in the data set (`people`) and the active people placed in the framework."""

    people: pd.DataFrame
    active: pd.DataFrame
    unplaced: int
    """Active people whose level is not in the framework (left out of grade-based audits)."""


def to_timestamps(values: pd.Series) -> pd.Series:
    from latticework.org.validity import timestamps

    return timestamps(values)


def level_table(framework: Framework) -> pd.DataFrame:
    """One row per framework level: discipline, track kind, title, grade and its rank."""
    import pandas as pd

    rows = [
        {
            "level": p.level.id,
            "level_title": p.level.title,
            "level_discipline": p.discipline.id,
            "track_kind": p.track.kind.value,
            "track_id": p.track.id,
            "grade": p.level.grade,
            "grade_rank": framework.grade_rank(p.level.grade)
            if p.level.grade in {g.id for g in framework.grades}
            else None,
        }
        for p in framework.placements()
    ]
    return pd.DataFrame(rows)


def build_population(people: pd.DataFrame, framework: Framework, as_of: date) -> Population:
    """Derive what every audit needs from the canonical people frame."""
    import numpy as np
    import pandas as pd

    from latticework.org.dataset import add_derived_pay

    frame = people
    if "base_annual_fte" not in frame or "total_annual_fte" not in frame:
        frame = add_derived_pay(frame, framework)
    # Contact details, teams and managers are not audited: leave them behind before copying.
    frame = frame.drop(columns=[c for c in UNUSED_COLUMNS if c in frame])
    levels = level_table(framework)
    frame = frame.merge(levels, on="level", how="left")
    frame["employee_id"] = frame["employee_id"].astype(str)
    duplicated = frame["employee_id"][frame["employee_id"].duplicated()]
    if not duplicated.empty:
        raise LatticeworkError(
            Problem(
                f"employee_id {duplicated.iloc[0]!r} appears more than once in the people table.",
                Location(file="people", field="employee_id"),
                "Give every person one row; history belongs in events.",
                code="audit-data",
            )
        )
    if "zone" not in frame:
        frame["zone"] = "default"
    frame["zone"] = frame["zone"].fillna("default").astype(str)
    if "path" not in frame:
        frame["path"] = None
    frame["hire_date"] = to_timestamps(frame["hire_date"])
    frame["exit_date"] = (
        to_timestamps(frame["exit_date"]) if "exit_date" in frame else pd.Series(pd.NaT)
    )
    as_of_ts = pd.Timestamp(as_of)
    frame["tenure_years"] = (as_of_ts - frame["hire_date"]).dt.days / DAYS_PER_YEAR
    status = frame["status"].fillna("active") if "status" in frame else "active"
    exited = (status == "exited") | (frame["exit_date"].notna() & (frame["exit_date"] <= as_of_ts))
    frame["active"] = ~exited
    if "performance_rating" in frame:
        frame["performance_rating"] = pd.to_numeric(frame["performance_rating"], errors="coerce")
    for name in ("variable_pay", "equity_annual"):
        frame[name] = (
            pd.to_numeric(frame[name], errors="coerce").fillna(0.0) if name in frame else 0.0
        )

    bands = _band_table(framework, frame[["level", "zone"]].drop_duplicates())
    frame = frame.merge(bands, on=["level", "zone"], how="left")
    frame["compa_ratio"] = frame["base_annual_fte"] / frame["band_mid"]
    width = frame["band_max"] - frame["band_min"]
    frame["range_penetration"] = np.where(
        width > 0, (frame["base_annual_fte"] - frame["band_min"]) / width, np.nan
    )
    # Categories compare and group much faster than strings at 100,000 people.
    for name in CATEGORY_COLUMNS:
        if name in frame:
            frame[name] = frame[name].astype("category")
    placed = frame["grade_rank"].notna()
    active = frame[frame["active"] & placed].reset_index(drop=True)
    unplaced = int((frame["active"] & ~placed).sum())
    return Population(people=frame, active=active, unplaced=unplaced)


def _band_table(framework: Framework, pairs: pd.DataFrame) -> pd.DataFrame:
    """Band min/mid/max for each distinct (level, zone) pair present in the data."""
    import pandas as pd

    rows = []
    for level, zone in pairs.itertuples(index=False):
        band = (
            framework.band_for(level, zone)
            if isinstance(level, str) and framework.has_level(level)
            else None
        )
        rows.append(
            {
                "level": level,
                "zone": zone,
                "band_min": band.min if band else float("nan"),
                "band_mid": band.mid if band else float("nan"),
                "band_max": band.max if band else float("nan"),
                "band_currency": band.currency if band else None,
            }
        )
    columns = ["level", "zone", "band_min", "band_mid", "band_max", "band_currency"]
    return pd.DataFrame(rows, columns=columns)
