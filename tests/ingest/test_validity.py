"""Dates pandas cannot hold, control characters and unusable ids are refused at import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from latticework.services.data import import_organisation
from latticework.storage import UnitOfWork, load_dataset
from tests.ingest.conftest import PEOPLE, PEOPLE_HEADER, write_csv


def _people_with(tmp_path: Path, column: str, value: str, row: int = 3) -> Path:
    header = [*PEOPLE_HEADER, "exit_date"] if column == "exit_date" else PEOPLE_HEADER
    rows = [[*r, ""] if column == "exit_date" else list(r) for r in PEOPLE]
    rows[row][header.index(column)] = value
    folder = tmp_path / "org"
    folder.mkdir(exist_ok=True)
    write_csv(folder / "people.csv", header, rows)
    return folder


@pytest.mark.parametrize("value", ["0001-01-01", "1600-06-30", "2300-01-01", "9999-12-31"])
def test_a_hire_date_outside_the_supported_range_is_an_error(tmp_path: Path, value: str) -> None:
    folder = _people_with(tmp_path, "hire_date", value)
    report = import_organisation(f"sqlite:///{tmp_path / 'a.db'}", [folder], dry_run=True)
    (problem,) = [p for p in report.errors if p.code == "date-out-of-range"]
    assert problem.location.row == 5
    assert problem.location.field == "hire_date"
    assert "1900-01-01 to 2199-12-31" in problem.message


def test_9999_12_31_as_an_exit_date_means_no_end_and_imports(tmp_path: Path) -> None:
    folder = _people_with(tmp_path, "exit_date", "9999-12-31")
    url = f"sqlite:///{tmp_path / 'a.db'}"
    report = import_organisation(url, [folder])
    assert report.ok, report.errors
    with UnitOfWork(url) as uow:
        people = load_dataset(uow.connection, as_of=date(2026, 1, 1)).people
    assert people["exit_date"].isna().all()


def test_a_nul_byte_in_a_name_is_an_error_with_its_cell(tmp_path: Path) -> None:
    folder = _people_with(tmp_path, "name", "Cy\x00rus")
    report = import_organisation(f"sqlite:///{tmp_path / 'a.db'}", [folder], dry_run=True)
    (problem,) = [p for p in report.errors if p.code == "control-character"]
    assert (problem.location.row, problem.location.field) == (5, "name")


@pytest.mark.parametrize("value", ["e/3", "../e3", "e 3", "-e3", "x" * 101])
def test_an_id_outside_the_documented_characters_is_an_error(tmp_path: Path, value: str) -> None:
    folder = _people_with(tmp_path, "employee_id", value, row=4)
    report = import_organisation(f"sqlite:///{tmp_path / 'a.db'}", [folder], dry_run=True)
    assert [p.location.row for p in report.errors if p.code == "bad-id"] == [6]


def test_ids_in_any_script_are_accepted(tmp_path: Path) -> None:
    folder = _people_with(tmp_path, "employee_id", "Łukasz.Ωmega-7", row=4)
    report = import_organisation(f"sqlite:///{tmp_path / 'a.db'}", [folder], dry_run=True)
    assert report.ok, report.errors
