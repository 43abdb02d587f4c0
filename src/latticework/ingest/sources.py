"""Finding and reading canonical tables in CSV files, XLSX sheets and folders of them.

Every table is read as text (cells exactly as exported), indexed by the row
number a spreadsheet shows (header = row 1), so that every later problem can
name its file, row and column.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from latticework.errors import LatticeworkError, Location, Problem
from latticework.ingest.encoding import (
    detect_encoding,
    holds_nul,
    require_decodable,
    undecodable_problem,
)
from latticework.ingest.limits import ReadLimits, over_limit
from latticework.ingest.xlsx import check_uncompressed_size, read_sheet_cells
from latticework.org.columns import TABLES

if TYPE_CHECKING:
    import pandas as pd

EXTENSIONS = (".csv", ".xlsx")


@dataclass(frozen=True)
class RawTable:
    """One table as read: its canonical name, where it came from, and its cells as text."""

    table: str
    source: str
    frame: pd.DataFrame
    """Columns are the file's headers; index is the spreadsheet row number."""


def _table_name(name: str, file_tables: dict[str, str]) -> str | None:
    for key in (name, Path(name).name, Path(name).stem):
        if key in file_tables:
            return file_tables[key]
    stem = Path(name).stem.strip().lower().replace(" ", "_").replace("-", "_")
    return stem if stem in TABLES else None


def find_sources(
    paths: list[Path], file_tables: dict[str, str] | None = None
) -> list[tuple[Path, str | None]]:
    """The files to read: (file, table) pairs; a workbook with a sheet per table has table None."""
    file_tables = file_tables or {}
    found: list[tuple[Path, str | None]] = []
    problems: list[Problem] = []
    expected = ", ".join(t.file_name for t in TABLES.values())
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in EXTENSIONS)
            matched = [(p, _table_name(p.name, file_tables)) for p in inside]
            books = [(p, None) for p, t in matched if t is None and p.suffix.lower() == ".xlsx"]
            tables = [(p, t) for p, t in matched if t is not None]
            if not tables and not books:
                problems.append(
                    Problem(
                        "No canonical files in this folder.",
                        Location(str(path)),
                        f"Name the files {expected} (or .xlsx), or map names in the mapping "
                        "file's `files:` section.",
                        "no-files",
                    )
                )
            found.extend(tables)
            found.extend(books)
        elif not path.exists():
            problems.append(
                Problem("File not found.", Location(str(path)), "Check the path.", "not-found")
            )
        elif path.suffix.lower() not in EXTENSIONS:
            problems.append(
                Problem(
                    f"Cannot read '{path.suffix}' files.",
                    Location(str(path)),
                    "Export the data as CSV (UTF-8) or XLSX.",
                    "file-type",
                )
            )
        else:
            table = _table_name(path.name, file_tables)
            if table is None and path.suffix.lower() == ".csv":
                problems.append(
                    Problem(
                        f"Cannot tell which table '{path.name}' holds.",
                        Location(str(path)),
                        f"Name it after its table ({expected}) or map it in the mapping "
                        "file's `files:` section.",
                        "unknown-file",
                    )
                )
                continue
            found.append((path, table))
    if problems:
        raise LatticeworkError(problems)
    return found


def read_sources(
    sources: list[tuple[Path, str | None]],
    limits: ReadLimits | None = None,
    encoding: str | None = None,
) -> list[RawTable]:
    """Read every file; a table given twice is an error (which one should win?).

    CSV files are read in `encoding`, else in the encoding detected per file
    (`ingest.encoding`)."""
    limits = limits or ReadLimits()
    tables: list[RawTable] = []
    problems: list[Problem] = []
    for path, table in sources:
        try:
            if path.suffix.lower() == ".csv":
                assert table is not None
                tables.append(RawTable(table, str(path), read_csv(path, limits, encoding)))
            else:
                tables.extend(read_workbook(path, table, limits))
        except LatticeworkError as exc:
            problems.extend(exc.problems)
    seen: dict[str, str] = {}
    for raw in tables:
        if raw.table in seen:
            problems.append(
                Problem(
                    f"Table '{raw.table}' is also given in {seen[raw.table]}.",
                    Location(raw.source),
                    "Give each table once.",
                    "duplicate-table",
                )
            )
        seen.setdefault(raw.table, raw.source)
    if problems:
        raise LatticeworkError(problems)
    order = list(TABLES)
    return sorted(tables, key=lambda raw: order.index(raw.table))


def _check_header(header: list[str], source: str, limits: ReadLimits) -> list[str]:
    """Trimmed header names: within the column limit, none repeated (checked in linear time)."""
    if len(header) > limits.max_columns:
        raise LatticeworkError(
            over_limit(
                "The header's column count",
                f"{len(header):,}",
                "max_columns",
                limits.max_columns,
                Location(source, row=1),
            )
        )
    names = [h.strip() for h in header]
    counts = Counter(n for n in names if n)
    duplicates = sorted(n for n, count in counts.items() if count > 1)
    if duplicates:
        raise LatticeworkError(
            Problem(
                f"Column(s) {', '.join(duplicates)} appear more than once in the header.",
                Location(source, row=1),
                "Remove or rename the repeated columns.",
                "duplicate-column",
            )
        )
    return names


def _frame_from_rows(names: list[str], body: pd.DataFrame) -> pd.DataFrame:
    body.columns = names
    body = body.loc[:, [n != "" for n in names]]
    blank = (body == "").all(axis=1)
    return body.loc[~blank]


