"""A plan as data the import reads: `pay_change` events, and the people rows with the new pay.

Pay in the plan is annual full-time base pay; the HRIS record keeps pay in its
own period and FTE. Each raise is applied as a ratio to `base_salary`, rounded
up to the cent, so the imported pay is never below what the plan needs.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from latticework.errors import LatticeworkError, Problem

if TYPE_CHECKING:
    import pandas as pd


def new_base_salaries(people: pd.DataFrame, raises: pd.DataFrame) -> pd.DataFrame:
    """employee_id, old_base, new_base for each raised person, in their record's pay period."""
    import numpy as np

    records = people[people["employee_id"].astype(str).isin(raises["employee_id"])]
    merged = raises[["employee_id", "old_pay", "new_pay"]].merge(
        records.assign(employee_id=records["employee_id"].astype(str))[
            ["employee_id", "base_salary"]
        ],
        on="employee_id",
        how="left",
    )
    if merged["base_salary"].isna().any():
        missing = merged.loc[merged["base_salary"].isna(), "employee_id"].iloc[0]
        raise LatticeworkError(
            Problem(
                f"The plan raises {missing}, who is not in the people table.",
                code="remediation-data",
            )
        )
    old = merged["base_salary"].astype(float)
    new = np.ceil(old * (merged["new_pay"] / merged["old_pay"]) * 100 - 1e-6) / 100
    return merged.assign(old_base=old, new_base=new)[["employee_id", "old_base", "new_base"]]


def pay_change_events(
    people: pd.DataFrame, raises: pd.DataFrame, effective: dt.date
) -> pd.DataFrame:
    """One `pay_change` event per raise, dated `effective`, in the canonical events columns."""
    changes = new_base_salaries(people, raises)
    return changes.assign(date=effective, type="pay_change")[
        ["employee_id", "date", "type", "old_base", "new_base"]
    ]


def raised_people(people: pd.DataFrame, raises: pd.DataFrame) -> pd.DataFrame:
    """The people rows of everyone raised, with `base_salary` at the new pay (for re-import)."""
    changes = new_base_salaries(people, raises).set_index("employee_id")["new_base"]
    ids = people["employee_id"].astype(str)
    rows = people[ids.isin(changes.index)].copy()
    rows["base_salary"] = ids[rows.index].map(changes).to_numpy()
    return rows.reset_index(drop=True)


def apply_raises(people: pd.DataFrame, raises: pd.DataFrame) -> pd.DataFrame:
    """The whole people table with the raises applied (what the audit sees after import)."""
    changes = new_base_salaries(people, raises).set_index("employee_id")["new_base"]
    out = people.copy()
    ids = out["employee_id"].astype(str)
    hit = ids.isin(changes.index)
    out.loc[hit, "base_salary"] = ids[hit].map(changes).to_numpy()
    for derived in ("base_annual_fte", "total_annual_fte"):
        out = out.drop(columns=derived) if derived in out else out
    return out
