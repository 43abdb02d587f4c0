"""A job title that is the title of several levels is refused, naming them, not guessed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from latticework.errors import LatticeworkError
from latticework.framework import default_framework_files
from latticework.services.data import import_organisation
from tests.ingest.conftest import write_csv

HEADER = ["employee_id", "title", "zone", "hire_date", "base_salary", "currency", "team"]


def _framework_where_e4_and_e5_share_a_title(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "framework"
    folder.mkdir()
    for file in default_framework_files():
        shutil.copy(file, folder / file.name)
    disciplines = folder / "disciplines.yaml"
    text = disciplines.read_text(encoding="utf-8")
    disciplines.write_text(
        text.replace("{id: E5, title: Senior Engineer,", "{id: E5, title: Engineer,"),
        encoding="utf-8",
    )
    return [folder]


def test_a_title_several_levels_share_is_an_error_naming_them(tmp_path: Path) -> None:
    folder = tmp_path / "hris"
    folder.mkdir()
    rows = [
        ["e1", "Staff Engineer", "us", "2020-01-01", "200000", "USD", "core"],
        ["e2", "Engineer", "us", "2021-01-01", "120000", "USD", "core"],
    ]
    write_csv(folder / "people.csv", HEADER, rows)
    with pytest.raises(LatticeworkError) as caught:
        import_organisation(
            f"sqlite:///{tmp_path / 'o.db'}",
            [folder],
            _framework_where_e4_and_e5_share_a_title(tmp_path),
        )
    problem = caught.value.problems[0]
    assert problem.code == "ambiguous-title"
    assert "(E4, E5)" in problem.message
    assert (problem.location.row, problem.location.field) == (3, "title")  # after the header
    assert problem.location.file is not None
    assert problem.location.file.endswith("people.csv")
    assert not (tmp_path / "o.db").exists() or _people_count(tmp_path / "o.db") == 0


def _people_count(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as connection:
        try:
            return int(connection.execute("SELECT count(*) FROM people").fetchone()[0])
        except sqlite3.OperationalError:
            return 0
