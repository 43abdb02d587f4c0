"""Grades and tracks: a ladder has levels, its grades rise rung by rung, grades are used."""

from __future__ import annotations

from collections.abc import Iterator

from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.lint.sites import grade_ranks


@rule(
    "grade-not-increasing",
    Severity.ERROR,
    "Along a track, each level's grade must be higher than the previous level's.",
)
def grade_not_increasing(ctx: LintContext) -> Iterator[Finding]:
    ranks = grade_ranks(ctx.framework)
    for di, d in enumerate(ctx.framework.disciplines):
        for ti, t in enumerate(d.tracks):
            previous = None
            for li, lv in enumerate(t.levels):
                if lv.grade not in ranks:
                    continue  # unknown-reference reports it
                if previous is not None and ranks[lv.grade] <= ranks[previous.grade]:
                    same = (
                        "the same grade as" if lv.grade == previous.grade else "a lower grade than"
                    )
                    yield grade_not_increasing.finding(
                        f"{d.name} / {t.name}: level {lv.id} ({lv.grade}) is at {same} the level "
                        f"before it, {previous.id} ({previous.grade}); a track lists its levels "
                        "lowest first with rising grades.",
                        ctx.at_path("disciplines", di, "tracks", ti, "levels", li, "grade"),
                        "Reorder the levels lowest first, or correct this level's grade. Two "
                        "levels at one grade on one track are one level: use paths for variants.",
                    )
                previous = lv


@rule("empty-track", Severity.WARNING, "A track has no levels.")
def empty_track(ctx: LintContext) -> Iterator[Finding]:
    for di, d in enumerate(ctx.framework.disciplines):
        for ti, t in enumerate(d.tracks):
            if not t.levels:
                yield empty_track.finding(
                    f"{d.name} / {t.name} has no levels, so nobody can be placed on it.",
                    ctx.at_path("disciplines", di, "tracks", ti, "levels"),
                    "Add its levels (id, title, grade), or remove the track.",
                )


@rule("unused-grade", Severity.INFO, "A grade is declared but no level sits at it.")
def unused_grade(ctx: LintContext) -> Iterator[Finding]:
    used = {lv.grade for d in ctx.framework.disciplines for t in d.tracks for lv in t.levels}
    for gi, grade in enumerate(ctx.framework.grades):
        if grade.id not in used:
            yield unused_grade.finding(
                f"Grade {grade.id} is declared but no level sits at it; bands and forums "
                "for it apply to nobody.",
                ctx.at_path("grades", gi, "id"),
                "Add levels at this grade, or remove it if it is a leftover.",
            )
