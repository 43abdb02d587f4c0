"""The finer points of the linter: every kind of reference, near misses, thresholds."""

from __future__ import annotations

import pytest

from latticework.errors import Location
from latticework.framework import load_default_framework, load_framework_text
from latticework.framework.lint import Severity, lint
from latticework.framework.lint.rules.bands import EXTREME_OVERLAP
from latticework.framework.lint.rules.strategic import strategic_phrases_in
from latticework.framework.model import STRATEGIC_CATEGORIES
from tests.framework.conftest import CLEAN, line_of, lint_yaml

TD_WEIGHTS = "    competency_weights: {strategy: 0, people-management: 0}\n"
G7_BAND = "  - {grade: G7, zone: us, currency: USD, min: 130000, mid: 160000, max: 190000}\n"


def _edited(*edits: tuple[str, str]) -> str:
    text = CLEAN
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _rules(text: str) -> set[str]:
    return {f.rule for f in lint_yaml(text)}


REFERENCES = [
    (
        "level grade",
        ("grade: G8}\n      - id: management", "grade: G9}\n      - id: management"),
        "G9",
        "E8, title",
    ),
    (
        "parallel_to",
        ("parallel_to: [management]", "parallel_to: [managment]"),
        "managment",
        "[managment]",
    ),
    (
        "path tracks",
        ("    tracks: [ic]\n" + TD_WEIGHTS, "    tracks: [icc]\n" + TD_WEIGHTS),
        "icc",
        "[icc]",
    ),
    (
        "path disciplines",
        (TD_WEIGHTS, TD_WEIGHTS + "    disciplines: [enginering]\n"),
        "enginering",
        "[enginering]",
    ),
    ("path min_grade", ("[ic]\n    min_grade: G7\n", "[ic]\n    min_grade: G77\n"), "G77", "G77"),
    ("path max_grade", (TD_WEIGHTS, TD_WEIGHTS + "    max_grade: G10\n"), "G10", "G10"),
    (
        "competency weight",
        (TD_WEIGHTS, TD_WEIGHTS.replace("strategy:", "strateg:")),
        "strateg",
        "strateg:",
    ),
    (
        "competency disciplines",
        ("    category: technical\n", "    category: technical\n    disciplines: [design]\n"),
        "design",
        "[design]",
    ),
    (
        "expectation grade",
        ('{grade: G6, text: "Owns the design', '{grade: G5, text: "Owns the design'),
        "G5",
        "G5, text",
    ),
    (
        "expectation path",
        ('path: "domain-specialist:security"', 'path: "domain-specialist:securty"'),
        "domain-specialist:securty",
        "securty",
    ),
    (
        "expectation discipline",
        (
            '{grade: G6, text: "Owns the design',
            '{grade: G6, discipline: design, text: "Owns the design',
        ),
        "design",
        "discipline: design",
    ),
    ("band grade", (G7_BAND, G7_BAND + G7_BAND.replace("G7", "G3")), "G3", "grade: G3"),
    (
        "band level",
        (G7_BAND, G7_BAND + G7_BAND.replace("grade: G7", "level: X7")),
        "X7",
        "level: X7",
    ),
    ("band zone", (G7_BAND, G7_BAND.replace("zone: us", "zone: usa")), "usa", "zone: usa"),
    (
        "development path",
        ("paths: [technical-depth, ", "paths: [technical-dept, technical-depth, "),
        "technical-dept",
        "technical-dept,",
    ),
    (
        "development competency",
        ("    kind: talk\n", "    kind: talk\n    competencies: [crafts]\n"),
        "crafts",
        "[crafts]",
    ),
    (
        "role discipline",
        ("time_box_months: 6}", "time_box_months: 6, disciplines: [design]}"),
        "design",
        "initiative-lead",
    ),
    (
        "role track",
        ("time_box_months: 6}", "time_box_months: 6, open_to_tracks: [icx]}"),
        "icx",
        "initiative-lead",
    ),
    (
        "role min_grade",
        ("time_box_months: 6}", "time_box_months: 6, min_grade: G3}"),
        "G3",
        "initiative-lead",
    ),
    (
        "role competency",
        ("time_box_months: 6}", "time_box_months: 6, competencies: [leading]}"),
        "leading",
        "initiative-lead",
    ),
    (
        "forum min_grade",
        ("min_grade: G7\n    tracks", "min_grade: G9\n    tracks"),
        "G9",
        "min_grade: G9",
    ),
    ("forum track", ("tracks: [management, ic]", "tracks: [mgmt, ic]"), "mgmt", "[mgmt, ic]"),
]


@pytest.mark.parametrize(
    ("edit", "value", "needle"), [r[1:] for r in REFERENCES], ids=[r[0] for r in REFERENCES]
)
def test_every_kind_of_dangling_reference_is_located(
    edit: tuple[str, str], value: str, needle: str
) -> None:
    text = _edited(edit)
    fired = [f for f in lint_yaml(text) if f.rule == "unknown-reference"]
    assert len(fired) == 1, fired
    assert f"'{value}'" in fired[0].message
    assert "not declared" in fired[0].message
    assert fired[0].location.line == line_of(text, needle)


