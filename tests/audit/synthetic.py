"""A small, fast organisation simulator for audit tests, with disparities we set and know.

Careers are simulated month by month, vectorised over people (numpy arrays),
so a few thousand people with five years of history take a fraction of a
second. Every disparity is a parameter; all zero is the null organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset

AS_OF = date(2026, 1, 1)
DISCIPLINES = {"engineering": ("E", "M"), "design": ("D", "DM"), "product": ("P", "PM")}
ZONES = (("us", "USD", 0.6), ("eu", "EUR", 0.25), ("uk", "GBP", 0.15))


@dataclass(frozen=True)
class Gaps:
    """Disparities to plant. Pay gaps are log-scale fractions (−0.05 ≈ ICs paid 5 % less)."""

    ic_pay: dict[str, float] = field(default_factory=dict)
    ic_promotion: dict[str, float] = field(default_factory=dict)
    """Multiplier on the monthly promotion hazard of ICs at a grade (0.5 = half as fast)."""
    women_pay_engineering: float = 0.0
    ic_forum_rate: float = 0.7
    manager_forum_rate: float = 0.7


def simulate(
    framework: Framework,
    people: int = 2000,
    seed: int = 0,
    gaps: Gaps | None = None,
    years: int = 5,
    disciplines: tuple[str, ...] = ("engineering", "design", "product"),
) -> OrgDataset:
    gaps = gaps or Gaps()
    rng = np.random.default_rng(seed)
    months = years * 12
    start = pd.Timestamp(AS_OF) - pd.DateOffset(months=months)
    # Everyone who will ever work here during the window: the initial staff plus hires.
    hires_per_month = max(1, int(people * 0.01))
    total = people + hires_per_month * months
    ids = np.array([f"p{i:06d}" for i in range(total)])
    discipline = rng.choice(np.array(disciplines), size=total, p=_weights(len(disciplines)))
    rank = rng.choice(np.arange(4, 10), size=total, p=[0.3, 0.28, 0.2, 0.12, 0.07, 0.03])
    manager = (rank >= 6) & (rng.random(total) < 0.35)
    zone_idx = rng.choice(len(ZONES), size=total, p=[z[2] for z in ZONES])
    gender = rng.choice(np.array(["female", "male"]), size=total, p=[0.4, 0.6])
    ethnicity = rng.choice(np.array(["a", "b", "c"]), size=total, p=[0.6, 0.3, 0.1])
    performance = rng.integers(1, 6, size=total).astype(float)
    arrival = np.zeros(total, dtype=int)  # month index of arrival; 0 = already here at start
    arrival[people:] = 1 + np.repeat(np.arange(months), hires_per_month)
    hire_offset_days = np.where(
        arrival == 0,
        -rng.integers(30, 8 * 365, size=total),
        arrival * 30 + rng.integers(0, 28, total),
    )
    hire_date = start + pd.to_timedelta(hire_offset_days, unit="D")
    # Recent hires start at the lower grades.
    rank = np.where(arrival > 0, np.minimum(rank, rng.choice([4, 5, 6], size=total)), rank)
    manager &= rank >= 6
    initial_rank, initial_manager = rank.copy(), manager.copy()

    alive = arrival == 0
    exited_at = np.full(total, -1)
    events: list[pd.DataFrame] = []
    for month in range(1, months + 1):
        alive |= arrival == month
        hazard = np.full(total, 0.012)
        for grade_id, factor in gaps.ic_promotion.items():
            g = int(grade_id[1:])
            hazard = np.where((rank == g) & ~manager, hazard * factor, hazard)
        can = alive & (rank < 9) & (arrival < month)
        promote = can & (rng.random(total) < hazard)
        if promote.any():
            day = start + pd.to_timedelta(month * 30 + rng.integers(0, 28, promote.sum()), unit="D")
            idx = np.flatnonzero(promote)
            events.append(
                pd.DataFrame(
                    {
                        "employee_id": ids[idx],
                        "date": day,
                        "type": "promotion",
                        "from_level": _levels(discipline[idx], rank[idx], manager[idx]),
                        "to_level": _levels(discipline[idx], rank[idx] + 1, manager[idx]),
                    }
                )
            )
            rank = np.where(promote, rank + 1, rank)
        leave = alive & (rng.random(total) < 0.006) & (arrival < month)
        exited_at = np.where(leave, month, exited_at)
        alive &= ~leave

    hire_events = pd.DataFrame(
        {
            "employee_id": ids,
            "date": hire_date,
            "type": "hire",
            "from_level": None,
            "to_level": _levels(discipline, initial_rank, initial_manager),
        }
    )
    exited = exited_at > 0
    exit_date = pd.Series(pd.NaT, index=range(total), dtype="datetime64[ns]")
    exit_date[exited] = start + pd.to_timedelta(exited_at[exited] * 30 + 15, unit="D")
    exit_events = pd.DataFrame(
        {"employee_id": ids[exited], "date": exit_date[exited].to_numpy(), "type": "exit"}
    )
    level = _levels(discipline, rank, manager)

    # Pay: band mid of the final grade and zone, noise, tenure, then the planted gaps.
    mids = np.array([[_mid(framework, f"G{r}", z[0]) for z in ZONES] for r in range(4, 10)])
    base = mids[rank - 4, zone_idx] * np.exp(rng.normal(0, 0.06, total))
    log_adjust = np.zeros(total)
    for grade_id, gap in gaps.ic_pay.items():
        log_adjust += np.where((rank == int(grade_id[1:])) & ~manager, gap, 0.0)
    log_adjust += np.where(
        (gender == "female") & (discipline == "engineering"), gaps.women_pay_engineering, 0.0
    )
    base = np.round(base * np.exp(log_adjust), 0)
    variable = np.round(base * 0.1 * rng.random(total), 0)
    frame = pd.DataFrame(
        {
            "employee_id": ids,
            "discipline": discipline,
            "track": np.where(manager, "management", "ic"),
            "level": level,
            "path": None,
            "zone": [ZONES[i][0] for i in zone_idx],
            "hire_date": hire_date.date,
            "base_salary": base,
            "currency": [ZONES[i][1] for i in zone_idx],
            "pay_period": "year",
            "fte": 1.0,
            "variable_pay": variable,
            "equity_annual": 0.0,
            "performance_rating": performance,
            "gender": gender,
            "ethnicity": ethnicity,
            "status": np.where(exited, "exited", "active"),
            "exit_date": exit_date.dt.date,
        }
    )
    frame = frame[arrival <= months].reset_index(drop=True)
    all_events = pd.concat([hire_events, *events, exit_events], ignore_index=True)
    all_events["date"] = pd.to_datetime(all_events["date"]).dt.date
    participation = _participation(framework, frame, rank, manager, exited, gaps, rng)
    return OrgDataset(people=frame, events=all_events, participation=participation, as_of=AS_OF)


def _participation(
    framework: Framework,
    frame: pd.DataFrame,
    rank: np.ndarray,
    manager: np.ndarray,
    exited: np.ndarray,
    gaps: Gaps,
    rng: np.random.Generator,
) -> pd.DataFrame:
    rows = []
    for forum in framework.forums:
        eligible = (rank >= framework.grade_rank(forum.min_grade)) & ~exited
        rate = np.where(manager, gaps.manager_forum_rate, gaps.ic_forum_rate)
        takes_part = eligible & (rng.random(len(rank)) < rate)
        idx = np.flatnonzero(takes_part)
        role = np.where(rng.random(len(idx)) < 0.5, "decision_maker", "member")
        rows.append(
            pd.DataFrame(
                {
                    "forum": forum.id,
                    "date": AS_OF - timedelta(days=60),
                    "employee_id": frame["employee_id"].to_numpy()[idx],
                    "role": role,
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def _weights(n: int) -> list[float]:
    return [0.6, 0.25, 0.15][:n] if n == 3 else [1.0 / n] * n


def _levels(discipline: np.ndarray, rank: np.ndarray, manager: np.ndarray) -> np.ndarray:
    ic_prefix = np.vectorize(lambda d: DISCIPLINES[d][0])(discipline)
    m_prefix = np.vectorize(lambda d: DISCIPLINES[d][1])(discipline)
    prefix = np.where(manager, m_prefix, ic_prefix)
    return np.char.add(prefix.astype(str), rank.astype(str))


def _mid(framework: Framework, grade: str, zone: str) -> float:
    band = next(b for b in framework.bands if b.grade == grade and b.zone == zone)
    return band.mid
