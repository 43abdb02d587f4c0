"""Decimal text to float64, exactly: the same text gives the same float in every reader."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def exact_floats(cells: pd.Series) -> pd.Series:
    """Numbers as float64, NaN where a cell is not a number (pandas' `to_numeric` syntax).

    pandas 3.0's `to_numeric` parses 17-digit decimal text with a fast routine that is
    off by one unit in the last place for about one value in five ("231037.59999999998"
    → 231037.6); pandas 3.1 is exact. PostgreSQL rows are read as text and SQLite rows as floats, so
    under 3.0 the two databases gave audits that differed in the last digits. The cells
    it accepts are converted again through Python's `float`, which is exact.
    """
    import pandas as pd

    numbers = pd.to_numeric(cells, errors="coerce").astype("float64")
    if cells.dtype.kind in "fiub":
        return numbers
    ok = numbers.notna()
    if ok.any():
        numbers[ok] = cells[ok].astype("str").astype("float64")
    return numbers
