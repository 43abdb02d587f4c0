"""The picture of "equal": tracks side by side with grades as rows, as plain data.

`latticework show` renders this as a table, Markdown or JSON; the web framework
browser draws the same grid. The JSON shape is documented in
docs/framework-format.md ("The `show --format json` document").
"""

from __future__ import annotations

from typing import Any

from latticework.framework.model import Band, Framework, Path, Track, TrackKind

OVERVIEW_SCHEMA_VERSION = 1


def _band_json(band: Band | None) -> dict[str, Any] | None:
    if band is None:
        return None
    return band.model_dump(mode="json", exclude_none=True)


def framework_overview(fw: Framework) -> dict[str, Any]:
    """Every discipline, track, level (with grade, title, paths, equivalents and bands) and
    every path, band, competency, development opportunity, leadership role and forum."""
    from latticework.framework.evaluation_points import level_points

    zones = [z.id for z in fw.zones]
    points = level_points(fw)
    return {
        "schema_version": OVERVIEW_SCHEMA_VERSION,
        "organisation": fw.organisation,
        "version": fw.version,
        "description": fw.description,
        "promotion": fw.promotion.model_dump(mode="json"),
        "grades": [
            {"id": g.id, "rank": g.rank, "name": g.name, "description": g.description}
            for g in fw.grades_by_rank()
        ],
        "disciplines": [
            {
                "id": d.id,
                "name": d.name,
                "description": d.description,
                "tracks": [
                    {
                        "id": t.id,
                        "name": t.name,
                        "kind": t.kind.value,
                        "parallel_to": t.parallel_to,
                        "description": t.description,
                        "serves": t.serves,
                        "levels": [
                            {
                                "id": lv.id,
                                "title": lv.title,
                                "grade": lv.grade,
                                "description": lv.description,
                                "aliases": lv.aliases,
                                "paths": [p.id for p in fw.paths_for_level(lv.id)],
                                "equivalents": [e.level.id for e in fw.equivalent_levels(lv.id)],
                                "bands": {z: _band_json(fw.band_for(lv.id, z)) for z in zones},
                                "points": points.get(lv.id),
                            }
                            for lv in t.levels
                            if fw.has_level(lv.id) and fw.level(lv.id) is lv
                        ],
                    }
                    for t in d.tracks
                ],
            }
            for d in fw.disciplines
        ],
        "paths": [
            {
                "id": p.id,
                "name": p.name,
                "kind": p.kind.value,
                "domain": p.domain,
                "description": p.description,
                "tracks": p.tracks,
                "disciplines": p.disciplines,
                "min_grade": p.min_grade,
                "max_grade": p.max_grade,
                "competency_weights": p.competency_weights,
            }
            for p in fw.paths
        ],
        "zones": [z.model_dump(mode="json") for z in fw.zones],
        "bands": [b.model_dump(mode="json", exclude_none=True) for b in fw.bands],
        "competencies": [c.model_dump(mode="json") for c in fw.competencies],
        "development": [o.model_dump(mode="json") for o in fw.development],
        "leadership_roles": [r.model_dump(mode="json") for r in fw.leadership_roles],
        "forums": [f.model_dump(mode="json") for f in fw.forums],
        "team_targets": fw.team_targets.model_dump(mode="json"),
        "proficiency_scales": [s.model_dump(mode="json") for s in fw.proficiency_scales],
        "proficiency_scale": fw.proficiency_scale,
        "evaluation": fw.evaluation.model_dump(mode="json") if fw.evaluation else None,
    }


def grade_grid(fw: Framework, discipline_id: str) -> list[tuple[str, dict[str, list[str]]]]:
    """Rows of (grade id, {track id: [level titles]}), most senior grade first."""
    discipline = fw.discipline(discipline_id)
    rows: list[tuple[str, dict[str, list[str]]]] = []
    for grade in reversed(fw.grades_by_rank()):
        cells = {
            t.id: [f"{lv.id} {lv.title}" for lv in t.levels if lv.grade == grade.id]
            for t in discipline.tracks
        }
        if any(cells.values()):
            rows.append((grade.id, cells))
    return rows


def lattice_grid(fw: Framework, discipline_id: str) -> list[tuple[Path, dict[str, list[Track]]]]:
    """Rows of (path, {grade id: [tracks it is open on at that grade]}) for one discipline.

    Paths open nowhere in the discipline are left out; grades are those with levels.
    """
    discipline = fw.discipline(discipline_id)
    placements = [p for p in fw.placements() if p.discipline.id == discipline_id]
    rows: list[tuple[Path, dict[str, list[Track]]]] = []
    for path in fw.paths:
        cells: dict[str, list[Track]] = {}
        for track in discipline.tracks:
            for placement in placements:
                if placement.track is track and fw.path_applies(path, placement):
                    cells.setdefault(placement.level.grade, [])
                    if track not in cells[placement.level.grade]:
                        cells[placement.level.grade].append(track)
        if cells:
            rows.append((path, cells))
    return rows


def track_abbreviations(tracks: list[Track]) -> dict[str, str]:
    """Short labels for tracks in narrow cells: IC, M, then the first letters of the id."""
    preferred = {TrackKind.IC: "IC", TrackKind.MANAGEMENT: "M"}
    result: dict[str, str] = {}
    for t in tracks:
        label = preferred.get(t.kind, t.id[:3].upper())
        while label in result.values():
            label += "'"
        result[t.id] = label
    return result
