"""Fuzzing every importer: any CSV or XLSX bytes give an import report or located problems.

Never an exception of another type, and never more than a bounded amount of
memory. The examples are bounded so the suite stays fast.
"""

from __future__ import annotations

import csv
import functools
import io
import shutil
import tempfile
import tracemalloc
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from latticework.errors import LatticeworkError
from latticework.org.columns import TABLES
from latticework.services.data import import_organisation, upgrade_database
from tests.ingest.conftest import PEOPLE, PEOPLE_HEADER

FUZZ = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
PEAK_BYTES = 150_000_000

TABLE_NAMES = st.sampled_from(sorted(TABLES))
TEXT = st.text(max_size=12) | st.sampled_from(
    ["", "e1", "2020-01-01", "0001-01-01", "9999-12-31", "1e309", "nan", "-1", "=1+1", "\x00"]
)


@functools.cache
def _migrated_database() -> Path:
    """One empty, migrated SQLite file per test process; each example imports into a copy."""
    folder = Path(tempfile.mkdtemp(prefix="latticework-fuzz-"))
    upgrade_database(f"sqlite:///{folder / 'empty.db'}")
    return folder / "empty.db"


def _import_bytes(name: str, content: bytes) -> None:
    """Import `content` as file `name` and check the outcome: a report or located problems.

    A dry run is measured for memory; only when it is clean is the import also
    written (for real, into a copy of an empty database).
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        database = Path(folder) / "fuzz.db"
        shutil.copy(_migrated_database(), database)
        url = f"sqlite:///{database}"
        tracemalloc.start()
        try:
            report = import_organisation(url, [path], dry_run=True)
        except LatticeworkError as exc:
            problems = exc.problems
            report = None
        finally:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            assert peak < PEAK_BYTES
        if report is None:
            assert problems
            assert all(p.message for p in problems)
            return
        assert report.ok == (not report.errors)
        if report.ok:
            written = import_organisation(url, [path])
            assert written.ok
            assert written.written


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@FUZZ
@given(table=TABLE_NAMES, content=st.binary(max_size=600))
def test_arbitrary_bytes_as_a_csv_file(table: str, content: bytes) -> None:
    _import_bytes(f"{table}.csv", content)


@st.composite
def csv_like(draw: st.DrawFn) -> tuple[str, bytes]:
    """A table's own header (some columns dropped or repeated) over fuzzed cells."""
    table = draw(TABLE_NAMES)
    names = list(TABLES[table].names)
    header = draw(st.lists(st.sampled_from([*names, "extra", ""]), min_size=1, max_size=12))
    rows = draw(st.lists(st.lists(TEXT, min_size=len(header), max_size=len(header)), max_size=6))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    text = _csv_text(header, rows)
    return table, text.encode(encoding, errors="replace")


@FUZZ
@given(case=csv_like())
def test_fuzzed_cells_under_real_headers(case: tuple[str, bytes]) -> None:
    table, content = case
    _import_bytes(f"{table}.csv", content)


@FUZZ
@given(
    row=st.integers(0, len(PEOPLE) - 1),
    column=st.integers(0, len(PEOPLE_HEADER) - 1),
    value=TEXT,
)
def test_one_fuzzed_cell_in_a_valid_people_file(row: int, column: int, value: str) -> None:
    rows = [list(r) for r in PEOPLE]
    rows[row][column] = value
    _import_bytes("people.csv", _csv_text(PEOPLE_HEADER, rows).encode())


CELL = (
    TEXT
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31))
    | st.booleans()
    | st.none()
)


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name[:31] or "sheet")
        for row in rows:
            try:
                sheet.append(row)
            except Exception:  # openpyxl refuses some strings (control characters)
                sheet.append([None] * len(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    # Sheet titles openpyxl can write: it refuses a backslash and * ? : / [ ] before our code runs.
    titles = st.text(st.characters(exclude_characters="\\*?:/[]"), max_size=8)
    tables = draw(st.lists(TABLE_NAMES | titles, min_size=1, max_size=3, unique=True))
    sheets: dict[str, list[list[object]]] = {}
    for name in tables:
        columns = list(TABLES[name].names) if name in TABLES else ["x"]
        header: list[object] = draw(
            st.lists(st.sampled_from([*columns, "", "extra"]), min_size=1, max_size=10)
        )
        body = draw(st.lists(st.lists(CELL, max_size=len(header) + 2), max_size=5))
        sheets[name] = [header, *body]
    return _workbook(sheets)


@FUZZ
@given(content=workbooks())
def test_fuzzed_workbooks(content: bytes) -> None:
    _import_bytes("export.xlsx", content)


@FUZZ
@given(
    content=workbooks(),
    cuts=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4),
    keep=st.floats(0.0, 1.0),
)
def test_damaged_workbook_bytes(content: bytes, cuts: list[tuple[int, int]], keep: float) -> None:
    damaged = bytearray(content[: max(1, int(len(content) * keep))] if keep < 0.5 else content)
    for position, byte in cuts:
        damaged[position % len(damaged)] = byte
    _import_bytes("people.xlsx", bytes(damaged))


@FUZZ
@given(content=st.binary(max_size=600))
def test_arbitrary_bytes_as_a_workbook(content: bytes) -> None:
    _import_bytes("people.xlsx", content)
