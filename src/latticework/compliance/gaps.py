"""The Directive's pay gap and the small-group rule, shared by Articles 7, 9 and 10."""

from __future__ import annotations

from typing import TYPE_CHECKING

from latticework.audit.checks.eu_pay_transparency import FLAG, MEN, WOMEN
from latticework.audit.suppression import is_small

if TYPE_CHECKING:
    import pandas as pd

THRESHOLD = FLAG
"""A category's gap of 5 % or more calls for a joint pay assessment (Art. 10(1))."""
SEXES = (WOMEN, MEN)
GAP_DEFINITION = "(mean or median pay of men − that of women) / that of men (Art. 3(1)(c))"


def gap(men: float, women: float) -> float | None:
    """(men − women) / men; None when either is missing or men's pay is zero."""
    if men != men or women != women or not men:
        return None
    return float((men - women) / men)


def mean_gap(frame: pd.DataFrame, column: str) -> float | None:
    by_sex = frame.groupby("sex")[column].mean()
    return gap(float(by_sex.get(MEN, float("nan"))), float(by_sex.get(WOMEN, float("nan"))))


def median_gap(frame: pd.DataFrame, column: str) -> float | None:
    by_sex = frame.groupby("sex")[column].median()
    return gap(float(by_sex.get(MEN, float("nan"))), float(by_sex.get(WOMEN, float("nan"))))


def counts(frame: pd.DataFrame) -> tuple[int, int]:
    """(women, men) in the frame."""
    sexes = frame["sex"]
    return int((sexes == WOMEN).sum()), int((sexes == MEN).sum())


def too_small(frame: pd.DataFrame, min_group: int) -> bool:
    """Either sex has fewer than `min_group` people: no figure of this group may be shown."""
    return is_small(*counts(frame), min_group=min_group)
