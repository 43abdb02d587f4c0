"""Statistical building blocks, each a thin call into statsmodels or SciPy with its method named.

Nothing here re-derives a formula a library has: OLS with HC2 errors,
Oaxaca–Blinder, Fisher's exact test, Mantel–Haenszel, Kaplan–Meier, the
log-rank test, Poisson rate ratios and multiple-comparison control all come from
statsmodels or SciPy. These functions only shape their inputs and outputs;
the one formula written here is the HC2 error with its Bell–McCaffrey
degrees of freedom (`hc2_t`), which neither library provides together; it is
tested against statsmodels' HC2 and the textbook n × n formula.
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

OLS_METHOD = (
    "OLS of log pay, HC2 robust standard errors (statsmodels), t reference with "
    "Bell–McCaffrey degrees of freedom (SciPy)"
)
OAXACA_METHOD = "Oaxaca–Blinder two-fold decomposition, pooled coefficients (statsmodels)"
FISHER_METHOD = (
    "Fisher's exact test, two-sided (SciPy); risk-ratio CI by the log method (statsmodels)"
)
CMH_METHOD = (
    "Cochran–Mantel–Haenszel test stratified by grade, without continuity correction, "
    "Mantel–Haenszel odds ratio with the Robins–Breslow–Greenland interval (statsmodels)"
)
FISHER_ODDS_METHOD = (
    "Fisher's exact test, two-sided, with the conditional maximum-likelihood odds ratio and "
    "its exact interval (SciPy)"
)
CMH_PERIODS_METHOD = (
    "Cochran–Mantel–Haenszel test stratified by period (the period and earlier ones of the "
    "same length: person-periods, the discrete-time log-rank test), without continuity "
    "correction, Mantel–Haenszel odds ratio with the Robins–Breslow–Greenland interval "
    "(statsmodels)"
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
    tolerance_p: float | None = None
    """One-sided p-value that the effect exceeds a tolerance in size (`beyond_tolerance_p`)."""


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
    leaves HC2 undefined; a handful of people cannot estimate a category anyway.
    """
    keep = None
    for name in categorical:
        counts = frame[name].value_counts()
        rare = counts.index[(counts > 0) & (counts < minimum)]
        if len(rare):
            mask = ~frame[name].isin(rare)
            keep = mask if keep is None else keep & mask
    return frame if keep is None else frame[keep]


def fit_ols(y: np.ndarray, x: np.ndarray):  # type: ignore[no-untyped-def]
    """statsmodels OLS by the pseudo-inverse, kept as `model.pinv_wexog` for the errors.

    The pseudo-inverse method costs one SVD of the design; statsmodels' QR method
    computes that same pseudo-inverse as well, so it is never faster.
    """
    from statsmodels.regression.linear_model import OLS
    from statsmodels.tools.sm_exceptions import SingularMatrixWarning

    with warnings.catch_warnings():
        # A collinear control is harmless to the pseudo-inverse; a group indicator that is
        # collinear with the controls is caught and reported as not estimable by the caller.
        warnings.simplefilter("ignore", SingularMatrixWarning)
        return OLS(y, x, hasconst=True).fit(method="pinv")


def hc2_t(
    x: np.ndarray, pinv: np.ndarray, residuals: np.ndarray, column: int
) -> tuple[float, float]:
    """HC2 standard error of one coefficient and its Bell–McCaffrey degrees of freedom.

    HC2 (MacKinnon & White 1985) is Σ aᵢ² eᵢ² / (1 − hᵢᵢ), a = the
    coefficient's row of the pseudo-inverse — statsmodels' `cov_type="HC2"`,
    except that a person with leverage 1 (alone in a combination of controls,
    residual 0, aᵢ = 0) adds 0 instead of 0/0. The degrees of freedom are the
    Satterthwaite approximation of Bell & McCaffrey (2002), recommended by
    Imbens & Kolesár (2016): under homoskedastic normal errors the variance
    is e'De with D = diag(aᵢ² / (1 − hᵢᵢ)), and df = tr(DM)² / tr(DMDM),
    M = I − H. tr(DMDM) = Σ dᵢ²(1 − 2hᵢᵢ) + tr(B²) with B = (X⁺D)X (k × k),
    so no n × n matrix is formed. For a lone group indicator this is Welch's
    degrees of freedom with equal variances: about 4 for a group of 5, where
    the normal reference made false alarms at Holm's first cut-off 14 times
    too often (docs/audit-methods.md, "Calibration").
    """
    import numpy as np

    leverage = np.einsum("ij,ji->i", x, pinv)
    a = pinv[column]
    room = 1.0 - leverage
    d = np.divide(a**2, room, out=np.zeros_like(a), where=room > 1e-10)
    se = math.sqrt(float(d @ residuals**2))
    b = (pinv * d) @ x
    numerator = float(np.sum(d * room)) ** 2
    denominator = float(np.sum(d**2 * (1.0 - 2.0 * leverage)) + np.trace(b @ b))
    return se, numerator / denominator if denominator > 0 else math.nan