def test_unknown_reference_suggests_the_closest_declared_id() -> None:
    text = _edited(("parallel_to: [management]", "parallel_to: [managment]"))
    (finding,) = [f for f in lint_yaml(text) if f.rule == "unknown-reference"]
    assert "Did you mean 'management'?" in finding.fix


def test_level_ids_are_global_across_disciplines() -> None:
    design = (
        "  - id: design\n    name: Design\n    tracks:\n      - id: ic\n        name: IC\n"
        "        kind: ic\n        levels:\n          - {id: E6, title: Designer, grade: G6}\n"
        "paths:\n"
    )
    text = _edited(("paths:\n", design))
    fired = [f for f in lint_yaml(text) if f.rule == "duplicate-id"]
    assert [f.location.line for f in fired] == [line_of(text, "E6, title: Designer")]
    assert "levels: id 'E6' is declared twice" in fired[0].message


def test_ic_entry_levels_below_the_first_management_grade_are_not_a_gap() -> None:
    text = _edited(
        ("  - {id: G6, rank: 6}\n", "  - {id: G5, rank: 5}\n  - {id: G6, rank: 6}\n"),
        (
            "        levels:\n          - {id: E6,",
            "        levels:\n          - {id: E5, title: Senior Engineer, grade: G5}\n"
            "          - {id: E6,",
        ),
        (
            "bands:\n",
            "bands:\n"
            "  - {grade: G5, zone: us, currency: USD, min: 80000, mid: 100000, max: 120000}\n",
        ),
        (
            '      - {grade: G6, text: "Owns the design',
            '      - {grade: G5, text: "Builds features."}\n'
            '      - {grade: G6, text: "Owns the design',
        ),
    )
    assert lint_yaml(text) == []


def test_management_level_without_ic_equivalent_is_a_gap_even_without_parallel_to() -> None:
    text = CLEAN.replace("        parallel_to: [management]\n", "").replace(
        "        parallel_to: [ic]\n", ""
    )
    text = text.replace("          - {id: E7, title: Senior Staff Engineer, grade: G7}\n", "")
    fired = [f for f in lint_yaml(text) if f.rule == "equivalence-gap"]
    assert [f.location.line for f in fired] == [line_of(text, "M7, title")]
    assert "has no equivalent" in fired[0].message


def test_ic_level_without_management_equivalent_is_a_gap_only_when_parallel_is_declared() -> None:
    text = CLEAN.replace("        parallel_to: [management]\n", "").replace(
        "        parallel_to: [ic]\n", ""
    )
    text = text.replace("          - {id: M7, title: Senior Engineering Manager, grade: G7}\n", "")
    assert "equivalence-gap" not in _rules(text)


def test_strategic_competency_without_explicit_weight_points_at_the_path() -> None:
    text = _edited((TD_WEIGHTS, TD_WEIGHTS.replace("strategy: 0, ", "")))
    fired = [f for f in lint_yaml(text) if f.rule == "strategic-equals-senior"]
    assert [f.location.line for f in fired] == [line_of(text, "id: technical-depth")]
    assert "G6, G7, G8" in fired[0].message
    assert "competency_weights: {strategy: 0}" in fired[0].fix


def test_strategic_wording_is_fine_in_a_strategic_competency_or_strategic_path() -> None:
    text = _edited(
        ("Owns a group's direction.", "Owns the roadmap and quarterly planning of a group."),
        (
            '      - {grade: G8, path: "domain-specialist:security"',
            '      - {grade: G7, path: strategic-leadership, text: "Owns the roadmap; runs '
            'customer calls."}\n      - {grade: G8, path: "domain-specialist:security"',
        ),
    )
    assert lint_yaml(text) == []


def test_strategic_wording_names_the_phrases_and_paths() -> None:
    text = _edited(("Shapes architecture across the organisation.", "Owns the P&L of the org."))
    (finding,) = [f for f in lint_yaml(text) if f.rule == "strategic-wording"]
    assert "'p&l'" in finding.message
    assert "technical-depth" in finding.message
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Joins customer calls every week", ["customer calls"]),
        ("Owns the Roadmap for the area", ["owns the roadmap"]),
        ("Runs QUARTERLY PLANNING and owns the P&L", ["quarterly planning", "p&l"]),
        ("Sets technical strategy for storage", []),
        ("Enables the product team's Q2 roadmap", []),
        ("Reduces customer-facing outages", []),
    ],
)
def test_strategic_phrases_are_matched_as_whole_phrases(text: str, phrases: list[str]) -> None:
    assert strategic_phrases_in(text) == phrases


def test_no_bands_at_all_is_not_a_missing_band_per_grade() -> None:
    start = CLEAN.index("bands:\n")
    end = CLEAN.index("development:\n")
    assert "band-missing" not in _rules(CLEAN[:start] + CLEAN[end:])


