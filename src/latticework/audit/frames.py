"""Small helpers between pandas frames and the plain values results are made of."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


def records(frame: pd.DataFrame) -> list[Any]:
    """Rows as named tuples (attribute access by column name), for building result rows."""
    return list(frame.itertuples(index=False))
