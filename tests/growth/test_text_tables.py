"""Text output never loses a cell: every word of every table is printed at any width,
in a terminal of 80 columns, piped, or written with --out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from latticework.cli import app
from latticework.framework import load_default_framework
from latticework.reports.document import Document, Table
from latticework.storage import UnitOfWork
from tests.growth.dbs import write_database
from tests.growth.org_fixture import small_org

runner = CliRunner()
FRAMEWORK = load_default_framework().framework


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return write_database(
        tmp_path_factory.mktemp("tables") / "small.db", FRAMEWORK, small_org(FRAMEWORK)
    )


def _readiness_document(url: str) -> Document:
    from latticework.reports.growth_views import readiness_document
    from latticework.services.growth import readiness
    from latticework.services.growth_data import person_data

    with UnitOfWork(url) as uow:
        data = person_data(uow, "p1")
    return readiness_document(readiness(data, "p1"), data.framework)


def _teams_document(url: str) -> Document:
    from latticework.reports.growth_teams import teams_document
    from latticework.services.growth import team_composition
    from latticework.services.growth_data import team_data

    with UnitOfWork(url) as uow:
        data = team_data(uow, None)
    return teams_document(team_composition(data, None), data.framework, None)


def _table_words(doc: Document) -> Counter[str]:
    words: Counter[str] = Counter()
    for block in doc.blocks:
        if isinstance(block, Table):
            for cell in [*block.columns, *(c for row in block.rows for c in row)]:
                words.update(cell.split())
    return words


def _check(text: str, doc: Document, width: int | None) -> None:
    printed = Counter(text.replace("·", " ").split())
    expected = _table_words(doc)
    missing = {w: n for w, n in expected.items() if printed[w] < n and printed[w + ":"] < n}
    assert not missing, missing
    if width is not None:
        too_long = [line for line in text.splitlines() if len(line) > width and " " in line.strip()]
        assert not too_long, too_long


@pytest.mark.parametrize("command", [["readiness", "p1"], ["teams"]])
@pytest.mark.parametrize("columns", ["60", "80", "200"])
def test_text_tables_keep_every_cell_at_the_terminal_width(
    small_db: str, command: list[str], columns: str
) -> None:
    doc = (_readiness_document if command[0] == "readiness" else _teams_document)(small_db)
    result = runner.invoke(app, [*command, "--db", small_db], env={"COLUMNS": columns})
    assert result.exit_code in (0, 1), result.output
    _check(result.stdout, doc, int(columns))
    if command[0] == "readiness":
        assert "Needed" in result.stdout
        assert "Met" in result.stdout


@pytest.mark.parametrize("command", [["readiness", "p1"], ["teams"]])
def test_text_tables_written_with_out_keep_every_cell(
    small_db: str, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    doc = (_readiness_document if command[0] == "readiness" else _teams_document)(small_db)
    out = tmp_path / "view.txt"
    result = runner.invoke(app, [*command, "--db", small_db, "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    _check(out.read_text(encoding="utf-8"), doc, 100)
