"""Every lint rule, as a specification: a small framework that triggers it, at a known line.

Each case mutates the clean framework (which passes every rule) in one way and
asserts which rule fires and on which line. A test below fails when a rule is
registered without a case here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from latticework.framework.lint import all_rules
from tests.framework.conftest import CLEAN, line_of, lint_yaml
from tests.framework.evaluation_cases import EVALUATION_CASES


@dataclass(frozen=True)
class Case:
    """Edits to CLEAN that make `rule` fire at the line containing `needle`."""

    rule: str
    edits: tuple[tuple[str, str], ...]
    needle: str
    occurrence: int = 1
    also: frozenset[str] = field(default_factory=frozenset)
    """Other rules that rightly fire on the same mistake."""

    def yaml(self) -> str:
        text = CLEAN
        for old, new in self.edits:
            assert text.count(old) == 1, f"edit target {old!r} must occur once"
            text = text.replace(old, new)
        return text


def _edit(old: str, new: str) -> tuple[str, str]:
    return (old, new)


E7_LINE = "          - {id: E7, title: Senior Staff Engineer, grade: G7}\n"
E8_LINE = "          - {id: E8, title: Principal Engineer, grade: G8}\n"
M7_LINE = "          - {id: M7, title: Senior Engineering Manager, grade: G7}\n"
M8_LINE = "          - {id: M8, title: Director, grade: G8}\n"
G6_BAND = "  - {grade: G6, zone: us, currency: USD, min: 100000, mid: 125000, max: 150000}\n"
G7_BAND = "  - {grade: G7, zone: us, currency: USD, min: 130000, mid: 160000, max: 190000}\n"
G8_BAND = "  - {grade: G8, zone: us, currency: USD, min: 170000, mid: 210000, max: 250000}\n"
SECURITY_G8 = (
    '      - {grade: G8, path: "domain-specialist:security", text: "Leads threat modelling '
    'org-wide."}\n'
)
TD_WEIGHTS = "    competency_weights: {strategy: 0, people-management: 0}\n"

CASES = [
    Case(
        "unknown-reference",
        (
            _edit(
                "min_grade: G7\n    tracks",
                "min_grade: G9\n    tracks",
            ),
        ),
        "min_grade: G9",
    ),
    Case(
        "duplicate-id", (_edit(M7_LINE, M7_LINE.replace("M7", "E7")),), "{id: E7, title: Senior Eng"
    ),
    Case(
        "duplicate-grade-rank",
        (_edit("  - {id: G8, rank: 8}\n", "  - {id: G8, rank: 8}\n  - {id: G8b, rank: 8}\n"),),
        "G8b",
        also=frozenset({"unused-grade"}),
    ),
    Case(
        "unused-grade",
        (_edit("  - {id: G8, rank: 8}\n", "  - {id: G8, rank: 8}\n  - {id: G9, rank: 9}\n"),),
        "G9",
    ),
    Case("grade-not-increasing", (_edit(E7_LINE + E8_LINE, E8_LINE + E7_LINE),), "E7, title"),
    Case(
        "empty-track",
        (
            _edit(
                M8_LINE, M8_LINE + "      - {id: fellows, name: Fellows, kind: other, levels: []}\n"
            ),
        ),
        "fellows",
    ),
    Case("equivalence-gap", (_edit(M7_LINE, ""),), "E7, title"),
    Case(
        "parallel-not-reciprocal",
        (_edit("        parallel_to: [ic]\n", ""),),
        "parallel_to: [management]",
    ),
    Case(
        "ic-ceiling",
        (_edit(E8_LINE, ""),),
        "E7, title",
        also=frozenset({"equivalence-gap", "expectation-outside-path"}),
    ),
    Case(
        "band-scope",
        (_edit(G8_BAND, G8_BAND + "  - {zone: us, currency: USD, min: 1, mid: 2, max: 3}\n"),),
        "min: 1,",
    ),
    Case(
        "band-inverted-range",
        (_edit(G7_BAND, G7_BAND.replace("mid: 160000", "mid: 200000")),),
        "grade: G7, zone",
    ),
    Case(
        "band-currency-mismatch",
        (_edit(G8_BAND, G8_BAND.replace("USD", "EUR")),),
        "grade: G8, zone",
    ),
    Case(
        "band-parity",
        (
            _edit(
                G8_BAND,
                G8_BAND
                + G8_BAND.replace("grade: G8", "level: M8").replace("mid: 210000", "mid: 220000"),
            ),
        ),
        "level: M8",
    ),
    Case(
        "band-not-increasing",
        (
            _edit(
                G8_BAND,
                G8_BAND.replace(
                    "min: 170000, mid: 210000, max: 250000", "min: 120000, mid: 150000, max: 180000"
                ),
            ),
        ),
        "grade: G8, zone",
    ),
    Case(
        "band-overlap",
        (
            _edit(
                G7_BAND,
                G7_BAND.replace(
                    "min: 130000, mid: 160000, max: 190000", "min: 105000, mid: 140000, max: 175000"
                ),
            ),
        ),
        "grade: G7, zone",
    ),
    Case(
        "band-missing",
        (
            _edit(
                "currency: USD}\nbands:",
                "currency: USD}\n  - {id: eu, name: Eurozone, currency: EUR}\nbands:",
            ),
        ),
        "id: eu",
    ),
    Case(
        "strategic-equals-senior",
        (_edit(TD_WEIGHTS, TD_WEIGHTS.replace("strategy: 0", "strategy: 1")),),
        "competency_weights: {strategy: 1",
    ),
    Case(
        "strategic-wording",
        (
            _edit(
                "Shapes architecture across the organisation.",
                "Shapes architecture and owns the roadmap of the organisation.",
            ),
        ),
        "owns the roadmap",
    ),
    Case(
        "strategic-only-path",
        (
            _edit(TD_WEIGHTS, TD_WEIGHTS + "    max_grade: G7\n"),
            _edit(
                "    tracks: [ic]\n    min_grade: G7\n",
                "    tracks: [ic]\n    min_grade: G7\n    max_grade: G7\n",
            ),
        ),
        "E8, title",
        also=frozenset({"expectation-outside-path"}),
    ),
    Case(
        "path-unreachable",
        (
            _edit(
                "paths:\n",
                "paths:\n  - {id: fellow, name: Fellow, kind: technical, tracks: [other]}\n",
            ),
            _edit("paths: [technical-depth, ", "paths: [fellow, technical-depth, "),
        ),
        "id: fellow",
    ),
    Case(
        "level-without-path",
        (
            _edit("tracks: [ic, management]\n", "tracks: [ic]\n"),
            _edit("    kind: people\n", "    kind: people\n    min_grade: G7\n"),
        ),
        "M6, title",
    ),
    Case(
        "path-without-expectations",
        (
            _edit("  - {id: G8, rank: 8}\n", "  - {id: G8, rank: 8}\n  - {id: G9, rank: 9}\n"),
            _edit(
                E8_LINE,
                E8_LINE + "          - {id: E9, title: Distinguished Engineer, grade: G9}\n",
            ),
            _edit(
                G8_BAND,
                G8_BAND
                + "  - {grade: G9, zone: us, currency: USD, min: 220000, mid: 270000, max: 320000}"
                + "\n",
            ),
        ),
        "id: technical-depth",
    ),
    Case(
        "path-without-development",
        (
            _edit(
                "paths: [strategic-leadership, people-leadership]",
                "paths: [technical-depth]",
            ),
        ),
        "id: strategic-leadership",
    ),
    Case(
        "specialist-without-specific-expectations",
        (_edit(SECURITY_G8, ""),),
        "id: domain-specialist:security",
    ),
    Case(
        "expectation-outside-path",
        (_edit(SECURITY_G8, SECURITY_G8.replace("G8", "G6")),),
        "threat modelling",
    ),
    Case(
        "competency-grade-gap",
        (_edit('      - {grade: G7, text: "Owns a group\'s direction."}\n', ""),),
        "expectations:",
        occurrence=2,
    ),
    Case(
        "no-ic-leadership-role",
        (_edit("time_box_months: 6}", "time_box_months: 6, open_to_tracks: [management]}"),),
        "id: engineering",
    ),
    Case(
        "forum-excludes-ic",
        (_edit("tracks: [management, ic]", "tracks: [management]"),),
        "tracks: [management]",
        occurrence=2,
        also=frozenset({"no-ic-decision-forum"}),
    ),
    Case(
        "no-ic-decision-forum",
        (_edit("    decision_authority: true\n", "    decision_authority: false\n"),),
        "forums:",
    ),
    Case(
        "leadership-role-manages-people",
        (_edit("time_box_months: 6}", "time_box_months: 6, people_management: true}"),),
        "id: initiative-lead",
        also=frozenset({"no-ic-leadership-role"}),
    ),
    Case(
        "team-target-unreachable",
        (_edit("{strategic: 1, technical: 1}", "{strategic: 1, technical: 1, product: 1}"),),
        "min_people",
    ),
    Case(
        "promotion-threshold-missing",
        (_edit("  threshold: 0.8\n", ""),),
        "rule: weighted-threshold",
    ),
    Case(
        "promotion-threshold-ignored",
        (_edit("rule: weighted-threshold", "rule: all-expectations"),),
        "threshold: 0.8",
    ),
    Case(
        "promotion-rating-unknown",
        (_edit("  threshold: 0.8\n", "  threshold: 0.8\n  meets_rating: 7\n"),),
        "meets_rating",
    ),
    Case(
        "competency-weight-invalid",
        (
            _edit(
                TD_WEIGHTS,
                TD_WEIGHTS.replace("people-management: 0}", "people-management: 0, craft: -1}"),
            ),
        ),
        "craft: -1",
        also=frozenset({"path-without-expectations"}),
    ),
    Case("duplicate-band", (_edit(G6_BAND, G6_BAND + G6_BAND),), "grade: G6, zone", occurrence=2),
    Case(
        "level-title-shared",
        (_edit(E7_LINE, E7_LINE.replace("Senior Staff Engineer", "Staff Engineer")),),
        "{id: E6, title: Staff Engineer",
    ),
    Case(
        "section-absent",
        (_edit("team_targets:\n  min_people: {strategic: 1, technical: 1}\n", ""),),
        "latticework: 1",
    ),
    Case(
        "todo-open",
        (
            _edit(
                "promotion:\n",
                "todo:\n  - {at: bands, note: Bands are not published.}\npromotion:\n",
            ),
        ),
        "Bands are not published.",
    ),
    Case(
        "proficiency-unknown",
        (
            _edit(
                '      - {grade: G6, text: "Owns the design of a service."}\n',
                '      - {grade: G6, text: "Owns the design of a service.", proficiency: expert}\n',
            ),
        ),
        "proficiency: expert",
    ),
    Case(
        "points-rule-incomplete",
        (_edit("  rule: weighted-threshold\n  threshold: 0.8\n", "  rule: points\n"),),
        "rule: points",
    ),
    Case(
        "duplicate-expectation",
        (
            _edit(
                '      - {grade: G6, text: "Owns the design of a service."}\n',
                '      - {grade: G6, text: "Owns the design of a service."}\n'
                '      - {grade: G6, text: "Owns a service."}\n',
            ),
        ),
        "Owns a service.",
    ),
]
CASES += [Case(r, e, n, o, a) for r, e, n, o, a in EVALUATION_CASES]


def test_the_clean_framework_passes_every_rule() -> None:
    assert lint_yaml(CLEAN) == []


@pytest.mark.parametrize("rule_id", sorted(r.id for r in all_rules()))
def test_rule_is_silent_on_a_framework_without_the_mistake(rule_id: str) -> None:
    assert rule_id not in {f.rule for f in lint_yaml(CLEAN)}


def test_every_registered_rule_has_a_triggering_case() -> None:
    assert {r.id for r in all_rules()} == {c.rule for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.rule)
def test_rule_fires_on_the_offending_line(case: Case) -> None:
    text = case.yaml()
    findings = lint_yaml(text)
    fired = [f for f in findings if f.rule == case.rule]
    assert fired, f"{case.rule} did not fire; got {[f.rule for f in findings]}"
    expected_line = line_of(text, case.needle, case.occurrence)
    assert expected_line in {f.location.line for f in fired}, [str(f.location) for f in fired]
    assert all(f.location.file == "fw.yaml" for f in fired)
    assert {f.rule for f in findings} <= {case.rule} | case.also
    for f in fired:
        assert f.message, "every finding says what is wrong"
        assert f.fix, "every finding says how to fix it"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.rule)
def test_rule_severity_matches_its_registration(case: Case) -> None:
    registered = {r.id: r.severity for r in all_rules()}
    assert {f.severity for f in lint_yaml(case.yaml()) if f.rule == case.rule} == {
        registered[case.rule]
    }
