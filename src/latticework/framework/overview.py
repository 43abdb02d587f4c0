"""The picture of "equal": tracks side by side with grades as rows, as plain data.

`latticework show` renders this as a table, Markdown or JSON; the web framework
browser draws the same grid.
"""

from __future__ import annotations

from typing import Any

from latticework.framework.model import Framework

OVERVIEW_SCHEMA_VERSION = 1


def framework_overview(fw: Framework) -> dict[str, Any]:
    """Every discipline, track, level (with grade and title), path and band, for other tools."""
    return {
        "schema_version": OVERVIEW_SCHEMA_VERSION,
        "organisation": fw.organisation,
        "version": fw.version,
        "promotion": fw.promotion.model_dump(mode="json"),
        "grades": [{"id": g.id, "rank": g.rank, "name": g.name} for g in fw.grades_by_rank()],
        "disciplines": [
            {
                "id": d.id,
                "name": d.name,
                "tracks": [
                    {
                        "id": t.id,
                        "name": t.name,
                        "kind": t.kind.value,
                        "levels": [
                            {
                                "id": lv.id,
                                "title": lv.title,
                                "grade": lv.grade,
                                "paths": [p.id for p in fw.paths_for_level(lv.id)],
                                "equivalents": [e.level.id for e in fw.equivalent_levels(lv.id)],
                            }
                            for lv in t.levels
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
                "tracks": p.tracks,
                "disciplines": p.disciplines,
                "min_grade": p.min_grade,
                "max_grade": p.max_grade,
            }
            for p in fw.paths
        ],
        "bands": [b.model_dump(mode="json", exclude_none=True) for b in fw.bands],
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
