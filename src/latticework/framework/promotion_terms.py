"""The promotion rule as it applies to one level: threshold, points and time, and its wording.

One place decides which figure holds where (a level's own, else its track's,
else the rule's), so readiness, packets, `show` and the published ladder agree.
"""

from __future__ import annotations

from latticework.framework.model import Framework, PromotionRule


def threshold_for(rule: PromotionRule, target_level: str) -> float | None:
    """The weighted share that reaches `target_level`: its own threshold, else the rule's."""
    own = rule.levels.get(target_level)
    return own.threshold if own is not None and own.threshold is not None else rule.threshold


def min_points_for(rule: PromotionRule, target_level: str) -> int | None:
    own = rule.levels.get(target_level)
    return own.min_points if own is not None else None


def min_months_for(fw: Framework, level_id: str) -> int:
    """Months in `level_id` before promotion out of it: the level's, the track's, the rule's."""
    rule = fw.promotion
    own = rule.levels.get(level_id)
    if own is not None and own.min_months is not None:
        return own.min_months
    if fw.has_level(level_id):
        track = rule.tracks.get(fw.placement(level_id).track.id)
        if track is not None and track.min_months is not None:
            return track.min_months
    return rule.min_months_in_level


def next_level_met_rating(rule: PromotionRule) -> int:
    """The rating at which an expectation of the *next* level counts as met: one step above
    "Meets" on the current level's scale, i.e. already working at the next level. The one
    rule for readiness, packets, plans and the level page (an expectation that names a
    proficiency step is met at that step instead)."""
    return rule.meets_rating + 1


def next_level_met_words(rule: PromotionRule) -> str:
    """`next_level_met_rating` in words, for every page and document that states it."""
    rating = next_level_met_rating(rule)
    label = rule.rating_scale.get(rating)
    named = f" ({label})" if label else ""
    return (
        f"an expectation of the next level counts as met at a rating of {rating}{named} or "
        "more; one that names a proficiency step, at that step"
    )


def promotion_summary(rule: PromotionRule) -> str:
    """The promotion rule in one sentence, in the framework's own terms.

    Only `all-expectations` presents every expectation as required; frameworks
    that say "not a checklist" use `holistic` or a threshold, and the wording
    says so.
    """
    meets = rule.rating_scale.get(rule.meets_rating, str(rule.meets_rating))
    if rule.rule == "weighted-threshold" and rule.threshold is not None:
        text = (
            f"ready when the path-weighted share of expectations rated {rule.meets_rating} "
            f"({meets}) or higher is at least {rule.threshold:.0%}"
        )
    elif rule.rule == "points":
        text = (
            "ready when the points of the proficiency steps reached, summed across "
            "competencies, reach the next level's minimum"
        )
    elif rule.rule == "holistic":
        text = (
            "the expectations describe the level and are not a checklist: the promotion "
            "decision weighs them together, with evidence"
        )
    else:
        text = f"ready when every expectation is rated {rule.meets_rating} ({meets}) or higher"
    if rule.min_months_in_level:
        text += f", after at least {rule.min_months_in_level} months in level"
    overrides = sorted(
        lv for lv, r in rule.levels.items() if r.threshold is not None or r.min_months is not None
    )
    own = [f"levels {', '.join(overrides)}"] if overrides else []
    own += [f"tracks {', '.join(rule.tracks)}"] if rule.tracks else []
    if own:
        text += f" ({' and '.join(own)} set their own terms)"
    return text + "."
