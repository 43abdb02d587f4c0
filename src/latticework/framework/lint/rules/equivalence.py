"""Equivalence gaps: parallel tracks need a level at every grade the other track has."""

from __future__ import annotations

from collections.abc import Iterator

from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.lint.sites import grade_ranks
from latticework.framework.model import Discipline, Track, TrackKind


def _grades(track: Track, ranks: dict[str, int]) -> set[str]:
    return {lv.grade for lv in track.levels if lv.grade in ranks}


@rule(
    "equivalence-gap",
    Severity.ERROR,
    "A management level has no IC level at its grade, or parallel tracks skip each other's grades.",
)
def equivalence_gap(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    ranks = grade_ranks(fw)
    for di, d in enumerate(fw.disciplines):
        for ti, t in enumerate(d.tracks):
            for owner, other in _counterparts(fw.disciplines, d, t):
                theirs = _grades(other, ranks)
                if not theirs:
                    continue
                low = min(ranks[g] for g in theirs)
                high = max(ranks[g] for g in theirs)
                # The reverse check only covers the other track's span: entry IC levels
                # below the first management grade are expected, not a gap.
                unconditional = t.kind is TrackKind.MANAGEMENT and other.kind is TrackKind.IC
                label = other.name if owner is d else f"{owner.name} {other.name}"
                for li, lv in enumerate(t.levels):
                    if lv.grade not in ranks or lv.grade in theirs:
                        continue
                    if not unconditional and not low <= ranks[lv.grade] <= high:
                        continue
                    yield equivalence_gap.finding(
                        f"{d.name}: {t.name} level {lv.id} {lv.title} is at {lv.grade}, but "
                        f"{label} has no level at {lv.grade}, so it has no equivalent.",
                        ctx.at_path("disciplines", di, "tracks", ti, "levels", li, "grade"),
                        f"Add a {label} level at {lv.grade}, or move {lv.id} to a grade "
                        f"{label} has ({', '.join(sorted(theirs, key=ranks.__getitem__))}).",
                    )


def _counterparts(
    disciplines: list[Discipline], discipline: Discipline, track: Track
) -> list[tuple[Discipline, Track]]:
    """Tracks this one must match grade for grade, with their discipline.

    Declared parallels; IC tracks for a management track; and for a management
    track shared by other disciplines (`serves`), the IC tracks of each of them.
    """
    result = [
        (discipline, o) for o in discipline.tracks if o.id in track.parallel_to and o.id != track.id
    ]
    if track.kind is TrackKind.MANAGEMENT:
        result += [
            (discipline, o)
            for o in discipline.tracks
            if o.kind is TrackKind.IC and (discipline, o) not in result
        ]
        served = {d_id for d_id in track.serves if d_id != discipline.id}
        seen: set[str] = set()
        for other in disciplines:
            if other.id in served and other.id not in seen:
                seen.add(other.id)
                result += [(other, o) for o in other.tracks if o.kind is TrackKind.IC]
    return result


@rule(
    "parallel-not-reciprocal",
    Severity.INFO,
    "A track declares another parallel, but that track does not declare it back.",
)
def parallel_not_reciprocal(ctx: LintContext) -> Iterator[Finding]:
    for di, d in enumerate(ctx.framework.disciplines):
        tracks = {t.id: t for t in reversed(d.tracks)}
        for ti, t in enumerate(d.tracks):
            for pi, other_id in enumerate(t.parallel_to):
                other = tracks.get(other_id)
                if other is not None and other.id != t.id and t.id not in other.parallel_to:
                    yield parallel_not_reciprocal.finding(
                        f"{d.name}: {t.name} is declared parallel to {other.name}, but not the "
                        "reverse, so only one direction of the equivalence is checked.",
                        ctx.at_path("disciplines", di, "tracks", ti, "parallel_to", pi),
                        f"Add `parallel_to: [{t.id}]` to track {other.id} (equivalence by grade "
                        "goes both ways).",
                    )
