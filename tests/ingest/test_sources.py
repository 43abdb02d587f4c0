"""Reading HRIS exports: XLSX gives what CSV gives, mapping files, folders and named files."""

from __future__ import annotations

import csv
import textwrap
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from latticework.errors import LatticeworkError
from latticework.ingest.xlsx import cell_text
from latticework.services.data import import_organisation
from latticework.storage import engine_for
from tests.ingest.conftest import EVENTS, EVENTS_HEADER, PEOPLE, PEOPLE_HEADER, OrgWriter, write_csv

NUMERIC = {"base_salary", "fte", "old_base", "new_base"}
DATES = {"hire_date", "date"}


def _typed_cell(column: str, value: str) -> object:
    """A cell as a spreadsheet holds it: numbers as numbers, dates as dates."""
    if value == "":
        return None
    if column in NUMERIC:
        number = float(value)
        return int(number) if number.is_integer() else number
    if column in DATES:
        return datetime.strptime(value, "%Y-%m-%d")
    return value


def write_workbook(path: Path, sheets: dict[str, tuple[list[str], list[list[str]]]]) -> Path:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, (header, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append([_typed_cell(c, v) for c, v in zip(header, row, strict=True)])
    book.save(path)
    return path


def _dump(url: str) -> dict[str, list[tuple[object, ...]]]:
    with engine_for(url).connect() as connection:
        return {
            table: [
                tuple(r) for r in connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1, 2")
            ]
            for table in ("people", "events")
        }


def test_xlsx_and_csv_give_the_same_database(tmp_path: Path, write_org: OrgWriter) -> None:
    book = write_workbook(
        tmp_path / "hris.xlsx",
        {"People": (PEOPLE_HEADER, PEOPLE), "events": (EVENTS_HEADER, EVENTS)},
    )
    from_csv = f"sqlite:///{tmp_path / 'csv.db'}"
    from_xlsx = f"sqlite:///{tmp_path / 'xlsx.db'}"
    assert import_organisation(from_csv, [write_org()]).ok
    report = import_organisation(from_xlsx, [book])
    assert report.ok, [str(e) for e in report.errors]
    assert [t.source for t in report.tables] == [f"{book}[People]", f"{book}[events]"]
    assert _dump(from_xlsx) == _dump(from_csv)


def test_xlsx_problems_name_the_sheet_and_the_spreadsheet_row(tmp_path: Path) -> None:
    people = [row.copy() for row in PEOPLE]
    people[2][4] = "E10"
    book = write_workbook(tmp_path / "hris.xlsx", {"people": (PEOPLE_HEADER, people)})
    report = import_organisation(f"sqlite:///{tmp_path / 'x.db'}", [book], dry_run=True)
    assert [(e.location.file, e.location.row, e.location.field) for e in report.errors] == [
        (f"{book}[people]", 4, "level")
    ]


def test_a_workbook_named_after_a_table_may_hold_it_in_its_only_sheet(tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "people.xlsx", {"Sheet1": (PEOPLE_HEADER, PEOPLE)})
    report = import_organisation(f"sqlite:///{tmp_path / 'x.db'}", [book])
    assert report.ok
    assert [t.rows for t in report.tables] == [5]


MAPPING = """\
columns:
  Employee Number: employee_id
  Job Title: title
  Annual Salary: base_salary
  Start: hire_date
  Reports To: manager_id
titles:
  - {exact: "Eng Manager III", level: M8, path: people-leadership}
  - {pattern: "(?i)^principal", level: E8, path: technical-depth}
date_format: "%d/%m/%Y"
"""

HRIS_HEADER = [
    "Employee Number", "Name", "Job Title", "Reports To", "Zone", "Start", "Annual Salary",
    "Currency", "Team",
]  # fmt: skip
HRIS_ROWS = [
    ["e1", "Ada", "VP of Engineering", "", "us", "02/01/2018", "300000", "USD", "core"],
    ["e2", "Bob", "Eng Manager III", "e1", "us", "04/03/2019", "250000", "USD", "core"],
    ["e3", "Cy", "Principal Platform Engineer", "e2", "us", "06/05/2019", "245000", "USD", "core"],
    ["e4", "Di", "Senior Software Engineer", "e2", "us", "08/07/2021", "150000", "USD", "core"],
    ["e5", "Ed", "Chief Vibes Officer", "e1", "us", "10/09/2022", "120000", "USD", "core"],
    ["e6", "Fi", "Chief Vibes Officer", "e1", "us", "10/09/2022", "120000", "USD", "core"],
]  # fmt: skip


def _hris(tmp_path: Path, rows: list[list[str]]) -> tuple[Path, Path]:
    folder = tmp_path / "hris"
    folder.mkdir()
    write_csv(folder / "people.csv", HRIS_HEADER, rows)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return folder, mapping


def test_mapping_renames_columns_and_maps_titles_to_levels(tmp_path: Path) -> None:
    folder, mapping = _hris(tmp_path, HRIS_ROWS[:4])
    url = f"sqlite:///{tmp_path / 'm.db'}"
    report = import_organisation(url, [folder], mapping=mapping)
    assert report.ok, [str(e) for e in report.errors]
    with engine_for(url).connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT employee_id, discipline, track, level, path, hire_date FROM people "
            "ORDER BY employee_id"
        ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("e1", "engineering", "management", "M9", None, "2018-01-02"),  # the framework's title
        ("e2", "engineering", "management", "M8", "people-leadership", "2019-03-04"),
        ("e3", "engineering", "ic", "E8", "technical-depth", "2019-05-06"),
        ("e4", "engineering", "ic", "E5", None, "2021-07-08"),  # a framework alias
    ]


