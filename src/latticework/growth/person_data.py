"""The typed records growth works on, and their construction from canonical data frames.

Services hand the domain an `OrgDataset` (columns of `latticework.org.columns`);
these functions turn the rows about one person or team into frozen values, so
nothing downstream indexes a data frame by a string.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from latticework.org.dataset import OrgDataset


@dataclass(frozen=True, slots=True)
class Person:
    """Who someone is in the framework: discipline, track, level and path, team and dates."""

    employee_id: str
    discipline: str
    track: str
    level: str
    path: str | None = None
    name: str = ""
    team: str | None = None
    manager_id: str | None = None
    hire_date: date | None = None
    level_start_date: date | None = None

    @property
    def display_name(self) -> str:
        return self.name or self.employee_id


@dataclass(frozen=True, slots=True)
class ImpactRecord:
    """A piece of work framed in business terms (DESIGN §2, `impact.csv`)."""

    impact_id: str
    employee_id: str
    date: date
    category: str
    title: str
    metric: str | None = None
    value: float | None = None
    unit: str | None = None
    beneficiary: str | None = None
    horizon: str | None = None
    evidence: str | None = None
    statement: str | None = None
    competency: str | None = None


@dataclass(frozen=True, slots=True)
class Rating:
    """One rating of one competency by one rater in one cycle."""

    competency: str
    rater: str
    rating: int
    cycle: str
    evidence: str | None = None
    date: date | None = None


@dataclass(frozen=True, slots=True)
class RoleHeld:
    """A project-based leadership role a person held (or holds: no end date)."""

    role: str
    start_date: date
    end_date: date | None = None
    scope: str | None = None


@dataclass(frozen=True, slots=True)
class Participation:
    """Attendance of one forum meeting."""

    forum: str
    date: date
    role: str = "member"


# -- from data frames -------------------------------------------------------------


def _clean(value: Any) -> Any:
    """pandas' missing values (NaN, NaT, None) as None."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        import pandas as pd

        if value is pd.NaT or (not isinstance(value, str | int | float | date) and pd.isna(value)):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _text(value: Any) -> str | None:
    value = _clean(value)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _date(value: Any) -> date | None:
    value = _clean(value)
    if value is None:
        return None
    if hasattr(value, "date") and callable(value.date):
        result = value.date()
        return result if isinstance(result, date) else None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _float(value: Any) -> float | None:
    value = _clean(value)
    return None if value is None else float(value)


def _rows(frame: pd.DataFrame, column: str, key: str) -> list[dict[str, Any]]:
    if frame.empty or column not in frame:
        return []
    selected = frame[frame[column].astype(str) == key]
    return [{str(k): v for k, v in row.items()} for row in selected.to_dict(orient="records")]


def person_from_row(row: dict[str, Any]) -> Person:
    return Person(
        employee_id=str(row["employee_id"]),
        discipline=str(row["discipline"]),
        track=str(row["track"]),
        level=str(row["level"]),
        path=_text(row.get("path")),
        name=_text(row.get("name")) or "",
        team=_text(row.get("team")),
        manager_id=_text(row.get("manager_id")),
        hire_date=_date(row.get("hire_date")),
        level_start_date=_date(row.get("level_start_date")),
    )


@dataclass(frozen=True, slots=True)
class Placement:
    """Who someone is in the framework and which team they are in: all composition reads."""

    employee_id: str
    discipline: str
    track: str
    level: str
    path: str | None
    team: str | None


def placements_from_frame(frame: pd.DataFrame) -> list[Placement]:
    """Placements of everyone in a people frame, built column by column (it runs on everyone)."""
    names = ("employee_id", "discipline", "track", "level", "path", "team")
    columns = [frame[c].tolist() for c in names]
    # NaN (missing) is the only value not equal to itself; str() keeps ids that came as numbers.
    return [
        Placement(
            str(i), str(d), str(t), str(lv), p if p == p else None, team if team == team else None
        )
        for i, d, t, lv, p, team in zip(*columns, strict=True)
    ]


def people_from_frame(frame: pd.DataFrame) -> list[Person]:
    return [
        person_from_row({str(k): v for k, v in r.items()}) for r in frame.to_dict(orient="records")
    ]


def impact_from_row(row: dict[str, Any]) -> ImpactRecord:
    return ImpactRecord(
        impact_id=str(row["impact_id"]),
        employee_id=str(row["employee_id"]),
        date=_date(row["date"]) or date.min,
        category=str(row["category"]),
        title=_text(row.get("title")) or "",
        metric=_text(row.get("metric")),
        value=_float(row.get("value")),
        unit=_text(row.get("unit")),
        beneficiary=_text(row.get("beneficiary")),
        horizon=_text(row.get("horizon")),
        evidence=_text(row.get("evidence")),
        statement=_text(row.get("statement")),
        competency=_text(row.get("competency")),
    )


def impact_for(org: OrgDataset, employee_id: str) -> list[ImpactRecord]:
    records = [impact_from_row(r) for r in _rows(org.impact, "employee_id", employee_id)]
    return sorted(records, key=lambda r: (r.date, r.impact_id))


def ratings_for(org: OrgDataset, employee_id: str) -> list[Rating]:
    return [
        Rating(
            competency=str(r["competency"]),
            rater=str(r["rater"]),
            rating=int(r["rating"]),
            cycle=str(r["cycle"]),
            evidence=_text(r.get("evidence")),
            date=_date(r.get("date")),
        )
        for r in _rows(org.assessments, "employee_id", employee_id)
    ]


def roles_for(org: OrgDataset, employee_id: str) -> list[RoleHeld]:
    roles = [
        RoleHeld(
            role=str(r["role"]),
            start_date=_date(r["start_date"]) or date.min,
            end_date=_date(r.get("end_date")),
            scope=_text(r.get("scope")),
        )
        for r in _rows(org.roles, "employee_id", employee_id)
    ]
    return sorted(roles, key=lambda r: r.start_date)


def participation_for(org: OrgDataset, employee_id: str) -> list[Participation]:
    rows = _rows(org.participation, "employee_id", employee_id)
    items = [
        Participation(
            forum=str(r["forum"]),
            date=_date(r["date"]) or date.min,
            role=_text(r.get("role")) or "member",
        )
        for r in rows
    ]
    return sorted(items, key=lambda p: p.date)
