"""Unknown references: every id the framework mentions must be declared somewhere."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.lint.sites import (
    DocPath,
    expectation_sites,
    level_sites,
    suggest,
    track_references,
)
from latticework.framework.model import Framework


@dataclass(frozen=True, slots=True)
class _Reference:
    """One id mentioned at one place, and the kind of thing it must name."""

    value: str
    kind: str
    where: DocPath
    owner: str


def _list_refs(
    values: Iterable[str], kind: str, where: DocPath, owner: str
) -> Iterator[_Reference]:
    for i, value in enumerate(values):
        yield _Reference(value, kind, (*where, i), owner)


def _references(fw: Framework) -> Iterator[_Reference]:
    for s in level_sites(fw):
        yield _Reference(s.level.grade, "grade", (*s.path, "grade"), f"level {s.level.id}")
    for di, d in enumerate(fw.disciplines):
        for ti, t in enumerate(d.tracks):
            where: DocPath = ("disciplines", di, "tracks", ti, "parallel_to")
            yield from _list_refs(t.parallel_to, f"track:{d.id}", where, f"track {d.id}/{t.id}")
            where = ("disciplines", di, "tracks", ti, "serves")
            yield from _list_refs(t.serves, "discipline", where, f"track {d.id}/{t.id}")
    for pi, p in enumerate(fw.paths):
        base: DocPath = ("paths", pi)
        owner = f"path {p.id}"
        yield from _list_refs(p.tracks, "track", (*base, "tracks"), owner)
        yield from _list_refs(p.disciplines, "discipline", (*base, "disciplines"), owner)
        if p.min_grade is not None:
            yield _Reference(p.min_grade, "grade", (*base, "min_grade"), owner)
        if p.max_grade is not None:
            yield _Reference(p.max_grade, "grade", (*base, "max_grade"), owner)
        for cid in p.competency_weights:
            yield _Reference(cid, "competency", (*base, "competency_weights", cid), owner)
    for ci, c in enumerate(fw.competencies):
        where = ("competencies", ci, "disciplines")
        yield from _list_refs(c.disciplines, "discipline", where, f"competency {c.id}")
        if c.scale is not None:
            where = ("competencies", ci, "scale")
            yield _Reference(c.scale, "scale", where, f"competency {c.id}")
    for e in expectation_sites(fw):
        owner = f"an expectation of competency {e.competency.id}"
        yield _Reference(e.expectation.grade, "grade", (*e.path, "grade"), owner)
        if e.expectation.path is not None:
            yield _Reference(e.expectation.path, "path", (*e.path, "path"), owner)
        if e.expectation.discipline is not None:
            where = (*e.path, "discipline")
            yield _Reference(e.expectation.discipline, "discipline", where, owner)
        if e.expectation.track is not None:
            yield _Reference(e.expectation.track, "track", (*e.path, "track"), owner)
    for bi, b in enumerate(fw.bands):
        owner = f"band #{bi + 1}"
        if b.grade is not None:
            yield _Reference(b.grade, "grade", ("bands", bi, "grade"), owner)
        if b.level is not None:
            yield _Reference(b.level, "level", ("bands", bi, "level"), owner)
        yield _Reference(b.zone, "zone", ("bands", bi, "zone"), owner)
    for oi, o in enumerate(fw.development):
        owner = f"development opportunity {o.id}"
        yield from _list_refs(o.paths, "path", ("development", oi, "paths"), owner)
        where = ("development", oi, "competencies")
        yield from _list_refs(o.competencies, "competency", where, owner)
    for ri, r in enumerate(fw.leadership_roles):
        base = ("leadership_roles", ri)
        owner = f"leadership role {r.id}"
        yield from _list_refs(r.disciplines, "discipline", (*base, "disciplines"), owner)
        yield from _list_refs(r.open_to_tracks, "track", (*base, "open_to_tracks"), owner)
        if r.min_grade is not None:
            yield _Reference(r.min_grade, "grade", (*base, "min_grade"), owner)
        yield from _list_refs(r.competencies, "competency", (*base, "competencies"), owner)
    for fi, f in enumerate(fw.forums):
        owner = f"forum {f.id}"
        yield _Reference(f.min_grade, "grade", ("forums", fi, "min_grade"), owner)
        yield from _list_refs(f.tracks, "track", ("forums", fi, "tracks"), owner)
    if fw.proficiency_scale is not None:
        yield _Reference(fw.proficiency_scale, "scale", ("proficiency_scale",), "the framework")
    for level_id in fw.promotion.levels:
        where = ("promotion", "levels", level_id)
        yield _Reference(level_id, "level", where, "the promotion rule")
    for track_id in fw.promotion.tracks:
        where = ("promotion", "tracks", track_id)
        yield _Reference(track_id, "track", where, "the promotion rule")


def _declared(fw: Framework) -> dict[str, set[str]]:
    declared = {
        "grade": {g.id for g in fw.grades},
        "discipline": {d.id for d in fw.disciplines},
        "track": track_references(fw),
        "level": {s.level.id for s in level_sites(fw)},
        "path": {p.id for p in fw.paths},
        "competency": {c.id for c in fw.competencies},
        "zone": {z.id for z in fw.zones},
        "scale": {s.id for s in fw.proficiency_scales},
    }
    for d in fw.disciplines:
        declared[f"track:{d.id}"] = {t.id for t in d.tracks}
    return declared


_WHERE_DECLARED = {
    "grade": "under `grades:`",
    "discipline": "under `disciplines:`",
    "track": "as a track id in a discipline (or use a track kind: ic, management, other)",
    "level": "as a level of a track",
    "path": "under `paths:`",
    "competency": "under `competencies:`",
    "zone": "under `zones:`",
    "scale": "under `proficiency_scales:`",
}


@rule(
    "unknown-reference",
    Severity.ERROR,
    "An id is used (a grade, track, path, competency, zone, …) that is not declared.",
)
def unknown_reference(ctx: LintContext) -> Iterator[Finding]:
    declared = _declared(ctx.framework)
    for ref in _references(ctx.framework):
        known = declared.get(ref.kind, set())
        if ref.value in known:
            continue
        if ref.kind.startswith("track:"):
            discipline = ref.kind.split(":", 1)[1]
            what = f"track in discipline {discipline}"
            fix = f"Name a track of {discipline}: {', '.join(sorted(known)) or 'none declared'}."
        else:
            what = ref.kind
            fix = f"Declare {ref.kind} '{ref.value}' {_WHERE_DECLARED[ref.kind]}, or correct it."
        yield unknown_reference.finding(
            f"{ref.owner} refers to {what} '{ref.value}', which is not declared.",
            ctx.at_path(*ref.where),
            (suggest(ref.value, known).strip() + " " + fix).strip(),
        )
