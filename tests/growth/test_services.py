"""The growth services over an organisation's frames (the CLI tests run them on a database)."""

from __future__ import annotations

import pytest

from latticework.errors import LatticeworkError
from latticework.framework import Framework
from latticework.services import growth
from tests.growth.org_fixture import small_org


@pytest.fixture
def data(framework: Framework) -> growth.GrowthData:
    return growth.GrowthData(framework, small_org(framework))


def test_unknown_person_is_an_error_naming_the_id(data: growth.GrowthData) -> None:
    with pytest.raises(LatticeworkError, match="'nobody'"):
        growth.impact_report(data, "nobody")


def test_impact_report_frames_the_records_and_sums_them(data: growth.GrowthData) -> None:
    report = growth.impact_report(data, "p1")
    assert [s.record.impact_id for s in report.statements] == ["i2", "i1"]
    assert "by $1M/year" in report.statements[1].text
    payload = report.to_dict()
    efficiency = next(c for c in payload["summary"]["categories"] if c["category"] == "efficiency")  # type: ignore[index]
    assert efficiency["totals"][0]["formatted"] == "$1M/year"


def test_principal_packet_carries_records_from_every_table(data: growth.GrowthData) -> None:
    packet = growth.promotion_packet(data, "p1")
    assert packet.target_level == "E9"
    assert packet.readiness.months_in_level == 42
    assert [r.name for r in packet.roles] == ["System architect"]
    assert packet.forums[0].meetings == 3
    assert {i.competency for i in packet.readiness.next.items} == {  # type: ignore[union-attr]
        "craft-expertise",
        "system-design",
        "delivery-impact",
        "communication",
        "mentoring",
    }


def test_plan_for_a_technical_principal_is_technical(data: growth.GrowthData) -> None:
    _, plan = growth.development_plan(data, "p1")
    assert plan.items
    assert all(
        "technical-depth"
        in next(o for o in data.framework.development if o.id == i.opportunity_id).paths
        for i in plan.items
    )


def test_moves_report_and_unreachable_goal(data: growth.GrowthData) -> None:
    report = growth.lattice_moves(data, "p5", "M8")
    assert report.route is not None
    assert [m.target.level for m in report.route.steps][-1] == "M8"
    assert growth.lattice_moves(data, "p5", "E4").route is None


def test_teams_flag_search_for_missing_strategy_and_product(data: growth.GrowthData) -> None:
    org = growth.team_composition(data)
    search = next(t for t in org.teams if t.team == "search")
    payments = next(t for t in org.teams if t.team == "payments")
    assert {(f.kind, f.capability.value) for f in search.flags} == {
        ("missing", "strategic"),
        ("missing", "product"),
        ("concentrated", "technical"),
    }
    assert payments.flags == ()
    with pytest.raises(LatticeworkError, match="no team named 'nope'"):
        growth.team_composition(data, "nope")


def test_classification_rejects_an_unknown_discipline(framework: Framework) -> None:
    with pytest.raises(LatticeworkError, match="unknown discipline"):
        growth.classify_accomplishments(framework, ["x"], discipline="astronomy")
