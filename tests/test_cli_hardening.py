"""The command line's edges: --version, --out into a missing folder, a mistyped --db."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from latticework.cli import app
from tests.ingest.conftest import PEOPLE, PEOPLE_HEADER, write_csv

runner = CliRunner()


def test_version_prints_the_installed_version() -> None:
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"latticework {version('latticework')}"


def test_import_into_a_missing_out_folder_fails_before_writing(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    write_csv(folder / "people.csv", PEOPLE_HEADER, PEOPLE)
    database = tmp_path / "org.db"
    out = tmp_path / "missing" / "report.txt"
    result = runner.invoke(
        app, ["import", str(folder), "--db", f"sqlite:///{database}", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "does not exist" in " ".join(result.output.replace("│", " ").split())
    assert "Traceback" not in result.output
    assert not database.exists()


@pytest.mark.parametrize(
    "command", [["audit"], ["teams"], ["readiness", "e1"], ["export", "out"], ["audit", "--save"]]
)
def test_read_only_commands_never_create_a_database_and_exit_2(
    tmp_path: Path, command: list[str]
) -> None:
    database = tmp_path / "mistyped.db"
    result = runner.invoke(app, [*command, "--db", f"sqlite:///{database}"])
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.output
    assert not database.exists()
