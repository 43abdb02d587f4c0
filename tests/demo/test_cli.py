"""`latticework demo` run as a user runs it: exit codes, output, files and database."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from latticework.cli import app
from latticework.storage.engine import dispose_engine

runner = CliRunner()


def test_demo_builds_a_database_and_exports_csv(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    args = ["demo", "--people", "150", "--seed", "2", "--as-of", "2026-06-30", "--db", url]
    result = runner.invoke(app, [*args, "--export", str(tmp_path / "csv"), "--no-serve"])
    dispose_engine(url)
    assert result.exit_code == 0, result.output
    assert "150 people employed" in result.output
    assert "with the documented disparities" in result.output
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "assessments.csv",
        "calibrations.csv",
        "events.csv",
        "impact.csv",
        "nominations.csv",
        "participation.csv",
        "people.csv",
        "promotion_cycles.csv",
        "promotion_decisions.csv",
        "roles.csv",
    ]
    again = runner.invoke(app, args)
    dispose_engine(url)
    assert again.exit_code == 1
    assert "--replace" in again.output


def test_demo_json_summary_without_a_database(tmp_path: Path) -> None:
    args = ["demo", "-n", "120", "--no-disparities", "--no-db", "--as-of", "2026-06-30"]
    result = runner.invoke(app, [*args, "--format", "json", "--export", str(tmp_path)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["active_people"] == 120
    assert summary["disparities"] is False
    assert summary["database"] is None
    assert summary["tables"]["people"] > 120


def test_demo_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["demo", "--people", "10", "--no-db"]).exit_code == 2
    assert runner.invoke(app, ["demo", "--as-of", "yesterday", "--no-db"]).exit_code == 2
    assert runner.invoke(app, ["demo", "--as-of", "2999-01-01", "--no-db"]).exit_code == 2
    assert runner.invoke(app, ["demo", "--format", "pdf", "--no-db"]).exit_code == 2
