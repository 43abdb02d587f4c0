"""Evaluated value backs equivalence: equal points at a grade, points rising with grade."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from latticework.framework.evaluation_points import LevelValue, grade_ranges, level_values
from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.lint.sites import grade_ranks


def _score_location(ctx: LintContext, level_id: str) -> tuple[str | int, ...]:
    plan = ctx.framework.evaluation
    assert plan is not None
    index = next(i for i, s in enumerate(plan.levels) if s.level == level_id)
    return ("evaluation", "levels", index, "scores")


@rule(
    "evaluation-parity",
    Severity.ERROR,
    "Levels sharing a grade differ in evaluated points by more than the plan's tolerance.",
)
def evaluation_parity(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    plan = fw.evaluation
    if plan is None:
        return
    by_grade: dict[str, list[LevelValue]] = {}
    for value in level_values(fw):
        by_grade.setdefault(value.grade, []).append(value)
    for grade_id, values in by_grade.items():
        # Each level is compared with the most common total at its grade, so the finding
        # points at the odd one out rather than at every pair.
        totals = [v.total for v in values]
        usual = max(set(totals), key=lambda t: (totals.count(t), -t))
        for v in values:
            if abs(v.total - usual) > plan.parity_tolerance * max(v.total, usual):
                yield evaluation_parity.finding(
                    f"Level {v.level} {v.title} scores {v.total:g} points, but the other levels "
                    f"at {grade_id} score {usual:g}: a {abs(v.total - usual) / usual:.0%} "
                    f"difference (tolerance {plan.parity_tolerance:.0%}), so equivalence by "
                    "grade is not backed by equal evaluated value.",
                    ctx.at_path(*_score_location(ctx, v.level)),
                    f"Re-evaluate {v.level} (its rationale should say why each degree is right), "
                    f"or move it to the grade its points suggest (`latticework evaluate`).",
                )


@rule(
    "evaluation-not-increasing",
    Severity.ERROR,
    "Along a track, a level's evaluated points are not above the level below it.",
)
def evaluation_not_increasing(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    ranks = grade_ranks(fw)
    values = {v.level: v for v in level_values(fw)}
    for d in fw.disciplines:
        for t in d.tracks:
            ordered = sorted(
                (values[lv.id] for lv in t.levels if lv.id in values),
                key=lambda v: ranks.get(v.grade, 0),
            )
            for lower, upper in itertools.pairwise(ordered):
                if ranks[upper.grade] > ranks[lower.grade] and upper.total <= lower.total:
                    yield evaluation_not_increasing.finding(
                        f"{d.name}, {t.name}: {upper.level} at {upper.grade} scores "
                        f"{upper.total:g} points, no more than {lower.level} at {lower.grade} "
                        f"({lower.total:g}): the higher grade is not evaluated as more "
                        "demanding work.",
                        ctx.at_path(*_score_location(ctx, upper.level)),
                        f"Re-evaluate {upper.level} or {lower.level}; a higher grade should "
                        "score higher on at least one subfactor.",
                    )


@rule(
    "grade-points-overlap",
    Severity.WARNING,
    "The evaluated point ranges of adjacent grades overlap.",
)
def grade_points_overlap(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    values = level_values(fw)
    ranges = grade_ranges(fw, values)
    grades = list(ranges)
    for lower, upper in itertools.pairwise(grades):
        low_max, up_min = ranges[lower][1], ranges[upper][0]
        if up_min <= low_max:
            culprit = next(v for v in values if v.grade == upper and v.total == up_min)
            yield grade_points_overlap.finding(
                f"Grade {upper} starts at {up_min:g} points ({culprit.level}), at or below the "
                f"top of {lower} ({low_max:g}): the evaluation cannot tell the two grades apart.",
                ctx.at_path(*_score_location(ctx, culprit.level)),
                f"Re-evaluate the levels at the edges of {lower} and {upper}, or regrade the "
                "level whose points belong to the other grade.",
            )
