"""How much of a category's gap the declared factors explain: an Oaxaca–Blinder decomposition.

Pay of the category's women and men is regressed (OLS, statsmodels) on the
declared factors and a sex indicator, pooled (the "pooled" reference
coefficients of Neumark and Jann). The explained part of the mean gap is
the difference in the factors' means times their coefficients; the rest is
unexplained. Only the factors declared in the justifications register enter
the model, so the explained share is a consequence of the data and the
declared reasons, never a number someone types in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from latticework.audit.checks.eu_pay_transparency import MEN, WOMEN

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

BOOTSTRAP_DRAWS = 200
"""Bootstrap draws for the explained share's interval in the joint pay assessment."""
BOOTSTRAP_SEED = 20_240_601
METHOD = (
    "Oaxaca–Blinder twofold decomposition of the mean gap in total annual pay, pooled "
    "coefficients with a sex indicator (OLS, statsmodels), on the declared factors only; "
    f"95 % percentile bootstrap interval of the explained share (SciPy bootstrap, "
    f"{BOOTSTRAP_DRAWS} draws resampling women and men separately, seed {BOOTSTRAP_SEED})"
)
FACTORS = {
    "tenure": "years since hire",
    "time_in_level": "years in the current level",
    "performance": "performance rating",
    "country": "country of work (local labour market)",
    "discipline": "discipline (engineering, design, product, …)",
}
"""The objective, gender-neutral factors a justification may name, and what they measure."""


@dataclass(frozen=True)
class Decomposition:
    gap: float
    """Mean gap in money: men's mean − women's mean."""
    explained: float
    """The part of `gap` the factors' differing means explain."""
    men_mean: float
    factors: tuple[str, ...]
    share_low: float | None = None
    share_high: float | None = None
    """95 % percentile bootstrap interval of `explained_share` (None without draws)."""

    @property
    def explained_share(self) -> float:
        return self.explained / self.gap if self.gap else 0.0

    @property
    def unexplained_gap(self) -> float:
        """The unexplained part as a Directive gap: (gap − explained) / men's mean."""
        return (self.gap - self.explained) / self.men_mean if self.men_mean else 0.0


def factor_matrix(frame: pd.DataFrame, factors: list[str]) -> pd.DataFrame:
    """The design columns of the declared factors (categorical factors as dummies)."""
    import pandas as pd

    columns: list[pd.DataFrame | pd.Series] = []
    for factor in factors:
        values = frame[factor]
        if factor in ("country", "discipline"):
            columns.append(pd.get_dummies(values.astype(str), prefix=factor, drop_first=True))
        else:
            numeric = pd.to_numeric(values, errors="coerce").astype(float)
            columns.append(numeric.fillna(numeric.mean()).rename(factor))
    if not columns:
        return pd.DataFrame(index=frame.index)
    return pd.concat(columns, axis=1).astype(float)


def decompose(
    frame: pd.DataFrame, factors: list[str], column: str = "total_annual", draws: int = 0
) -> Decomposition:
    """Decompose the mean gap of `column` between men and women of `frame` on `factors`;
    with `draws`, also the bootstrap interval of the explained share."""
    import numpy as np
    import statsmodels.api as sm

    data = frame[frame["sex"].isin([WOMEN, MEN])]
    y = data[column].astype(float)
    men = (data["sex"] == MEN).to_numpy()
    men_mean, women_mean = float(y[men].mean()), float(y[~men].mean())
    gap = men_mean - women_mean
    x = factor_matrix(data, factors)
    x = x.loc[:, x.std(ddof=0) > 0]  # a constant factor explains nothing and breaks the fit
    if x.shape[1] == 0:
        return Decomposition(gap, 0.0, men_mean, tuple(factors))
    design = sm.add_constant(x.assign(_men=men.astype(float)), has_constant="add")
    fit = sm.OLS(y.to_numpy(), design.to_numpy()).fit()
    beta = np.asarray(fit.params)[1 : 1 + x.shape[1]]
    difference = x[men].mean().to_numpy() - x[~men].mean().to_numpy()
    result = Decomposition(gap, float(difference @ beta), men_mean, tuple(factors))
    if draws <= 0 or min(men.sum(), (~men).sum()) < 2:
        return result
    low, high = _share_interval(design.to_numpy(), y.to_numpy(), men, draws)
    return replace(result, share_low=low, share_high=high)


def _share_interval(
    design: np.ndarray, y: np.ndarray, men: np.ndarray, draws: int
) -> tuple[float | None, float | None]:
    """Percentile bootstrap of explained / gap, women and men resampled separately."""
    import numpy as np
    from scipy.stats import bootstrap

    k = design.shape[1] - 1  # the last column is the sex indicator
    m_rows, w_rows = np.flatnonzero(men), np.flatnonzero(~men)

    def share(a: np.ndarray, b: np.ndarray) -> float:
        rows_m, rows_w = m_rows[a.astype(int)], w_rows[b.astype(int)]
        rows = np.concatenate([rows_m, rows_w])
        xr = design[rows]
        beta = np.linalg.pinv(xr.T @ xr, hermitian=True) @ (xr.T @ y[rows])
        explained = (design[rows_m, 1:k].mean(axis=0) - design[rows_w, 1:k].mean(axis=0)) @ beta[
            1:k
        ]
        gap = y[rows_m].mean() - y[rows_w].mean()
        return float(explained / gap) if gap else math.nan

    result = bootstrap(
        (np.arange(len(m_rows)), np.arange(len(w_rows))),
        share,
        n_resamples=draws,
        method="percentile",
        paired=False,
        vectorized=False,
        rng=np.random.default_rng(BOOTSTRAP_SEED),
    )
    interval = result.confidence_interval
    low, high = float(interval.low), float(interval.high)
    return (low if math.isfinite(low) else None, high if math.isfinite(high) else None)
