"""Packets, plans and moves stay on the person's path."""

from __future__ import annotations

from datetime import date

import pytest

from latticework.errors import LatticeworkError
from latticework.framework import Framework
from latticework.growth.moves import Position, legal_moves, shortest_route
from latticework.growth.packet import build_packet
from latticework.growth.person_data import ImpactRecord, Participation, RoleHeld
from latticework.growth.plan import propose_plan
from latticework.growth.readiness import assess_readiness
from latticework.reports.document import to_markdown
from latticework.reports.growth_packet import packet_document
from tests.growth.conftest import AS_OF, person, ratings


def principal_packet(framework: Framework) -> str:
    packet = build_packet(
        framework,
        person("E8"),
        ratings({"craft-expertise": 4, "delivery-impact": 3, "communication": 4, "strategy": 1}),
        [
            ImpactRecord(
                "i1",
                "e1",
                date(2026, 2, 1),
                "efficiency",
                "Streaming analytics",
                "cloud costs",
                1_000_000,
                "USD/year",
                "the product team",
                "their Q2 roadmap",
            )
        ],
        [RoleHeld("system-architect", date(2025, 1, 1), None, "payments platform")],
        [Participation("architecture-review-board", date(2026, 1, 10), "decision_maker")],
        AS_OF,
    )
    return to_markdown(packet_document(packet, framework))


def test_technical_depth_principal_packet_has_no_strategic_expectations(
    framework: Framework,
) -> None:
    text = principal_packet(framework)
    for competency in framework.competencies:
        for expectation in competency.expectations:
            if expectation.path is not None and expectation.path != "technical-depth":
                assert expectation.text not in text, (competency.id, expectation.path)
    for competency_id in ("strategy", "people-management"):
        competency = framework.competency(competency_id)
        assert competency.name not in text
        for expectation in competency.expectations:
            assert expectation.text not in text
    for owed in framework.expectations_for("E9", "technical-depth"):
        assert owed.expectation.text in text


def test_packet_shows_impact_roles_forums_time_and_equivalents(framework: Framework) -> None:
    text = principal_packet(framework)
    assert "This reduces our cloud costs by $1M/year" in text
    assert "System architect" in text
    assert "payments platform" in text
    assert "Architecture review board" in text
    assert "33 months" in text  # 2024-01-15 to 2026-11-01
    assert "VP of Engineering" in text  # E9's equivalent on the management track


def test_packet_at_the_top_of_the_track_is_a_clear_error(framework: Framework) -> None:
    with pytest.raises(LatticeworkError, match="top of the"):
        build_packet(framework, person("E9"), [], [], [], [], AS_OF)


def test_technical_depth_plan_offers_talks_and_research_not_coaching(framework: Framework) -> None:
    readiness = assess_readiness(
        framework,
        person("E7"),
        ratings(
            {
                "craft-expertise": 2,
                "system-design": 4,
                "communication": 3,
                "delivery-impact": 4,
                "mentoring": 4,
            }
        ),
        AS_OF,
    )
    plan = propose_plan(framework, readiness, start=date(2026, 11, 1))
    kinds = [i.opportunity_id for i in plan.items]
    # the talk develops craft (gap 2 x weight 2) and communication (gap 1): the largest
    assert kinds[0] == "conference-talk"
    technical = {o.id for o in framework.development if "technical-depth" in o.paths}
    assert set(kinds) <= technical
    assert "executive-coaching" not in kinds
    assert "leadership-training" not in kinds
    assert plan.items[0].due_date == date(2027, 1, 24)  # 12 weeks on
    assert plan.items[0].due_date < plan.items[-1].due_date
    assert "Craft expertise" in plan.items[0].goal


def test_asking_for_the_leadership_path_brings_leadership_opportunities(
    framework: Framework,
) -> None:
    readiness = assess_readiness(framework, person("E7"), ratings({"strategy": 2}), AS_OF)
    plan = propose_plan(framework, readiness, date(2026, 11, 1), path_id="strategic-leadership")
    kinds = {i.opportunity_id for i in plan.items}
    assert kinds & {"executive-coaching", "leadership-training", "strategy-participation"}
    assert plan.path == "strategic-leadership"


def test_moves_from_principal_are_up_sideways_and_across(framework: Framework) -> None:
    moves = legal_moves(framework, Position("E8", "technical-depth"))
    kinds = {(m.kind, m.target.level, m.target.path) for m in moves}
    assert ("promotion", "E9", "technical-depth") in kinds
    assert ("path_change", "E8", "strategic-leadership") in kinds
    assert ("track_change", "M8", "strategic-leadership") in kinds
    assert ("track_change", "M8", "people-leadership") in kinds
    across = next(m for m in moves if m.target == Position("M8", "people-leadership"))
    assert "people-management" in {r.competency for r in across.requires}
    assert across.note == "same grade: same band and standing"
    up = next(m for m in moves if m.kind == "promotion")
    assert up.note == (
        "by the promotion rule: 80% of weighted expectations met, after at least 12 months in level"
    )


def test_shortest_route_to_vp_is_promotion_then_switch_or_switch_then_promotion(
    framework: Framework,
) -> None:
    route = shortest_route(framework, Position("E8", "technical-depth"), "M9")
    assert route is not None
    assert len(route.steps) == 2
    assert route.steps[-1].target.level == "M9"


def test_route_to_a_path_and_unreachable_levels(framework: Framework) -> None:
    route = shortest_route(framework, Position("E5", "technical-depth"), "strategic-leadership")
    assert route is not None
    assert [m.kind for m in route.steps] == ["promotion", "path_change"]
    assert shortest_route(framework, Position("E8", "technical-depth"), "E4") is None
    with pytest.raises(LatticeworkError, match="neither a level nor a path"):
        shortest_route(framework, Position("E8", None), "Z99")


def test_with_no_gap_left_the_plan_goes_further_across_several_competencies(
    framework: Framework,
) -> None:
    strong = {
        "craft-expertise": 4,
        "system-design": 4,
        "delivery-impact": 4,
        "communication": 4,
        "mentoring": 4,
    }
    readiness = assess_readiness(framework, person("E8"), ratings(strong), AS_OF)
    assert readiness.next is not None
    assert readiness.next.gaps == []
    plan = propose_plan(framework, readiness, date(2026, 11, 1))
    assert "goes further" in plan.notes[0]
    focus = [i.competency for i in plan.items]
    assert len(plan.items) == 3
    assert len(set(focus)) == 3  # one competency per item, not three for the same
    assert all("to go further in" in i.goal for i in plan.items)
