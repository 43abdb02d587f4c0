"""Properties of routes and the domain's boundaries that hold for every input."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from latticework.framework import load_default_framework
from latticework.growth.classify import AccomplishmentClassifier
from latticework.growth.impact import impact_statement
from latticework.growth.moves import Position, legal_moves, shortest_route
from latticework.growth.person_data import ImpactRecord
from latticework.growth.quantities import format_quantity

FRAMEWORK = load_default_framework().framework
POSITIONS = [
    Position(p.level.id, path.id)
    for p in FRAMEWORK.placements()
    for path in FRAMEWORK.paths_for_level(p.level.id)
]
TARGETS = [p.level.id for p in FRAMEWORK.placements()] + [p.id for p in FRAMEWORK.paths]


@settings(max_examples=150, deadline=None)
@given(start=st.sampled_from(POSITIONS), goal=st.sampled_from(TARGETS))
def test_every_route_is_a_chain_of_legal_moves_that_never_goes_down(
    start: Position, goal: str
) -> None:
    route = shortest_route(FRAMEWORK, start, goal)
    if route is None:
        return
    here = start
    for step in route.steps:
        assert step.source == here
        assert step in legal_moves(FRAMEWORK, here)
        before = FRAMEWORK.grade_rank(FRAMEWORK.level(here.level).grade)
        after = FRAMEWORK.grade_rank(FRAMEWORK.level(step.target.level).grade)
        assert after >= before
        here = step.target
    assert here.level == goal or here.path == goal


@settings(max_examples=60, deadline=None)
@given(start=st.sampled_from(POSITIONS))
def test_a_single_move_away_is_a_one_step_route(start: Position) -> None:
    for move in legal_moves(FRAMEWORK, start)[:3]:
        route = shortest_route(FRAMEWORK, start, move.target.level, move.target.path)
        assert route is not None
        assert len(route.steps) <= 1


CLASSIFIER = AccomplishmentClassifier(FRAMEWORK, "engineering")


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_classifies_with_shares_that_add_up_and_quantities_that_parse(text: str) -> None:
    result = CLASSIFIER.classify(text)
    assert 0 <= result.confidence <= 1
    assert abs(sum(share for _, share in result.scores) - 1) < 1e-9
    assert all(0 < c.confidence <= 1 for c in result.competencies)
    for quantity in result.quantities:
        assert quantity.value >= 0
        assert str(quantity)


def test_growth_and_teams_import_nothing_from_storage_web_ingest_or_cli() -> None:
    root = Path(__file__).parents[2] / "src" / "latticework"
    forbidden = ("latticework.storage", "latticework.web", "latticework.ingest", "latticework.cli")
    for package in ("growth", "teams"):
        for module in (root / package).rglob("*.py"):
            tree = ast.parse(module.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for name in names:
                    assert not name.startswith(forbidden), f"{module} imports {name}"


@settings(max_examples=200, deadline=None)
@given(
    category=st.sampled_from(["risk_reduction", "enablement", "efficiency", "excellence"]),
    metric=st.sampled_from(
        [
            "cloud costs",
            "incidents prevented",
            "p99 latency",
            "teams unblocked",
            "senior hires",
            None,
        ]
    ),
    value=st.one_of(st.none(), st.floats(min_value=0.5, max_value=5e9, allow_nan=False)),
    unit=st.sampled_from(
        ["USD/year", "EUR", "GBP/month", "%", "x", "incidents/year", "teams", None]
    ),
    beneficiary=st.sampled_from([None, "the product team", "our customers"]),
    horizon=st.sampled_from([None, "their Q2 roadmap", "this year", "the next three years"]),
)
def test_every_record_reads_as_one_sentence_with_its_formatted_quantity(
    category: str,
    metric: str | None,
    value: float | None,
    unit: str | None,
    beneficiary: str | None,
    horizon: str | None,
) -> None:
    record = ImpactRecord(
        "i",
        "e",
        date(2026, 1, 1),
        category,
        "Did the work",
        metric,
        value,
        unit,
        beneficiary,
        horizon,
    )
    statement = impact_statement(record)
    assert statement.text.startswith("Did the work. This ")
    assert statement.text.endswith(".")
    assert ".." not in statement.text
    assert "None" not in statement.text
    if statement.quantity is not None and statement.quantity.kind != "count":
        assert format_quantity(statement.quantity) in statement.text
    if beneficiary:
        assert beneficiary in statement.text
