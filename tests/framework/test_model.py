"""The framework model answers the questions users ask of a lattice."""

from __future__ import annotations

from latticework.framework import load_default_framework, load_framework_text
from latticework.framework.model import TrackKind
from tests.framework.conftest import CLEAN


def test_management_equivalent_of_principal_engineer_is_director() -> None:
    fw = load_default_framework().framework
    (director,) = fw.equivalent_levels("E8", track_kind=TrackKind.MANAGEMENT)
    assert (director.level.id, director.level.title) == ("M8", "Director of Engineering")


def test_equivalents_across_disciplines_share_the_grade() -> None:
    fw = load_default_framework().framework
    everywhere = fw.equivalent_levels("E8", same_discipline=False)
    assert {p.level.id for p in everywhere} == {"M8", "D8", "DM8", "P8", "PM8"}


def test_levels_and_paths_at_principal_grade() -> None:
    fw = load_default_framework().framework
    levels = {p.level.id for p in fw.levels_at_grade("G8")}
    assert levels == {"E8", "M8", "D8", "DM8", "P8", "PM8"}
    e8_paths = {p.id for p in fw.paths_for_level("E8")}
    assert {"technical-depth", "strategic-leadership", "domain-specialist:security"} <= e8_paths
    assert "people-leadership" not in e8_paths
    assert {p.id for p in fw.paths_for_level("M8")} == {
        "strategic-leadership",
        "people-leadership",
    }


def test_same_grade_means_same_band_across_tracks() -> None:
    fw = load_default_framework().framework
    for zone in ("us", "eu", "uk"):
        assert fw.band_for("E8", zone) == fw.band_for("M8", zone)
        assert fw.band_for("E9", zone) == fw.band_for("M9", zone)


def test_the_most_specific_expectation_wins() -> None:
    text = CLEAN.replace(
        '      - {grade: G8, text: "Shapes architecture across the organisation."}\n',
        '      - {grade: G8, text: "general"}\n'
        '      - {grade: G8, discipline: engineering, text: "discipline"}\n'
        '      - {grade: G8, path: technical-depth, text: "path"}\n'
        '      - {grade: G8, path: technical-depth, discipline: engineering, text: "both"}\n',
    )
    fw = load_framework_text(text).framework
    craft = fw.competency("craft")

    def chosen(path: str | None, discipline: str = "engineering") -> str | None:
        e = fw.expectation_at(craft, "G8", discipline, path)
        return e.text if e else None

    assert chosen("technical-depth") == "both"
    assert chosen("technical-depth", "design") == "path"
    assert chosen("strategic-leadership") == "discipline"
    assert chosen(None, "design") == "general"
    assert chosen("domain-specialist:security") == "Leads threat modelling org-wide."


def test_weight_zero_leaves_a_competency_out_and_weights_are_reported() -> None:
    fw = load_framework_text(CLEAN).framework
    on_depth = {i.competency.id: i.weight for i in fw.expectations_for("E8", "technical-depth")}
    assert on_depth == {"craft": 1.0}
    on_security = {
        i.competency.id: i.weight for i in fw.expectations_for("E8", "domain-specialist:security")
    }
    assert on_security == {"craft": 2.0}
    on_strategy = {i.competency.id for i in fw.expectations_for("M8", "strategic-leadership")}
    assert on_strategy == {"craft", "strategy"}


def test_next_level_walks_up_the_track() -> None:
    fw = load_default_framework().framework
    assert fw.next_level("E8") == fw.level("E9")
    assert fw.next_level("E9") is None
