"""An organisation as data frames with the canonical columns: what audits and services receive.

Every producer (the HRIS import, the demo generator, storage) yields an
`OrgDataset`; every consumer (audits, growth, teams) reads one. Column names
are those of `latticework.org.columns`, plus the derived people columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from latticework.org.columns import HOURS_PER_YEAR, PERIODS_PER_YEAR, TABLES

if TYPE_CHECKING:
    import pandas as pd

    from latticework.framework.model import Framework


def empty_frame(table: str) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({name: pd.Series(dtype="object") for name in TABLES[table].names})


@dataclass
class OrgDataset:
    """People, their history and records, as of a date."""

    people: pd.DataFrame
    events: pd.DataFrame = field(default_factory=lambda: empty_frame("events"))
    participation: pd.DataFrame = field(default_factory=lambda: empty_frame("participation"))
    impact: pd.DataFrame = field(default_factory=lambda: empty_frame("impact"))
    assessments: pd.DataFrame = field(default_factory=lambda: empty_frame("assessments"))
    roles: pd.DataFrame = field(default_factory=lambda: empty_frame("roles"))
    promotion_cycles: pd.DataFrame = field(default_factory=lambda: empty_frame("promotion_cycles"))
    calibrations: pd.DataFrame = field(default_factory=lambda: empty_frame("calibrations"))
    nominations: pd.DataFrame = field(default_factory=lambda: empty_frame("nominations"))
    promotion_decisions: pd.DataFrame = field(
        default_factory=lambda: empty_frame("promotion_decisions")
    )
    as_of: date = field(default_factory=date.today)

    def frames(self) -> dict[str, pd.DataFrame]:
        return {
            "people": self.people,
            "events": self.events,
            "participation": self.participation,
            "impact": self.impact,
            "assessments": self.assessments,
            "roles": self.roles,
            "promotion_cycles": self.promotion_cycles,
            "calibrations": self.calibrations,
            "nominations": self.nominations,
            "promotion_decisions": self.promotion_decisions,
        }


def annualise(amount: pd.Series, period: pd.Series) -> pd.Series:
    """Pay in a year: monthly × 12, fortnightly × 26, weekly × 52, hourly × 2,080
    full-time hours, yearly as is."""
    factors = {**PERIODS_PER_YEAR, "hour": float(HOURS_PER_YEAR)}
    factor = period.fillna("year").map(factors)
    return amount.astype(float) * factor.astype(float)


def add_derived_pay(people: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Add base_annual_fte, total_annual_fte and grade to a people frame (returns a copy).

    Hourly pay is already a full-time rate once annualised; yearly, monthly,
    fortnightly and weekly pay of part-timers is divided by their FTE so everyone is
    compared at 1.0.
    """
    import numpy as np
    import pandas as pd

    out = people.copy()

    def column(name: str, default: float | str) -> pd.Series:
        if name in out:
            return out[name].fillna(default)
        return pd.Series(default, index=out.index)

    fte = column("fte", 1.0).astype(float)
    period = column("pay_period", "year")
    annual = annualise(out["base_salary"], period)
    out["base_annual_fte"] = np.where(period.eq("hour"), annual, annual / fte)
    extra = column("variable_pay", 0.0).astype(float) + column("equity_annual", 0.0).astype(float)
    out["total_annual_fte"] = out["base_annual_fte"] + extra / fte
    grades = {p.level.id: p.level.grade for p in framework.placements()}
    out["grade"] = out["level"].map(grades)
    return out
