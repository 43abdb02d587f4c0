"""'Strategic = senior': technical and specialist paths must not quietly require strategy.

The anti-pattern DESIGN §1 names: IC promotion criteria that ask for the same
strategic and business skills as management. It shows up three ways, each its
own rule: a strategic-category competency that counts on a technical path, an
expectation whose *wording* asks for strategy work, and a level that can only
be reached on a strategic path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.lint.sites import level_sites
from latticework.framework.model import (
    NON_STRATEGIC_PATH_KINDS,
    STRATEGIC_CATEGORIES,
    Expectation,
    Framework,
    PathKind,
    TrackKind,
)

STRATEGIC_PHRASES: tuple[str, ...] = (
    "business strategy",
    "company strategy",
    "commercial strategy",
    "go-to-market",
    "market strategy",
    "roadmap ownership",
    "owns the roadmap",
    "own the roadmap",
    "owning the roadmap",
    "sets the roadmap",
    "customer calls",
    "sales calls",
    "customer meetings",
    "quarterly planning",
    "annual planning",
    "business planning",
    "headcount planning",
    "budget ownership",
    "owns the budget",
    "p&l",
    "profit and loss",
    "revenue targets",
    "investment decisions",
)
"""Wording that asks for strategy or business-management work (matched case-insensitively).

