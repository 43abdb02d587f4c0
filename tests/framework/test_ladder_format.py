"""The format holds published ladders as they are: proficiency steps, track-scoped texts,
shared manager ladders, promotion by level and by points, rich expectations."""

from __future__ import annotations

import json
from datetime import date

from latticework.framework import load_framework_text
from latticework.framework.lint import lint
from latticework.framework.overview import framework_overview
from latticework.growth.person_data import Person, Rating
from latticework.growth.readiness import assess_readiness
from latticework.reports.framework_show import framework_markdown
from tests.framework.conftest import CLEAN, line_of, lint_yaml
from tests.framework.ladder_shapes import POINTS, PROFICIENCY_BY_TRACK, SHARED_MANAGER_LADDER

AS_OF = date(2026, 6, 1)


def _person(level: str, track: str = "ic", discipline: str = "engineering") -> Person:
    return Person("p1", discipline, track, level, level_start_date=date(2024, 1, 1))


def _rated(**marks: int) -> list[Rating]:
    return [Rating(c.replace("__", "#"), "manager", r, "2026") for c, r in marks.items()]


def test_ic_and_manager_read_their_own_text_at_one_grade_without_paths() -> None:
    fw = load_framework_text(PROFICIENCY_BY_TRACK).framework
    ic = {e.competency.id: e.expectation.text for e in fw.expectations_for("L2", None)}
    mgmt = {e.competency.id: e.expectation.text for e in fw.expectations_for("M2", None)}
    assert ic["people"] == "Mentors a newer engineer."
    assert mgmt["people"] == "Runs one-to-ones for a team."
    assert ic["delivery"] == mgmt["delivery"] == "Plans and ships a feature."


def test_track_scoped_texts_raise_no_grade_gap_or_path_warnings() -> None:
    findings = lint(load_framework_text(PROFICIENCY_BY_TRACK))
    assert [f.rule for f in findings] == ["section-absent"]


def test_readiness_compares_ratings_with_the_required_proficiency_step() -> None:
    fw = load_framework_text(PROFICIENCY_BY_TRACK).framework
    # Practising (2) on delivery and on people is L2's bar; reaching it is not "exceeding".
    readiness = assess_readiness(fw, _person("L1"), _rated(delivery=2, people=2), AS_OF)
    assert readiness.next is not None
    assert [(i.competency, i.required, i.proficiency) for i in readiness.next.items] == [
        ("delivery", 2, "Practising"),
        ("people", 2, "Practising"),
    ]
    assert readiness.ready, readiness.reasons
    short = assess_readiness(fw, _person("L1"), _rated(delivery=2, people=1), AS_OF)
    assert not short.ready
    assert short.next is not None
    assert short.next.gaps[0].competency == "people"


def test_a_manager_is_held_to_the_management_step_at_the_same_grade() -> None:
    fw = load_framework_text(PROFICIENCY_BY_TRACK).framework
    readiness = assess_readiness(fw, _person("M2", "manager"), _rated(delivery=3, people=3), AS_OF)
    assert readiness.next is not None
    assert {i.competency: i.required for i in readiness.next.items} == {
        "delivery": 3,
        "people": 4,
    }
    assert not readiness.ready


def test_a_narrower_expectation_can_add_to_the_broader_one() -> None:
    text = CLEAN.replace(
        '      - {grade: G8, path: "domain-specialist:security", text: "Leads threat modelling '
        'org-wide."}\n',
        '      - {grade: G8, path: "domain-specialist:security", combine: add, text: "Leads '
        'threat modelling org-wide."}\n',
    )
    fw = load_framework_text(text).framework
    craft = [e.expectation.text for e in fw.expectations_for("E8", "domain-specialist:security")]
    assert "Leads threat modelling org-wide." in craft
    assert "Shapes architecture across the organisation." in craft
    replaced = load_framework_text(CLEAN).framework
    texts = [
        e.expectation.text for e in replaced.expectations_for("E8", "domain-specialist:security")
    ]
    assert "Shapes architecture across the organisation." not in texts


def test_a_shared_manager_ladder_is_checked_against_every_discipline_it_serves() -> None:
    findings = lint(load_framework_text(SHARED_MANAGER_LADDER, "fw.yaml"))
    gaps = [f.message for f in findings if f.rule == "equivalence-gap"]
    assert gaps == [
        "Engineering management: Manager level EM4 Senior Engineering Manager is at G4, but "
        "Reliability engineering Reliability engineer has no level at G4, so it has no "
        "equivalent."
    ]
    ceilings = [f.message for f in findings if f.rule == "ic-ceiling"]
    assert len(ceilings) == 1
    assert ceilings[0].startswith("Reliability engineering:")


def test_shared_titles_warn_naming_the_levels() -> None:
    findings = lint(load_framework_text(SHARED_MANAGER_LADDER, "fw.yaml"))
    shared = [f for f in findings if f.rule == "level-title-shared"]
    assert len(shared) == 1
    assert "SE1, SE2" in shared[0].message
    assert shared[0].location.line == line_of(SHARED_MANAGER_LADDER, "{id: SE1,")


