"""'Strategic = senior': technical and specialist paths must not quietly require strategy.

The anti-pattern that makes a lattice a ladder again: IC promotion criteria that ask for the same
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
    PathKind,
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
    "A technical or specialist path counts a strategic/business competency.",
)
def strategic_equals_senior(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
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
