"""The framework commands, run as a user runs them: exit codes and output."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from latticework.cli import app
from latticework.framework import default_framework_files

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
    assert runner.invoke(app, ["init", str(target), "--force"]).exit_code == 0


def test_init_writes_the_schema_its_files_name_for_editors(tmp_path: Path) -> None:
    from latticework.framework.schema import framework_json_schema

    target = tmp_path / "fw"
    runner.invoke(app, ["init", str(target)])
    schema = json.loads((target / "framework.schema.json").read_text())
    assert schema == framework_json_schema()
    for path in target.glob("*.yaml"):
        first_line = path.read_text().splitlines()[0]
        assert first_line == "# yaml-language-server: $schema=./framework.schema.json"


def test_check_and_show_take_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "fw"
    runner.invoke(app, ["init", str(target)])
    result = runner.invoke(app, ["check", str(target)])
    assert result.exit_code == 0
    assert f"in {len(default_framework_files())} file(s)" in result.output
    assert runner.invoke(app, ["show", str(target), "--format", "json"]).exit_code == 0


def test_check_an_empty_folder_is_a_clear_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "The folder has no .yaml files." in result.output


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


def _broken_framework(tmp_path: Path) -> Path:
    from tests.framework.conftest import CLEAN

    path = tmp_path / "fw.yaml"
    text = CLEAN.replace("  threshold: 0.8\n", "").replace("[management, ic]", "[mgmt, ic]")
    path.write_text(text)
    return path


def test_check_reports_findings_with_file_line_and_fix_and_exits_1(tmp_path: Path) -> None:
    path = _broken_framework(tmp_path)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(
        line.startswith(f"{path}:") and "error [unknown-reference]" in line and "'mgmt'" in line
        for line in lines
    )
    assert any(line.strip().startswith("fix:") for line in lines)
    assert lines[-1].endswith("2 errors, 0 warnings, 0 notes in 1 file(s).")


def test_check_json_has_the_documented_shape(tmp_path: Path) -> None:
    path = _broken_framework(tmp_path)
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert set(report) == {
        "schema_version",
        "files",
        "organisation",
        "framework_version",
        "summary",
        "findings",
    }
    assert report["summary"] == {"error": 2, "warning": 0, "info": 0}
    finding = report["findings"][0]
    assert set(finding) == {"rule", "severity", "message", "fix", "file", "line", "column"}
    assert finding["file"] == str(path)
    assert isinstance(finding["line"], int)


def test_check_warnings_alone_exit_0(tmp_path: Path) -> None:
    from tests.framework.conftest import CLEAN

    path = tmp_path / "fw.yaml"
    path.write_text(CLEAN.replace("rule: weighted-threshold", "rule: all-expectations"))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0
    assert "warning [promotion-threshold-ignored]" in result.output


def test_check_schema_error_exits_1_with_a_located_message(tmp_path: Path) -> None:
    path = tmp_path / "fw.yaml"
    path.write_text("organisation: X\ngrades: [{id: G1, rank: one}]\ndisciplines: []\n")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2:" in result.output
    assert "grades[0].rank" in result.output


def test_check_malformed_yaml_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "fw.yaml"
    path.write_text("organisation: [unclosed\n")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "Not valid YAML" in result.output
    assert "Traceback" not in result.output


def test_check_out_writes_the_report_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "lint.json"
    result = runner.invoke(app, ["check", "--format", "json", "--out", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text())["findings"] == []


def test_check_rejects_markdown() -> None:
    assert runner.invoke(app, ["check", "--format", "md"]).exit_code == 2


def test_check_never_imports_heavy_libraries() -> None:
    """The start-up budget (0.5 s) depends on it; benchmarks/check_startup.py measures it."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from latticework.cli import app\n"
        "try:\n"
        "    app(['check'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['pandas', 'numpy', 'scipy', 'statsmodels', 'sqlalchemy', 'fastapi',\n"
        "         'matplotlib', 'reportlab', 'jinja2']\n"
        "print('heavy:' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "heavy:"
