"""Import files beyond the size limits are refused, naming the limit, before they fill memory."""

from __future__ import annotations

import textwrap
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from latticework.errors import LatticeworkError
from latticework.ingest.limits import ReadLimits
from latticework.ingest.sources import find_sources, read_sources
from latticework.services.data import import_organisation
from tests.ingest.conftest import PEOPLE, PEOPLE_HEADER, write_csv


def _read(path: Path, limits: ReadLimits | None = None) -> LatticeworkError:
    with pytest.raises(LatticeworkError) as caught:
        read_sources(find_sources([path]), limits)
    return caught.value


def far_column_workbook(path: Path, rows: int) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "people"
    for row in range(1, rows + 1):
        sheet.cell(row=row, column=16_384, value="x")
    book.save(path)
    return path


def test_a_workbook_with_values_in_a_far_column_is_refused_in_bounded_memory(
    tmp_path: Path,
) -> None:
    book = far_column_workbook(tmp_path / "people.xlsx", rows=2_000)
    tracemalloc.start()
    try:
        error = _read(book)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    problem = error.problems[0]
    assert "column 16,384" in problem.message
    assert "max_columns" in problem.message
    assert problem.fix is not None
    assert "limits: {max_columns:" in problem.fix
    # Padding every row to column XFD held 2,000 × 16,384 cells (hundreds of MB).
    assert peak < 60_000_000


def test_empty_styled_cells_far_out_do_not_count(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "people"
    sheet.append(PEOPLE_HEADER)
    for row in PEOPLE:
        sheet.append(row)
    sheet.cell(row=900_000, column=16_000).number_format = "0.00"  # formatted, no value
    book.save(tmp_path / "people.xlsx")
    (raw,) = read_sources(find_sources([tmp_path / "people.xlsx"]))
    assert list(raw.frame.columns) == PEOPLE_HEADER
    assert list(raw.frame.index) == [2, 3, 4, 5, 6]


def test_a_value_beyond_the_row_limit_is_refused_with_its_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "people"
    sheet.append(PEOPLE_HEADER)
    sheet.cell(row=50, column=1, value="e50")
    book.save(tmp_path / "people.xlsx")
    error = _read(tmp_path / "people.xlsx", ReadLimits(max_rows=10))
    assert "max_rows" in error.problems[0].message
    assert error.problems[0].location.row == 50


def test_a_sheet_of_too_many_cells_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "people"
    sheet.append(PEOPLE_HEADER)
    for row in PEOPLE:
        sheet.append(row)
    book.save(tmp_path / "people.xlsx")
    error = _read(tmp_path / "people.xlsx", ReadLimits(max_cells=40))
    assert "max_cells" in error.problems[0].message


def whitespace_workbook(path: Path, size: int) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "people"
    sheet.append(["employee_id"])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"</sheetData>")
                data = head + b" " * size + b"</sheetData>" + tail
            out.writestr(item, data)
    return path


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    bomb = whitespace_workbook(tmp_path / "people.xlsx", size=3_000_000)
    assert bomb.stat().st_size < 100_000
    error = _read(bomb, ReadLimits(max_xlsx_megabytes=2))
    problem = error.problems[0]
    assert "uncompressed size (3 MB)" in problem.message
    assert "max_xlsx_megabytes" in problem.message
    assert problem.location.file == str(bomb)


def test_a_csv_with_too_many_columns_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(",".join(f"c_{i}" for i in range(200_000)) + "\n" + "," * 199_999 + "\n")
    tracemalloc.start()
    try:
        error = _read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "column count (at least" in error.problems[0].message
    assert "max_columns" in error.problems[0].message
    assert error.problems[0].location.row == 1
    assert peak < 30_000_000


def test_repeated_columns_among_many_are_all_named(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    header = [f"c_{i}" for i in range(5_000)] + ["c_7", "c_4999", "c_7"]
    path.write_text(",".join(header) + "\n")
    error = _read(path, ReadLimits(max_columns=10_000))
    assert error.problems[0].code == "duplicate-column"
    assert "c_4999, c_7 appear more than once" in error.problems[0].message


def test_a_csv_with_too_many_rows_is_refused_naming_the_first_row_beyond(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "people.csv", PEOPLE_HEADER, PEOPLE)
    error = _read(path, ReadLimits(max_rows=3))
    problem = error.problems[0]
    assert "max_rows" in problem.message
    assert problem.location.row == 5
    error = _read(path, ReadLimits(max_cells=3 * len(PEOPLE_HEADER)))
    assert "max_cells" in error.problems[0].message


def test_the_mapping_file_raises_the_limits(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    write_csv(folder / "people.csv", PEOPLE_HEADER, PEOPLE)
    strict = tmp_path / "strict.yaml"
    strict.write_text("limits: {max_rows: 2}\n")
    with pytest.raises(LatticeworkError, match="max_rows"):
        import_organisation(
            f"sqlite:///{tmp_path / 'a.db'}", [folder], mapping=strict, dry_run=True
        )
    loose = tmp_path / "loose.yaml"
    loose.write_text(textwrap.dedent("limits: {max_rows: 5, max_columns: 14, max_cells: 84}\n"))
    report = import_organisation(
        f"sqlite:///{tmp_path / 'a.db'}", [folder], mapping=loose, dry_run=True
    )
    assert report.ok


def test_an_unknown_limit_in_the_mapping_file_is_located(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    write_csv(folder / "people.csv", PEOPLE_HEADER, PEOPLE)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("limits:\n  max_rowz: 2\n")
    with pytest.raises(LatticeworkError) as caught:
        import_organisation(f"sqlite:///{tmp_path / 'a.db'}", [folder], mapping=mapping)
    assert caught.value.problems[0].location.line == 2
