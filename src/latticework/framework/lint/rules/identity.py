"""Identity: ids, grade ranks, bands and expectations must each be declared once."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from typing import TypeVar

from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.lint.sites import DocPath, expectation_sites, level_sites

K = TypeVar("K", bound=Hashable)


def _first_seen(
    items: Iterable[tuple[K, DocPath]],
) -> Iterator[tuple[K, DocPath, DocPath]]:
    """(key, first place, repeated place) for every repeat of a key."""
    seen: dict[K, DocPath] = {}
    for key, where in items:
        if key in seen:
            yield key, seen[key], where
        else:
            seen[key] = where


def _id_collections(ctx: LintContext) -> Iterator[tuple[str, list[tuple[str, DocPath]]]]:
    fw = ctx.framework
    for key in ("grades", "disciplines", "paths", "competencies", "zones"):
        items = getattr(fw, key)
        yield key, [(item.id, (key, i)) for i, item in enumerate(items)]
    yield "development", [(o.id, ("development", i)) for i, o in enumerate(fw.development)]
    yield (
        "leadership_roles",
        [(r.id, ("leadership_roles", i)) for i, r in enumerate(fw.leadership_roles)],
    )
    yield "forums", [(f.id, ("forums", i)) for i, f in enumerate(fw.forums)]
    # Level ids are global: people and events name a level without its discipline.
    yield "levels", [(s.level.id, s.path) for s in level_sites(fw)]
    for di, d in enumerate(fw.disciplines):
        yield (
            f"tracks of {d.id}",
            [(t.id, ("disciplines", di, "tracks", ti)) for ti, t in enumerate(d.tracks)],
        )


@rule("duplicate-id", Severity.ERROR, "Two items of one collection share an id.")
def duplicate_id(ctx: LintContext) -> Iterator[Finding]:
    for collection, items in _id_collections(ctx):
        for object_id, first, again in _first_seen(items):
            yield duplicate_id.finding(
                f"{collection}: id '{object_id}' is declared twice "
                f"(first at {ctx.at_path(*first)}); only the first is used.",
                ctx.at_path(*again, "id"),
                f"Rename one of them or remove the repeat; ids in {collection} must be unique.",
            )


@rule(
    "duplicate-grade-rank",
    Severity.ERROR,
    "Two grades have the same rank, so neither is senior to the other.",
)
def duplicate_grade_rank(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    items: list[tuple[int, DocPath]] = [(g.rank, ("grades", i)) for i, g in enumerate(fw.grades)]
    ids: dict[DocPath, str] = {("grades", i): g.id for i, g in enumerate(fw.grades)}
    for rank, first, again in _first_seen(items):
        if ids[first] == ids[again]:
            continue  # the same grade twice is duplicate-id's finding
        yield duplicate_grade_rank.finding(
            f"Grades '{ids[first]}' and '{ids[again]}' both have rank {rank}; "
            "grades must be strictly ordered to say which level is senior.",
            ctx.at_path(*again, "rank"),
            "Give each grade its own rank (higher is more senior), or merge the two grades.",
        )


@rule(
    "duplicate-band",
    Severity.ERROR,
    "Two bands cover the same grade (or level) in the same zone.",
)
def duplicate_band(ctx: LintContext) -> Iterator[Finding]:
    items = [((b.grade, b.level, b.zone), ("bands", i)) for i, b in enumerate(ctx.framework.bands)]
    for (grade, level, zone), first, again in _first_seen(items):
        target = f"level {level}" if level else f"grade {grade}"
        yield duplicate_band.finding(
            f"A second band for {target} in zone {zone} (first at {ctx.at_path(*first)}); "
            "only the first is used.",
            ctx.at_path(*again),
            "Keep one band per grade (or level) and zone.",
        )


@rule(
    "duplicate-expectation",
    Severity.ERROR,
    "A competency has two expectations for the same grade, path, track and discipline.",
)
def duplicate_expectation(ctx: LintContext) -> Iterator[Finding]:
    items = [
        (
            (
                s.competency.id,
                s.expectation.grade,
                s.expectation.path,
                s.expectation.discipline,
                s.expectation.track,
            ),
            s.path,
        )
        for s in expectation_sites(ctx.framework)
    ]
    for (competency, grade, path, discipline, track), first, again in _first_seen(items):
        scope = "".join(
            [
                f" on path {path}" if path else "",
                f" on track {track}" if track else "",
                f" in {discipline}" if discipline else "",
            ]
        )
        yield duplicate_expectation.finding(
            f"Competency {competency} has two expectations at {grade}{scope} "
            f"(first at {ctx.at_path(*first)}); only the first is used.",
            ctx.at_path(*again),
            "Merge the two texts into one expectation (or list them as `bullets:`), or give "
            "the second a `path:`, `track:` or "
            "`discipline:` it is specific to.",
        )
