"""Where things are in a framework: levels, expectations and bands with their document paths.

Rules walk the framework through these so that every finding can point at the
exact item (by list index), even when ids are duplicated or dangling.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from latticework.framework.model import (
    Competency,
    Discipline,
    Expectation,
    Framework,
    Level,
    Track,
    TrackKind,
)

DocPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class LevelSite:
    """A level with its discipline, track and position in the document."""

    discipline: Discipline
    track: Track
    level: Level
    path: DocPath


@dataclass(frozen=True, slots=True)
class ExpectationSite:
    """An expectation with its competency and position in the document."""

    competency: Competency
    expectation: Expectation
    path: DocPath


def level_sites(fw: Framework) -> Iterator[LevelSite]:
    """Every level in file order, including duplicates."""
    for di, d in enumerate(fw.disciplines):
        for ti, t in enumerate(d.tracks):
            for li, lv in enumerate(t.levels):
                yield LevelSite(d, t, lv, ("disciplines", di, "tracks", ti, "levels", li))


def expectation_sites(fw: Framework) -> Iterator[ExpectationSite]:
    for ci, c in enumerate(fw.competencies):
        for ei, e in enumerate(c.expectations):
            yield ExpectationSite(c, e, ("competencies", ci, "expectations", ei))


def grade_ranks(fw: Framework) -> dict[str, int]:
    """Rank of every declared grade (the first declaration wins, as in the model)."""
    ranks: dict[str, int] = {}
    for g in fw.grades:
        ranks.setdefault(g.id, g.rank)
    return ranks


def track_references(fw: Framework) -> set[str]:
    """What a `tracks:` list may name: any track id, or a track kind (`ic`, `management`)."""
    return {t.id for d in fw.disciplines for t in d.tracks} | {k.value for k in TrackKind}


def track_matches(track: Track, refs: Iterable[str]) -> bool:
    """True when a `tracks:` list names this track by id or by kind."""
    refs = list(refs)
    return track.id in refs or track.kind.value in refs


def ic_tracks(discipline: Discipline) -> list[Track]:
    return [t for t in discipline.tracks if t.kind is TrackKind.IC]


def populated_grades(fw: Framework) -> list[str]:
    """Declared grades that at least one level sits at, lowest rank first."""
    used = {s.level.grade for s in level_sites(fw)}
    return [g.id for g in fw.grades_by_rank() if g.id in used]


def suggest(value: str, choices: Iterable[str]) -> str:
    """' Did you mean X?' for a near miss, else ''."""
    match = difflib.get_close_matches(value, sorted(set(choices)), n=1, cutoff=0.6)
    return f" Did you mean '{match[0]}'?" if match else ""


def names(values: Iterable[str], limit: int = 8) -> str:
    """A short, readable list of ids for a message."""
    items = sorted(set(values))
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
