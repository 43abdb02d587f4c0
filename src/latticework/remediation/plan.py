"""A remediation plan: who gets which raise, what it costs per zone, and the naive alternative."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from latticework.framework.model import Framework
from latticework.remediation.gap_models import GapScale, LinearGap, gap_model
from latticework.remediation.solver import (
    DEFAULT_SEGMENTS,
    SOLVER_METHOD,
    build_programme,
    solve_min_cost,
    solve_within_budget,
)
from latticework.remediation.targets import Target

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

DEFAULT_MAX_RAISE = 0.10
PLAN_COLUMNS = (
    "employee_id", "zone", "currency", "old_pay", "new_pay", "raise", "raise_share",
    "above_band_max",
)  # fmt: skip


class BandMax(StrEnum):
    RESPECT = "respect"
    """No raise takes pay above the band maximum (people at or above it are not raised)."""
    FLAG = "flag"
    """Raises may pass the band maximum; every such raise is flagged."""


@dataclass(frozen=True)
class Constraints:
    """What a plan may do (all raises; latticework never plans a pay cut)."""

    max_raise: float = DEFAULT_MAX_RAISE
    """The largest raise for one person, as a share of their pay (0.10 = 10 %)."""
    band_max: BandMax = BandMax.RESPECT
    budget: float | None = None
    """At most this much, in the reference currency: then the smallest gap reachable."""
    rates: dict[str, float] = field(default_factory=dict)
    """Currency → value of one unit in the reference currency (default: band-mid parity)."""
    segments: int = DEFAULT_SEGMENTS


@dataclass(frozen=True)
class ZoneCost:
    zone: str
    currency: str
    people: int
    amount: float
    """In the zone's currency."""


@dataclass(frozen=True)
class NaiveRaise:
    """The spreadsheet alternative: one raise, the same share, for the whole lower-paid group."""

    share: float
    people: int
    costs: list[ZoneCost]
    cost: float
    """In the reference currency."""
    gap_after: float


@dataclass(frozen=True)
class RemediationPlan:
    target: Target
    what: str
    method: str
    raised_group: str
    gap_before: float
    gap_after: float
    """Predicted exactly from the raises, for the audit's design (confirm by re-running it)."""
    goal: float
    reached: bool
    raises: pd.DataFrame
    """One row per raised person, columns PLAN_COLUMNS: people-role data."""
    costs: list[ZoneCost]
    cost: float
    reference_currency: str
    rates: dict[str, float]
    naive: NaiveRaise
    constraints: Constraints
    audit_ids: tuple[str, ...]
    notes: list[str]


def band_parity_rates(fw: Framework) -> tuple[str, dict[str, float]]:
    """Reference currency and, per currency, a unit's worth in it by the ratio of band mids.

    Comparing a raise in euros with one in dollars needs a rate; without one
    given, the median over grades of (reference band mid / band mid) says what
    a unit of pay is worth relative to the same position in the reference zone.
    """
    import statistics

    if not fw.zones:
        return "", {}
    reference = fw.zones[0]
    ref_mid = {
        b.grade: b.mid for b in fw.bands if b.zone == reference.id and b.grade and not b.level
    }
    rates: dict[str, float] = {reference.currency: 1.0}
    for zone in fw.zones[1:]:
        ratios = [
            ref_mid[b.grade] / b.mid
            for b in fw.bands
            if b.zone == zone.id and b.grade in ref_mid and not b.level
        ]
        if ratios and zone.currency not in rates:
            rates[zone.currency] = statistics.median(ratios)
    return reference.currency, rates


