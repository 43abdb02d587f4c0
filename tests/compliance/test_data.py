"""The Directive's optional columns: checked where they are, stored, and absent without harm."""

from __future__ import annotations

from pathlib import Path

import pytest

from latticework.services.data import import_organisation
from tests.ingest.conftest import EVENTS, EVENTS_HEADER, PEOPLE, PEOPLE_HEADER, write_csv

EU_COLUMNS = ["legal_entity", "hours_per_week", "allowances", "benefits_in_kind"]


def _write(
    folder: Path, people_cells: list[str], event_rows: list[list[str]] | None = None
) -> Path:
    folder.mkdir()
    people = [[*row, *people_cells] for row in PEOPLE]
    write_csv(folder / "people.csv", [*PEOPLE_HEADER, *EU_COLUMNS], people)
    events = [[*row, ""] for row in EVENTS] + (event_rows or [])
    write_csv(folder / "events.csv", [*EVENTS_HEADER, "end_date"], events)
    return folder


def _leave(*cells: str) -> list[str]:
    row = [""] * (len(EVENTS_HEADER) + 1)
    for name, value in zip(("employee_id", "date", "type"), cells[:3], strict=True):
        row[EVENTS_HEADER.index(name)] = value
    row[-1] = cells[3]
    return row


def test_the_columns_and_leave_events_import_and_are_stored(tmp_path: Path) -> None:
    import sqlite3

    folder = _write(
        tmp_path / "org",
        ["acme-gmbh", "32", "1200", "0"],
        [_leave("e3", "2024-02-01", "parental_leave", "2024-05-31")],
    )
    url = f"sqlite:///{tmp_path / 'eu.db'}"
    report = import_organisation(url, [folder])
    assert report.ok, [str(p) for p in report.errors]
    with sqlite3.connect(tmp_path / "eu.db") as connection:
        people = connection.execute(
            "SELECT DISTINCT legal_entity, hours_per_week, allowances FROM people"
        ).fetchall()
        leave = connection.execute(
            "SELECT date, end_date FROM events WHERE type = 'parental_leave'"
        ).fetchall()
    assert people == [("acme-gmbh", 32.0, 1200.0)]
    assert leave == [("2024-02-01", "2024-05-31")]


@pytest.mark.parametrize(
    ("cells", "leave", "code", "file", "row", "column"),
    [
        (["x", "0", "", ""], None, "bad-hours", "people", 2, "hours_per_week"),
        (["x", "400", "", ""], None, "bad-hours", "people", 2, "hours_per_week"),
        (["x", "", "-5", ""], None, "negative-pay", "people", 2, "allowances"),
        (["x", "", "", "-1"], None, "negative-pay", "people", 2, "benefits_in_kind"),
        (["x", "", "", ""], _leave("e3", "2024-02-01", "carers_leave", "2024-01-01"),
         "end-before-start", "events", len(EVENTS) + 2, "end_date"),
    ],
)  # fmt: skip
def test_bad_values_are_located(
    tmp_path: Path,
    cells: list[str],
    leave: list[str] | None,
    code: str,
    file: str,
    row: int,
    column: str,
) -> None:
    folder = _write(tmp_path / "org", cells, [leave] if leave else None)
    report = import_organisation(f"sqlite:///{tmp_path / 'eu.db'}", [folder], dry_run=True)
    found = [p for p in report.errors if p.code == code]
    assert found, [str(p) for p in report.errors]
    first = found[0]
    assert Path(first.location.file or "").name == f"{file}.csv"
    assert (first.location.row, first.location.field) == (row, column)
    assert first.fix
