"""Job evaluation: points from the plan, equal value at equal grade, and `latticework evaluate`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from latticework.cli import app
from latticework.framework import load_default_framework, load_framework_text
from latticework.framework.evaluation_points import (
    level_values,
    suggested_grade,
    value_bands,
    value_categories,
)
from latticework.framework.lint import lint
from latticework.framework.overview import framework_overview
from tests.framework.evaluation_cases import EVALUATED, M8

runner = CliRunner()


def test_points_follow_the_documented_formula() -> None:
    fw = load_framework_text(EVALUATED).framework
    values = {v.level: v for v in level_values(fw)}
    # total 100; knowledge 30 % over 3 degrees, communication 30 % over 3, people 40 % over 4
    assert values["E8"].subfactors == {"knowledge": 30.0, "communication": 30.0, "for-people": 20.0}
    assert values["E8"].factors == {"skills": 60.0, "responsibility": 20.0}
    assert [values[x].total for x in ("E6", "M6", "E7", "M7", "E8", "M8")] == [
        40,
        40,
        60,
        60,
        80,
        80,
    ]


def test_the_small_evaluated_framework_is_clean() -> None:
    assert lint(load_framework_text(EVALUATED, "fw.yaml")) == []


def test_default_framework_scores_every_level_with_equal_totals_by_different_profiles() -> None:
    fw = load_default_framework().framework
    values = level_values(fw)
    assert {v.level for v in values} == {p.level.id for p in fw.placements()}
    for grade in ("G6", "G7", "G8", "G9"):
        here = [v for v in values if v.grade == grade]
        assert len({v.total for v in here}) == 1, grade
        ic = next(v for v in here if v.level.startswith("E"))
        manager = next(v for v in here if v.level.startswith("M"))
        assert ic.subfactors["knowledge"] > manager.subfactors["knowledge"]
        assert manager.subfactors["for-people"] > ic.subfactors["for-people"]
        assert ic.subfactors["communication"] == manager.subfactors["communication"]
    totals = [next(v.total for v in values if v.grade == g.id) for g in fw.grades_by_rank()]
    assert totals == sorted(totals)
    assert len(set(totals)) == len(totals)


def test_default_evaluation_records_who_evaluated_each_level_and_why() -> None:
    plan = load_default_framework().framework.evaluation
    assert plan is not None
    subfactors = {s.id for _, s in plan.subfactors()}
    assert len(plan.factors) == 4
    assert len(subfactors) == 12
    for entry in plan.levels:
        assert entry.evaluated_by
        assert entry.evaluated_on
        assert set(entry.rationale) == subfactors


def test_a_level_scored_like_the_grade_above_is_suggested_that_grade() -> None:
    fw = load_framework_text(EVALUATED).framework
    bands = value_bands(fw, level_values(fw))
    assert [b.grade for b in bands] == ["G6", "G7", "G8"]
    assert suggested_grade(bands, 60) == "G7"
    assert suggested_grade(bands, 69.9) == "G7"
    assert suggested_grade(bands, 70) == "G8"
    assert suggested_grade(bands, 5) == "G6"
    assert suggested_grade(bands, 500) == "G8"
    # M6 evaluated as G7 work: its value category is G7's, across the grade it is declared at.
    m6 = "scores: {knowledge: 1, communication: 1, for-people: 2}"
    text = EVALUATED.replace(m6, "scores: {knowledge: 2, communication: 2, for-people: 2}")
    categories = value_categories(load_framework_text(text).framework)
    assert categories["M6"] == "G7"
    assert categories["E6"] == "G6"
    assert categories["E7"] == "G7"


def test_changing_one_default_score_makes_evaluation_parity_fire_with_file_and_line(
    tmp_path: Path,
) -> None:
    target = tmp_path / "fw"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    assert runner.invoke(app, ["check", str(target)]).exit_code == 0
    path = target / "evaluation.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    - level: M8\n")
    old = "      scores: {knowledge: 5,"
    at = text.index(old, start)
    path.write_text(text[:at] + "      scores: {knowledge: 2," + text[at + len(old) :], "utf-8")
    line = text[:at].count("\n") + 1
    result = runner.invoke(app, ["check", str(target)])
    assert result.exit_code == 1
    assert re.search(
        rf"evaluation\.yaml:{line}:\d+: error \[evaluation-parity\] Level M8", result.output
    )


def test_evaluate_prints_the_table_in_every_format(tmp_path: Path) -> None:
    text = runner.invoke(app, ["evaluate"])
    assert text.exit_code == 0, text.output
    assert re.search(
        r"G8\s+E8 Principal Engineer\s+engineering/ic\s+360\s+165\s+125\s+50\s+700\s+G8",
        text.output,
    )
    assert "Every evaluated level's points agree with its grade." in text.output

    data = json.loads(runner.invoke(app, ["evaluate", "--format", "json"]).output)
    g8 = next(g for g in data["grades"] if g["grade"] == "G8")
    assert {lv["level"]: lv["points"] for lv in g8["levels"]}["M8"] == 700
    assert all(lv["agrees"] for g in data["grades"] for lv in g["levels"])
    assert data["not_evaluated"] == []
    assert sum(f["weight"] for f in data["factors"]) == 100

    md = runner.invoke(app, ["evaluate", "--format", "md"]).output
    assert (
        "| G8 | M8 Director of Engineering | engineering/management | 335 | 205 | 110 | 50 | 700 "
        "| G8 |" in md
    )
    out = tmp_path / "evaluation.html"
    assert runner.invoke(app, ["evaluate", "--format", "html", "--out", str(out)]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<table" in page
    assert "Principal Engineer" in page
    assert "http" not in page.split("<body>")[1]
    assert runner.invoke(app, ["evaluate", "--format", "pdf"]).exit_code == 2


def test_evaluate_names_levels_whose_points_disagree_with_their_grade(tmp_path: Path) -> None:
    m8 = M8.replace(
        "knowledge: 2, communication: 3, for-people: 3",
        "knowledge: 2, communication: 2, for-people: 2",
    )
    path = tmp_path / "fw.yaml"
    path.write_text(EVALUATED.replace(M8, m8), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 0
    assert (
        "M8 Director is declared at G8, but its 60 points fall in the value band of G7."
        in result.output
    )
    assert "G7 ≠" in result.output


def test_evaluate_without_a_plan_says_so(tmp_path: Path) -> None:
    from tests.framework.conftest import CLEAN

    path = tmp_path / "fw.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 0
    assert "declares no `evaluation:` section" in result.output
    data = json.loads(runner.invoke(app, ["evaluate", str(path), "--format", "json"]).output)
    assert data == {"schema_version": 1, "evaluation": None}


def test_evaluate_reports_bad_input_with_a_location(tmp_path: Path) -> None:
    path = tmp_path / "fw.yaml"
    path.write_text(EVALUATED.replace("  total_points: 100\n", "  total_points: lots\n"), "utf-8")
    result = runner.invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 1
    assert "fw.yaml" in result.output
    assert "total_points" in result.output


@pytest.mark.parametrize("level", ["E8", "M8"])
def test_show_json_includes_points_per_level(level: str) -> None:
    data = framework_overview(load_default_framework().framework)
    levels = {lv["id"]: lv for d in data["disciplines"] for t in d["tracks"] for lv in t["levels"]}
    assert levels[level]["points"] == 700
    assert data["evaluation"]["total_points"] == 1000
