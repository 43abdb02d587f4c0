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

from latticework.audit.categories import CategoryBasis
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


def directive_pay(
    people: pd.DataFrame, framework: Framework, basis: CategoryBasis = CategoryBasis.GRADE
) -> pd.DataFrame:
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
    category, rank = categorise(frame, framework, basis)
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


def year_end(
    people: pd.DataFrame, events: pd.DataFrame, year: int
) -> tuple[pd.DataFrame, list[str]]:
    """The people as they were on 31 December of `year`: "pay in year Y" of a report.

    - Workers: hired on or before that day and not gone by it (an exit on or before it
      removes them; someone who left later was still a worker then, so counts).
    - Level and base pay: undone back to that day by the stored events. The earliest
      promotion, level change or pay change after the day gives the level
      (`from_level`) and base (`old_base`, in the record's pay period) held on it.
    - Complementary pay, hours, FTE and the employer are stored once, as of the last
      import; they are used as they are, and the notes say so when the day is past.

    Returns the frame (with status set to "active" for those counted) and notes.
    """
    import pandas as pd

    day = pd.Timestamp(year=year, month=12, day=31)
    out = people.copy()
    hired = pd.to_datetime(out["hire_date"]) <= day
    exit_date = pd.to_datetime(out["exit_date"]) if "exit_date" in out else None
    status = out["status"].fillna("active") if "status" in out else None
    present = hired.copy()
    if status is not None:
        gone = status.eq("exited")
        if exit_date is not None:
            # An exit without a date is taken as before the day (we cannot say it was later).
            gone &= exit_date.isna() | (exit_date <= day)
        present &= ~gone
    out = out[present].copy()
    out["status"] = "active"
    notes: list[str] = []
    later = events[pd.to_datetime(events["date"]) > day] if len(events) else events
    if len(later):
        later = later.sort_values("date")
        base = later.dropna(subset=["old_base"]).drop_duplicates("employee_id")
        old_base = out["employee_id"].map(base.set_index("employee_id")["old_base"])
        changed = old_base.notna() & (out["base_salary"].astype(float) > 0)
        ratio = (old_base / out["base_salary"].astype(float)).where(changed, 1.0)
        for column in ("base_salary", "base_annual_fte"):
            if column in out:
                out[column] = out[column].astype(float) * ratio
        if "from_level" in later:
            levels = later.dropna(subset=["from_level"]).drop_duplicates("employee_id")
            old_level = out["employee_id"].map(levels.set_index("employee_id")["from_level"])
            out["level"] = old_level.where(old_level.notna(), out["level"])
        notes.append(
            f"Pay and levels are those of 31 December {year}, undone from the stored events "
            f"after it ({int(changed.sum())} base pay(s) and "
            f"{int(old_level.notna().sum()) if 'from_level' in later else 0} level(s)). "
            "Complementary pay, hours and FTE are as of the last import: latticework keeps no "
            "history of them, so import that year's figures to report it exactly."
        )
    return out, notes