def test_the_shared_manager_level_is_equivalent_across_disciplines() -> None:
    fw = load_framework_text(SHARED_MANAGER_LADDER).framework
    assert {p.level.id for p in fw.equivalent_levels("EM3")} == {"SE3", "RE3"}
    assert {p.level.id for p in fw.equivalent_levels("SE3")} == {"EM3"}


def test_bullets_are_rated_separately_and_share_their_expectations_weight() -> None:
    fw = load_framework_text(SHARED_MANAGER_LADDER).framework
    marks = _rated(impact=3, impact__scope=4)
    readiness = assess_readiness(fw, _person("SE3", discipline="software"), marks, AS_OF)
    assert readiness.next is not None
    items = readiness.next.items
    assert [(i.bullet, i.weight, i.met) for i in items] == [
        ("scope", 0.5, True),
        ("follow-through", 0.5, False),
    ]
    assert not readiness.ready


def test_points_summed_across_competencies_decide_readiness() -> None:
    fw = load_framework_text(POINTS).framework
    assert lint(load_framework_text(POINTS)) == [
        f for f in lint(load_framework_text(POINTS)) if f.rule == "section-absent"
    ]
    # Milestone 4 on code (12) and 3 on mentoring (6): 18 points, P3 needs 15.
    ready = assess_readiness(fw, _person("P2"), _rated(code=4, mentoring=3), AS_OF)
    assert (ready.points, ready.min_points, ready.ready) == (18, 15, True)
    assert ready.min_months_in_level == 6  # the ic track's own minimum
    short = assess_readiness(fw, _person("P2"), _rated(code=3, mentoring=3), AS_OF)
    assert (short.points, short.ready) == (12, False)
    assert short.reasons[0] == "12 points earned; P3 needs 15"


def test_a_threshold_per_level_overrides_the_rule() -> None:
    text = CLEAN.replace(
        "  threshold: 0.8\n", "  threshold: 0.8\n  levels:\n    E8: {threshold: 0.5}\n"
    )
    fw = load_framework_text(text).framework
    marks = _rated(craft=4, strategy=4, **{"people-management": 1})
    readiness = assess_readiness(fw, Person("p", "engineering", "ic", "E7"), marks, AS_OF)
    assert readiness.threshold == 0.5
    assert readiness.ready, readiness.reasons


def test_a_holistic_rule_does_not_present_expectations_as_a_checklist() -> None:
    text = CLEAN.replace("  rule: weighted-threshold\n  threshold: 0.8\n", "  rule: holistic\n")
    loaded = load_framework_text(text)
    markdown = framework_markdown(loaded.framework)
    assert "not a checklist" in markdown
    assert "every expectation" not in markdown
    readiness = assess_readiness(
        loaded.framework, Person("p", "engineering", "ic", "E7"), _rated(craft=4), AS_OF
    )
    assert "not a checklist" in readiness.reasons[0]


def test_show_includes_level_and_track_descriptions() -> None:
    fw = load_framework_text(PROFICIENCY_BY_TRACK).framework
    markdown = framework_markdown(fw)
    assert "Grow through the work itself." in markdown
    assert "Owns features end to end." in markdown
    data = json.loads(json.dumps(framework_overview(fw)))
    track = data["disciplines"][0]["tracks"][0]
    assert track["description"] == "Grow through the work itself."
    assert track["levels"][1]["description"] == "Owns features end to end."


def test_a_merged_item_may_override_a_key_of_its_base() -> None:
    text = CLEAN.replace(
        "development:\n  - id: talk\n",
        "development:\n  - &talk\n    id: talk\n",
    ).replace(
        "  - {id: coaching,",
        "  - <<: *talk\n    id: workshop\n    name: Workshop\n  - {id: coaching,",
    )
    fw = load_framework_text(text).framework
    assert [o.id for o in fw.development] == ["talk", "workshop", "coaching"]
    assert fw.development[1].paths == fw.development[0].paths


def test_a_key_written_twice_by_hand_is_still_an_error() -> None:
    import pytest

    from latticework.errors import LatticeworkError

    with pytest.raises(LatticeworkError, match="appears twice"):
        load_framework_text(CLEAN.replace("  - id: talk\n", "  - id: talk\n    id: talk2\n"))


def test_a_framework_without_latticework_sections_gets_one_info_and_no_defaults() -> None:
    bare = CLEAN[: CLEAN.index("development:")] + "promotion:\n  rule: all-expectations\n"
    findings = lint_yaml(bare)
    assert [f.rule for f in findings] == ["section-absent"]
    assert "development, leadership_roles, forums, team_targets" in findings[0].message


def test_strategy_asked_of_every_pathless_ic_level_is_strategic_equals_senior() -> None:
    no_paths = CLEAN[: CLEAN.index("paths:")] + CLEAN[CLEAN.index("competencies:") :]
    no_paths = no_paths.replace(
        'paths: [technical-depth, "domain-specialist:security"]', "paths: []"
    )
    no_paths = no_paths.replace("paths: [strategic-leadership, people-leadership]", "paths: []")
    findings = [f for f in lint_yaml(no_paths) if f.rule == "strategic-equals-senior"]
    assert len(findings) == 1
    assert "every IC level (E6, E7, E8)" in findings[0].message
    assert "'Strategy'" in findings[0].message
