"""A draft framework from a published ladder: what the source says, and `todo:` for the rest.

The readers (`ladder_ft`, `ladder_sheet`) turn their files into a
`LadderSource`; this module turns that into framework data. Values the source
does not contain — grades, competency categories, bands — get a visible
placeholder and a `todo:` item naming it, so `check` reminds until someone
decides, and the latticework-only rules hold back meanwhile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from latticework.framework.model import CompetencyCategory

PLACEHOLDER_CATEGORY = CompetencyCategory.CRAFT.value


@dataclass(frozen=True, slots=True)
class SourceLevel:
    """A rung as the source names it, in source order."""

    key: str
    title: str
    track: str | None = None
    discipline: str | None = None
    grade: str | None = None
    description: str = ""
    rung: str | None = None
    """Levels with the same rung (a spreadsheet's level value on two tracks) share a grade."""


@dataclass(frozen=True, slots=True)
class SourceExpectation:
    """One text of the source: at a level, for a competency, maybe with a step and a theme."""

    level: str
    competency: str
    text: str
    id: str | None = None
    theme: str | None = None
    proficiency: str | None = None
    category: str | None = None


@dataclass
class LadderSource:
    organisation: str
    origin: str
    levels: list[SourceLevel]
    expectations: list[SourceExpectation]
    disciplines: dict[str, str] = field(default_factory=dict)
    """Discipline id → name (job families); empty means one discipline."""
    descriptions: dict[str, str] = field(default_factory=dict)
    """Competency name → description (the FT layout's domains)."""
    proficiency_order: list[str] = field(default_factory=list)
    """Step names lowest first, when the source lists them."""
    split_levels_share_a_grade: bool = True
    """Consecutive levels on different tracks are one grade (principal-ic / principal-pm)."""


def slug(text: str) -> str:
    """An id from a name: `Technical Leadership` → `technical-leadership`."""
    value = re.sub(r"[^A-Za-z0-9]+", "-", text.strip()).strip("-").lower()
    return value[:80] or "x"


def track_kind(track: str | None) -> str:
    name = (track or "ic").lower()
    if "manag" in name or name in {"em", "mgmt", "manager"}:
        return "management"
    return "ic" if name in {"ic", "individual-contributor", "individual contributor"} else "other"


def build_draft(source: LadderSource) -> dict[str, Any]:
    """Framework data for the source; placeholders are listed under `todo:`."""
    todo: list[dict[str, str]] = []
    grades, grade_of = _grades(source, todo)
    disciplines = _disciplines(source, grade_of, todo)
    scale = _scale(source, todo)
    competencies = _competencies(source, grade_of, scale, todo)
    todo.append(
        {
            "at": "bands",
            "note": f"{source.origin} publishes no pay bands; add `zones:` and `bands:` per grade.",
        }
    )
    data: dict[str, Any] = {
        "latticework": 1,
        "organisation": source.organisation,
        "description": f"Draft imported from {source.origin}.",
        "grades": grades,
        "disciplines": disciplines,
        "competencies": competencies,
        "todo": todo,
    }
    if scale:
        data["proficiency_scales"] = [{"id": "proficiency", "name": "Proficiency", "steps": scale}]
        data["proficiency_scale"] = "proficiency"
    # Published ladders say how to read them in prose, if at all; `holistic` is the one
    # rule that presents no expectation as required until someone decides otherwise.
    data["promotion"] = {"rule": "holistic"}
    todo.append(
        {
            "at": "promotion.rule",
            "note": "The source states no promotion rule; `holistic` presents no expectation "
            "as required. Choose all-expectations, weighted-threshold or points if it does.",
        }
    )
    return data


def _grades(
    source: LadderSource, todo: list[dict[str, str]]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Grades as given, else one per rung in source order (split levels share one)."""
    grade_of: dict[str, str] = {}
    order: list[str] = []
    previous: SourceLevel | None = None
    previous_split = False
    rung_grade: dict[str, str] = {}
    derived = False
    for lv in source.levels:
        if lv.key in grade_of:
            continue
        split = False
        if lv.grade:
            grade = lv.grade
        elif lv.rung is not None and lv.rung in rung_grade:
            derived, grade = True, rung_grade[lv.rung]
        else:
            derived = True
            split = bool(
                source.split_levels_share_a_grade
                and previous is not None
                and previous.track
                and lv.track
                and previous.track != lv.track
                and not previous_split
            )
            grade = grade_of[previous.key] if split and previous else f"G{len(order) + 1}"
        if grade not in order:
            order.append(grade)
        grade_of[lv.key] = grade
        if lv.rung is not None:
            rung_grade.setdefault(lv.rung, grade)
        previous, previous_split = lv, split
    if derived:
        todo.append(
            {
                "at": "grades",
                "note": "The source has no grades: one was made per rung, in source order, with "
                "levels split by track at one rung sharing it. Check which levels are equivalent.",
            }
        )
    return [{"id": g, "rank": i + 1} for i, g in enumerate(order)], grade_of


def _disciplines(
    source: LadderSource, grade_of: dict[str, str], todo: list[dict[str, str]]
) -> list[dict[str, Any]]:
    names = source.disciplines or {"engineering": "Engineering"}
    several = len(names) > 1
    result: list[dict[str, Any]] = []
    used_ids: set[str] = set()
    for d_id, d_name in names.items():
        tracks: dict[str, dict[str, Any]] = {}
        for lv in source.levels:
            if lv.discipline not in (None, d_id):
                continue
            track_id = slug(lv.track or "ic")
            track = tracks.setdefault(
                track_id,
                {
                    "id": track_id,
                    "name": lv.track or "Individual contributor",
                    "kind": track_kind(lv.track),
                    "levels": [],
                },
            )
            level_id = slug(f"{d_id}-{lv.key}") if several else slug(lv.key)
            if level_id in used_ids:
                level_id = slug(f"{level_id}-{track_id}")
            used_ids.add(level_id)
            level: dict[str, Any] = {"id": level_id, "title": lv.title, "grade": grade_of[lv.key]}
            if lv.description:
                level["description"] = lv.description
            track["levels"].append(level)
        result.append({"id": d_id, "name": d_name, "tracks": list(tracks.values())})
    if not source.disciplines:
        todo.append(
            {
                "at": "disciplines[0]",
                "note": "The source names no job family; the one discipline is called "
                "'engineering'. Rename it, or split it by job family.",
            }
        )
    return result


def _scale(source: LadderSource, todo: list[dict[str, str]]) -> list[dict[str, Any]]:
    seen = list(dict.fromkeys(e.proficiency for e in source.expectations if e.proficiency))
    if not seen:
        return []
    order = [p for p in source.proficiency_order if p in seen] + [
        p for p in seen if p not in source.proficiency_order
    ]
    if not source.proficiency_order:
        todo.append(
            {
                "at": "proficiency_scales[0].steps",
                "note": "The source does not order its proficiency steps; they are in order of "
                "first appearance. Put them lowest first.",
            }
        )
    return [{"id": slug(p), "name": p} for p in order]


def _competencies(
    source: LadderSource,
    grade_of: dict[str, str],
    scale: list[dict[str, Any]],
    todo: list[dict[str, str]],
) -> list[dict[str, Any]]:
    positions = {step["name"]: i for i, step in enumerate(scale)}
    tracks_of = {lv.key: lv.track for lv in source.levels}
    by_competency: dict[str, list[SourceExpectation]] = {}
    for e in source.expectations:
        by_competency.setdefault(e.competency, []).append(e)
    result: list[dict[str, Any]] = []
    valid = {c.value for c in CompetencyCategory}
    for ci, (name, items) in enumerate(by_competency.items()):
        category = next((e.category for e in items if e.category), None)
        if category not in valid:
            todo.append(
                {
                    "at": f"competencies[{ci}].category",
                    "note": f"{source.origin} gives '{name}' no category"
                    + (f" ('{category}' is not one)" if category else "")
                    + f"; '{PLACEHOLDER_CATEGORY}' is a placeholder.",
                }
            )
            category = PLACEHOLDER_CATEGORY
        competency: dict[str, Any] = {"id": slug(name), "name": name, "category": category}
        description = source.descriptions.get(name) or next(
            (f"Theme: {e.theme}." for e in items if e.theme), ""
        )
        if description:
            competency["description"] = description
        grouped: dict[tuple[str, str | None], list[SourceExpectation]] = {}
        for e in items:
            grouped.setdefault((grade_of[e.level], tracks_of.get(e.level)), []).append(e)
        expectations = []
        for (grade, track), texts in grouped.items():
            expectation: dict[str, Any] = {"grade": grade}
            if track and any(tracks_of.get(lv.key) != track for lv in source.levels):
                expectation["track"] = slug(track)
            if len(texts) == 1:
                expectation["text"] = texts[0].text
                if texts[0].id:
                    expectation["id"] = slug(texts[0].id)
            else:
                expectation["text"] = f"{name} at {grade}"
                expectation["bullets"] = [
                    {"id": slug(t.id or f"b{i + 1}"), "text": t.text} for i, t in enumerate(texts)
                ]
            steps = [t.proficiency for t in texts if t.proficiency]
            if steps:
                expectation["proficiency"] = slug(max(steps, key=positions.__getitem__))
            expectations.append(expectation)
        competency["expectations"] = expectations
        result.append(competency)
    return result
