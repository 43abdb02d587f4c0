"""Lattice gaps: every path is reachable, described at each grade it claims, and developed."""

from __future__ import annotations

from collections.abc import Iterator

from latticework.framework.lint.declared import checks_section
from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.lint.sites import (
    expectation_sites,
    grade_ranks,
    ic_tracks,
    level_sites,
    track_matches,
)
from latticework.framework.model import Framework, LevelPlacement, Path, PathKind


def _placements_on(fw: Framework, path: Path) -> list[LevelPlacement]:
    return [p for p in fw.placements() if fw.path_applies(path, p)]


@rule(
    "path-unreachable",
    Severity.WARNING,
    "A path applies to no level (its tracks, disciplines and grades match nothing).",
)
def path_unreachable(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    for pi, path in enumerate(fw.paths):
        if not _placements_on(fw, path):
            yield path_unreachable.finding(
                f"Path {path.id} applies to no level: no level on tracks "
                f"{', '.join(path.tracks) or '(none)'} matches its disciplines and grade range.",
                ctx.at_path("paths", pi, "id"),
                "Check the path's `tracks`, `disciplines`, `min_grade` and `max_grade`.",
            )


@rule(
    "level-without-path",
    Severity.WARNING,
    "A level has no path open to it, so nobody there has expectations to grow against.",
)
def level_without_path(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    if not fw.paths:
        return
    declared = {g.id for g in fw.grades}
    for site in level_sites(fw):
        if fw.placement(site.level.id).level is not site.level or site.level.grade not in declared:
            continue  # duplicates and undeclared grades are other rules' findings
        if not fw.paths_for_level(site.level.id):
            yield level_without_path.finding(
                f"{site.level.id} {site.level.title} ({site.discipline.id}/{site.track.id}, "
                f"{site.level.grade}) has no path open to it.",
                ctx.at_path(*site.path, "id"),
                f"Open a path on track '{site.track.id}' at {site.level.grade} (see the paths' "
                "`tracks`, `disciplines`, `min_grade`, `max_grade`).",
            )


@rule(
    "path-without-expectations",
    Severity.WARNING,
    "A path has no expectations at a grade where it is open.",
)
def path_without_expectations(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    for pi, path in enumerate(fw.paths):
        empty = sorted(
            {
                f"{p.level.id} ({p.level.grade})"
                for p in _placements_on(fw, path)
                if not fw.expectations_for(p.level.id, path.id)
            }
        )
        if empty:
            yield path_without_expectations.finding(
                f"Path {path.id} is open at {', '.join(empty)} but holds people there to no "
                "expectation, so nobody can be assessed or promoted on it.",
                ctx.at_path("paths", pi, "id"),
                "Write expectations for those grades (general ones, or with `path: "
                f"{path.id}`), or check the path's competency weights are not all 0.",
            )


@rule(
    "path-without-development",
    Severity.WARNING,
    "A path has no development opportunities.",
)
def path_without_development(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    if not checks_section(fw, "development"):
        return
    offered = {p for o in fw.development for p in o.paths}
    for pi, path in enumerate(fw.paths):
        if path.id not in offered:
            yield path_without_development.finding(
                f"Path {path.id} has no development opportunities, so development plans on it "
                "have nothing to offer.",
                ctx.at_path("paths", pi, "id"),
                f"Add {path.id} to the `paths:` of suitable entries under `development:` "
                "(conference talks, open source, coaching, rotations, …).",
            )


@rule(
    "specialist-without-specific-expectations",
    Severity.WARNING,
    "A domain-specialist path has no expectation written for its specialism.",
)
def specialist_without_specific_expectations(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    specific = {s.expectation.path for s in expectation_sites(fw)}
    for pi, path in enumerate(fw.paths):
        if path.kind is PathKind.SPECIALIST and path.id not in specific:
            domain = path.domain or path.name
            yield specialist_without_specific_expectations.finding(
                f"Specialist path {path.id} has no expectation of its own: its {domain} "
                "specialists are held to the generic expectations only.",
                ctx.at_path("paths", pi, "id"),
                f"Write expectations with `path: {path.id}` saying what {domain} depth looks "
                "like at its senior grades.",
            )


@rule(
    "expectation-outside-path",
    Severity.WARNING,
    "A path-specific expectation is at a grade or discipline where its path is not open.",
)
def expectation_outside_path(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    for site in expectation_sites(fw):
        e = site.expectation
        if e.path is None or not fw.has_path(e.path):
            continue
        path = fw.path(e.path)
        places = [
            p
            for p in _placements_on(fw, path)
            if p.level.grade == e.grade
            and (e.discipline is None or p.discipline.id == e.discipline)
            and (not site.competency.disciplines or p.discipline.id in site.competency.disciplines)
        ]
        if not places:
            yield expectation_outside_path.finding(
                f"Competency {site.competency.id} has an expectation for path {e.path} at "
                f"{e.grade}, but {e.path} is open on no level at {e.grade} where this "
                "competency applies; nobody is held to it.",
                ctx.at_path(*site.path, "path"),
                f"Move it to a grade where {e.path} is open, or widen the path's grades, "
                "tracks or disciplines.",
            )


@rule(
    "competency-grade-gap",
    Severity.WARNING,
    "A competency skips a grade between the first and last grades it describes.",
)
def competency_grade_gap(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    ranks = grade_ranks(fw)
    for ci, c in enumerate(fw.competencies):
        for d in fw.disciplines:
            if c.disciplines and d.id not in c.disciplines:
                continue
            # What people in this discipline read: general and discipline-specific lines.
            described = {
                e.grade
                for e in c.expectations
                if e.path is None and e.discipline in (None, d.id) and e.grade in ranks
            }
            if not described:
                continue
            first = min(described, key=ranks.__getitem__)
            last = max(described, key=ranks.__getitem__)
            used = {lv.grade for t in d.tracks for lv in t.levels if lv.grade in ranks}
            gaps = sorted(
                (g for g in used if ranks[first] < ranks[g] < ranks[last] and g not in described),
                key=ranks.__getitem__,
            )
            if gaps:
                yield competency_grade_gap.finding(
                    f"Competency {c.id} has expectations for {d.name} from {first} to {last} "
                    f"but none at {', '.join(gaps)}, where {d.name} has levels.",
                    ctx.at_path("competencies", ci, "expectations"),
                    f"Add an expectation for {', '.join(gaps)} so people there know the bar.",
                )


@rule(
    "no-ic-leadership-role",
    Severity.WARNING,
    "A discipline has no leadership role open to its ICs.",
)
def no_ic_leadership_role(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    if not checks_section(fw, "leadership_roles"):
        return
    for di, d in enumerate(fw.disciplines):
        ics = ic_tracks(d)
        if not ics:
            continue
        open_roles = [
            r
            for r in fw.leadership_roles
            if (not r.disciplines or d.id in r.disciplines)
            and any(track_matches(t, r.open_to_tracks) for t in ics)
            and not r.people_management
        ]
        if not open_roles:
            yield no_ic_leadership_role.finding(
                f"{d.name} has no leadership role open to ICs: their influence has to go "
                "through management.",
                ctx.at_path("disciplines", di, "id"),
                "Add a project-based role under `leadership_roles:` (initiative lead, "
                f"architect, champion) with `open_to_tracks: [ic]` and {d.id} in its "
                "`disciplines` (or none, for all).",
            )
