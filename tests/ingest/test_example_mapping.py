"""The example mapping file in docs (the README tour uses it) imports its example export."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from latticework.cli import app
from latticework.storage import UnitOfWork

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
runner = CliRunner()


def test_the_readme_tour_names_the_example_mapping_file() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = re.findall(r"--mapping (\S+\.yaml)", readme)
    assert named
    assert all((ROOT / name).is_file() for name in named), named


def test_the_example_export_imports_with_the_example_mapping(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'org.db'}"
    framework = tmp_path / "my-framework"
    assert runner.invoke(app, ["init", str(framework)]).exit_code == 0
    mapping = str(EXAMPLES / "hris-mapping.yaml")
    export = str(EXAMPLES / "hris-export")
    result = runner.invoke(
        app, ["import", export, "--framework", str(framework), "--mapping", mapping, "--db", url]
    )
    assert result.exit_code == 0, result.output
    assert "Skipped 1 row(s)" in result.output
    assert "warning" not in result.output
    with UnitOfWork(url) as uow:
        people = uow.organisation.columns("people", ["employee_id", "level", "base_annual_fte"])
    levels = dict(zip(people["employee_id"], people["level"], strict=True))
    assert levels == {
        "W1001": "M9",
        "W1002": "M8",
        "W1003": "M6",
        "W1004": "E6",
        "W1005": "E5",
        "W1006": "E5",
        "W1007": "E4",
        "W1008": "D4",
    }
    pay = dict(zip(people["employee_id"], people["base_annual_fte"], strict=True))
    assert pay["W1003"] == 7400 * 26  # bi-weekly
    assert pay["W1004"] == 3600 * 52  # weekly
    assert pay["W1006"] == 6500 * 12 / 0.8  # monthly, part time
