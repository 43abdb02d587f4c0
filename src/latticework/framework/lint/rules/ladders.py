"""Rules for what real, published ladders contain: shared titles, proficiency steps, points,
draft markers, and sections a framework does not have."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from latticework.framework.lint.declared import absent_sections
from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.lint.sites import LevelSite, expectation_sites, level_sites, names


@rule(
    "level-title-shared",
    Severity.WARNING,
    "Several levels share one title, so a job title alone cannot tell them apart.",
)
def level_title_shared(ctx: LintContext) -> Iterator[Finding]:
    by_title: dict[str, list[str]] = defaultdict(list)
    first_site: dict[str, LevelSite] = {}
    for site in level_sites(ctx.framework):
        key = site.level.title.casefold()
        if site.level.id not in by_title[key]:
            by_title[key].append(site.level.id)
        first_site.setdefault(key, site)
    for key, level_ids in by_title.items():
        if len(level_ids) > 1:
            site = first_site[key]
            yield level_title_shared.finding(
                f"Levels {', '.join(level_ids)} are all titled '{site.level.title}': an HRIS "
                "export that gives only the title cannot say which of them a person holds.",
                ctx.at_path(*site.path, "title"),
                "Import with a level column (or the level id as the title), or give the levels "
                "`aliases:` that the HRIS uses to tell them apart (e.g. 'Software Engineer II').",
            )


@rule(
    "section-absent",
    Severity.INFO,
    "The framework has no development, leadership roles, forums or team targets section.",
)
def section_absent(ctx: LintContext) -> Iterator[Finding]:
    missing = absent_sections(ctx.framework)
    if missing:
        yield section_absent.finding(
            f"The framework declares no {', '.join(missing)}: the rules and audits about "
            f"{'it' if len(missing) == 1 else 'them'} are not run, and no default is assumed.",
            ctx.at_path(),
            "Add the section when you want latticework to check it (docs/framework-format.md); "
            "an empty list (`forums: []`) says there is none on purpose.",
        )


@rule(
    "todo-open",
    Severity.WARNING,
    "A draft framework still has values to fill in (its `todo:` list).",
)
def todo_open(ctx: LintContext) -> Iterator[Finding]:
    for i, item in enumerate(ctx.framework.todo):
        yield todo_open.finding(
            f"To do: {item.at}: {item.note}",
            ctx.at_path("todo", i),
            "Fill in the value, then delete this entry from `todo:`; rules about "
            "latticework-only sections and competency categories wait until the list is empty.",
        )


@rule(
    "proficiency-unknown",
    Severity.ERROR,
    "An expectation requires a proficiency step that its competency's scale does not have.",
)
def proficiency_unknown(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    for site in expectation_sites(fw):
        step = site.expectation.proficiency
        if step is None:
            continue
        scale = fw.scale_for(site.competency)
        if scale is None:
            yield proficiency_unknown.finding(
                f"An expectation of {site.competency.id} at {site.expectation.grade} requires "
                f"proficiency '{step}', but the competency has no proficiency scale.",
                ctx.at_path(*site.path, "proficiency"),
                "Give the competency a `scale:` (or the framework a `proficiency_scale:`) from "
                "`proficiency_scales:`.",
            )
        elif scale.position(step) is None:
            yield proficiency_unknown.finding(
                f"An expectation of {site.competency.id} at {site.expectation.grade} requires "
                f"'{step}', which is not a step of scale {scale.id} "
                f"({names(s.id for s in scale.steps)}).",
                ctx.at_path(*site.path, "proficiency"),
                f"Use a step id of {scale.id}.",
            )


@rule(
    "points-rule-incomplete",
    Severity.ERROR,
    "The promotion rule counts points, but a level has no `min_points` or steps have no points.",
)
def points_rule_incomplete(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    if fw.promotion.rule != "points":
        return
    unpointed = [
        s.id for s in fw.proficiency_scales if any(step.points is None for step in s.steps)
    ]
    if not fw.proficiency_scales or unpointed:
        yield points_rule_incomplete.finding(
            "The promotion rule is `points` but "
            + (
                f"steps of scale(s) {names(unpointed)} have no `points`"
                if unpointed
                else "no proficiency scale is declared"
            )
            + ", so no total can be computed.",
            ctx.at_path("promotion", "rule"),
            "Give every step of `proficiency_scales:` its `points:`.",
        )
    for placement in fw.placements():
        target = fw.next_level(placement.level.id)
        if target is None:
            continue
        rule_at = fw.promotion.levels.get(target.id)
        if rule_at is None or rule_at.min_points is None:
            yield points_rule_incomplete.finding(
                f"Level {target.id} {target.title} has no `min_points`, so nobody can be judged "
                "ready for it under the points rule.",
                ctx.at("levels", target.id),
                f"Add `promotion: levels: {{{target.id}: {{min_points: N}}}}`.",
            )
