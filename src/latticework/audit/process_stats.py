"""Statistics for rating-scale outcomes of the promotion process (calibration, potential).

Differences in mean rating points: Welch's t-test for two groups (statsmodels
CompareMeans), and OLS when the comparison holds grade, track or performance
equal, with the audit's pay-gap inference (HC2 errors, a t reference on
Bell–McCaffrey degrees of freedom). Rates reuse the tests of `audit.stats`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from latticework.audit.stats import (
    Estimate,
    design_matrix,
    drop_rare_categories,
    fit_ols,
    hc2_t,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

NOT_ESTIMABLE = (
    "the model cannot be estimated: no variation in the outcome, the groups cannot be "
    "separated from the controls, or too few people"
)
WELCH_METHOD = "Welch's t-test of the difference in means, unequal variances (statsmodels)"
OLS_POINTS_METHOD = (
    "OLS in points, HC2 robust standard errors (statsmodels), t reference with "
    "Bell–McCaffrey degrees of freedom (SciPy)"
)


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
    """β of a 0/1 `indicator` in OLS of `outcome` (points) on it and the controls.

    HC2 errors and a t reference on Bell–McCaffrey degrees of freedom, as the
    audit's pay gaps. None when the indicator is a combination of the controls
    (a path open on one track only, with track held equal) or too few remain.
    """
    import numpy as np
    from scipy.stats import t as student_t

    data = drop_rare_categories(frame, categorical, 2)
    categorical = [c for c in categorical if data[c].nunique() > 1]
    numeric = [c for c in numeric if data[c].nunique() > 1]
    if data[indicator].nunique() < 2:
        return None
    x = design_matrix(data, categorical, [indicator, *numeric])
    xs = x.to_numpy(dtype=float)
    if len(data) <= x.shape[1] + 1 or np.linalg.matrix_rank(xs) < x.shape[1]:
        return None
    y = data[outcome].to_numpy(dtype=float)
    fit = fit_ols(y, xs)
    i = list(x.columns).index(indicator)
    beta = float(fit.params[i])
    se, df = hc2_t(xs, fit.model.pinv_wexog, np.asarray(fit.resid, dtype=float), i)
    if not (math.isfinite(se) and se > 1e-12 and math.isfinite(df) and df > 0):
        return None
    half = float(student_t.ppf(0.975, df)) * se
    p = float(2 * student_t.sf(abs(beta / se), df))
    return Estimate(beta, beta - half, beta + half, p)


LOGIT_METHOD = (
    "Logistic regression of promotion with grade fixed effects (statsmodels GLM Binomial); "
    "Wald test of the contrast"
)


def logit_contrast(
    frame: pd.DataFrame,
    outcome: str,
    terms: Sequence[str],
    categorical: Sequence[str],
    contrast: dict[str, float],
) -> Estimate | None:
    """exp(c'β) for a contrast of 0/1 `terms` in a logistic regression, with its 95 % CI.

    `terms` are numeric columns in the model; `contrast` weights some of them
    (e.g. {"risk_reduction": 1, "efficiency": -1}: the odds ratio of one kind of
    work against the other). None when the model cannot be fitted (separation,
    no variation).
    """
    import warnings

    import numpy as np
    from statsmodels.genmod.families import Binomial
    from statsmodels.genmod.generalized_linear_model import GLM
    from statsmodels.tools.sm_exceptions import PerfectSeparationError, PerfectSeparationWarning

    data = drop_rare_categories(frame, categorical, 2)
    categorical = [c for c in categorical if data[c].nunique() > 1]
    x = design_matrix(data, categorical, list(terms))
    if len(data) <= x.shape[1] + 1 or np.linalg.matrix_rank(x.to_numpy(float)) < x.shape[1]:
        return None
    if any(data[t].nunique() < 2 for t in contrast):
        return None
    y = data[outcome].to_numpy(dtype=float)
    if y.min() == y.max():
        return None
    vector = np.array([contrast.get(name, 0.0) for name in x.columns])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PerfectSeparationWarning)
            fit = GLM(y, x.to_numpy(dtype=float), family=Binomial()).fit()
    except (PerfectSeparationError, PerfectSeparationWarning, np.linalg.LinAlgError):
        return None
    test = fit.t_test(vector)
    value = float(np.asarray(test.effect).ravel()[0])
    low, high = (float(v) for v in np.asarray(test.conf_int(alpha=0.05)).ravel())
    p = float(np.asarray(test.pvalue).ravel()[0])
    # An interval beyond e^±20 (odds ratios past 10⁸) is quasi-separation: the odds ratio is
    # not estimable, and its exponential may not even be a float.
    if not all(math.isfinite(v) for v in (value, low, high, p)) or max(abs(low), abs(high)) > 20:
        return None
    return Estimate(math.exp(value), math.exp(low), math.exp(high), p)