@dataclass(frozen=True)
class PayFit:
    """Gaps from one pay regression, with what the model actually used.

    `sizes` counts the people with each indicator set among the rows fitted and
    `rows` all of them, so the sizes a report shows are the model's. `controls`
    are the control columns left in the model (a constant one is dropped).
    `reasons` says, per indicator, why it could not be estimated.
    """

    estimates: dict[str, Estimate]
    reasons: dict[str, str]
    sizes: dict[str, int]
    rows: int
    controls: list[str]

    def reference_size(self) -> int:
        return self.rows - sum(self.sizes.values())


NO_VARIATION = "pay does not vary once the controls are taken into account"
CONFOUNDED = "the groups cannot be separated from the controls (e.g. all in one zone)"
TOO_FEW = "too few people for the number of controls"
ONE_GROUP = "only one of the groups has people with pay and every control"
NO_PROMOTION_CONTRAST = (
    "no grade has both groups with some people promoted and some not: nothing to compare"
)


def log_pay_gaps(
    frame: pd.DataFrame,
    outcome: str,
    indicators: Sequence[str],
    categorical: Sequence[str],
    numeric: Sequence[str],
    tolerance: float | None = None,
) -> PayFit:
    """exp(β) − 1 for each 0/1 indicator in one OLS of ln(outcome) on them and the controls.

    HC2 robust errors with a t reference on Bell–McCaffrey degrees of freedom:
    calibrated from groups of 5 to 100,000 people (docs/audit-methods.md).
    Not estimable — never a number — when pay does not vary after the
    controls, when an indicator is a combination of the controls, or when too
    few people remain.
    """
    import numpy as np
    from scipy.stats import t as student_t

    data = frame[frame[outcome] > 0]
    data = drop_rare_categories(data, categorical, 2)
    # Controls that do not vary add nothing and would make the design singular.
    categorical = [c for c in categorical if data[c].nunique() > 1]
    numeric = [c for c in numeric if data[c].nunique() > 1]
    sizes = {i: int(data[i].sum()) for i in indicators}
    varying = [i for i in indicators if data[i].nunique() > 1]
    reasons = {i: ONE_GROUP for i in indicators if i not in varying}
    fitted = PayFit({}, reasons, sizes, len(data), [*categorical, *numeric])
    x = design_matrix(data, categorical, [*varying, *numeric])
    if not varying:
        return fitted
    if len(data) <= x.shape[1] + 1:
        reasons.update(dict.fromkeys(varying, TOO_FEW))
        return fitted
    xs = x.to_numpy(dtype=float)
    y = np.log(data[outcome].to_numpy(dtype=float))
    fit = fit_ols(y, xs)
    pinv = fit.model.pinv_wexog
    residuals = np.asarray(fit.resid)
    scale = max(1.0, float(np.abs(y).mean()))
    if float(np.sqrt(fit.ssr / len(y))) <= 1e-9 * scale:
        reasons.update(dict.fromkeys(varying, NO_VARIATION))
        return fitted
    columns = list(x.columns)
    for name in varying:
        i = columns.index(name)
        if not _identified(xs, i):
            reasons[name] = CONFOUNDED
            continue
        beta = float(fit.params[i])
        se, df = hc2_t(xs, pinv, residuals, i)
        if not (math.isfinite(se) and se > 1e-9 * scale and math.isfinite(df) and df > 0):
            reasons[name] = NO_VARIATION
            continue
        p = float(2 * student_t.sf(abs(beta / se), df))
        half = float(student_t.ppf(0.975, df)) * se
        fitted.estimates[name] = Estimate(
            math.expm1(beta),
            math.expm1(beta - half),
            math.expm1(beta + half),
            p,
            None if tolerance is None else beyond_tolerance_p(beta, se, df, tolerance),
        )
    return fitted


