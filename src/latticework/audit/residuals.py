"""Groups too small to test, person by person: the California individual method.

Where a pay comparison is suppressed because a group is below the minimum
size, no gap can be tested, but each of the group's people can still be
compared with what the pay model predicts for them: the model is fitted
without the group term (so the small group does not shape its own
benchmark), and each person's internally studentised residual says how far
below or above the prediction their pay is, in standard deviations. A
residual below −2 is the usual signal to look at the person's pay.

Individuals, not aggregates: this is for the people role's drill-down only and
never enters the report or its JSON, which other roles can download.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from latticework.audit.model import Comparison
from latticework.audit.stats import design_matrix, drop_rare_categories, fit_ols
from latticework.audit.suppression import is_small_group

if TYPE_CHECKING:
    import pandas as pd

RESIDUAL_METHOD = (
    "Internally studentised residual of ln(annual full-time base pay) from OLS on the "
    "audit's controls without the group term (statsmodels OLSInfluence)"
)
SIGNAL = -2.0
"""A residual below this is flagged: pay two standard deviations below the prediction."""
PAY = "base_annual_fte"


@dataclass(frozen=True)
class SmallCell:
    """People of one group too small to test, each with their standardised residual."""

    comparison: str
    description: str
    controls: list[str]
    people: pd.DataFrame
    """employee_id, level, level_title, track_kind, zone, base_annual_fte, currency,
    residual (None when the person's pay or a control is missing), lowest residual first."""


def small_cells(
    active: pd.DataFrame, comparisons: Iterable[Comparison], min_group: int
) -> list[SmallCell]:
    """A `SmallCell` per suppressed base-pay comparison this module knows how to model."""
    cells = []
    for comparison in comparisons:
        if not comparison.suppressed:
            continue
        parts = comparison.id.split(".")
        cell = None
        if parts[:2] == ["pay-parity", "base"] and len(parts) == 3 and parts[2] != "all":
            cell = _track_cell(active, comparison.id, parts[2], min_group)
        elif parts[0] == "demographic" and len(parts) == 5 and parts[2] == "pay":
            cell = _demographic_cell(active, comparison.id, parts[1], parts[3], parts[4])
        if cell is not None:
            cells.append(cell)
    return cells


def _track_cell(
    active: pd.DataFrame, comparison_id: str, grade: str, min_group: int
) -> SmallCell | None:
    """ICs or managers at one grade: residuals from the grade's model without track."""
    data = active[(active["grade"] == grade) & active["track_kind"].isin(["ic", "management"])]
    categorical = ["zone", "level_discipline"]
    counts = data["track_kind"].value_counts()
    small = [k for k in ("ic", "management") if is_small_group(int(counts.get(k, 0)), min_group)]
    if not small:
        return None
    words = " and ".join({"ic": "ICs", "management": "managers"}[k] for k in small)
    return _cell(
        data,
        data["track_kind"].isin(small),
        comparison_id,
        f"{words} at grade {grade}",
        categorical,
    )


def _demographic_cell(
    active: pd.DataFrame, comparison_id: str, attribute: str, scope: str, value: str
) -> SmallCell | None:
    """One attribute value, organisation-wide or in a discipline: model without the attribute."""
    if attribute not in active:
        return None
    values = active[attribute].astype(str).str.strip().str.lower()
    data = active[active[attribute].notna()]
    values = values[data.index]
    categorical = ["grade", "track_kind", "zone", "level_discipline"]
    where = ""
    if scope != "all":
        keep = data["level_discipline"].astype(str) == scope
        data, values = data[keep], values[keep]
        categorical.remove("level_discipline")
        where = f" in {scope}"
    chosen = values == value
    if not chosen.any():
        return None
    return _cell(
        data, chosen, comparison_id, f"People with {attribute} '{value}'{where}", categorical
    )


def _cell(
    data: pd.DataFrame,
    chosen: pd.Series,
    comparison_id: str,
    description: str,
    categorical: list[str],
) -> SmallCell:
    columns = [
        c
        for c in ("employee_id", "level", "level_title", "track_kind", "zone", PAY, "currency")
        if c in data
    ]
    numeric = ["tenure_years"]
    if "performance_rating" in data and data["performance_rating"].notna().mean() > 0.5:
        numeric.append("performance_rating")
    residuals, controls = standardised_residuals(data, categorical, numeric)
    people = data.loc[chosen, columns].assign(residual=residuals.reindex(data.index[chosen]))
    people = people.sort_values(["residual", "employee_id"], na_position="last")
    return SmallCell(comparison_id, description, controls, people.reset_index(drop=True))


def standardised_residuals(
    data: pd.DataFrame, categorical: list[str], numeric: list[str]
) -> tuple[pd.Series, list[str]]:
    """Internally studentised residuals of ln(base pay) on the controls (no group term).

    Returned on `data`'s index (NaN for rows left out: no pay, a missing
    control, a one-person control category, or leverage 1) with the controls
    the model used.
    """
    import numpy as np
    import pandas as pd
    from statsmodels.stats.outliers_influence import OLSInfluence

    rows = data[(data[PAY] > 0)].dropna(subset=numeric)
    rows = drop_rare_categories(rows, categorical, 2)
    categorical = [c for c in categorical if rows[c].nunique() > 1]
    numeric = [c for c in numeric if rows[c].nunique() > 1]
    empty = pd.Series(np.nan, index=data.index)
    x = design_matrix(rows, categorical, numeric).to_numpy(dtype=float)
    if len(rows) <= x.shape[1] + 1:
        return empty, [*categorical, *numeric]
    y = np.log(rows[PAY].to_numpy(dtype=float))
    fit = fit_ols(y, x)
    if fit.ssr <= 1e-18 * len(y):
        return empty, [*categorical, *numeric]  # pay does not vary: no scale to measure by
    with np.errstate(divide="ignore", invalid="ignore"):  # leverage 1: no residual (NaN)
        studentised = np.asarray(OLSInfluence(fit).resid_studentized_internal, dtype=float)
    studentised[~np.isfinite(studentised)] = np.nan
    return pd.Series(studentised, index=rows.index).reindex(data.index), [
        *categorical,
        *numeric,
    ]
