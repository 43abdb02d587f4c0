"""Canonical CSV files from frames, safe to open in a spreadsheet program.

Text cells that start with `=`, `+`, `-` or `@` are prefixed with an
apostrophe so that Excel and LibreOffice show them instead of evaluating
them as formulas (CSV injection). The importer removes that apostrophe again,
so an export imports back to the same data.

Columns are formatted as a whole, not cell by cell: dates, numbers and
ratings once per distinct value, text checked for formulas in one scan. The
100,000-person demo has 3.5 million rows (two million assessments); the
export writes byte for byte what per-cell formatting wrote, in well under
the time (docs/benchmarks-import.md, "Export").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from latticework.org.columns import TABLES

if TYPE_CHECKING:
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@")
# Float64 holds every integer below 2**53 exactly, and int64 holds it; larger
# whole numbers are rare enough (never pay) to format one at a time.
_EXACT_INTEGERS = 2.0**53


def escape_formulas(series: pd.Series) -> pd.Series:
    """Prefix text cells that a spreadsheet would evaluate with an apostrophe.

    A cell that already starts with apostrophes before a formula character ("'=x",
    typed so) gets one more: the importer removes one, so it reads back as typed."""
    if not _may_start_a_formula(series):
        return series
    starts = series.str.match(r"'*[=+\-@]", na=False).astype(bool)
    return series.mask(starts, "'" + series[starts])


def _may_start_a_formula(series: pd.Series) -> bool:
    """False only when no cell starts with a formula character (the usual case).

    One scan of the joined column is much faster than testing each cell;
    a line break inside a cell can only cause a false alarm, which the
    per-cell test then settles.
    """
    cells = series.dropna()
    if cells.dtype != "str":  # not known to be all text: let the per-cell test decide
        return True
    joined = "\n" + "\n".join(cells.tolist())
    return any("\n" + start in joined for start in (*FORMULA_STARTS, "'"))


def canonical_text(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The canonical columns of `frame` as CSV text: ISO dates, plain numbers, escaped text.

    Missing values become empty cells.
    """
    import pandas as pd

    columns: dict[str, pd.Series] = {}
    for column in TABLES[table].columns:
        if column.name not in frame:
            columns[column.name] = pd.Series("", index=frame.index, dtype="str")
        elif column.kind == "date":
            columns[column.name] = _by_distinct(pd.to_datetime(frame[column.name]), _days)
        elif column.kind == "int":
            columns[column.name] = _by_distinct(frame[column.name].astype("Int64"), _integers)
        elif column.kind == "float":
            columns[column.name] = _by_distinct(frame[column.name].astype("float64"), _numbers)
        else:
            text = escape_formulas(frame[column.name].astype("str"))
            columns[column.name] = text.fillna("")
    return pd.DataFrame(columns, index=frame.index)


def _by_distinct(series: pd.Series, label: Callable[[Any], Any]) -> pd.Series:
    """Format each distinct value once and spread the labels; missing values are empty.

    Dates, pay and ratings repeat a lot (two million assessment rows hold a
    handful of ratings), so this is far cheaper than formatting every cell.
    """
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(series)
    # factorize codes a missing value as -1, which takes the trailing "".
    labels = np.append(np.asarray(label(distinct), dtype=object), "")
    return pd.Series(labels.take(codes), index=series.index, dtype="str")


def _days(dates: pd.DatetimeIndex) -> Any:
    return dates.strftime("%Y-%m-%d")


def _integers(values: Any) -> Any:
    return values.astype("str")


def _numbers(values: Any) -> Any:
    """Whole numbers without `.0` (`85000`), others as Python's shortest repr (`0.8`).

    NumPy's float-to-text conversion gives the same shortest round-trip digits
    as Python's `repr`, so the importer reads back exactly the stored float.
    """
    import numpy as np

    numbers = np.asarray(values, dtype="float64")
    text = numbers.astype(str).astype(object)
    whole = np.isfinite(numbers) & (numbers == np.trunc(numbers))
    small = whole & (np.abs(numbers) < _EXACT_INTEGERS)
    text[small] = numbers[small].astype(np.int64).astype(str)
    for position in np.flatnonzero(whole & ~small):
        text[position] = str(int(numbers[position]))
    return text


def write_csv_files(frames: dict[str, pd.DataFrame], directory: Path) -> list[tuple[Path, int]]:
    """Write one canonical CSV per table (`people.csv`, …); returns (file, rows) pairs."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table, frame in frames.items():
        path = directory / TABLES[table].file_name
        _write_csv(canonical_text(table, frame), path)
        written.append((path, len(frame)))
    return written


def _write_csv(text: pd.DataFrame, path: Path) -> None:
    """What `DataFrame.to_csv(path, index=False)` writes, a fifth faster.

    Same writer and dialect as pandas (`csv` module, minimal quoting, `\\n`),
    fed whole columns as lists instead of pandas' chunked object arrays.
    """
    import csv

    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(text.columns.tolist())
        writer.writerows(zip(*(text[name].tolist() for name in text.columns), strict=True))
