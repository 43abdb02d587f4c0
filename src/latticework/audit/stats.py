"""Statistical building blocks, each a thin call into statsmodels or SciPy with its method named.

Nothing here re-derives a formula a library has: OLS with HC3 errors,
Oaxaca–Blinder, Fisher's exact test, Mantel–Haenszel, Kaplan–Meier, the
log-rank test, Poisson rate ratios and multiple-comparison control all come from
statsmodels or SciPy. These functions only shape their inputs and outputs.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

OLS_METHOD = "OLS of log pay, HC3 robust standard errors (statsmodels)"
OAXACA_METHOD = "Oaxaca–Blinder two-fold decomposition, pooled coefficients (statsmodels)"
FISHER_METHOD = (
    "Fisher's exact test, two-sided (SciPy); risk-ratio CI by the log method (statsmodels)"
)
CMH_METHOD = (
    "Cochran–Mantel–Haenszel test stratified by grade, Mantel–Haenszel odds ratio (statsmodels)"
)
KM_METHOD = "Kaplan–Meier (statsmodels SurvfuncRight), log-rank test (statsmodels survdiff)"
RATE_RATIO_METHOD = "Poisson rate ratio of promotions per month at risk (statsmodels GLM)"


@dataclass(frozen=True)
class Estimate:
    """A point estimate with a 95 % interval and, when a test applies, a p-value."""

    value: float
    ci_low: float | None
    ci_high: float | None
    p_value: float | None


def design_matrix(
    frame: pd.DataFrame,
    categorical: Sequence[str],
    numeric: Sequence[str],
) -> pd.DataFrame:
    """Constant, numeric columns and dummies; each factor's largest category is the reference."""
    import pandas as pd

    parts: list[pd.DataFrame] = [pd.DataFrame({"const": 1.0}, index=frame.index)]
    if numeric:
        parts.append(frame[list(numeric)].astype(float))
    for name in categorical:
        values = frame[name]
        counts = values.value_counts()
        order = list(counts.index[counts > 0])  # a categorical column lists absent ones too
        if isinstance(values.dtype, pd.CategoricalDtype):
            codes = values.cat.set_categories(order)
        else:
            codes = pd.Series(pd.Categorical(values, categories=order), index=frame.index)
        dummies = pd.get_dummies(codes, prefix=name, drop_first=True, dtype=float)
        dummies.index = frame.index
        parts.append(dummies)
    return pd.concat(parts, axis=1)


def drop_rare_categories(
    frame: pd.DataFrame, categorical: Sequence[str], minimum: int
) -> pd.DataFrame:
    """Leave out rows whose control category has fewer than `minimum` people.

    A control category with one person makes that person's leverage 1, which
    leaves HC3 undefined; a handful of people cannot estimate a category anyway.
    """
    keep = None
    for name in categorical:
        counts = frame[name].value_counts()
        rare = counts.index[(counts > 0) & (counts < minimum)]
        if len(rare):
            mask = ~frame[name].isin(rare)
            keep = mask if keep is None else keep & mask
    return frame if keep is None else frame[keep]


def fit_ols_hc3(y: np.ndarray, x: np.ndarray):  # type: ignore[no-untyped-def]
    """statsmodels OLS with HC3 errors.

    The pseudo-inverse method costs one SVD of the design; statsmodels' QR method
    computes that same pseudo-inverse as well, so it is never faster.
    """
    from statsmodels.regression.linear_model import OLS

    return OLS(y, x, hasconst=True).fit(method="pinv", cov_type="HC3")


def log_pay_gaps(
    frame: pd.DataFrame,
    outcome: str,
    indicators: Sequence[str],
    categorical: Sequence[str],
    numeric: Sequence[str],
) -> dict[str, Estimate]:
    """exp(β) − 1 for each 0/1 indicator in one OLS of ln(outcome) on them and the controls.

    HC3 robust errors. Indicators that cannot be estimated are left out of the result.
    """
    import numpy as np

    data = frame[frame[outcome] > 0]
    data = drop_rare_categories(data, categorical, 2)
    # Controls that do not vary add nothing and would make the design singular.
    categorical = [c for c in categorical if data[c].nunique() > 1]
    numeric = [c for c in numeric if data[c].nunique() > 1]
    indicators = [i for i in indicators if data[i].nunique() > 1]
    x = design_matrix(data, categorical, [*indicators, *numeric])
    if not indicators or len(data) <= x.shape[1] + 1:
        return {}
    y = np.log(data[outcome].to_numpy(dtype=float))
    fit = fit_ols_hc3(y, x.to_numpy(dtype=float))
    intervals = fit.conf_int(alpha=0.05)
    result = {}
    for name in indicators:
        i = list(x.columns).index(name)
        beta, p = float(fit.params[i]), float(fit.pvalues[i])
        low, high = (float(v) for v in intervals[i])
        if all(math.isfinite(v) for v in (beta, low, high, p)):
            result[name] = Estimate(math.expm1(beta), math.expm1(low), math.expm1(high), p)
    return result


