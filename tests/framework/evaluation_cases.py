"""A small evaluation plan for the lint-rule cases: CLEAN plus this block passes every rule.

Points: knowledge and communication 10 per degree, responsibility for people 10 per
degree, so IC and management levels at one grade score equal totals by different
profiles (40, 60, 80).
"""

from __future__ import annotations

from tests.framework.conftest import CLEAN

ANCHOR = "team_targets:\n  min_people: {strategic: 1, technical: 1}\n"
RESPONSIBILITY_WEIGHT = "      name: Responsibility\n      weight: 40\n"
E6 = "    - {level: E6, evaluated_by: Committee, evaluated_on: '2026-03-02', scores: {knowledge: 2, communication: 1, for-people: 1}}\n"  # noqa: E501
M6 = "    - {level: M6, evaluated_by: Committee, evaluated_on: '2026-03-02', scores: {knowledge: 1, communication: 1, for-people: 2}}\n"  # noqa: E501
E7 = "    - {level: E7, evaluated_by: Committee, evaluated_on: '2026-03-02', scores: {knowledge: 3, communication: 2, for-people: 1}}\n"  # noqa: E501
M7 = "    - {level: M7, evaluated_by: Committee, evaluated_on: '2026-03-02', scores: {knowledge: 2, communication: 2, for-people: 2}}\n"  # noqa: E501
E8 = "    - {level: E8, evaluated_by: Committee, evaluated_on: '2026-03-02', scores: {knowledge: 3, communication: 3, for-people: 2}}\n"  # noqa: E501
M8 = "    - {level: M8, evaluated_by: Committee, evaluated_on: '2026-03-02', scores: {knowledge: 2, communication: 3, for-people: 3}}\n"  # noqa: E501
TOLERANCE = "  parity_tolerance: 0.02\n"

EVALUATION = (
    "evaluation:\n"
    "  total_points: 100\n"
    + TOLERANCE
    + """\
  factors:
    - id: skills
      name: Skills
      weight: 60
      subfactors:
        - id: knowledge
          name: Knowledge
          weight: 30
          scale:
            - {level: 1, anchor: Basic}
            - {level: 2, anchor: Expert}
            - {level: 3, anchor: Authority}
        - id: communication
          name: Communication
          weight: 30
          soft_skill: true
          scale:
            - {level: 1, anchor: Team}
            - {level: 2, anchor: Group}
            - {level: 3, anchor: Company}
    - id: responsibility
"""
    + RESPONSIBILITY_WEIGHT
    + """\
      subfactors:
        - id: for-people
          name: Responsibility for people
          weight: 40
          scale:
            - {level: 1, anchor: Self}
            - {level: 2, anchor: Mentors}
            - {level: 3, anchor: Team}
            - {level: 4, anchor: Organisation}
  levels:
"""
    + E6
    + M6
    + E7
    + M7
    + E8
    + M8
)

EVALUATED = CLEAN.replace(ANCHOR, ANCHOR + EVALUATION)


def _scores(line: str, **scores: int) -> str:
    """The same evaluation line with other degrees."""
    head = line.split("scores: ")[0]
    inner = ", ".join(f"{k.replace('_', '-')}: {v}" for k, v in scores.items())
    return head + "scores: {" + inner + "}}\n"


# (rule, edits of CLEAN, needle of the offending line, occurrence, other rules that may fire)
EVALUATION_CASES: list[tuple[str, tuple[tuple[str, str], ...], str, int, frozenset[str]]] = [
    (
        "evaluation-parity",
        (
            (
                ANCHOR,
                ANCHOR
                + EVALUATION.replace(M8, _scores(M8, knowledge=2, communication=3, for_people=4)),
            ),
        ),
        "level: M8",
        1,
        frozenset(),
    ),
    (
        "evaluation-not-increasing",
        (
            (
                ANCHOR,
                ANCHOR
                + EVALUATION.replace(E7, _scores(E7, knowledge=1, communication=2, for_people=1)),
            ),
        ),
        "level: E7",
        1,
        frozenset({"evaluation-parity", "grade-points-overlap"}),
    ),
    (
        "grade-points-overlap",
        (
            (
                ANCHOR,
                ANCHOR
                + EVALUATION.replace(TOLERANCE, "  parity_tolerance: 0.5\n")
                .replace(M6, _scores(M6, knowledge=3, communication=1, for_people=2))
                .replace(M7, _scores(M7, knowledge=3, communication=2, for_people=2)),
            ),
        ),
        "level: E7",
        1,
        frozenset(),
    ),
    (
        "soft-skill-undervalued",
        (
            (
                ANCHOR,
                ANCHOR
                + EVALUATION.replace(E8, _scores(E8, knowledge=3, communication=2, for_people=3)),
            ),
        ),
        "level: E8",
        1,
        frozenset(),
    ),
    (
        "evaluation-incomplete",
        ((ANCHOR, ANCHOR + EVALUATION.replace(E6, "")),),
        "{id: E6, title: Staff Engineer",
        1,
        frozenset(),
    ),
    (
        "factor-weights-invalid",
        (
            (
                ANCHOR,
                ANCHOR
                + EVALUATION.replace(
                    RESPONSIBILITY_WEIGHT, "      name: Responsibility\n      weight: 30\n"
                ),
            ),
        ),
        "weight: 30",
        3,
        frozenset(),
    ),
]