DELIMITERS = (",", ";", "\t")

# The header line is read on its own before pandas sees the file; this bounds it.
_HEADER_BYTES = 1 << 20


def _header_line(path: Path, encoding: str) -> str:
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as handle:
            return handle.readline(_HEADER_BYTES)
    except OSError:
        return ""


def _delimiter(header: str) -> str:
    """The header line's most frequent of `,` `;` tab: spreadsheets in many European
    locales export CSV with semicolons (the comma is their decimal separator)."""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def read_csv(
    path: Path, limits: ReadLimits | None = None, encoding: str | None = None
) -> pd.DataFrame:
    """A CSV file as text cells, indexed by spreadsheet row (header = 1), in `encoding`
    or the detected one."""
    import pandas as pd

    limits = limits or ReadLimits()
    source = str(path)
    try:
        chosen = encoding or detect_encoding(path)
    except OSError as exc:
        raise LatticeworkError(
            Problem(f"Cannot read the file: {exc.strerror}.", Location(source), None, "not-found")
        ) from None
    header_line = _header_line(path, chosen)
    separator = _delimiter(header_line)
    require_decodable(path, chosen, separator, explicit=encoding is not None)
    # Counting separators over-counts quoted ones: an upper bound, refused before parsing.
    if header_line.count(separator) + 1 > limits.max_columns:
        raise LatticeworkError(
            over_limit(
                "The header's column count",
                ("" if header_line.endswith("\n") else "at least ")
                + f"{header_line.count(separator) + 1:,}",
                "max_columns",
                limits.max_columns,
                Location(source, row=1),
            )
        )
    width = header_line.count(separator) + 1
    max_rows = min(limits.max_rows, limits.max_cells // width)
    try:
        frame = pd.read_csv(
            path,
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            encoding=chosen,
            # pandas 3.0's C parser ends a cell at a NUL byte, silently dropping the
            # rest ("Cy\0rus" → "Cy"); the Python engine keeps it for the NUL check.
            engine="python" if holds_nul(path, chosen) else "c",
            quoting=csv.QUOTE_MINIMAL,
            sep=separator,
            nrows=max_rows + 2,  # the header, the allowed rows, and one to tell "too many"
        )
    except pd.errors.EmptyDataError:
        raise LatticeworkError(
            Problem("The file is empty.", Location(source), "Export it with a header row.", "empty")
        ) from None
    except UnicodeDecodeError:  # checked above; a race with a writer can still get here
        raise LatticeworkError(
            undecodable_problem(path, chosen, separator, explicit=encoding is not None)
        ) from None
    except pd.errors.ParserError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise LatticeworkError(
            Problem(
                f"Not a well-formed CSV file: {exc}".rstrip(".") + ".",
                Location(source, row=int(line.group(1)) if line else None),
                "Check quoting: a cell containing commas or line breaks must be in double quotes.",
                "csv",
            )
        ) from None
    if len(frame) - 1 > max_rows:
        setting, limit = (
            ("max_rows", limits.max_rows)
            if max_rows == limits.max_rows
            else ("max_cells", limits.max_cells)
        )
        raise LatticeworkError(
            over_limit(
                "The file's data row count" if setting == "max_rows" else "The file's cell count",
                f"more than {max_rows:,} rows" + ("" if setting == "max_rows" else f" × {width}"),
                setting,
                limit,
                Location(source, row=max_rows + 2),
            )
        )
    header = [str(h) for h in frame.iloc[0].tolist()]
    names = _check_header(header, source, limits)
    body = frame.iloc[1:].copy()
    body.index = pd.RangeIndex(2, len(body) + 2)
    return _frame_from_rows(names, body)


def read_workbook(
    path: Path, table: str | None, limits: ReadLimits | None = None
) -> list[RawTable]:
    """Sheets named after tables; a workbook named after a table may hold it in its only sheet."""
    import pandas as pd
    from openpyxl import load_workbook

    limits = limits or ReadLimits()
    check_uncompressed_size(path, limits)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise LatticeworkError(
            Problem(
                f"Cannot open the workbook: {exc}.",
                Location(str(path)),
                "Save it again as .xlsx from your spreadsheet program.",
                "xlsx",
            )
        ) from None
    try:
        sheets = {ws.title.strip().lower(): ws for ws in book.worksheets}
        chosen: list[tuple[str, str]] = []
        if table is not None and len(sheets) == 1:
            chosen = [(table, next(iter(sheets)))]
        else:
            chosen = [(name, name) for name in TABLES if name in sheets]
        if not chosen:
            raise LatticeworkError(
                Problem(
                    "No sheet is named after a table.",
                    Location(str(path)),
                    f"Name the sheets {', '.join(TABLES)}.",
                    "no-sheets",
                )
            )
        result = []
        for name, sheet in chosen:
            source = f"{path}[{sheets[sheet].title}]"
            cells = read_sheet_cells(book, sheets[sheet], source, limits)
            if cells.width == 0:
                raise LatticeworkError(
                    Problem("The sheet is empty.", Location(source), "Add a header row.", "empty")
                )
            names = _check_header(cells.header, source, limits)
            numbers = sorted(cells.rows)
            columns = range(1, cells.width + 1)
            body = pd.DataFrame(
                [[cells.rows[n].get(c, "") for c in columns] for n in numbers],
                dtype="str",
                columns=range(cells.width),
                index=pd.Index(numbers, dtype="int64"),
            )
            result.append(RawTable(name, source, _frame_from_rows(names, body)))
        return result
    finally:
        book.close()