def log_pay_gap(
    frame: pd.DataFrame,
    outcome: str,
    indicator: str,
    categorical: Sequence[str],
    numeric: Sequence[str],
) -> Estimate | None:
    """exp(β) − 1 for one 0/1 `indicator` in OLS of ln(outcome) on it and the controls, HC3."""
    return log_pay_gaps(frame, outcome, [indicator], categorical, numeric).get(indicator)


@dataclass(frozen=True)
class Decomposition:
    """The raw gap in mean log pay split into a part the controls explain and a part they do not."""

    gap: float
    explained: float
    unexplained: float


def oaxaca_blinder(
    frame: pd.DataFrame,
    outcome: str,
    indicator: str,
    categorical: Sequence[str],
    numeric: Sequence[str],
) -> Decomposition | None:
    """Two-fold Oaxaca–Blinder decomposition of ln(outcome) between indicator = 1 and 0 (pooled)."""
    import numpy as np
    from statsmodels.stats.oaxaca import OaxacaBlinder
    from statsmodels.tools.sm_exceptions import SingularMatrixWarning

    data = frame[frame[outcome] > 0]
    categorical = [c for c in categorical if data[c].astype(str).nunique() > 1]
    numeric = [c for c in numeric if data[c].nunique() > 1]
    x = design_matrix(data, categorical, [indicator, *numeric])
    if len(data) <= x.shape[1] + 1 or data[indicator].nunique() < 2:
        return None
    y = np.log(data[outcome].to_numpy(dtype=float))
    column = list(x.columns).index(indicator)
    with warnings.catch_warnings():
        # A control constant within one group (e.g. a zone with no managers) leaves that
        # group's own fit rank-deficient; the pooled coefficients that weigh the parts are not.
        warnings.simplefilter("ignore", SingularMatrixWarning)
        model = OaxacaBlinder(y, x.to_numpy(dtype=float), column, hasconst=True, swap=False)
        result = model.two_fold(two_fold_type="pooled")
    unexplained, explained, gap = (float(v) for v in result.params)
    return Decomposition(gap=gap, explained=explained, unexplained=unexplained)


def fisher_rates(a_hits: int, a_n: int, b_hits: int, b_n: int) -> Estimate:
    """Rate ratio of group a to group b with a 95 % CI and Fisher's exact p (two-sided)."""
    from scipy.stats import fisher_exact

    table = [[a_hits, a_n - a_hits], [b_hits, b_n - b_hits]]
    p = float(fisher_exact(table, alternative="two-sided").pvalue)
    low, high = _risk_ratio_ci(table)
    rate_a, rate_b = a_hits / a_n, b_hits / b_n
    ratio = rate_a / rate_b if rate_b > 0 else (1.0 if rate_a == 0 else math.inf)
    return Estimate(ratio, low, high, p)


def fisher_odds(a_hits: int, a_n: int, b_hits: int, b_n: int) -> Estimate | None:
    """Odds ratio of group a to group b with its 95 % CI and Fisher's exact p (two-sided)."""
    from scipy.stats import fisher_exact
    from statsmodels.stats.contingency_tables import Table2x2

    table = [[a_hits, a_n - a_hits], [b_hits, b_n - b_hits]]
    p = float(fisher_exact(table, alternative="two-sided").pvalue)
    t = Table2x2(table, shift_zeros=True)
    low, high = t.oddsratio_confint(alpha=0.05)
    odds = finite(t.oddsratio)
    if odds is None:
        return None
    return Estimate(odds, finite(low), finite(high), p)


def _risk_ratio_ci(table: list[list[int]]) -> tuple[float | None, float | None]:
    import numpy as np
    from statsmodels.stats.contingency_tables import Table2x2

    counts = np.asarray(table, dtype=float)
    if counts[:, 0].min() == 0:
        counts = counts + 0.5  # Haldane–Anscombe: the log interval needs no empty cell
    low, high = Table2x2(counts).riskratio_confint(alpha=0.05, method="normal")
    return finite(low), finite(high)


