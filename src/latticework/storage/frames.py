"""Canonical dtypes for organisation frames, so every producer hands consumers the same shapes.

Strings are pandas strings (missing = NaN), dates are `datetime64[ns]` at
midnight, money and ratings are float64, integer columns nullable `Int64`.
The importer, the demo generator (through `import_dataset`) and
`load_dataset` all pass through `typed_frame`, which is what makes "CSV,
XLSX and the database give the same organisation" checkable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from latticework.org.columns import DERIVED_PEOPLE_COLUMNS, TABLES

if TYPE_CHECKING:
    import pandas as pd

DATE_DTYPE: Final = "datetime64[ns]"


def frame_columns(table: str) -> list[str]:
    """The canonical columns of a table, plus the derived ones for people."""
    names = TABLES[table].names
    return [*names, *DERIVED_PEOPLE_COLUMNS] if table == "people" else list(names)


def typed_frame(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with exactly the canonical columns of `table`, in order, typed.

    Missing optional columns are added empty; unknown columns are dropped.
    Values must already be valid (the importer validates before calling this).
    """
    import pandas as pd

    out: dict[str, pd.Series] = {}
    for name in frame_columns(table):
        kind = column_kind(table, name)
        if name in frame:
            series = frame[name]
        else:
            series = pd.Series(None, index=frame.index, dtype="object")
        out[name] = _typed(series, kind)
    return pd.DataFrame(out, index=frame.index)


def _derived_kind(name: str) -> str:
    return "str" if name == "grade" else "float"


def column_kind(table: str, name: str) -> str:
    """The kind (str, enum, date, float, int) of a canonical or derived column."""
    spec = TABLES[table]
    return spec.column(name).kind if name in spec.names else _derived_kind(name)


def _typed(series: pd.Series, kind: str) -> pd.Series:
    import pandas as pd

    if kind == "date":
        from latticework.org.validity import timestamps

        return timestamps(series)
    if kind == "float":
        from latticework.org.numbers import exact_floats

        return exact_floats(series)
    if kind == "int":
        return pd.to_numeric(series).astype("Int64")
    return series.astype("str")
