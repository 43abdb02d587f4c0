"""The framework commands, run as a user runs them: exit codes and output."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from latticework.cli import app

runner = CliRunner()


def test_check_default_framework_is_clean() -> None:
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["summary"] == {"error": 0, "warning": 0, "info": 0}


def test_check_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2


def test_check_unknown_option_is_a_usage_error() -> None:
    assert runner.invoke(app, ["check", "--bogus"]).exit_code == 2


def test_init_writes_a_framework_that_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "fw"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    files = sorted(str(p) for p in target.glob("*.yaml"))
    assert files
    assert runner.invoke(app, ["check", *files]).exit_code == 0
    assert runner.invoke(app, ["init", str(target)]).exit_code == 2


def test_schema_is_json_schema_for_the_format() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.output)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "disciplines" in schema["properties"]


def test_show_json_lists_levels_with_grades() -> None:
    result = runner.invoke(app, ["show", "--format", "json"])
    data = json.loads(result.output)
    engineering = next(d for d in data["disciplines"] if d["id"] == "engineering")
    ic = next(t for t in engineering["tracks"] if t["id"] == "ic")
    e8 = next(lv for lv in ic["levels"] if lv["id"] == "E8")
    assert e8["grade"] == "G8"
    assert "M8" in e8["equivalents"]
