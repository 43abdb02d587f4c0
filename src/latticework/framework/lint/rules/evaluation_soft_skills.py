"""Soft skills are not undervalued: an IC scored below its manager peer on them must say why."""

from __future__ import annotations

from collections.abc import Iterator

from latticework.framework.evaluation_points import complete_scores
from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.model import TrackKind


@rule(
    "soft-skill-undervalued",
    Severity.WARNING,
    "An IC level scores below the management level of its grade on a soft-skill subfactor "
    "without a rationale.",
)
def soft_skill_undervalued(ctx: LintContext) -> Iterator[Finding]:
    # The Directive's Art. 4 warns that soft skills (communication, emotional effort) are
    # where gender-biased evaluations undervalue work; a lower degree needs a stated reason.
    fw = ctx.framework
    plan = fw.evaluation
    if plan is None:
        return
    soft = [s for _, s in plan.subfactors() if s.soft_skill]
    for li, entry in enumerate(plan.levels):
        if not fw.has_level(entry.level):
            continue
        here = fw.placement(entry.level)
        if here.track.kind is not TrackKind.IC:
            continue
        mine = complete_scores(plan, entry.level)
        if mine is None:
            continue
        for peer in fw.equivalent_levels(entry.level, track_kind=TrackKind.MANAGEMENT):
            theirs = complete_scores(plan, peer.level.id)
            if theirs is None:
                continue
            for sub in soft:
                if mine[sub.id] < theirs[sub.id] and not entry.rationale.get(sub.id):
                    yield soft_skill_undervalued.finding(
                        f"{entry.level} {here.level.title} scores {sub.name.lower()} at degree "
                        f"{mine[sub.id]}, below {peer.level.id} {peer.level.title} "
                        f"({theirs[sub.id]}), with no rationale.",
                        ctx.at_path("evaluation", "levels", li, "scores", sub.id),
                        f"Give `rationale: {{{sub.id}: …}}` saying why the IC work asks less of "
                        "it, or score it as the management level (soft skills are where "
                        "evaluations most often undervalue work).",
                    )
