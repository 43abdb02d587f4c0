"""What the EU Pay Transparency Directive needs of the demo: employers, hours, pay, leave.

Drawn from a random stream of their own (seeded from the organisation's seed),
so adding them changed no other column of the demo. People in the eurozone
work for one of two EU employers, as a company with a German GmbH and a Dutch
B.V. with branches would; contractual hours follow the country's usual
full-time week times the person's FTE; some people receive allowances and
benefits in kind (complementary pay); some took maternity, paternity,
parental or carer's leave in the last three years.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from latticework.org.columns import EVENTS

ENTITY_BY_COUNTRY = {
    "DE": "latticework-gmbh",
    "FR": "latticework-europe-bv",
    "NL": "latticework-europe-bv",
    "IE": "latticework-europe-bv",
    "ES": "latticework-europe-bv",
    "US": "latticework-inc",
    "GB": "latticework-uk-ltd",
}
FULL_TIME_HOURS = {"FR": 35.0, "IE": 39.0, "GB": 37.5}
DEFAULT_FULL_TIME_HOURS = 40.0
LEAVE_YEARS = 3
# Per person over the last three years: (leave type, chance for women, for men, days min, max).
LEAVE_RATES = (
    ("maternity_leave", 0.14, 0.0, 98, 365),
    ("paternity_leave", 0.0, 0.12, 10, 28),
    ("parental_leave", 0.10, 0.05, 30, 180),
    ("carers_leave", 0.02, 0.02, 3, 5),
)
_STREAM = 0x2023_0970  # the Directive's number: this module's own random stream


def add_eu_fields(
    people: pd.DataFrame, events: pd.DataFrame, *, seed: int, as_of_day: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The people and events frames with the Directive's columns and leave events added."""
    rng = np.random.default_rng([seed, _STREAM])
    n = len(people)
    out = people.copy()
    country = out["country"].astype(object)
    zone = out["zone"].astype(object)
    fallback = "latticework-" + zone.fillna("hq").astype(str)
    out["legal_entity"] = country.map(ENTITY_BY_COUNTRY).fillna(fallback).to_numpy(dtype=object)
    weekly = country.map(FULL_TIME_HOURS).fillna(DEFAULT_FULL_TIME_HOURS).astype(float)
    out["hours_per_week"] = np.round(weekly.to_numpy() * out["fte"].astype(float).to_numpy(), 1)
    allowance = rng.random(n) < 0.3
    out["allowances"] = np.where(allowance, np.round(rng.uniform(600, 3600, n), -2), np.nan)
    car = rng.random(n) < 0.12
    out["benefits_in_kind"] = np.where(car, np.round(rng.uniform(3000, 9000, n), -2), np.nan)
    leave = _leave_events(out, rng, as_of_day)
    merged = pd.concat([events, leave], ignore_index=True) if len(leave) else events
    merged = merged.sort_values(["employee_id", "date", "type"], kind="stable", ignore_index=True)
    # The other columns keep the dtypes the rest of the demo gives them; end dates are dates.
    for name in EVENTS.names:
        if name == "end_date":
            merged[name] = pd.to_datetime(merged[name]).astype("datetime64[ns]")
        elif name in events:
            merged[name] = merged[name].astype(events[name].dtype)
    return out, merged[EVENTS.names]


def _leave_events(people: pd.DataFrame, rng: np.random.Generator, as_of_day: int) -> pd.DataFrame:
    gender = people["gender"].astype(object).to_numpy()
    hire = people["hire_date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    epoch = 719_163  # date(1970, 1, 1).toordinal()
    earliest = np.maximum(hire + epoch, as_of_day - round(LEAVE_YEARS * 365.25))
    latest = as_of_day - 14
    active = (people["status"].astype(object) == "active").to_numpy() & (earliest < latest)
    rows: list[pd.DataFrame] = []
    for kind, women, men, shortest, longest in LEAVE_RATES:
        chance = np.where(gender == "female", women, np.where(gender == "male", men, 0.0))
        takes = active & (rng.random(len(people)) < chance)
        start = earliest + (rng.random(len(people)) * (latest - earliest)).astype(np.int64)
        length = rng.integers(shortest, longest + 1, len(people))
        who = np.flatnonzero(takes)
        if not who.size:
            continue
        rows.append(
            pd.DataFrame(
                {
                    "employee_id": people["employee_id"].to_numpy(dtype=object)[who],
                    "date": _dates(start[who]),
                    "type": kind,
                    # A leave still running on the as-of day has no end date yet.
                    "end_date": _dates(start[who] + length[who] - 1, after=as_of_day),
                }
            )
        )
    if not rows:
        return pd.DataFrame(columns=EVENTS.names)
    leave = pd.concat(rows, ignore_index=True)
    return leave.reindex(columns=EVENTS.names)


def _dates(days: npt.NDArray[np.int64], after: int | None = None) -> npt.NDArray[np.datetime64]:
    """Ordinal days as dates; days past `after` become missing."""
    values = (days.astype(np.int64) - 719_163).astype("datetime64[D]").astype("datetime64[ns]")
    if after is not None:
        values[days > after] = np.datetime64("NaT")
    return values
