"""Each worker's pay as the Directive counts it: basic and complementary, gross annual and hourly.

Basic pay is base salary. Complementary or variable pay is everything else
paid "directly or indirectly, in cash or in kind" (Art. 3(1)(a)): variable
pay, annual equity, allowances and benefits in kind. Annual pay is per
full-time equivalent, as the audit compares it. Hourly pay is the pay
actually received over the contractual hours actually worked (hours per
week × 52); without `hours_per_week` the full-time year of 2,080 hours is
assumed, and the report says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from latticework.audit.checks.eu_pay_transparency import GENDER_CODES
from latticework.compliance.categories import categorise
from latticework.org.columns import HOURS_PER_YEAR, PERIODS_PER_YEAR

if TYPE_CHECKING:
    import pandas as pd

    from latticework.framework.model import Framework

WEEKS_PER_YEAR = 52
COMPLEMENTARY_COLUMNS = ("variable_pay", "equity_annual", "allowances", "benefits_in_kind")
PAY_COLUMNS = ("basic_annual", "complementary_annual", "basic_hourly", "complementary_hourly")
"""The four pay measures of every person, in the frame `directive_pay` returns."""


def directive_pay(people: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Active people with a sex the Directive compares, their category and the four pay measures.

    Columns: employee_id, name, legal_entity, country, zone, sex ("women"/"men"),
    category, category_rank, hours_known, the PAY_COLUMNS and total_annual/total_hourly.
    """
    import numpy as np
    import pandas as pd

    def column(name: str, default: float | str | None) -> pd.Series:
        if name in people:
            return people[name].where(people[name].notna(), default)
        return pd.Series(default, index=people.index, dtype=object)

    active = column("status", "active").astype(str).eq("active")
    frame = people[active]

    def col(name: str, default: float | str | None) -> pd.Series:
        return column(name, default)[active]

    fte = col("fte", 1.0).astype(float)
    period = col("pay_period", "year").astype(str)
    base = frame["base_salary"].astype(float)
    complementary = sum(
        (col(c, 0.0).astype(float) for c in COMPLEMENTARY_COLUMNS),
        start=pd.Series(0.0, index=frame.index),
    )
    hours = col("hours_per_week", np.nan).astype(float) * WEEKS_PER_YEAR
    hours_known = hours.notna() & (hours > 0)
    # Pay actually received in a year (not scaled to full time), to divide by real hours.
    received = base * period.map(PERIODS_PER_YEAR).astype(float).fillna(1.0)
    basic_hourly = np.where(
        period.eq("hour"),
        base,
        np.where(hours_known, received / hours, frame["base_annual_fte"] / HOURS_PER_YEAR),
    )
    complementary_hourly = np.where(
        hours_known, complementary / hours, complementary / fte / HOURS_PER_YEAR
    )
    category, rank = categorise(frame, framework)
    out = pd.DataFrame(
        {
            "employee_id": frame["employee_id"].astype(str),
            "name": col("name", "").astype(str),
            "legal_entity": col("legal_entity", None),
            "country": col("country", None),
            "zone": col("zone", None),
            "sex": col("gender", "").astype(str).str.strip().str.lower().map(GENDER_CODES),
            "category": category,
            "category_rank": rank,
            "hours_known": hours_known,
            "basic_annual": frame["base_annual_fte"].astype(float),
            "complementary_annual": complementary / fte,
            "basic_hourly": basic_hourly.astype(float),
            "complementary_hourly": complementary_hourly.astype(float),
        },
        index=frame.index,
    )
    out["total_annual"] = out["basic_annual"] + out["complementary_annual"]
    out["total_hourly"] = out["basic_hourly"] + out["complementary_hourly"]
    return out
