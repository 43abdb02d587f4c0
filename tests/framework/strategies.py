"""Hypothesis strategies that build valid frameworks whose references all resolve."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from latticework.framework.model import (
    Capability,
    CompetencyCategory,
    Framework,
    PathKind,
    TrackKind,
)

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:/-]{0,10}", fullmatch=True)
words = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=0, max_size=30
)
names = words.map(str.strip).filter(bool)
money = st.floats(min_value=1, max_value=10_000_000, allow_nan=False, allow_infinity=False)
currencies = st.sampled_from(["USD", "EUR", "GBP", "CHF"])


def _subset(draw: st.DrawFn, items: list[str]) -> list[str]:
    if not items:
        return []
    return draw(st.lists(st.sampled_from(items), unique=True, max_size=3))


def _maybe(draw: st.DrawFn, items: list[str]) -> str | None:
    return draw(st.none() | st.sampled_from(items)) if items else None


@st.composite
def framework_data(draw: st.DrawFn) -> dict[str, Any]:
    """A framework as the plain data a YAML file holds."""
    unique_ids = draw(st.lists(ids, min_size=30, max_size=30, unique=True))
    pool = iter(unique_ids)
    n_grades = draw(st.integers(1, 4))
    grade_ids = [next(pool) for _ in range(n_grades)]
    ranks = draw(st.lists(st.integers(0, 100), min_size=n_grades, max_size=n_grades, unique=True))
    grades = [
        {"id": g, "rank": r, "name": draw(words), "description": draw(words)}
        for g, r in zip(grade_ids, ranks, strict=True)
    ]
    disciplines: list[dict[str, Any]] = []
    level_ids: list[str] = []
    track_ids: list[str] = []
    for _ in range(draw(st.integers(1, 2))):
        tracks = []
        own_tracks = [next(pool) for _ in range(draw(st.integers(1, 2)))]
        for tid in own_tracks:
            levels = []
            for _ in range(draw(st.integers(0, 2))):
                lid = next(pool)
                level_ids.append(lid)
                levels.append(
                    {
                        "id": lid,
                        "title": draw(names),
                        "grade": draw(st.sampled_from(grade_ids)),
                        "aliases": draw(st.lists(names, max_size=2)),
                    }
                )
            tracks.append(
                {
                    "id": tid,
                    "name": draw(names),
                    "kind": draw(st.sampled_from(list(TrackKind))).value,
                    "levels": levels,
                    "parallel_to": _subset(draw, [t for t in own_tracks if t != tid]),
                }
            )
        track_ids += own_tracks
        disciplines.append({"id": next(pool), "name": draw(names), "tracks": tracks})
    discipline_ids = [d["id"] for d in disciplines]
    competency_ids = [next(pool) for _ in range(draw(st.integers(0, 3)))]
    path_ids = [next(pool) for _ in range(draw(st.integers(0, 3)))]
    track_refs = track_ids + [k.value for k in TrackKind]
    paths = [
        {
            "id": pid,
            "name": draw(names),
            "kind": draw(st.sampled_from(list(PathKind))).value,
            "domain": draw(st.none() | names),
            "tracks": _subset(draw, track_refs),
            "disciplines": _subset(draw, discipline_ids),
            "min_grade": _maybe(draw, grade_ids),
            "max_grade": _maybe(draw, grade_ids),
            "competency_weights": {
                c: draw(st.floats(0, 5, allow_nan=False)) for c in _subset(draw, competency_ids)
            },
        }
        for pid in path_ids
    ]
    step_ids = [next(pool) for _ in range(draw(st.integers(0, 3)))]
    scales = (
        [
            {
                "id": next(pool),
                "name": draw(names),
                "steps": [
                    {"id": s, "name": draw(names), "points": draw(st.none() | st.integers(0, 20))}
                    for s in step_ids
                ],
            }
        ]
        if step_ids
        else []
    )
    competencies = [
        {
            "id": cid,
            "name": draw(names),
            "category": draw(st.sampled_from(list(CompetencyCategory))).value,
            "description": draw(words),
            "disciplines": _subset(draw, discipline_ids),
            "expectations": [
                {
                    "grade": draw(st.sampled_from(grade_ids)),
                    "text": draw(names),
                    "path": _maybe(draw, path_ids),
                    "discipline": _maybe(draw, discipline_ids),
                    "track": _maybe(draw, track_refs),
                    "combine": draw(st.sampled_from(["replace", "add"])),
                    "proficiency": _maybe(draw, step_ids),
                    "examples": draw(st.lists(names, max_size=2)),
                    "bullets": [
                        {"id": b, "text": draw(names)}
                        for b in draw(st.lists(ids, max_size=2, unique=True))
                    ],
                }
                for _ in range(draw(st.integers(0, 3)))
            ],
        }
        for cid in competency_ids
    ]
    zones = [
        {"id": next(pool), "name": draw(names), "currency": draw(currencies), "countries": ["DE"]}
        for _ in range(draw(st.integers(0, 2)))
    ]
    bands = []
    for zone in zones:
        low, mid, high = sorted(draw(st.lists(money, min_size=3, max_size=3)))
        band: dict[str, Any] = {
            "zone": zone["id"],
            "currency": zone["currency"],
            "min": low,
            "mid": mid,
            "max": high,
            "variable_target_pct": draw(st.none() | st.floats(0, 100)),
            "equity_target": draw(st.none() | money),
        }
        if level_ids and draw(st.booleans()):
            band["level"] = draw(st.sampled_from(level_ids))
        else:
            band["grade"] = draw(st.sampled_from(grade_ids))
        bands.append(band)
    development = [
        {
            "id": next(pool),
            "name": draw(names),
            "kind": draw(names),
            "paths": _subset(draw, path_ids),
            "competencies": _subset(draw, competency_ids),
            "duration_weeks": draw(st.none() | st.integers(1, 260)),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    roles = [
        {
            "id": next(pool),
            "name": draw(names),
            "disciplines": _subset(draw, discipline_ids),
            "open_to_tracks": _subset(draw, track_refs),
            "min_grade": _maybe(draw, grade_ids),
            "time_box_months": draw(st.integers(1, 60)),
            "people_management": draw(st.booleans()),
            "competencies": _subset(draw, competency_ids),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    forums = [
        {
            "id": next(pool),
            "name": draw(names),
            "kind": draw(st.sampled_from(["planning", "review", "other"])),
            "decision_authority": draw(st.booleans()),
            "min_grade": draw(st.sampled_from(grade_ids)),
            "tracks": _subset(draw, track_refs),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    rule = draw(st.sampled_from(["all-expectations", "weighted-threshold"]))
    return {
        "latticework": 1,
        "organisation": draw(names),
        "version": draw(names),
        "description": draw(words),
        "grades": grades,
        "disciplines": disciplines,
        "paths": paths,
        "competencies": competencies,
        "zones": zones,
        "bands": bands,
        "development": development,
        "leadership_roles": roles,
        "forums": forums,
        "proficiency_scales": scales,
        "proficiency_scale": scales[0]["id"] if scales else None,
        "promotion": {
            "rule": rule,
            "threshold": draw(st.floats(0.01, 1)) if rule == "weighted-threshold" else None,
            "meets_rating": draw(st.integers(1, 5)),
            "min_months_in_level": draw(st.integers(0, 120)),
            "levels": {
                lv: {"min_months": draw(st.integers(0, 24))} for lv in _subset(draw, level_ids)
            },
        },
        "team_targets": {
            "min_people": {
                c.value: draw(st.integers(0, 3)) for c in draw(st.sets(st.sampled_from(Capability)))
            },
            "max_share": draw(st.floats(0.01, 1)),
            "min_team_size": draw(st.integers(1, 10)),
        },
    }


frameworks = framework_data().map(Framework.model_validate)


# A tiny pool of ids, so that generated frameworks repeat ids and refer to ids that
# are declared nowhere: the linter must report such mistakes, never crash on them.
_POOL = st.sampled_from(["a", "b", "ic", "management", "G1", "G2", "E1", "x"])


def _pool_list(draw: st.DrawFn) -> list[str]:
    return draw(st.lists(_POOL, max_size=3))


@st.composite
def messy_framework_data(draw: st.DrawFn) -> dict[str, Any]:
    """Schema-valid frameworks full of structural mistakes: duplicates, dangling references."""
    data = draw(framework_data())
    for grade in data["grades"]:
        grade["id"] = draw(_POOL)
        grade["rank"] = draw(st.integers(0, 3))
    for discipline in data["disciplines"]:
        discipline["id"] = draw(_POOL)
        for track in discipline["tracks"]:
            track["id"] = draw(_POOL)
            track["parallel_to"] = _pool_list(draw)
            for level in track["levels"]:
                level["id"] = draw(_POOL)
                level["grade"] = draw(_POOL)
    for path in data["paths"]:
        path.update(id=draw(_POOL), tracks=_pool_list(draw), disciplines=_pool_list(draw))
        path["min_grade"] = draw(st.none() | _POOL)
        path["competency_weights"] = {
            k: draw(st.floats(-1, 2, allow_nan=False)) for k in _pool_list(draw)
        }
    for competency in data["competencies"]:
        competency["id"] = draw(_POOL)
        for e in competency["expectations"]:
            e.update(grade=draw(_POOL), path=draw(st.none() | _POOL))
    for band in data["bands"]:
        band.update(zone=draw(_POOL), mid=draw(money))
    for forum in data["forums"]:
        forum.update(min_grade=draw(_POOL), tracks=_pool_list(draw))
    for role in data["leadership_roles"]:
        role.update(open_to_tracks=_pool_list(draw), min_grade=draw(st.none() | _POOL))
    for opportunity in data["development"]:
        opportunity["paths"] = _pool_list(draw)
    return data


messy_frameworks = messy_framework_data().map(Framework.model_validate)
