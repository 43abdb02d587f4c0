"""The evaluation plan itself: weights that add up, scales that run 1..n, every level scored."""

from __future__ import annotations

from collections.abc import Iterator

from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.lint.sites import level_sites

WEIGHT_SLACK = 1e-6


@rule(
    "factor-weights-invalid",
    Severity.ERROR,
    "Factor weights do not add up to 100, a factor's subfactors do not add up to its weight, "
    "or a scale does not run 1, 2, … n.",
)
def factor_weights_invalid(ctx: LintContext) -> Iterator[Finding]:
    plan = ctx.framework.evaluation
    if plan is None:
        return
    total = sum(f.weight for f in plan.factors)
    if abs(total - 100) > WEIGHT_SLACK:
        yield factor_weights_invalid.finding(
            f"The factor weights add up to {total:g}, not 100, so points do not add up to "
            f"the plan's {plan.total_points}.",
            ctx.at_path("evaluation", "factors"),
            "Adjust the factors' `weight:` values (percent of the total) so they sum to 100.",
        )
    for fi, factor in enumerate(plan.factors):
        inner = sum(s.weight for s in factor.subfactors)
        if abs(inner - factor.weight) > WEIGHT_SLACK:
            yield factor_weights_invalid.finding(
                f"Factor {factor.id} weighs {factor.weight:g} %, but its subfactors add up to "
                f"{inner:g} %.",
                ctx.at_path("evaluation", "factors", fi, "weight"),
                f"Make the subfactors' weights sum to {factor.weight:g}, or set the factor's "
                f"weight to {inner:g}.",
            )
        for si, sub in enumerate(factor.subfactors):
            degrees = [s.level for s in sub.scale]
            if degrees != list(range(1, len(degrees) + 1)) or len(degrees) < 2:
                yield factor_weights_invalid.finding(
                    f"The scale of subfactor {sub.id} has degrees {degrees}; a scale runs "
                    "1, 2, … n (at least two degrees), lowest first.",
                    ctx.at_path("evaluation", "factors", fi, "subfactors", si, "scale"),
                    "Number the scale's degrees 1, 2, 3, … in order, each with its anchor.",
                )


@rule(
    "evaluation-incomplete",
    Severity.WARNING,
    "A level has no evaluation, misses a subfactor, scores off the scale, or an evaluation "
    "names an unknown level or subfactor.",
)
def evaluation_incomplete(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    plan = fw.evaluation
    if plan is None:
        return
    subfactors = {s.id: s for _, s in plan.subfactors()}
    scored: dict[str, int] = {}
    for li, entry in enumerate(plan.levels):
        here = ("evaluation", "levels", li)
        if entry.level in scored:
            yield evaluation_incomplete.finding(
                f"Level {entry.level} is evaluated twice; only the first evaluation counts.",
                ctx.at_path(*here, "level"),
                "Keep one evaluation per level (record re-evaluations by editing it and its date).",
            )
            continue
        scored[entry.level] = li
        if not fw.has_level(entry.level):
            yield evaluation_incomplete.finding(
                f"The evaluation names level {entry.level!r}, which is not declared.",
                ctx.at_path(*here, "level"),
                "Correct the level id, or remove the evaluation of a level that no longer exists.",
            )
        for key in [*entry.scores, *entry.rationale]:
            if key not in subfactors:
                yield evaluation_incomplete.finding(
                    f"Level {entry.level}: {key!r} is not a subfactor of the plan.",
                    ctx.at_path(*here, "scores" if key in entry.scores else "rationale", key),
                    f"Use one of: {', '.join(subfactors)}.",
                )
        missing = [s for s in subfactors if s not in entry.scores]
        if missing:
            yield evaluation_incomplete.finding(
                f"Level {entry.level} has no score for {', '.join(missing)}, so its total "
                "cannot be compared.",
                ctx.at_path(*here, "scores"),
                "Score every subfactor (a degree of its scale), with a rationale.",
            )
        for key, degree in entry.scores.items():
            sub = subfactors.get(key)
            if sub is not None and not 1 <= degree <= sub.degrees:
                yield evaluation_incomplete.finding(
                    f"Level {entry.level} scores {key} at degree {degree}, but its scale runs "
                    f"1 to {sub.degrees}.",
                    ctx.at_path(*here, "scores", key),
                    f"Use a degree between 1 and {sub.degrees}.",
                )
    for site in level_sites(fw):
        if site.level.id not in scored:
            yield evaluation_incomplete.finding(
                f"Level {site.level.id} {site.level.title} has no evaluation, so nothing shows "
                "that it is work of equal value to the other levels at its grade.",
                ctx.at_path(*site.path, "id"),
                f"Add `- level: {site.level.id}` with scores, rationale, evaluated_by and "
                "evaluated_on under `evaluation.levels`.",
            )
