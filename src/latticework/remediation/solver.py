"""The cheapest raises that move a linear gap far enough, as a linear programme solved by HiGHS.

Variables are money: each person's possible raise is cut into `segments`
pieces of equal width. For an adjusted gap, piece k of person i moves the gap
by gainᵢ·(ln(1 + k·u/K) − ln(1 + (k−1)·u/K)) per piece, a chord under the
concave ln(1 + x): the linear programme never overstates what a raise does,
so its plan meets the goal, and with more pieces it wastes less. Because the
gain per unit of money falls from piece to piece, the programme fills each
person's pieces in order. Cost is exact: money in each currency, weighted by a
rate to the reference currency.

Minimise Σ rateᵢ·rᵢₖ subject to Σ gᵢₖ·rᵢₖ ≥ needed, 0 ≤ rᵢₖ ≤ widthᵢ; or, with
a budget, maximise Σ gᵢₖ·rᵢₖ subject to Σ rateᵢ·rᵢₖ ≤ budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

SOLVER_METHOD = "linear programme solved by HiGHS (SciPy linprog, method 'highs')"
DEFAULT_SEGMENTS = 4


@dataclass(frozen=True)
class Programme:
    """The linear programme's data, one row per person."""

    gain_per_money: np.ndarray
    """Shape (people, segments): how much one unit of money in each piece moves the gap."""
    width: np.ndarray
    """Shape (people,): money per piece (the person's maximum raise / segments)."""
    rate: np.ndarray
    """Shape (people,): cost weight of one unit of the person's currency."""
    tie_break: np.ndarray
    """Shape (people,): a tiny extra cost that picks among equally cheap plans (lower pay first)."""


@dataclass(frozen=True)
class Solution:
    raises: np.ndarray
    """Money per person (in their currency)."""
    gain: float
    feasible: bool


def build_programme(
    pay: np.ndarray,
    gain: np.ndarray,
    max_share: np.ndarray,
    rate: np.ndarray,
    *,
    log_scale: bool,
    segments: int = DEFAULT_SEGMENTS,
) -> Programme:
    """Pieces of each person's allowed raise (`max_share` of pay) and what each piece buys."""
    import numpy as np

    k = segments if log_scale else 1
    width = pay * max_share / k
    if log_scale:
        edges = np.log1p(np.outer(max_share, np.arange(k + 1) / k))  # (people, k+1)
        per_piece = np.diff(edges, axis=1) * gain[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            gain_per_money = np.where(width[:, None] > 0, per_piece / width[:, None], 0.0)
    else:
        gain_per_money = gain[:, None].astype(float)
    order = np.argsort(np.argsort(pay, kind="stable"), kind="stable")
    tie_break = 1e-9 * order / max(len(pay), 1)
    return Programme(gain_per_money, width, rate, tie_break)


def solve_min_cost(programme: Programme, needed: float) -> Solution:
    """The cheapest raises with Σ gain ≥ needed; infeasible when even every maximum falls short."""
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    n, k = programme.gain_per_money.shape
    widths = np.repeat(programme.width, k)
    best = float(programme.gain_per_money.reshape(-1) @ widths)
    if best < needed:
        return Solution(programme.width * k, best, feasible=False)
    cost = np.repeat(programme.rate * (1 + programme.tie_break), k)
    row = csr_matrix(-programme.gain_per_money.reshape(1, -1))
    result = linprog(
        cost,
        A_ub=row,
        b_ub=[-needed],
        bounds=np.column_stack([np.zeros(n * k), widths]),
        method="highs",
    )
    if result.status != 0:
        return Solution(np.zeros(n), 0.0, feasible=False)
    pieces = np.clip(result.x, 0, widths).reshape(n, k)
    return Solution(pieces.sum(axis=1), float((pieces * programme.gain_per_money).sum()), True)


def solve_within_budget(programme: Programme, budget: float) -> Solution:
    """The raises that move the gap most for at most `budget` (reference currency)."""
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    n, k = programme.gain_per_money.shape
    widths = np.repeat(programme.width, k)
    cost = np.repeat(programme.rate, k)
    tie = np.repeat(programme.tie_break, k)
    result = linprog(
        -(programme.gain_per_money.reshape(-1) - tie * programme.gain_per_money.reshape(-1)),
        A_ub=csr_matrix(cost.reshape(1, -1)),
        b_ub=[budget],
        bounds=np.column_stack([np.zeros(n * k), widths]),
        method="highs",
    )
    if result.status != 0:
        return Solution(np.zeros(n), 0.0, feasible=False)
    pieces = np.clip(result.x, 0, widths).reshape(n, k)
    return Solution(pieces.sum(axis=1), float((pieces * programme.gain_per_money).sum()), True)
