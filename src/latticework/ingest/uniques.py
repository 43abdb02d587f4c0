"""Apply a column function once per distinct value: the trick that keeps 100,000-row imports fast.

pandas string methods loop in Python for every cell. HR columns repeat a few
values (levels, dates, ratings, competency ids) millions of times, so
computing on the distinct values and spreading the results back costs a hash
per cell instead of a Python call per cell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

# Below this share of distinct values, factorising first pays for itself.
_WORTH_IT = 0.5


def by_unique(series: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`func(series)`, computed on the distinct non-missing values only; missing stays missing."""
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    if len(uniques) > _WORTH_IT * max(len(series), 1):
        return func(series)
    done = func(pd.Series(uniques))
    taken = done.array.take(codes, allow_fill=True)
    return pd.Series(taken, index=series.index, name=series.name)