def plan_remediation(
    people: pd.DataFrame,
    framework: Framework,
    target: Target,
    constraints: Constraints | None = None,
    *,
    min_group: int = 5,
    categories: dict[str, str] | None = None,
) -> RemediationPlan:
    """The cheapest raises that bring the target gap to its goal (or closest within a budget).

    `people` is the audit's population of active people (audit.population).
    """
    import numpy as np

    constraints = constraints or Constraints()
    gap = gap_model(people, framework, target, min_group=min_group, categories=categories)
    reference, default_rates = band_parity_rates(framework)
    rates = {**default_rates, **constraints.rates}
    frame = gap.people
    pay = frame["pay"].to_numpy(dtype=float)
    rate = frame["currency"].map(lambda c: rates.get(str(c), 1.0)).to_numpy(dtype=float)
    allowed = np.full(len(frame), constraints.max_raise)
    band_max = frame["band_max"].to_numpy(dtype=float)
    if constraints.band_max is BandMax.RESPECT:
        headroom = np.where(np.isnan(band_max), np.inf, band_max / pay - 1)
        allowed = np.clip(np.minimum(allowed, headroom), 0, None)
    # Whole units: the most a person may get is rounded down once, here, so that rounding
    # each planned raise up later can never pass it.
    allowed = np.floor(pay * allowed + 1e-9) / pay
    notes: list[str] = []
    if gap.needed <= 0 and constraints.budget is None:
        raises = np.zeros(len(frame))
        notes.append("The gap already meets the goal: no raise is needed.")
    else:
        programme = build_programme(
            pay,
            frame["gain"].to_numpy(dtype=float),
            allowed,
            rate,
            log_scale=gap.scale is GapScale.LOG,
            segments=constraints.segments,
        )
        if constraints.budget is not None:
            solution = solve_within_budget(programme, constraints.budget)
        else:
            solution = solve_min_cost(programme, gap.needed)
            if not solution.feasible:
                notes.append(
                    "The goal cannot be reached within these constraints: the plan raises "
                    "everyone who can move the gap as far as allowed, the smallest gap reachable."
                )
        raises = _whole_units(solution.raises, pay * allowed)
    gap_after = gap.predict(raises)
    table = _plan_table(frame, raises, band_max)
    if constraints.band_max is BandMax.FLAG and bool(table["above_band_max"].any()):
        notes.append(
            f"{int(table['above_band_max'].sum())} raise(s) take pay above the band maximum "
            "(flagged)."
        )
    return RemediationPlan(
        target=gap.target,
        what=gap.what,
        method=f"{gap.method}; {SOLVER_METHOD}",
        raised_group=gap.raised_group,
        gap_before=gap.gap,
        gap_after=gap_after,
        goal=target.goal,
        reached=_reached(gap.gap, gap_after, target.goal),
        raises=table,
        costs=_costs(table["zone"], table["currency"], table["raise"]),
        cost=float(
            (table["raise"] * table["currency"].map(lambda c: rates.get(str(c), 1.0))).sum()
        ),
        reference_currency=reference,
        rates=rates,
        naive=_naive(gap, rates, constraints.budget),
        constraints=constraints,
        audit_ids=gap.audit_ids,
        notes=notes,
    )


def _reached(before: float, after: float, goal: float) -> bool:
    """The adverse gap is at most the goal (closing past zero counts: raises are whole units)."""
    slack = 1e-9
    return after >= -goal - slack if before < 0 else after <= goal + slack


def _whole_units(raises: np.ndarray, limit: np.ndarray) -> np.ndarray:
    """Raises in whole units of currency, rounded up (never below what the plan needs),
    but never above the allowed maximum; LP noise below a cent is no raise."""
    import numpy as np

    rounded = np.where(raises > 0.01, np.ceil(raises - 1e-9), 0.0)
    return np.minimum(rounded, np.floor(limit + 1e-9))


def _plan_table(frame: pd.DataFrame, raises: np.ndarray, band_max: np.ndarray) -> pd.DataFrame:
    import numpy as np

    pay = frame["pay"].to_numpy(dtype=float)
    table = frame.assign(
        old_pay=pay,
        new_pay=pay + raises,
        raise_=raises,
        raise_share=raises / pay,
        above_band_max=~np.isnan(band_max) & (pay + raises > band_max + 1e-6) & (raises > 0),
    ).rename(columns={"raise_": "raise"})
    table = table[table["raise"] > 0]
    return table[list(PLAN_COLUMNS)].sort_values("employee_id").reset_index(drop=True)


def _costs(zone: pd.Series, currency: pd.Series, amount: pd.Series) -> list[ZoneCost]:
    import pandas as pd

    frame = pd.DataFrame(
        {"zone": zone.astype(str), "currency": currency.astype(str), "amount": amount}
    )
    grouped = frame.groupby(["zone", "currency"], sort=True)["amount"].agg(["size", "sum"])
    return [
        ZoneCost(str(zone_id), str(code), int(n), float(total))
        for zone_id, code, n, total in grouped.reset_index().itertuples(index=False)
    ]


def _naive(gap: LinearGap, rates: dict[str, float], budget: float | None) -> NaiveRaise:
    """One share for the whole lower-paid group: with the budget, or enough to meet the goal."""
    group = gap.group
    weight = group["currency"].map(lambda c: rates.get(str(c), 1.0)).astype(float)
    payroll = float((group["pay"] * weight).sum())
    if budget is not None:
        share = budget / payroll if payroll else 0.0
    elif gap.needed <= 0:
        share = 0.0
    elif gap.scale is GapScale.LOG:
        # The group's entries of the indicator's row of X⁺ sum to one: raising everyone's log
        # pay by d moves the coefficient by exactly d.
        share = math.expm1(gap.needed)
    else:
        base = float(group["pay"].sum())
        share = gap.needed / base if base else 0.0
    amounts = group["pay"] * share
    after = _naive_gap(gap, share)
    return NaiveRaise(
        share=share,
        people=len(group),
        costs=_costs(group["zone"], group["currency"], amounts),
        cost=float((amounts * weight).sum()),
        gap_after=after,
    )


def _naive_gap(gap: LinearGap, share: float) -> float:
    if gap.scale is GapScale.LOG:
        sign = 1.0 if gap.gap < 0 else -1.0
        return math.expm1(math.log1p(gap.gap) + sign * math.log1p(share))
    import numpy as np

    return gap.predict(np.asarray(gap.group["pay"] * share))
