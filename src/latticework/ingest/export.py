"""Canonical CSV files from frames, safe to open in a spreadsheet program.

Text cells that start with `=`, `+`, `-` or `@` are prefixed with an
apostrophe so that Excel and LibreOffice show them instead of evaluating
them as formulas (CSV injection). The importer removes that apostrophe again,
so an export imports back to the same data.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from latticework.org.columns import TABLES

if TYPE_CHECKING:
    import pandas as pd

_FORMULA_START = re.compile(r"^[=+\-@]")


def escape_formulas(series: pd.Series) -> pd.Series:
    """Prefix text cells that a spreadsheet would evaluate with an apostrophe."""
    return series.where(~series.str.match(_FORMULA_START, na=False), "'" + series)


def canonical_text(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The canonical columns of `frame` as CSV text: ISO dates, plain numbers, escaped text."""
    import pandas as pd

    out = pd.DataFrame(index=frame.index)
    for column in TABLES[table].columns:
        series = frame[column.name] if column.name in frame else pd.Series(None, index=frame.index)
        if column.kind == "date":
            text = pd.to_datetime(series).dt.strftime("%Y-%m-%d")
        elif column.kind == "int":
            text = series.astype("Int64").astype("str")
        elif column.kind == "float":
            numbers = series.astype("float64")
            text = numbers.map(lambda v: str(int(v)) if float(v).is_integer() else repr(float(v)))
        else:
            text = escape_formulas(series.astype("str"))
        out[column.name] = text.where(series.notna(), "")
    return out


def write_csv_files(frames: dict[str, pd.DataFrame], directory: Path) -> list[tuple[Path, int]]:
    """Write one canonical CSV per table (`people.csv`, …); returns (file, rows) pairs."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table, frame in frames.items():
        path = directory / TABLES[table].file_name
        canonical_text(table, frame).to_csv(path, index=False, encoding="utf-8")
        written.append((path, len(frame)))
    return written
