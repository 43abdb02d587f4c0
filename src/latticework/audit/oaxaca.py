"""Oaxaca–Blinder decomposition with percentile-bootstrap intervals for both parts.

The point decomposition is statsmodels' (`stats.oaxaca_blinder`, pooled
coefficients). Its uncertainty comes from SciPy's `bootstrap`: the people of
each group are resampled separately (so each replicate keeps the groups'
sizes) and the pooled regression refitted; the 95 % interval is the
percentile one and the standard error the replicates' standard deviation.
statsmodels' own `two_fold(std=True)` resamples both groups together and
reports a trimmed standard deviation, no interval, so it is not used.

Cost: one k × k pseudo-inverse per draw after an n × k weighted product
(`draws`, default 200, `AuditOptions.bootstrap_draws`); seeded, so the same
data give the same interval on every run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from latticework.audit.stats import Decomposition, design_matrix, finite, oaxaca_blinder

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

BOOTSTRAP_SEED = 20_240_601
"""Fixed so the interval is reproducible; any seed is as good as another."""


def bootstrap_method(draws: int) -> str:
    return (
        "Oaxaca–Blinder two-fold decomposition, pooled coefficients (statsmodels); 95 % "
        f"percentile bootstrap intervals (SciPy bootstrap, {draws} draws resampling each "
        f"group separately, seed {BOOTSTRAP_SEED})"
    )


@dataclass(frozen=True)
class DecompositionCI:
    """A decomposition with 95 % bootstrap intervals and standard errors of its two parts."""

    point: Decomposition
    explained_low: float | None
    explained_high: float | None
    explained_se: float | None
    unexplained_low: float | None
    unexplained_high: float | None
    unexplained_se: float | None
    draws: int


def oaxaca_blinder_ci(
    frame: pd.DataFrame,
    outcome: str,
    indicator: str,
    categorical: Sequence[str],
    numeric: Sequence[str],
    draws: int,
) -> DecompositionCI | None:
    """The decomposition of `stats.oaxaca_blinder` with intervals; none when `draws` is 0."""
    import numpy as np
    from scipy.stats import bootstrap

    point = oaxaca_blinder(frame, outcome, indicator, categorical, numeric)
    if point is None:
        return None
    if draws <= 0:
        return DecompositionCI(point, None, None, None, None, None, None, 0)
    # The same rows and design as the point decomposition (see stats.oaxaca_blinder).
    data = frame[frame[outcome] > 0]
    categorical = [c for c in categorical if data[c].astype(str).nunique() > 1]
    numeric = [c for c in numeric if data[c].nunique() > 1]
    x = design_matrix(data, categorical, [indicator, *numeric]).to_numpy(dtype=float)
    y = np.log(data[outcome].to_numpy(dtype=float))
    column = 1  # design_matrix puts the constant first, then the indicator
    flag = x[:, column] == 1
    members, others = np.flatnonzero(flag), np.flatnonzero(~flag)

    def parts(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.asarray(_parts(x, y, column, others[b.astype(int)], members[a.astype(int)]))

    result = bootstrap(
        (np.arange(len(members)), np.arange(len(others))),
        parts,
        n_resamples=draws,
        method="percentile",
        paired=False,
        vectorized=False,
        rng=np.random.default_rng(BOOTSTRAP_SEED),
    )
    low, high = result.confidence_interval
    se = result.standard_error
    return DecompositionCI(
        point,
        finite(low[0]),
        finite(high[0]),
        finite(se[0]),
        finite(low[1]),
        finite(high[1]),
        finite(se[1]),
        draws,
    )


def _parts(
    x: np.ndarray, y: np.ndarray, column: int, reference: np.ndarray, members: np.ndarray
) -> tuple[float, float]:
    """Explained and unexplained parts, reference group minus members, pooled coefficients.

    The pooled OLS solved on its k × k normal equations by pseudo-inverse: the
    minimum-norm least-squares solution, as statsmodels' pinv fit gives, at a
    fraction of an n × k decomposition per draw.
    """
    import numpy as np

    rows = np.concatenate([reference, members])
    xr, yr = x[rows], y[rows]
    beta = np.linalg.pinv(xr.T @ xr, hermitian=True) @ (xr.T @ yr)
    difference = x[reference].mean(axis=0) - x[members].mean(axis=0)
    difference[column] = 0.0  # the group indicator is the unexplained part, not a control
    explained = float(difference @ beta)
    gap = float(y[reference].mean() - y[members].mean())
    return explained, gap - explained
