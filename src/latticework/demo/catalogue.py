"""The framework as integer-coded numpy tables, so the simulation can work on whole arrays.

Every person's discipline, track, grade, level, path and zone is a small
integer; these tables turn them back into the framework's ids and answer the
questions the simulation asks of every person at once (which level is at this
discipline, track and grade? which paths apply to it? what is its band?).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework, PathKind, TrackKind

IC = 0
MANAGEMENT = 1
TRACK_KINDS = (TrackKind.IC, TrackKind.MANAGEMENT)

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# How often each kind of path is chosen where it applies, per track; specialist
# weight is per domain, so four specialist paths together are about a quarter.
PATH_WEIGHTS: dict[tuple[int, PathKind], float] = {
    (IC, PathKind.TECHNICAL): 6.0,
    (IC, PathKind.PRODUCT): 6.0,
    (IC, PathKind.SPECIALIST): 0.7,
    (IC, PathKind.STRATEGIC): 1.5,
    (MANAGEMENT, PathKind.PEOPLE): 7.5,
    (MANAGEMENT, PathKind.STRATEGIC): 2.5,
}


@dataclass(frozen=True)
class Catalogue:
    """Integer codes for the framework's grades, disciplines, tracks, levels, paths and zones."""

    grades: tuple[str, ...]
    """Grade ids, lowest rank first; a person's grade is an index into this."""
    disciplines: tuple[str, ...]
    track_ids: npt.NDArray[np.object_]
    """track_ids[discipline, track kind]: the track's id in that discipline, or None."""
    level_at: IntArray
    """level_at[discipline, track kind, grade]: level index, or -1 where there is none."""
    levels: tuple[str, ...]
    level_grade: IntArray
    level_discipline: IntArray
    level_track: IntArray
    paths: tuple[str, ...]
    path_kind: tuple[PathKind, ...]
    path_weight: FloatArray
    """path_weight[level, path]: the chance of a path at a level; zero where it does not apply."""
    zones: tuple[str, ...]
    currencies: tuple[str, ...]
    countries: tuple[tuple[str, ...], ...]
    band_min: FloatArray
    """band_min[grade, zone] (and mid, max, variable %, equity): annual full-time figures."""
    band_mid: FloatArray
    band_max: FloatArray
    variable_pct: FloatArray
    equity_target: FloatArray

    def grade_index(self, grade_id: str) -> int:
        """The grade's index, or -1 for a grade the framework does not have (matches nobody)."""
        return self.grades.index(grade_id) if grade_id in self.grades else -1

    def discipline_index(self, discipline_id: str) -> int:
        return self.disciplines.index(discipline_id) if discipline_id in self.disciplines else -1

    def lowest_grade(self, discipline: int, track: int) -> int:
        """The first grade where the track has a level (-1 when the track does not exist)."""
        present = np.flatnonzero(self.level_at[discipline, track] >= 0)
        return int(present[0]) if present.size else -1


def build_catalogue(framework: Framework) -> Catalogue:
    """Index a framework for the generator; raise when it lacks what an organisation needs."""
    grades = tuple(g.id for g in framework.grades_by_rank())
    disciplines = tuple(d.id for d in framework.disciplines)
    n_grades, n_disc = len(grades), len(disciplines)
    level_at = np.full((n_disc, 2, n_grades), -1, dtype=np.int64)
    track_ids = np.full((n_disc, 2), None, dtype=object)
    levels: list[str] = []
    level_grade: list[int] = []
    level_discipline: list[int] = []
    level_track: list[int] = []
    for d, discipline in enumerate(framework.disciplines):
        for track in discipline.tracks:
            if track.kind not in TRACK_KINDS or track_ids[d, TRACK_KINDS.index(track.kind)]:
                continue
            t = TRACK_KINDS.index(track.kind)
            track_ids[d, t] = track.id
            for level in track.levels:
                if level.grade not in grades:
                    continue
                g = grades.index(level.grade)
                if level_at[d, t, g] >= 0:
                    continue
                level_at[d, t, g] = len(levels)
                levels.append(level.id)
                level_grade.append(g)
                level_discipline.append(d)
                level_track.append(t)

    paths = tuple(p.id for p in framework.paths)
    path_kind = tuple(p.kind for p in framework.paths)
    path_weight = np.zeros((len(levels), len(paths)))
    for li, level_id in enumerate(levels):
        placement = framework.placement(level_id)
        for pi, path in enumerate(framework.paths):
            if framework.path_applies(path, placement):
                path_weight[li, pi] = PATH_WEIGHTS.get((level_track[li], path.kind), 1.0)

    zones = tuple(z.id for z in framework.zones)
    shape = (n_grades, len(zones))
    band_min, band_mid, band_max = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    variable_pct, equity_target = np.zeros(shape), np.zeros(shape)
    problems: list[Problem] = []
    for g, grade_id in enumerate(grades):
        for z, zone_id in enumerate(zones):
            level_ids = [levels[i] for i in level_at[:, :, g].ravel() if i >= 0]
            band = framework.band_for(level_ids[0], zone_id) if level_ids else None
            if band is None:
                if level_ids:
                    problems.append(
                        Problem(
                            f"No pay band for grade {grade_id} in zone {zone_id}.",
                            fix="Add a band for every grade and zone to generate a demo.",
                            code="demo",
                        )
                    )
                continue
            band_min[g, z], band_mid[g, z], band_max[g, z] = band.min, band.mid, band.max
            variable_pct[g, z] = band.variable_target_pct or 0.0
            equity_target[g, z] = band.equity_target or 0.0

    if not zones:
        problems.append(Problem("The framework has no zones.", fix="Declare zones.", code="demo"))
    for d, discipline_id in enumerate(disciplines):
        if level_at[d, IC].max() < 0:
            problems.append(
                Problem(
                    f"Discipline {discipline_id} has no IC track.",
                    fix="The demo needs an IC track in every discipline.",
                    code="demo",
                )
            )
    if level_at[:, MANAGEMENT].max() < 0:
        problems.append(
            Problem("No discipline has a management track.", fix="Add one.", code="demo")
        )
    unpathed = [levels[i] for i in range(len(levels)) if not path_weight[i].any()]
    if unpathed:
        problems.append(
            Problem(
                f"No path applies to level(s) {', '.join(unpathed)}.",
                fix="Open a path on every level to generate a demo.",
                code="demo",
            )
        )
    if problems:
        raise LatticeworkError(problems)

    return Catalogue(
        grades=grades,
        disciplines=disciplines,
        track_ids=track_ids,
        level_at=level_at,
        levels=tuple(levels),
        level_grade=np.array(level_grade, dtype=np.int64),
        level_discipline=np.array(level_discipline, dtype=np.int64),
        level_track=np.array(level_track, dtype=np.int64),
        paths=paths,
        path_kind=path_kind,
        path_weight=path_weight,
        zones=zones,
        currencies=tuple(z.currency for z in framework.zones),
        countries=tuple(tuple(z.countries) or ("",) for z in framework.zones),
        band_min=band_min,
        band_mid=band_mid,
        band_max=band_max,
        variable_pct=variable_pct,
        equity_target=equity_target,
    )


def choose_weighted(rng: np.random.Generator, weights: FloatArray) -> IntArray:
    """One column index per row, drawn with probability proportional to the row's weights."""
    cumulative = np.cumsum(weights, axis=1)
    draw = rng.random(weights.shape[0]) * cumulative[:, -1]
    chosen: IntArray = (draw[:, None] < cumulative).argmax(axis=1).astype(np.int64)
    return chosen
