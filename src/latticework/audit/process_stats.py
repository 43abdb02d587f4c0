"""Statistics for rating-scale outcomes of the promotion process (calibration, potential).

Differences in mean rating points: Welch's t-test for two groups (statsmodels
CompareMeans), and OLS with HC3 errors when the comparison holds grade, track
or performance equal. Rates reuse the tests of `audit.stats`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from latticework.audit.stats import Estimate, design_matrix, drop_rare_categories, fit_ols_hc3

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

WELCH_METHOD = "Welch's t-test of the difference in means, unequal variances (statsmodels)"
OLS_POINTS_METHOD = "OLS of the rating in points, HC3 robust standard errors (statsmodels)"


def mean_difference(a: np.ndarray, b: np.ndarray) -> Estimate | None:
    """Mean of a minus mean of b with Welch's 95 % interval and two-sided p-value."""
    import numpy as np
    from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

    if len(a) < 2 or len(b) < 2 or (np.var(a) == 0 and np.var(b) == 0):
        return None
    compare = CompareMeans(DescrStatsW(a), DescrStatsW(b))
    _, p, _ = compare.ttest_ind(usevar="unequal")
    low, high = compare.tconfint_diff(alpha=0.05, usevar="unequal")
    values = (float(np.mean(a) - np.mean(b)), float(low), float(high), float(p))
    if not all(math.isfinite(v) for v in values):
        return None
    return Estimate(*values)


def adjusted_difference(
    frame: pd.DataFrame,
    outcome: str,
    indicator: str,
    categorical: Sequence[str],
    numeric: Sequence[str],
) -> Estimate | None:
    """β of a 0/1 `indicator` in OLS of `outcome` (points) on it and the controls, HC3 errors."""
    data = drop_rare_categories(frame, categorical, 2)
    categorical = [c for c in categorical if data[c].nunique() > 1]
    numeric = [c for c in numeric if data[c].nunique() > 1]
    if data[indicator].nunique() < 2:
        return None
    import numpy as np

    x = design_matrix(data, categorical, [indicator, *numeric])
    if len(data) <= x.shape[1] + 1 or np.linalg.matrix_rank(x.to_numpy(float)) < x.shape[1]:
        return None  # e.g. a path open on one track only, with track held equal
    fit = fit_ols_hc3(data[outcome].to_numpy(dtype=float), x.to_numpy(dtype=float))
    i = list(x.columns).index(indicator)
    low, high = (float(v) for v in fit.conf_int(alpha=0.05)[i])
    values = (float(fit.params[i]), low, high, float(fit.pvalues[i]))
    if not all(math.isfinite(v) for v in values):
        return None
    return Estimate(*values)
