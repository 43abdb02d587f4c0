"""The IC ceiling: the IC track must reach as high as the management track."""

from __future__ import annotations

from collections.abc import Iterator

from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.model import TrackKind


@rule(
    "ic-ceiling",
    Severity.ERROR,
    "The IC track's top grade is below the management track's top grade.",
)
def ic_ceiling(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    grades = {g.id: g.rank for g in fw.grades}
    for d in fw.disciplines:
        # A management track another discipline declares it `serves` is this one's too.
        shared = [t for o in fw.disciplines if o.id != d.id for t in o.tracks if d.id in t.serves]
        tops: dict[TrackKind, tuple[int, str, str]] = {}
        for t in [*d.tracks, *shared]:
            ranked = [(grades[lv.grade], lv.id, t.id) for lv in t.levels if lv.grade in grades]
            if ranked and t.kind in (TrackKind.IC, TrackKind.MANAGEMENT):
                top = max(ranked)
                if t.kind not in tops or top > tops[t.kind]:
                    tops[t.kind] = top
        ic, mgmt = tops.get(TrackKind.IC), tops.get(TrackKind.MANAGEMENT)
        if ic and mgmt and ic[0] < mgmt[0]:
            ic_level, mgmt_level = fw.level(ic[1]), fw.level(mgmt[1])
            yield ic_ceiling.finding(
                f"{d.name}: the IC track stops at {ic_level.title} ({ic_level.grade}) but "
                f"management reaches {mgmt_level.title} ({mgmt_level.grade}); ICs have a ceiling.",
                ctx.at("levels", ic[1]),
                f"Add IC levels up to grade {mgmt_level.grade} (e.g. a Distinguished level "
                f"equivalent to {mgmt_level.title}).",
            )
