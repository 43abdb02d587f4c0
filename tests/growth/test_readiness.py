"""Readiness judges a person only against their own level and path, by the framework's rule."""

from __future__ import annotations

from datetime import date

from latticework.framework import Framework
from latticework.growth.readiness import assess_readiness
from tests.growth.conftest import AS_OF, person, ratings

STRONG_IC = {
    "craft-expertise": 4,
    "system-design": 4,
    "delivery-impact": 4,
    "communication": 4,
    "mentoring": 4,
}


def test_technical_depth_is_never_held_to_strategy_or_people_management(
    framework: Framework,
) -> None:
    marks = ratings({**STRONG_IC, "strategy": 1, "people-management": 1})
    readiness = assess_readiness(framework, person("E7"), marks, AS_OF)
    for level in (readiness.current, readiness.next):
        assert level is not None
        assert {i.competency for i in level.items} == set(STRONG_IC)
    assert readiness.ready, readiness.reasons


def test_the_same_ratings_on_the_strategic_path_leave_a_strategy_gap(
    framework: Framework,
) -> None:
    marks = ratings({**STRONG_IC, "strategy": 1})
    readiness = assess_readiness(framework, person("E7", "strategic-leadership"), marks, AS_OF)
    assert readiness.current.gaps[0].competency == "strategy"
    assert readiness.current.gaps[0].gap == 2
    assert not readiness.ready
    # strategy weighs 2 of 7 on this path: 5/7 = 71 % met, below the 80 % threshold
    assert readiness.next is not None
    assert round(readiness.next.weighted_share_met, 3) == round(5 / 7, 3)


def test_craft_weighs_double_on_technical_depth(framework: Framework) -> None:
    marks = ratings({**STRONG_IC, "craft-expertise": 3})
    readiness = assess_readiness(framework, person("E7"), marks, AS_OF)
    assert readiness.next is not None
    # craft weighs 2 of 7 on technical depth (as does system design): 5/7 = 71 % < 80 %
    assert readiness.next.weighted_share_met == 5 / 7
    assert not readiness.ready
    assert readiness.current.gaps == []


def test_next_level_needs_exceeds_and_manager_rating_wins_over_self(framework: Framework) -> None:
    marks = ratings(STRONG_IC) + ratings({"craft-expertise": 5}, rater="self")
    marks += ratings({"craft-expertise": 3}, cycle="2026-H2")
    readiness = assess_readiness(framework, person("E7"), marks, AS_OF)
    assert readiness.next is not None
    craft = next(i for i in readiness.next.items if i.competency == "craft-expertise")
    assert (craft.self_rating and craft.self_rating.rating, craft.judged) == (5, 3)
    assert craft.required == 4
    assert not craft.met


def test_all_expectations_rule_lists_every_unmet_one(framework: Framework) -> None:
    strict = framework.model_copy(
        update={"promotion": framework.promotion.model_copy(update={"rule": "all-expectations"})}
    )
    strict.model_post_init(None)
    marks = ratings({**STRONG_IC, "mentoring": 3})
    readiness = assess_readiness(strict, person("E7"), marks, AS_OF)
    assert not readiness.ready
    assert any("Mentoring" in reason for reason in readiness.reasons)


def test_too_little_time_in_level_blocks_readiness(framework: Framework) -> None:
    recent = person("E7", level_start=date(2026, 6, 1))
    readiness = assess_readiness(framework, recent, ratings(STRONG_IC), AS_OF)
    assert readiness.months_in_level == 5
    assert not readiness.ready
    assert any("at least 12" in reason for reason in readiness.reasons)


def test_a_path_not_open_at_the_level_falls_back_to_general_expectations(
    framework: Framework,
) -> None:
    readiness = assess_readiness(framework, person("E5", "strategic-leadership"), [], AS_OF)
    assert readiness.current.path is None
    assert "not open at E5" in readiness.current.note