def mantel_haenszel(tables: Sequence[Sequence[Sequence[int]]]) -> Estimate | None:
    """Pooled odds ratio over 2×2 strata with its 95 % CI and the CMH test p-value.

    The test uses the counts as they are. Only when the pooled odds ratio is 0 or
    infinite (no outcome at all on one side) is ½ added to every cell for the
    estimate and its interval.
    """
    import numpy as np
    from statsmodels.stats.contingency_tables import StratifiedTable

    usable = [np.asarray(t, dtype=float) for t in tables]
    # A stratum where one group is empty or everyone/no one has the outcome carries no information.
    usable = [t for t in usable if t.sum(axis=1).min() > 0 and t.sum(axis=0).min() > 0]
    if not usable:
        return None
    st = StratifiedTable(usable)
    p = float(st.test_null_odds(correction=True).pvalue)
    odds = finite(st.oddsratio_pooled)
    if odds is None or odds == 0:
        st = StratifiedTable([t + 0.5 for t in usable])
        odds = finite(st.oddsratio_pooled)
    if odds is None:
        return None
    low, high = st.oddsratio_pooled_confint(alpha=0.05)
    return Estimate(odds, finite(low), finite(high), p)


@dataclass(frozen=True)
class Survival:
    """A Kaplan–Meier curve with its median and the median's 95 % CI (None when not reached)."""

    times: list[float]
    survival: list[float]
    median: float | None
    median_low: float | None
    median_high: float | None


def kaplan_meier(months: np.ndarray, promoted: np.ndarray) -> Survival:
    import numpy as np
    from statsmodels.duration.survfunc import SurvfuncRight

    sf = SurvfuncRight(months, promoted)
    median = finite(sf.quantile(0.5))
    with np.errstate(divide="ignore", invalid="ignore"):  # no CI bound where S(t) reaches 0 or 1
        low, high = sf.quantile_ci(0.5)
    return Survival(
        times=[0.0, *(float(t) for t in sf.surv_times)],
        survival=[1.0, *(float(s) for s in sf.surv_prob)],
        median=median,
        median_low=finite(low),
        median_high=finite(high),
    )


def log_rank(months: np.ndarray, promoted: np.ndarray, group: np.ndarray) -> float:
    """p-value of the log-rank test that the groups' time-to-promotion curves are equal."""
    from statsmodels.duration.survfunc import survdiff

    _, p = survdiff(months, promoted, group)
    return float(p)


def promotion_rate_ratio(
    months: np.ndarray, promoted: np.ndarray, indicator: np.ndarray
) -> Estimate | None:
    """Ratio of promotions per month at risk, indicator = 1 vs 0, with its 95 % CI.

    A Poisson model of the promotion count with the months at risk as exposure
    (statsmodels GLM) on the two groups' totals: the hazard ratio when the
    monthly chance of promotion is constant. The p-value is the model's Wald
    test; the audit reports the log-rank test's instead.
    """
    import numpy as np
    from statsmodels.genmod.families import Poisson
    from statsmodels.genmod.generalized_linear_model import GLM
    from statsmodels.tools.sm_exceptions import PerfectSeparationWarning

    group = indicator.astype(bool)
    events = np.array([promoted[~group].sum(), promoted[group].sum()], dtype=float)
    exposure = np.array([months[~group].sum(), months[group].sum()], dtype=float)
    if events.min() == 0 or exposure.min() <= 0:
        return None
    design = np.array([[1.0, 0.0], [1.0, 1.0]])
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        # Two groups, two parameters: the model is saturated by design, not separated, and
        # the residual scale its inner least squares divides by zero is unused (Poisson: 1).
        warnings.simplefilter("ignore", PerfectSeparationWarning)
        fit = GLM(events, design, family=Poisson(), exposure=exposure).fit()
    beta = float(np.asarray(fit.params)[1])
    low, high = (float(v) for v in np.asarray(fit.conf_int())[1])
    p = float(np.asarray(fit.pvalues)[1])
    return Estimate(math.exp(beta), math.exp(low), math.exp(high), p)


def adjust_p_values(
    p_values: Sequence[float], method: str, alpha: float
) -> tuple[list[bool], list[float]]:
    """Multiple-comparison control (statsmodels multipletests): reject flags and adjusted p."""
    from statsmodels.stats.multitest import multipletests

    if not p_values:
        return [], []
    reject, adjusted, _, _ = multipletests(list(p_values), alpha=alpha, method=method)
    return [bool(r) for r in reject], [float(p) for p in adjusted]


def finite(value: object) -> float | None:
    """A float, or None for missing, NaN and infinite values."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
