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


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Seven people in two teams (tests/growth/org_fixture.py)."""
    from latticework.framework import load_default_framework
    from tests.growth.dbs import write_database
    from tests.growth.org_fixture import small_org

    framework = load_default_framework().framework
    path = tmp_path_factory.mktemp("small") / "small.db"
    return write_database(path, framework, small_org(framework))


def _said(output: str) -> str:
    """The output with Rich's box drawing and line breaks folded to single spaces."""
    return " ".join(output.replace("│", " ").replace("╭", " ").replace("╰", " ").split())


@pytest.mark.parametrize(
    ("command", "valid"),
    [
        (["audit", "--attributes", "gendr"], ["gender", "ethnicity"]),
        (["audit", "--audits", "pay-parityy"], ["pay-parity", "advancement"]),
        (["readiness", "p11"], ["p1"]),
        (["readiness", "p1", "--to", "E99"], ["E4", "M8"]),
        (["packet", "p1", "--to", "E99"], ["Distinguished Engineer"]),
        (["moves", "p1", "--to", "E99"], ["E4", "M8"]),
        (["teams", "no-such-team"], ["payments, search"]),
        (["plan", "p1", "--path", "wizardry"], ["technical-depth"]),
        (["teams", "--format", "pdf"], ["text, json, md, html"]),
        (["import", "x", "--format", "md"], ["text, json"]),
    ],
)
def test_an_unknown_value_is_a_usage_error_that_lists_the_valid_ones(
    small_db: str, command: list[str], valid: list[str]
) -> None:
    result = runner.invoke(app, [*command, "--db", small_db])
    said = _said(result.output)
    assert result.exit_code == 2, said
    for value in valid:
        assert value in said, said
    assert "Traceback" not in result.output


def test_an_unknown_discipline_for_classify_is_a_usage_error(tmp_path: Path) -> None:
    bullets = tmp_path / "wins.txt"
    bullets.write_text("- Cut the build time in half\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'none.db'}"
    result = runner.invoke(
        app, ["impact", "classify", str(bullets), "--discipline", "dance", "--db", db]
    )
    assert result.exit_code == 2, result.output
    assert "engineering" in _said(result.output)


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["teams"], "[text|json|md|html]"),
        (["import"], "[text|json]"),
        (["audit"], "[text|json|md|html|pdf]"),
        (["eu", "notice"], "[text|md|html|pdf]"),
        (["check"], "[text|json]"),
        (["show"], "[text|json|md]"),
    ],
)
def test_format_help_lists_only_what_the_command_accepts(command: list[str], shown: str) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert shown in result.output
