"""`ladder import` writes a draft that loads, names what is missing, and holds rules back."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from latticework.cli import app
from latticework.errors import LatticeworkError
from latticework.framework import load_framework
from latticework.framework.lint import Severity, lint
from latticework.services.ladders import import_ladder


def test_ft_layout_becomes_a_draft_with_split_levels_at_one_grade(
    ft_ladder: Path, tmp_path: Path
) -> None:
    imported = import_ladder("ft", ft_ladder, tmp_path / "draft")
    fw = load_framework([imported.path]).framework
    assert [(p.level.id, p.level.grade, p.track.id) for p in fw.placements()] == [
        ("engineer", "G1", "ic"),
        ("senior-engineer", "G2", "ic"),
        ("principal-ic", "G3", "ic"),
        ("principal-em", "G3", "manager"),
    ]
    assert fw.level("engineer").description == "Works on well-scoped tasks."
    quality = fw.competency("code-quality")
    assert quality.description == "Domain: Technical."
    senior = next(e for e in quality.expectations if e.grade == "G2")
    assert [b.id for b in senior.bullets] == ["q2", "q3"]
    assert senior.proficiency == "practitioner"
    by_track = {e.track: e.text for e in quality.expectations if e.grade == "G3"}
    assert by_track == {
        "ic": "Sets quality practice across teams.",
        "manager": "Makes time for quality in plans.",
    }
    assert [s.name for s in fw.proficiency_scales[0].steps] == ["Working", "Practitioner", "Expert"]


def test_every_missing_value_is_a_named_reminder_and_nothing_else_is_judged(
    ft_ladder: Path, tmp_path: Path
) -> None:
    imported = import_ladder("ft", ft_ladder, tmp_path / "draft")
    reminders = [f.message for f in imported.todo]
    assert any("grades:" in m for m in reminders)
    assert any("competencies[0].category" in m and "Code quality" in m for m in reminders)
    assert any("competencies[1].category" in m and "Growing others" in m for m in reminders)
    assert any(m.startswith("To do: bands:") for m in reminders)
    assert any("promotion.rule" in m for m in reminders)
    rules = {f.rule for f in imported.findings}
    assert rules <= {"todo-open", "section-absent", "level-title-shared", "competency-grade-gap"}
    assert not [f for f in imported.findings if f.severity is Severity.ERROR]


def test_a_sheet_in_csv_and_in_xlsx_gives_the_same_draft(
    sheet_csv: Path, sheet_xlsx: Path, tmp_path: Path
) -> None:
    from_csv = import_ladder("sheet", sheet_csv, tmp_path / "a", organisation="Sheet Co")
    from_xlsx = import_ladder("sheet", sheet_xlsx, tmp_path / "b", organisation="Sheet Co")
    assert from_csv.path.read_text(encoding="utf-8").replace("ladder.csv", "ladder.xlsx") == (
        from_xlsx.path.read_text(encoding="utf-8")
    )
    fw = load_framework([from_csv.path]).framework
    assert {(p.level.id, p.level.grade) for p in fw.placements()} == {
        ("ic-l1", "G1"),
        ("ic-l2", "G2"),
        ("manager-l2", "G2"),
    }
    assert fw.competency("direction").category.value == "strategic"
    assert fw.competency("hiring").category.value == "craft"  # a placeholder, with a todo
    assert [f.message for f in from_csv.todo if "competencies[2]" in f.message]


def test_rules_held_back_by_todo_run_once_it_is_filled(sheet_csv: Path, tmp_path: Path) -> None:
    imported = import_ladder("sheet", sheet_csv, tmp_path / "draft")
    assert "strategic-equals-senior" not in {f.rule for f in imported.findings}
    text = imported.path.read_text(encoding="utf-8")
    filled = text[: text.index("todo:")]
    imported.path.write_text(filled, encoding="utf-8")
    findings = lint(load_framework([imported.path]))
    assert "strategic-equals-senior" in {f.rule for f in findings}
    assert "todo-open" not in {f.rule for f in findings}


def test_a_sheet_without_the_required_columns_is_refused_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("Level,Competency\nL1,Delivery\n", encoding="utf-8")
    with pytest.raises(LatticeworkError) as caught:
        import_ladder("sheet", sheet, tmp_path / "draft")
    problem = caught.value.problems[0]
    assert "expectation" in problem.message
    assert (problem.location.file, problem.location.row) == (str(sheet), 1)
    assert not (tmp_path / "draft").exists()


def test_empty_cells_are_reported_with_row_and_column(tmp_path: Path) -> None:
    sheet = tmp_path / "gaps.csv"
    sheet.write_text(
        "Level,Competency,Expectation\nL1,Delivery,Ships.\nL2,,Ships more.\n,Delivery,\n",
        encoding="utf-8",
    )
    with pytest.raises(LatticeworkError) as caught:
        import_ladder("sheet", sheet, tmp_path / "draft")
    assert [(p.location.row, p.location.field) for p in caught.value.problems] == [
        (3, "competency"),
        (4, "level"),
        (4, "expectation"),
    ]


def test_an_ft_text_at_an_unknown_level_is_located(ft_ladder: Path, tmp_path: Path) -> None:
    file = ft_ladder / "competencies.yml"
    file.write_text(
        file.read_text(encoding="utf-8") + "- {level: staff, theme: X, summary: Y}\n",
        encoding="utf-8",
    )
    with pytest.raises(LatticeworkError) as caught:
        import_ladder("ft", ft_ladder, tmp_path / "draft")
    problem = caught.value.problems[0]
    assert "'staff'" in problem.message
    assert (problem.location.row, problem.location.field) == (8, "level")


def test_the_command_lists_what_to_fill_in(sheet_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft"
    result = CliRunner().invoke(
        app, ["ladder", "import", "--from", "sheet", str(sheet_csv), str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "value(s) to fill in" in result.output
    assert "bands" in result.output
    check = CliRunner().invoke(app, ["check", str(out)])
    assert check.exit_code == 0, check.output
    again = CliRunner().invoke(
        app, ["ladder", "import", "--from", "sheet", str(sheet_csv), str(out)]
    )
    assert again.exit_code == 2
    assert "already exists" in again.output
