"""Who a finding is about: the people of a comparison's first group, for the People team's
drill-down (the group the sentence names — the ICs, the women, the eligible ICs).

Individuals, not aggregates: only the people role sees this list, and every view of it is
recorded in the access log by the caller. The list is the *current* population at the
report's date, lowest compa-ratio first, where a remediation would start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from latticework.framework.model import Framework

if TYPE_CHECKING:
    import pandas as pd

MAX_PEOPLE = 1_000
"""At most this many people are listed (lowest compa-ratio first); the count says how many."""

COLUMNS = (
    "employee_id", "level", "level_title", "track_kind", "path", "zone", "currency",
    "base_annual_fte", "compa_ratio",
)  # fmt: skip


@dataclass(frozen=True)
class AffectedPeople:
    description: str
    """Who they are, in words: "ICs at grade G8"."""
    total: int
    people: pd.DataFrame
    """At most `MAX_PEOPLE` rows of `COLUMNS` (+ the protected attribute when it is the
    subject), lowest compa-ratio first."""
    attribute: str | None = None


def affected_people(
    active: pd.DataFrame, framework: Framework, comparison_id: str
) -> AffectedPeople | None:
    """The people a comparison's first group holds now; None when the id names no group of
    people this function knows (the caller shows no drill-down then)."""
    parts = comparison_id.split(".")
    audit, rest = parts[0], parts[1:]
    ic = active["track_kind"] == "ic"
    if audit in ("pay-parity", "time-in-level", "advancement") and rest:
        if audit == "advancement" and rest[0] == "path" and len(rest) == 3:
            level, path = rest[1], rest[2]
            chosen = (active["level"] == level) & (active["path"].astype(str) == path)
            return _result(active, chosen, f"People at level {level} on path {path}")
        grade = rest[-1]
        if grade == "all":
            parallel = set(_parallel_grades(framework))
            return _result(active, ic & active["grade"].isin(parallel), "ICs at parallel grades")
        return _result(active, ic & (active["grade"] == grade), f"ICs at grade {grade}")
    if audit == "influence" and rest:
        forum = next((f for f in framework.forums if f.id == rest[0]), None)
        if forum is None:
            return None
        grades = {g.id for g in framework.grades}
        min_rank = framework.grade_rank(forum.min_grade) if forum.min_grade in grades else 0
        chosen = ic & (active["grade_rank"] >= min_rank)
        return _result(active, chosen, f"ICs eligible for {forum.name}")
    if audit == "demographic" and len(rest) >= 3:
        attribute, value = rest[0], rest[-1]
        if attribute not in active:
            return None
        values = active[attribute].astype(str).str.strip().str.lower()
        chosen = values == value.lower()
        where = ""
        if rest[1] == "pay" and len(rest) == 4 and rest[2] != "all":
            chosen &= active["level_discipline"].astype(str) == rest[2]
            where = f" in {rest[2]}"
        return _result(active, chosen, f"People with {attribute} '{value}'{where}", attribute)
    return None


def _parallel_grades(framework: Framework) -> list[str]:
    """Grades that have both an IC and a management level (as the pay-parity audit uses)."""
    kinds: dict[str, set[str]] = {}
    for placement in framework.placements():
        kinds.setdefault(placement.level.grade, set()).add(placement.track.kind.value)
    return [g for g, k in kinds.items() if {"ic", "management"} <= k]


def _result(
    active: pd.DataFrame, chosen: pd.Series, description: str, attribute: str | None = None
) -> AffectedPeople:
    columns = [c for c in COLUMNS if c in active]
    if attribute is not None:
        columns.append(attribute)
    people = active.loc[chosen, columns].sort_values(["compa_ratio", "employee_id"])
    return AffectedPeople(
        description=description,
        total=len(people),
        people=people.head(MAX_PEOPLE).reset_index(drop=True),
        attribute=attribute,
    )
