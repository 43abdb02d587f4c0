"""The promotion rule and path weights: readiness must be computable from what is written."""

from __future__ import annotations

from collections.abc import Iterator

from latticework.framework.lint.registry import Finding, LintContext, Severity, rule


@rule(
    "promotion-threshold-missing",
    Severity.ERROR,
    "The promotion rule is weighted-threshold but gives no threshold.",
)
def promotion_threshold_missing(ctx: LintContext) -> Iterator[Finding]:
    promotion = ctx.framework.promotion
    if promotion.rule == "weighted-threshold" and promotion.threshold is None:
        yield promotion_threshold_missing.finding(
            "The promotion rule is `weighted-threshold` but has no `threshold`, so readiness "
            "cannot be judged.",
            ctx.at_path("promotion", "rule"),
            "Add `threshold: 0.8` (the weighted share of expectations that must be met), or "
            "use `rule: all-expectations`.",
        )


@rule(
    "promotion-threshold-ignored",
    Severity.WARNING,
    "A threshold is given but the promotion rule is all-expectations, which ignores it.",
)
def promotion_threshold_ignored(ctx: LintContext) -> Iterator[Finding]:
    promotion = ctx.framework.promotion
    if promotion.rule == "all-expectations" and promotion.threshold is not None:
        yield promotion_threshold_ignored.finding(
            f"`threshold: {promotion.threshold}` has no effect: the rule is `all-expectations` "
            "(every expectation must be met).",
            ctx.at_path("promotion", "threshold"),
            "Remove the threshold, or set `rule: weighted-threshold` if a weighted share should "
            "suffice.",
        )


@rule(
    "promotion-rating-unknown",
    Severity.ERROR,
    "The promotion rule's meets_rating is not a rating on its scale.",
)
def promotion_rating_unknown(ctx: LintContext) -> Iterator[Finding]:
    promotion = ctx.framework.promotion
    if promotion.meets_rating not in promotion.rating_scale:
        scale = ", ".join(f"{k} {v}" for k, v in sorted(promotion.rating_scale.items()))
        yield promotion_rating_unknown.finding(
            f"`meets_rating: {promotion.meets_rating}` is not on the rating scale ({scale}).",
            ctx.at_path("promotion", "meets_rating"),
            "Pick a rating from `rating_scale`, or add that rating to the scale.",
        )


@rule(
    "competency-weight-invalid",
    Severity.ERROR,
    "A path weight is negative, or every competency on a path weighs 0.",
)
def competency_weight_invalid(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    for pi, path in enumerate(fw.paths):
        for competency_id, weight in path.competency_weights.items():
            if weight < 0:
                yield competency_weight_invalid.finding(
                    f"Path {path.id} gives competency {competency_id} the negative weight "
                    f"{weight}; weights say how much a competency counts (0 = not at all).",
                    ctx.at_path("paths", pi, "competency_weights", competency_id),
                    "Use a weight of 0 or more (1 is the default).",
                )
        applicable = {c.id for c in fw.competencies}
        if applicable and all(path.competency_weights.get(c, 1.0) == 0 for c in applicable):
            yield competency_weight_invalid.finding(
                f"Every competency weighs 0 on path {path.id}, so nothing counts towards "
                "promotion on it.",
                ctx.at_path("paths", pi, "competency_weights"),
                "Give at least one competency a positive weight.",
            )