def beyond_tolerance_p(beta: float, se: float, df: float, tolerance: float) -> float:
    """One-sided p-value of H0: |exp(β) − 1| ≤ tolerance against a larger gap, in its direction.

    The test the Swiss equal-pay standard (Logib) applies with a 5 % tolerance:
    a gap is only a violation when it is significantly larger than the
    tolerance. A negative gap exceeds it when β < ln(1 − tolerance), a
    positive one when β > ln(1 + tolerance); t on the same degrees of freedom.
    """
    from scipy.stats import t as student_t

    bound = math.log1p(-tolerance) if beta < 0 else math.log1p(tolerance)
    distance = (bound - beta) if beta < 0 else (beta - bound)
    return float(student_t.sf(distance / se, df))


def _identified(x: np.ndarray, column: int) -> bool:
    """The column is not a linear combination of the others (its coefficient is estimable).

    Compared on the k × k cross-product with unit-scaled columns: the share of
    the column's variation the others leave unexplained must not vanish.
    """
    import numpy as np

    gram = x.T @ x
    norms = np.sqrt(np.diag(gram))
    if norms[column] == 0:
        return False
    scaled = gram / np.outer(np.where(norms > 0, norms, 1.0), np.where(norms > 0, norms, 1.0))
    others = [j for j in range(x.shape[1]) if j != column and norms[j] > 0]
    sub = scaled[np.ix_(others, others)]
    cross = scaled[others, column]
    explained = float(cross @ np.linalg.pinv(sub, rcond=1e-10, hermitian=True) @ cross)
    return 1.0 - explained > 1e-8


def log_pay_gap(
    frame: pd.DataFrame,
    outcome: str,
    indicator: str,
    categorical: Sequence[str],
    numeric: Sequence[str],
) -> Estimate | None:
    """exp(β) − 1 for one 0/1 `indicator` in OLS of ln(outcome) on it and the controls."""
    return log_pay_gaps(frame, outcome, [indicator], categorical, numeric).estimates.get(indicator)


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
    """Odds ratio of group a to group b: Fisher's exact test with its own estimate and interval.

    The estimate is the conditional maximum-likelihood odds ratio and the 95 %
    interval the exact conditional one (`scipy.stats.contingency.odds_ratio`),
    both from the same hypergeometric distribution as the two-sided p-value
    (`scipy.stats.fisher_exact`). None when a group is empty or no one (or
    everyone) has the outcome: the table then carries no information.
    """
    from scipy.stats import fisher_exact
    from scipy.stats.contingency import odds_ratio

    table = [[a_hits, a_n - a_hits], [b_hits, b_n - b_hits]]
    if min(a_n, b_n) == 0 or a_hits + b_hits in (0, a_n + b_n):
        return None
    p = float(fisher_exact(table, alternative="two-sided").pvalue)
    result = odds_ratio(table, kind="conditional")
    interval = result.confidence_interval(confidence_level=0.95)
    return Estimate(float(result.statistic), finite(interval.low), finite(interval.high), p)


def stratified_odds(tables: Sequence[Sequence[Sequence[int]]]) -> tuple[Estimate | None, str]:
    """Odds ratio over grade strata and its method: Fisher's exact test when one stratum
    carries information, else the uncorrected Cochran–Mantel–Haenszel test.

    The continuity-corrected CMH test is conservative, most of all with one
    stratum (p 0.054 where Fisher's exact test gives 0.049 and the interval
    excludes 1), so it is not used.
    """
    import numpy as np

    usable = [np.asarray(t, dtype=int) for t in tables]
    usable = [t for t in usable if t.sum(axis=1).min() > 0 and t.sum(axis=0).min() > 0]
    if len(usable) == 1:
        (a_hits, a_miss), (b_hits, b_miss) = usable[0].tolist()
        return fisher_odds(a_hits, a_hits + a_miss, b_hits, b_hits + b_miss), FISHER_ODDS_METHOD
    return mantel_haenszel([t.tolist() for t in usable]), CMH_METHOD


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

    The test has no continuity correction (the corrected one is conservative).
    It uses the counts as they are. Only when the pooled odds ratio is 0 or
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
    p = float(st.test_null_odds(correction=False).pvalue)
    with np.errstate(divide="ignore", invalid="ignore"):  # 0 or ∞ is handled just below
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
