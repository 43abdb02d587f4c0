"""The published ladder: a static site of the framework for everyone to read (`publish`).

Pages: tracks side by side with grades as rows, one page per level (its
expectations with proficiency, equivalents, paths, how promotion from it
works, its progression tracker), competencies with their scales, paths,
the promotion rule, development and leadership roles, and pay bands only
when asked for. Everything comes from the framework: no person's data can
reach the output. No page loads anything from the network.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from latticework.framework.model import Competency, Expectation, Framework, LevelPlacement
from latticework.framework.overview import framework_overview, grade_grid
from latticework.framework.promotion_terms import (
    min_months_for,
    min_points_for,
    promotion_summary,
    threshold_for,
)
from latticework.reports.ladder_tracker import level_tracker

SITE_SCHEMA_VERSION = 1
_TEMPLATES = Path(__file__).with_name("ladder_site")


@dataclass(frozen=True)
class SiteOptions:
    with_bands: bool = False


def file_id(value: str) -> str:
    """A file name or fragment from an id (`domain-specialist:security` → `…_security`)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", value)


def level_file(level_id: str) -> str:
    return f"{file_id(level_id)}.html"


def json_file_name(fw: Framework) -> str:
    return f"framework-{file_id(fw.version)}.json"


def render_site(fw: Framework, options: SiteOptions) -> dict[str, str | bytes]:
    """Every file of the site by relative path."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(["j2", "html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    site = {
        "organisation": fw.organisation,
        "version": fw.version,
        "with_bands": options.with_bands,
        "has_paths": bool(fw.paths),
        "has_growth": bool(fw.development or fw.leadership_roles),
        "json_file": json_file_name(fw),
    }

    def page(template: str, root: str, **context: Any) -> str:
        return env.get_template(template).render(site=site, root=root, fw=fw, **context)

    files: dict[str, str | bytes] = {
        "index.html": page(
            "index.html.j2",
            "",
            title="Tracks and levels",
            disciplines=_disciplines(fw),
            bands=_bands(fw) if options.with_bands else [],
        ),
        "competencies.html": page(
            "competencies.html.j2",
            "",
            title="Competencies",
            scales=_scales(fw),
            competencies=[_competency(fw, c) for c in _unique(fw.competencies)],
        ),
        "promotion.html": page(
            "promotion.html.j2",
            "",
            title="Promotion",
            rule=promotion_summary(fw.promotion),
            scale=[f"{k} {v}" for k, v in sorted(fw.promotion.rating_scale.items())]
            if fw.promotion.rule != "points"
            else [],
            per_level=_promotion_rows(fw),
        ),
        json_file_name(fw): json.dumps(_site_json(fw, options), indent=2, ensure_ascii=False)
        + "\n",
    }
    if fw.paths:
        files["paths.html"] = page("paths.html.j2", "", title="Paths", paths=_paths(fw))
    if fw.development or fw.leadership_roles:
        files["growth.html"] = page(
            "growth.html.j2",
            "",
            title="Development and leadership",
            development=[_opportunity(fw, o.id) for o in fw.development],
            roles=_roles(fw),
        )
    for placement in _placements(fw):
        lv = placement.level
        files[f"levels/{level_file(lv.id)}"] = page(
            "level.html.j2", "../", title=lv.title, lv=_level(fw, placement, options)
        )
        files[f"trackers/{file_id(lv.id)}.xlsx"] = level_tracker(fw, lv.id)
    return files


def _unique(items: list[Competency]) -> list[Competency]:
    seen: set[str] = set()
    return [c for c in items if not (c.id in seen or seen.add(c.id))]  # type: ignore[func-returns-value]


def _placements(fw: Framework) -> list[LevelPlacement]:
    return fw.placements()


def _disciplines(fw: Framework) -> list[dict[str, Any]]:
    result = []
    for d in fw.disciplines:
        if fw.discipline(d.id) is not d:
            continue
        rows = []
        for grade_id, _ in grade_grid(fw, d.id):
            grade = fw.grade(grade_id)
            cells = [
                [
                    {"id": lv.id, "title": lv.title, "file": level_file(lv.id)}
                    for lv in t.levels
                    if lv.grade == grade_id and fw.has_level(lv.id) and fw.level(lv.id) is lv
                ]
                for t in d.tracks
            ]
            rows.append({"grade": f"{grade.id} {grade.name}".strip(), "cells": cells})
        result.append(
            {
                "id": file_id(d.id),
                "name": d.name,
                "description": d.description,
                "tracks": d.tracks,
                "rows": rows,
            }
        )
    return result


def _proficiency(fw: Framework, c: Competency, e: Expectation) -> str | None:
    scale = fw.scale_for(c)
    if scale is None or e.proficiency is None:
        return None
    position = scale.position(e.proficiency)
    step = scale.step_at(position) if position is not None else None
    return step.name if step is not None else e.proficiency


def _level(fw: Framework, placement: LevelPlacement, options: SiteOptions) -> dict[str, Any]:
    lv = placement.level
    following = fw.next_level(lv.id)
    expectations = [
        {
            "competency": item.competency.name,
            "anchor": "c-" + file_id(item.competency.id),
            "proficiency": _proficiency(fw, item.competency, item.expectation),
            "text": item.expectation.text,
            "bullets": [b.text for b in item.expectation.bullets],
            "examples": item.expectation.examples,
            "links": item.expectation.links,
        }
        for item in fw.expectations_for(lv.id, None)
    ]
    band = None
    if options.with_bands:
        figures = [
            f"{z.name}: {b.currency} {b.min:,.0f} – {b.max:,.0f} (midpoint {b.mid:,.0f})"
            for z in fw.zones
            if (b := fw.band_for(lv.id, z.id)) is not None
        ]
        band = "; ".join(figures) or None
    return {
        "discipline": placement.discipline.name,
        "track": placement.track.name,
        "grade": lv.grade,
        "title": lv.title,
        "description": lv.description,
        "equivalents": [
            {"title": e.level.title, "track": e.track.name, "file": level_file(e.level.id)}
            for e in fw.equivalent_levels(lv.id)
        ],
        "paths": [
            {"name": p.name, "kind": p.kind.value, "anchor": "p-" + file_id(p.id)}
            for p in fw.paths_for_level(lv.id)
        ],
        "expectations": expectations,
        "promotion": _promotion_from(fw, lv.id),
        "next": {"title": following.title, "file": level_file(following.id)} if following else None,
        "tracker": f"{file_id(lv.id)}.xlsx",
        "band": band,
    }


def _promotion_from(fw: Framework, level_id: str) -> str:
    following = fw.next_level(level_id)
    if following is None:
        return "This is the top of its track."
    rule = fw.promotion
    months = min_months_for(fw, level_id)
    wait = f" after at least {months} months at this level" if months else ""
    if rule.rule == "points":
        points = min_points_for(rule, following.id)
        need = f"{points} points" if points is not None else "the points the framework sets"
        return f"{following.title} is reached with {need}, summed across competencies{wait}."
    if rule.rule == "holistic":
        return (
            f"Promotion to {following.title} weighs its expectations together, with evidence; "
            f"they are not a checklist{wait and ','}{wait}."
        )
    if rule.rule == "weighted-threshold":
        share = threshold_for(rule, following.id) or 1.0
        return (
            f"Promotion to {following.title} when at least {share:.0%} of its expectations "
            f"(weighted) are met{wait}."
        )
    return f"Promotion to {following.title} when every one of its expectations is met{wait}."


def _promotion_rows(fw: Framework) -> list[dict[str, str]]:
    rows = []
    for placement in _placements(fw):
        lv = placement.level
        own = fw.promotion.levels.get(lv.id)
        months = min_months_for(fw, lv.id)
        reach = ""
        if own is not None and own.threshold is not None:
            reach = f"{own.threshold:.0%} of expectations met"
        if own is not None and own.min_points is not None:
            reach = f"{own.min_points} points"
        if reach or months != fw.promotion.min_months_in_level:
            rows.append(
                {
                    "title": lv.title,
                    "file": level_file(lv.id),
                    "reach": reach or "as the rule says",
                    "months": f"{months} months" if months else "no minimum",
                }
            )
    return rows


def _scales(fw: Framework) -> list[dict[str, Any]]:
    return [
        {"anchor": file_id(s.id), "name": s.name, "steps": s.steps} for s in fw.proficiency_scales
    ]


def _competency(fw: Framework, c: Competency) -> dict[str, Any]:
    ranks = {g.id: g.rank for g in fw.grades}
    scale = fw.scale_for(c)
    rows = [
        {
            "grade": e.grade,
            "scope": " · ".join(x for x in (e.discipline, e.track, e.path) if x) or "everyone",
            "proficiency": _proficiency(fw, c, e),
            "text": e.text,
            "bullets": [b.text for b in e.bullets],
        }
        for e in sorted(c.expectations, key=lambda e: -ranks.get(e.grade, -1))
    ]
    return {
        "anchor": "c-" + file_id(c.id),
        "name": c.name,
        "category": c.category.value,
        "description": c.description,
        "scale": scale.name if scale is not None else None,
        "rows": rows,
    }


def _paths(fw: Framework) -> list[dict[str, Any]]:
    result = []
    for p in fw.paths:
        grades = (
            f"{p.min_grade or 'lowest'} to {p.max_grade or 'highest'}"
            if p.min_grade or p.max_grade
            else "all"
        )
        result.append(
            {
                "anchor": "p-" + file_id(p.id),
                "name": p.name,
                "kind": p.kind.value,
                "domain": p.domain,
                "description": p.description,
                "tracks": ", ".join(p.tracks),
                "grades": grades,
                "weights": ", ".join(f"{c} ×{w:g}" for c, w in p.competency_weights.items()),
                "development": [_opportunity(fw, o.id) for o in fw.development if p.id in o.paths],
            }
        )
    return result


def _opportunity(fw: Framework, opportunity_id: str) -> dict[str, Any]:
    o = next(o for o in fw.development if o.id == opportunity_id)
    return {
        "anchor": "o-" + file_id(o.id),
        "name": o.name,
        "kind": o.kind,
        "weeks": o.duration_weeks,
        "paths": ", ".join(o.paths) or "every path",
        "description": o.description,
    }


def _roles(fw: Framework) -> list[dict[str, str]]:
    return [
        {
            "name": r.name,
            "description": r.description,
            "open_to": ", ".join(r.open_to_tracks),
            "min_grade": r.min_grade or "any",
            "months": str(r.time_box_months),
            "manages": "yes" if r.people_management else "no",
        }
        for r in fw.leadership_roles
    ]


def _bands(fw: Framework) -> list[dict[str, str]]:
    zones = {z.id: z.name for z in fw.zones}
    return [
        {
            "scope": f"level {b.level}" if b.level else (b.grade or ""),
            "zone": zones.get(b.zone, b.zone),
            "currency": b.currency,
            "min": f"{b.min:,.0f}",
            "mid": f"{b.mid:,.0f}",
            "max": f"{b.max:,.0f}",
        }
        for b in fw.bands
    ]


def _site_json(fw: Framework, options: SiteOptions) -> dict[str, Any]:
    """The framework as published: versioned, and without pay unless bands are published."""
    data = framework_overview(fw)
    if not options.with_bands:
        data.pop("bands", None)
        data.pop("zones", None)
        for d in data["disciplines"]:
            for t in d["tracks"]:
                for lv in t["levels"]:
                    lv.pop("bands", None)
    return {"site_schema_version": SITE_SCHEMA_VERSION, "framework": data}