def test_level_band_equal_to_the_grade_band_is_parity() -> None:
    text = _edited(
        (G7_BAND, G7_BAND + G7_BAND.replace("grade: G7", "level: M7")),
    )
    assert lint_yaml(text) == []


G8_BAND = "  - {grade: G8, zone: us, currency: USD, min: 170000, mid: 210000, max: 250000}\n"


@pytest.mark.parametrize(("g8_min", "flagged"), [(170000, False), (150000, False), (144000, True)])
def test_band_overlap_threshold(g8_min: int, flagged: bool) -> None:
    # G7's band is 130k-190k (60k wide); the share of it inside G8's is (190k - G8 min) / 60k.
    text = _edited((G8_BAND, G8_BAND.replace("min: 170000", f"min: {g8_min}")))
    assert ((190000 - g8_min) / 60000 > EXTREME_OVERLAP) is flagged
    assert ("band-overlap" in _rules(text)) is flagged


def test_lint_runs_on_a_framework_without_a_source_map() -> None:
    fw = load_framework_text(CLEAN.replace("  threshold: 0.8\n", "")).framework
    (finding,) = lint(fw)
    assert finding.rule == "promotion-threshold-missing"
    assert finding.location == Location()


def test_findings_come_errors_first_then_by_line() -> None:
    text = _edited(
        ("  threshold: 0.8\n", ""),
        ("tracks: [management, ic]", "tracks: [management]"),
        (TD_WEIGHTS, TD_WEIGHTS.replace("strategy: 0", "strategy: 1")),
    )
    findings = lint_yaml(text)
    severities = [f.severity for f in findings]
    assert severities == sorted(
        severities, key=[Severity.ERROR, Severity.WARNING, Severity.INFO].index
    )
    errors = [f.location.line or 0 for f in findings if f.severity is Severity.ERROR]
    assert errors == sorted(errors)


def test_default_principal_engineer_on_technical_depth_needs_no_business_strategy() -> None:
    fw = load_default_framework().framework
    for level in ("E8", "E9", "D8", "D9"):
        for path in fw.paths_for_level(level):
            if path.kind.value not in ("technical", "specialist"):
                continue
            for item in fw.expectations_for(level, path.id):
                assert item.competency.category not in STRATEGIC_CATEGORIES, (level, path.id)
                assert strategic_phrases_in(item.expectation.text) == [], item.expectation.text


def test_default_specialists_have_expectations_of_their_own_at_senior_grades() -> None:
    fw = load_default_framework().framework
    for path in (p for p in fw.paths if p.kind.value == "specialist"):
        for grade in ("G7", "G8"):
            level = next(
                pl.level.id for pl in fw.levels_at_grade(grade) if fw.path_applies(path, pl)
            )
            craft = next(
                i
                for i in fw.expectations_for(level, path.id)
                if i.competency.id == "craft-expertise"
            )
            assert craft.expectation.path == path.id, (path.id, grade)


def test_default_expectations_differ_by_discipline() -> None:
    fw = load_default_framework().framework
    texts = {
        level: next(
            i.expectation.text
            for i in fw.expectations_for(level, None)
            if i.competency.id == "craft-expertise"
        )
        for level in ("E6", "D6", "P6")
    }
    assert len(set(texts.values())) == 3
    assert "service" in texts["E6"]
    assert "design quality" in texts["D6"]


def test_default_expectations_are_specific_not_placeholders() -> None:
    fw = load_default_framework().framework
    for competency in fw.competencies:
        texts = [e.text for e in competency.expectations]
        assert len(texts) == len(set(texts)), f"{competency.id} repeats an expectation"
        for text in texts:
            assert len(text.split()) >= 5, text
            assert "TODO" not in text
            assert "lorem" not in text.lower()


def test_default_management_on_strategic_leadership_is_held_to_strategy() -> None:
    fw = load_default_framework().framework
    on_path = {i.competency.id: i for i in fw.expectations_for("M8", "strategic-leadership")}
    assert on_path["strategy"].expectation.path == "strategic-leadership"
    assert on_path["strategy"].weight == 2


def test_a_discipline_specific_ladder_with_a_hole_is_a_grade_gap() -> None:
    text = _edited(
        (
            "zones:\n",
            "  - id: review\n    name: Code review\n    category: craft\n    expectations:\n"
            '      - {grade: G6, discipline: engineering, text: "Reviews the team\'s changes."}\n'
            '      - {grade: G8, discipline: engineering, text: "Sets review practice."}\n'
            "zones:\n",
        ),
    )
    fired = [f for f in lint_yaml(text) if f.rule == "competency-grade-gap"]
    assert len(fired) == 1
    assert "for Engineering from G6 to G8 but none at G7" in fired[0].message


def test_default_payments_specialists_read_their_own_discipline() -> None:
    fw = load_default_framework().framework
    for level, discipline in (("E7", None), ("P7", "product")):
        (craft,) = [
            i.expectation
            for i in fw.expectations_for(level, "domain-specialist:payments")
            if i.competency.id == "craft-expertise"
        ]
        assert (craft.path, craft.discipline) == ("domain-specialist:payments", discipline)
