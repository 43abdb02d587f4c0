"""Categories of work of equal value: grades by default, evaluated value bands on request."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from latticework.audit import AuditOptions, run_audit
from latticework.audit.categories import CategoryBasis, level_categories
from latticework.cli import app
from latticework.errors import LatticeworkError
from latticework.framework import default_framework_files, load_framework
from latticework.framework.model import Framework
from tests.audit.conftest import org, person


def _framework_with_m8_scored_as_m7(tmp_path: Path) -> Framework:
    """The default framework, with the Director of Engineering evaluated like a Senior EM."""
    for source in default_framework_files():
        shutil.copyfile(source, tmp_path / source.name)
    path = tmp_path / "evaluation.yaml"
    text = path.read_text(encoding="utf-8")
    m7 = text.index("    - level: M7\n")
    m7_scores = text[
        text.index("      scores:", m7) : text.index("\n", text.index("      scores:", m7))
    ]
    m8 = text.index("    - level: M8\n")
    start = text.index("      scores:", m8)
    end = text.index("\n", start)
    path.write_text(text[:start] + m7_scores + text[end:], encoding="utf-8")
    return load_framework([tmp_path]).framework


def _eu_rows(framework: Framework, categories: str) -> dict[str, tuple[object, object]]:
    people = [
        person(f"{level}{g}{i}", level, 180_000 + 1000 * i, gender=g)
        for level in ("E7", "M8")
        for g in ("female", "male")
        for i in range(5)
    ]
    report = run_audit(
        org(people),
        framework,
        AuditOptions(audits=("eu-pay-transparency",), categories=categories),
    )
    table = next(
        t for s in report.sections for t in s.tables if t.id == "eu-pay-transparency.by-grade"
    )
    return {str(r.cells[1]): (r.cells[2], r.cells[3]) for r in table.rows}


def test_by_default_a_category_is_a_grade(framework: Framework) -> None:
    assert level_categories(framework, CategoryBasis.GRADE)["M8"] == "G8"
    # The default evaluation backs every grade, so value bands are the grades.
    assert level_categories(framework, CategoryBasis.VALUE) == level_categories(
        framework, CategoryBasis.GRADE
    )
    assert _eu_rows(framework, "grade") == {"G7": (5, 5), "G8": (5, 5)}


def test_value_categories_group_a_level_with_the_grade_its_points_suggest(tmp_path: Path) -> None:
    framework = _framework_with_m8_scored_as_m7(tmp_path)
    assert level_categories(framework, CategoryBasis.VALUE)["M8"] == "G7"
    assert _eu_rows(framework, "grade") == {"G7": (5, 5), "G8": (5, 5)}
    assert _eu_rows(framework, "value") == {"G7": (10, 10)}


def test_value_categories_need_an_evaluation(tmp_path: Path) -> None:
    from latticework.framework import load_framework_text
    from tests.framework.conftest import CLEAN

    framework = load_framework_text(CLEAN).framework
    with pytest.raises(LatticeworkError, match="needs a job evaluation"):
        level_categories(framework, CategoryBasis.VALUE)


def test_the_audit_command_refuses_an_unknown_basis_as_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["audit", "--db", f"sqlite:///{tmp_path / 'none.db'}", "--categories", "colour"]
    )
    assert result.exit_code == 2
