"""Reading an XLSX sheet as a stream of cells, within size limits.

openpyxl's `iter_rows` pads every row to the sheet's declared width and fills
every gap between rows: a 200 KB workbook with one cell per row in the last
column (XFD) becomes hundreds of millions of cells. Here the sheet XML is read
one cell at a time, only cells holding a value are kept, and a sheet beyond
the limits is refused as soon as that is clear, before it is in memory.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import IO, TYPE_CHECKING

from latticework.errors import LatticeworkError, Location, Problem
from latticework.ingest.limits import ReadLimits, over_limit

if TYPE_CHECKING:
    from pathlib import Path

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _SHEET_DATA = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}sheetData"


def check_uncompressed_size(path: Path, limits: ReadLimits) -> None:
    """Refuse a workbook whose contents would expand beyond the limit (a zip bomb).

    The sizes come from the zip's directory; Python's zipfile never inflates a
    member beyond its declared size, so the check bounds what is read.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl reports a file that is not a workbook, with its own message
    if total > limits.max_xlsx_megabytes * 1_000_000:
        raise LatticeworkError(
            over_limit(
                "The workbook's uncompressed size",
                f"{total / 1_000_000:,.0f} MB",
                "max_xlsx_megabytes",
                limits.max_xlsx_megabytes,
                Location(str(path)),
            )
        )


@dataclass(frozen=True)
class SheetCells:
    """A sheet's non-empty cells as text: header (row 1) and body rows by spreadsheet row."""

    header: list[str]
    rows: dict[int, dict[int, str]]
    """Spreadsheet row → {column number (1-based) → text}; rows with no value are left out."""
    width: int
    """The farthest column holding a value."""


def read_sheet_cells(book: object, sheet: object, source: str, limits: ReadLimits) -> SheetCells:
    """Stream one read-only worksheet of `book`, keeping only cells with a value."""
    from openpyxl.worksheet._reader import WorkSheetParser

    rows: dict[int, dict[int, str]] = {}
    width = 0
    cells = 0
    with book._archive.open(sheet._worksheet_path) as stream:  # type: ignore[attr-defined]
        parser = WorkSheetParser(
            stream,
            book.shared_strings,  # type: ignore[attr-defined]
            data_only=True,
            epoch=book.epoch,  # type: ignore[attr-defined]
            date_formats=book._date_formats,  # type: ignore[attr-defined]
            timedelta_formats=book._timedelta_formats,  # type: ignore[attr-defined]
        )
        for row, column, value in _guarded(_cells(stream, parser), source):
            if value is None or value == "":
                continue
            if column > limits.max_columns:
                raise LatticeworkError(
                    over_limit(
                        f"A value in column {column:,}",
                        f"row {row:,}",
                        "max_columns",
                        limits.max_columns,
                        Location(source, row=row),
                    )
                )
            if row - 1 > limits.max_rows:
                raise LatticeworkError(
                    over_limit(
                        f"Row {row:,} holds a value; the data row count",
                        f"at least {row - 1:,}",
                        "max_rows",
                        limits.max_rows,
                        Location(source, row=row),
                    )
                )
            width = max(width, column)
            cells += 1
            # The frame built from the sheet is dense: bound rows × width, not only the values.
            if max(cells, (row - 1) * width) > limits.max_cells:
                raise LatticeworkError(
                    over_limit(
                        "The sheet's cell count (rows × columns)",
                        f"at least {(row - 1) * width:,}",
                        "max_cells",
                        limits.max_cells,
                        Location(source, row=row),
                    )
                )
            rows.setdefault(row, {})[column] = cell_text(value)
    first = rows.pop(1, {})
    header = [first.get(c, "") for c in range(1, width + 1)]
    return SheetCells(header, rows, width)


def _guarded(
    cells: Iterator[tuple[int, int, object]], source: str
) -> Iterator[tuple[int, int, object]]:
    """The cells, with openpyxl's and the XML parser's many exception types as one problem."""
    try:
        yield from cells
    except LatticeworkError:
        raise
    except Exception as exc:  # a broken sheet raises ValueError, KeyError, ParseError, …
        raise LatticeworkError(
            Problem(
                f"Cannot read the sheet: {exc}".rstrip(".") + ".",
                Location(source),
                "Save it again as .xlsx from your spreadsheet program.",
                "xlsx",
            )
        ) from None


def _cells(stream: IO[bytes], parser: object) -> Iterator[tuple[int, int, object]]:
    """(row, column, value) of every cell, clearing parsed elements so memory stays flat."""
    from openpyxl.xml.functions import iterparse

    sheet_data = current_row = None
    for event, element in iterparse(stream, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == _ROW:
                current_row = element
                attribute = element.get("r")
                row = int(float(attribute)) if attribute else parser.row_counter + 1  # type: ignore[attr-defined]
                parser.row_counter = row  # type: ignore[attr-defined]
                parser.col_counter = 0  # type: ignore[attr-defined]
            elif tag == _SHEET_DATA:
                sheet_data = element
        elif tag == _CELL:
            cell = parser.parse_cell(element)  # type: ignore[attr-defined]
            if current_row is not None and len(current_row) and current_row[-1] is element:
                current_row.remove(element)  # a row of millions of cells must not pile up
            yield cell["row"], cell["column"], cell["value"]
        elif tag == _ROW and sheet_data is not None:
            sheet_data.clear()


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