def test_unmapped_titles_are_reported_with_their_counts(tmp_path: Path) -> None:
    folder, mapping = _hris(tmp_path, HRIS_ROWS)
    report = import_organisation(
        f"sqlite:///{tmp_path / 'm.db'}", [folder], mapping=mapping, dry_run=True
    )
    assert [(t.title, t.count, t.first_row) for t in report.unmapped_titles] == [
        ("Chief Vibes Officer", 2, 6)
    ]
    assert [(e.code, e.location.row, e.location.field) for e in report.errors] == [
        ("unmapped-title", 6, "title")
    ]
    assert "2 row(s)" in report.errors[0].message


def test_a_broken_mapping_file_is_located(tmp_path: Path, write_org: OrgWriter) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        textwrap.dedent(
            """\
            titles:
              - {exact: Boss, level: M9}
              - {pattern: "([unclosed", level: E5}
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(LatticeworkError) as caught:
        import_organisation(f"sqlite:///{tmp_path / 'm.db'}", [write_org()], mapping=mapping)
    problem = caught.value.problems[0]
    assert "not a valid regular expression" in problem.message
    assert (problem.location.file, problem.location.line) == (str(mapping), 3)


def test_files_can_be_named_one_by_one(tmp_path: Path, write_org: OrgWriter) -> None:
    folder = write_org()
    report = import_organisation(
        f"sqlite:///{tmp_path / 'f.db'}", [folder / "people.csv"], dry_run=True
    )
    assert [t.table for t in report.tables] == ["people"]


def test_a_file_that_is_no_table_is_refused(tmp_path: Path) -> None:
    stray = tmp_path / "salaries-final-v2.csv"
    stray.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(LatticeworkError) as caught:
        import_organisation(f"sqlite:///{tmp_path / 'f.db'}", [stray])
    assert caught.value.problems[0].code == "unknown-file"


def test_a_badly_quoted_csv_is_refused_with_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "people.csv").write_text(
        'employee_id,name\ne1,"Ada\ne2,Bob,extra,cells\n', encoding="utf-8"
    )
    with pytest.raises(LatticeworkError) as caught:
        import_organisation(f"sqlite:///{tmp_path / 'f.db'}", [folder])
    assert caught.value.problems[0].code == "csv"


def test_headers_are_matched_loosely_and_formula_guards_removed(
    tmp_path: Path, write_org: OrgWriter
) -> None:
    header = [h.replace("_", " ").title() for h in PEOPLE_HEADER]  # "Employee Id", ...
    people = [row.copy() for row in PEOPLE]
    people[0][1] = "'=Ada"
    url = f"sqlite:///{tmp_path / 'h.db'}"
    report = import_organisation(url, [write_org(people, people_header=header)])
    assert report.ok, [str(e) for e in report.errors]
    with engine_for(url).connect() as connection:
        name = connection.exec_driver_sql("SELECT name FROM people WHERE employee_id = 'e1'")
        assert name.scalar_one() == "=Ada"


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**12), 10**12))
def test_spreadsheet_numbers_read_back_exactly(number: float) -> None:
    assert float(cell_text(number)) == float(number)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_spreadsheet_dates_read_as_iso_dates(day: date) -> None:
    midnight = datetime(day.year, day.month, day.day)
    assert cell_text(midnight) == cell_text(day) == day.isoformat()


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated_exports_read_like_comma_separated(
    delimiter: str, tmp_path: Path, write_org: OrgWriter
) -> None:
    folder = tmp_path / "european"
    folder.mkdir()
    with (folder / "people.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(PEOPLE_HEADER)
        writer.writerows(PEOPLE)
    from_commas = f"sqlite:///{tmp_path / 'commas.db'}"
    from_other = f"sqlite:///{tmp_path / 'other.db'}"
    assert import_organisation(from_commas, [write_org() / "people.csv"]).ok
    report = import_organisation(from_other, [folder])
    assert report.ok, [str(e) for e in report.errors]
    assert _dump(from_other)["people"] == _dump(from_commas)["people"]


def test_mapping_translates_hris_values(tmp_path: Path) -> None:
    folder = tmp_path / "hris"
    folder.mkdir()
    header = [*PEOPLE_HEADER, "status"]
    rows = [[*row, "Active"] for row in PEOPLE]
    rows[3][12] = "Monthly"
    rows[4][12] = "Hourly"
    rows[0][12] = "Annual"
    write_csv(folder / "people.csv", header, rows)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "values:\n"
        "  pay_period: {Annual: year, Monthly: month, Hourly: hour}\n"
        "  status: {Active: active, Terminated: exited}\n",
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'v.db'}"
    report = import_organisation(url, [folder], mapping=mapping)
    assert report.ok, [str(e) for e in report.errors]
    with engine_for(url).connect() as connection:
        rows_read = connection.exec_driver_sql(
            "SELECT employee_id, pay_period, status FROM people ORDER BY employee_id"
        ).fetchall()
    assert [tuple(r) for r in rows_read] == [
        ("e1", "year", "active"),
        ("e2", "year", "active"),
        ("e3", "year", "active"),
        ("e4", "month", "active"),
        ("e5", "hour", "active"),
    ]


def test_mapping_values_must_name_canonical_columns(tmp_path: Path, write_org: OrgWriter) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("values:\n  Pay Frequency: {Annual: year}\n", encoding="utf-8")
    with pytest.raises(LatticeworkError) as caught:
        import_organisation(f"sqlite:///{tmp_path / 'v.db'}", [write_org()], mapping=mapping)
    assert caught.value.problems[0].location.line == 2