Business *impact* is fair to ask of specialists (risk reduced, capability
enabled, cost saved); owning strategy, roadmaps, planning cycles, budgets or
customer meetings is management's and strategic leadership's work."""

_PHRASE_PATTERN = re.compile(
    "|".join(rf"(?<![\w&]){re.escape(p)}(?![\w&])" for p in STRATEGIC_PHRASES), re.IGNORECASE
)


def strategic_phrases_in(text: str) -> list[str]:
    """The strategic phrases a text contains, lower-cased, in order of appearance."""
    lowered = text.lower()
    if not any(p in lowered for p in STRATEGIC_PHRASES):
        return []  # the cheap test first: most expectations contain none
    return [m.group(0).lower() for m in _PHRASE_PATTERN.finditer(text)]


@rule(
    "strategic-equals-senior",
    Severity.ERROR,
    "A technical or specialist path (or an IC level with no path) counts a strategic competency.",
)
def strategic_equals_senior(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    if fw.todo:
        return  # categories may be placeholders until the draft's todo items are filled
    for pi, path in enumerate(fw.paths):
        if path.kind not in NON_STRATEGIC_PATH_KINDS:
            continue
        grades_by_competency: dict[str, set[str]] = {}
        for placement in fw.placements():
            if not fw.path_applies(path, placement):
                continue
            for item in fw.expectations_for(placement.level.id, path.id):
                if item.competency.category in STRATEGIC_CATEGORIES:
                    grades_by_competency.setdefault(item.competency.id, set()).add(
                        placement.level.grade
                    )
        for competency_id, grade_set in grades_by_competency.items():
            grades = sorted(grade_set, key=fw.grade_rank)
            competency = fw.competency(competency_id)
            where = (
                ctx.at_path("paths", pi, "competency_weights", competency_id)
                if competency_id in path.competency_weights
                else ctx.at_path("paths", pi, "id")
            )
            yield strategic_equals_senior.finding(
                f"Path {path.id} ({path.kind.value}) holds people to '{competency.name}', a "
                f"{competency.category.value} competency, at {', '.join(grades)}: "
                "'strategic = senior' — specialists must not need strategy to advance.",
                where,
                f"Set `competency_weights: {{{competency_id}: 0}}` on {path.id}, and ask for "
                "technical impact instead (risk reduced, capability enabled, efficiency).",
            )
    yield from _pathless_ic_levels(ctx)


def _pathless_ic_levels(ctx: LintContext) -> Iterator[Finding]:
    """IC levels with no path open: their one bar must not ask for strategy at every grade.

    A strategic competency asked of *some* IC levels is a choice; asked of every
    IC level of a discipline that has no technical path to escape it, it is the
    anti-pattern itself: no IC can advance without doing management's work.
    """
    fw = ctx.framework
    for _di, d in enumerate(fw.disciplines):
        if fw.discipline(d.id) is not d:
            continue
        levels = [
            fw.placement(lv.id)
            for t in d.tracks
            if t.kind is TrackKind.IC
            for lv in t.levels
            if fw.has_level(lv.id) and fw.placement(lv.id).level is lv
        ]
        pathless = [p for p in levels if not fw.paths_for_level(p.level.id)]
        if not pathless or len(pathless) < len(levels):
            continue
        for competency in fw.competencies_for(d.id):
            if competency.category not in STRATEGIC_CATEGORIES:
                continue
            held = [
                p
                for p in pathless
                if Framework.expectations_at(competency, p.level.grade, d.id, None, track=p.track)
            ]
            if len(held) == len(pathless):
                ci = fw.competencies.index(competency)
                yield strategic_equals_senior.finding(
                    f"{d.name}: every IC level ({', '.join(p.level.id for p in held)}) holds "
                    f"people to '{competency.name}', a {competency.category.value} competency, "
                    "and no path lets an IC grow without it: 'strategic = senior'.",
                    ctx.at_path("competencies", ci, "id"),
                    f"Give the IC track its own expectations without strategy (`track: ic` on "
                    f"{competency.id}'s expectations for management only), or open a "
                    "technical-depth path with `competency_weights: {"
                    f"{competency.id}: 0}}`.",
                )


@rule(
    "strategic-wording",
    Severity.WARNING,
    "An expectation on a technical or specialist path asks for strategy work in its wording.",
)
def strategic_wording(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    seen: dict[int, tuple[Expectation, list[str]]] = {}
    checked: set[int] = set()
    for path in fw.paths:
        if path.kind not in NON_STRATEGIC_PATH_KINDS:
            continue
        for placement in fw.placements():
            if not fw.path_applies(path, placement):
                continue
            for item in fw.expectations_for(placement.level.id, path.id):
                if item.competency.category in STRATEGIC_CATEGORIES:
                    continue  # strategic-equals-senior reports the whole competency
                key = id(item.expectation)
                if key not in checked:
                    checked.add(key)
                    if strategic_phrases_in(item.expectation.text):
                        seen[key] = (item.expectation, [])
                if key in seen and path.id not in seen[key][1]:
                    seen[key][1].append(path.id)
    where_of = {
        id(e): ("competencies", ci, "expectations", ei, "text")
        for ci, c in enumerate(fw.competencies)
        for ei, e in enumerate(c.expectations)
    }
    for key, (expectation, paths) in seen.items():
        phrases = strategic_phrases_in(expectation.text)
        yield strategic_wording.finding(
            f"The {expectation.grade} expectation '{expectation.text}' applies to "
            f"{', '.join(paths)} but asks for {', '.join(repr(p) for p in phrases)}: "
            "'strategic = senior' in the wording.",
            ctx.at_path(*where_of[key]),
            "Reword it as technical impact (e.g. 'reduces cloud cost by $1M/year', 'enables the "
            "product team's Q2 roadmap'), or give the technical paths their own expectation "
            f"(`path: {paths[0]}`).",
        )


@rule(
    "strategic-only-path",
    Severity.ERROR,
    "A level can only be reached on a strategic path.",
)
def strategic_only_path(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    for site in level_sites(fw):
        placement = fw.placement(site.level.id)
        if placement.level is not site.level:
            continue  # duplicate level ids are duplicate-id's finding
        paths = fw.paths_for_level(site.level.id)
        if paths and all(p.kind is PathKind.STRATEGIC for p in paths):
            yield strategic_only_path.finding(
                f"{site.level.id} {site.level.title} is open only on strategic paths "
                f"({', '.join(p.id for p in paths)}): deep specialists cannot reach it.",
                ctx.at_path(*site.path, "id"),
                "Open a technical-depth or domain-specialist path at this grade (check its "
                "`tracks`, `disciplines`, `min_grade` and `max_grade`).",
            )
