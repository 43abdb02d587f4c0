"""Points per level from the evaluation plan, point ranges per grade, and evaluated value bands.

A level's evaluated value is the sum of its subfactor points. The value band
of a grade is centred on the median total of its levels and meets the bands of
the neighbouring grades halfway between the medians, so every total falls in
exactly one band: the *suggested grade*. Where the suggested grade is not the
declared one, equivalence by grade is not backed by equal evaluated value.
"""

from __future__ import annotations

from dataclasses import dataclass

from latticework.framework.evaluation import Evaluation
from latticework.framework.model import Framework, TrackKind


@dataclass(frozen=True, slots=True)
class LevelValue:
    """A level's evaluated points, in total, per factor and per subfactor."""

    level: str
    title: str
    discipline: str
    track: str
    track_kind: TrackKind
    grade: str
    total: float
    factors: dict[str, float]
    subfactors: dict[str, float]


@dataclass(frozen=True, slots=True)
class ValueBand:
    """The points that count as one grade's work: `low <= points < high`."""

    grade: str
    rank: int
    low: float
    high: float
    lowest_level: float
    highest_level: float


def complete_scores(plan: Evaluation, level_id: str) -> dict[str, int] | None:
    """The level's degree on every subfactor, or None when one is missing or off its scale."""
    scored = plan.scores_for(level_id)
    if scored is None:
        return None
    result: dict[str, int] = {}
    for _, sub in plan.subfactors():
        degree = scored.scores.get(sub.id)
        if degree is None or not 1 <= degree <= sub.degrees:
            return None
        result[sub.id] = degree
    return result


def level_values(fw: Framework) -> list[LevelValue]:
    """Every level that has a complete evaluation, in file order."""
    plan = fw.evaluation
    if plan is None:
        return []
    known = {g.id for g in fw.grades}
    values: list[LevelValue] = []
    for placement in fw.placements():
        level = placement.level
        degrees = complete_scores(plan, level.id)
        if degrees is None or level.grade not in known:
            continue
        subfactors: dict[str, float] = {}
        factors: dict[str, float] = {}
        for factor, sub in plan.subfactors():
            points = plan.points(sub, degrees[sub.id])
            subfactors[sub.id] = points
            factors[factor.id] = factors.get(factor.id, 0.0) + points
        values.append(
            LevelValue(
                level=level.id,
                title=level.title,
                discipline=placement.discipline.id,
                track=placement.track.id,
                track_kind=placement.track.kind,
                grade=level.grade,
                total=sum(subfactors.values()),
                factors=factors,
                subfactors=subfactors,
            )
        )
    return values


def grade_ranges(fw: Framework, values: list[LevelValue]) -> dict[str, tuple[float, float]]:
    """Lowest and highest total of the evaluated levels at each grade, by grade rank."""
    ranges: dict[str, tuple[float, float]] = {}
    for grade in fw.grades_by_rank():
        totals = [v.total for v in values if v.grade == grade.id]
        if totals:
            ranges[grade.id] = (min(totals), max(totals))
    return ranges


def value_bands(fw: Framework, values: list[LevelValue]) -> list[ValueBand]:
    """One band per evaluated grade, lowest first, centred on the grade's median total and
    meeting its neighbours halfway between their medians."""
    import statistics

    ranges = grade_ranges(fw, values)
    grades = [g for g in fw.grades_by_rank() if g.id in ranges]
    medians = [statistics.median(v.total for v in values if v.grade == g.id) for g in grades]
    bands: list[ValueBand] = []
    for i, grade in enumerate(grades):
        low = (medians[i - 1] + medians[i]) / 2 if i > 0 else float("-inf")
        high = (medians[i] + medians[i + 1]) / 2 if i + 1 < len(grades) else float("inf")
        bands.append(ValueBand(grade.id, grade.rank, low, high, *ranges[grade.id]))
    return bands


def suggested_grade(bands: list[ValueBand], points: float) -> str | None:
    """The grade whose value band holds these points."""
    for band in bands:
        if band.low <= points < band.high:
            return band.grade
    return None


def suggested_grades(fw: Framework, values: list[LevelValue]) -> dict[str, str]:
    """Level id → the grade its points suggest, judged against the *other* levels' bands.

    Leaving the level itself out keeps a misgraded level from dragging its own
    grade's band towards it (with two levels at a grade it would move it halfway).
    """
    result: dict[str, str] = {}
    for value in values:
        others = [v for v in values if v.level != value.level]
        grade = suggested_grade(value_bands(fw, others), value.total)
        if grade is not None:
            result[value.level] = grade
    return result


def value_categories(fw: Framework) -> dict[str, str]:
    """Level id → its evaluated value band, named by the grade the points suggest.

    The audits use these as the categories of "work of equal value" with
    `--categories value`: a category may then hold levels of several grades,
    tracks and disciplines. Levels without a complete evaluation are left out.
    """
    return suggested_grades(fw, level_values(fw))


EVALUATION_SCHEMA_VERSION = 1


def evaluation_summary(fw: Framework) -> dict[str, object]:
    """The `latticework evaluate` document: the plan, points per level and factor, by grade,
    each level's suggested grade and whether it agrees with the declared one."""
    plan = fw.evaluation
    if plan is None:
        return {"schema_version": EVALUATION_SCHEMA_VERSION, "evaluation": None}
    values = level_values(fw)
    bands = value_bands(fw, values)
    suggested = suggested_grades(fw, values)
    evaluated = {v.level for v in values}
    grades: list[dict[str, object]] = []
    for grade in fw.grades_by_rank():
        here = [v for v in values if v.grade == grade.id]
        if not here:
            continue
        grades.append(
            {
                "grade": grade.id,
                "name": grade.name,
                "points_min": min(v.total for v in here),
                "points_max": max(v.total for v in here),
                "levels": [
                    {
                        "level": v.level,
                        "title": v.title,
                        "discipline": v.discipline,
                        "track": v.track,
                        "track_kind": v.track_kind.value,
                        "points": v.total,
                        "factors": v.factors,
                        "subfactors": v.subfactors,
                        "suggested_grade": suggested.get(v.level),
                        "agrees": suggested.get(v.level) == v.grade,
                    }
                    for v in here
                ],
            }
        )
    return {
        "schema_version": EVALUATION_SCHEMA_VERSION,
        "organisation": fw.organisation,
        "version": fw.version,
        "method": plan.method,
        "total_points": plan.total_points,
        "parity_tolerance": plan.parity_tolerance,
        "factors": [
            {
                "id": f.id,
                "name": f.name,
                "weight": f.weight,
                "points": plan.total_points * f.weight / 100,
                "subfactors": [
                    {
                        "id": s.id,
                        "name": s.name,
                        "weight": s.weight,
                        "points": plan.total_points * s.weight / 100,
                        "degrees": s.degrees,
                        "soft_skill": s.soft_skill,
                    }
                    for s in f.subfactors
                ],
            }
            for f in plan.factors
        ],
        "value_bands": [
            {
                "grade": b.grade,
                "from_points": None if b.low == float("-inf") else b.low,
                "to_points": None if b.high == float("inf") else b.high,
            }
            for b in bands
        ],
        "grades": grades,
        "not_evaluated": [p.level.id for p in fw.placements() if p.level.id not in evaluated],
    }


def level_points(fw: Framework) -> dict[str, float]:
    """Level id → total evaluated points (for the framework browser and `show --format json`)."""
    return {v.level: v.total for v in level_values(fw)}
