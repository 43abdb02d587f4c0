"""Promotion cycles for the demo: calibration, nominations and decisions, with known biases.

Built from the finished people and events, so the process agrees with the
history: every promotion of a half-year up its own track is an approved nomination of that
half-year's cycle, at the level the person held when the cycle opened.
Other people at promotable levels are nominated with a chance that rises
with their calibrated rating, and declined. The calibrated rating does not
steer the simulated promotions: the biases below are in the committee's
judgement, not in who was later promoted.

Planted (see `Disparities`, documented in docs/demo.md): ICs at the
`ic_calibration_grades` are calibrated down by `ic_calibration_shift`
points on average, and women get a lower potential at equal calibrated
rating (`female_potential_shift` on the latent scale). The null case has
neither. A separate random stream keeps every other table unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from latticework.demo.disparities import Disparities
from latticework.framework.model import Framework
from latticework.org.columns import (
    CALIBRATIONS,
    NOMINATIONS,
    PROMOTION_CYCLES,
    PROMOTION_DECISIONS,
    Table,
)

CYCLES = 2
"""The last two half-years, as the assessment cycles."""
BASE_NOMINATION = 0.06
"""Chance that someone not promoted was nominated anyway (and declined), at a middling rating."""
DECLINE_REASONS = (
    "Scope at the next level not yet shown across more than one team.",
    "Strong cycle; the committee wants a second cycle of evidence at this scope.",
    "Impact is clear; the expectations of the next level are not all met yet.",
)
APPROVE_REASONS = (
    "Meets every expectation of the target level, with evidence in the packet.",
    "Sustained impact at the next level's scope for two cycles.",
)


@dataclass(frozen=True)
class PromotionCycles:
    cycles: pd.DataFrame
    calibrations: pd.DataFrame
    nominations: pd.DataFrame
    decisions: pd.DataFrame


def _halves(as_of: date) -> list[tuple[date, date]]:
    """The last completed half-years before `as_of`, oldest first."""
    found: list[tuple[date, date]] = []
    year = as_of.year
    while len(found) < CYCLES:
        for start, end in (
            (date(year, 7, 1), date(year, 12, 31)),
            (date(year, 1, 1), date(year, 6, 30)),
        ):
            if end < as_of and len(found) < CYCLES:
                found.append((start, end))
        year -= 1
    return sorted(found)


def _levels_at(people: pd.DataFrame, events: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    """Each person's level on `day`: the from_level of their first level change after it."""
    moves = events[events["to_level"].notna() & events["from_level"].notna()]
    later = moves[pd.to_datetime(moves["date"]) > day].sort_values("date")
    first_after = later.drop_duplicates("employee_id").set_index("employee_id")["from_level"]
    current = people.set_index("employee_id")["level"]
    return first_after.reindex(current.index).fillna(current)


def generate_promotion_cycles(
    framework: Framework,
    people: pd.DataFrame,
    events: pd.DataFrame,
    disparities: Disparities,
    *,
    seed: int,
    as_of: date,
) -> PromotionCycles:
    rng = np.random.default_rng([seed, 14])
    scale = sorted(framework.promotion.rating_scale)
    low, high = float(scale[0]), float(scale[-1])
    grade_of = {p.level.id: p.level.grade for p in framework.placements()}
    kind_of = {p.level.id: p.track.kind.value for p in framework.placements()}
    promotable = {p.level.id for p in framework.placements() if framework.next_level(p.level.id)}
    cycles, calibrations, nominations, decisions = [], [], [], []
    hired = pd.to_datetime(people["hire_date"])
    left = pd.to_datetime(people["exit_date"])
    promotions = events[events["type"] == "promotion"]
    for start, end in _halves(as_of):
        cycle_id = f"{start.year}-H{1 if start.month == 1 else 2}"
        opens, closes = pd.Timestamp(start), pd.Timestamp(end)
        cycles.append(
            {"cycle_id": cycle_id, "name": f"Promotion cycle {cycle_id}", "opens_on": opens,
             "closes_on": closes, "min_months_in_level": None}
        )  # fmt: skip
        here = people[(hired <= opens) & (left.isna() | (left > closes))]
        levels = _levels_at(people, events, opens).reindex(here["employee_id"]).to_numpy()
        n = len(here)
        grade = np.array([grade_of.get(str(lv)) for lv in levels], dtype=object)
        is_ic = np.array([kind_of.get(str(lv)) == "ic" for lv in levels])
        perf = here["performance_rating"].fillna(3.0).to_numpy(dtype=float)
        pre = np.clip(np.rint(perf + rng.normal(0.0, 0.6, n)), low, high)
        shift = np.where(
            is_ic & np.isin(grade, list(disparities.ic_calibration_grades)),
            disparities.ic_calibration_shift,
            0.0,
        )
        post = np.clip(np.rint(pre + shift + rng.normal(0.0, 0.45, n)), low, high)
        women = here["gender"].eq("female").to_numpy()
        latent = 0.7 * (post - post.mean()) + rng.normal(0.0, 1.0, n)
        latent = latent + np.where(women, disparities.female_potential_shift, 0.0)
        potential = np.select([latent < -0.5, latent < 0.6], ["low", "medium"], "high")
        ids = here["employee_id"].to_numpy()
        calibrations.append(
            pd.DataFrame({"cycle_id": cycle_id, "employee_id": ids, "level": levels,
                          "pre_rating": pre, "post_rating": post, "potential": potential})
        )  # fmt: skip
        in_cycle = promotions[
            (pd.to_datetime(promotions["date"]) >= opens)
            & (pd.to_datetime(promotions["date"]) <= closes)
        ].drop_duplicates("employee_id")
        in_cycle = in_cycle[in_cycle["employee_id"].isin(set(ids))]
        # A promotion onto the other track (E7 → M8) is two moves at once, which a committee
        # does not nominate as one; those stay out of the cycle's nominations.
        same_track = [
            kind_of.get(str(a)) == kind_of.get(str(b))
            for a, b in zip(in_cycle["from_level"], in_cycle["to_level"], strict=True)
        ]
        in_cycle = in_cycle.loc[np.asarray(same_track, dtype=bool)]  # [] would select columns
        promoted = set(in_cycle["employee_id"])
        chance = BASE_NOMINATION * np.exp(0.8 * (post - 3.0))
        can = np.array([str(lv) in promotable for lv in levels])
        extra = can & ~np.isin(ids, list(promoted)) & (rng.random(n) < chance)
        level_at = dict(zip(ids, levels, strict=True))
        level_at.update(zip(in_cycle["employee_id"], in_cycle["from_level"], strict=True))
        managers = people.set_index("employee_id")["manager_id"]
        opened = (opens + timedelta(days=14)).normalize()
        rows = [
            (str(e.employee_id), str(e.to_level), "approved", e.date) for e in in_cycle.itertuples()
        ]
        for person in ids[extra]:
            following = framework.next_level(str(level_at[person]))
            if following is not None:
                rows.append((str(person), following.id, "declined", closes))
        for k, (person, to_level, outcome, decided) in enumerate(rows):
            nominations.append(
                {"cycle_id": cycle_id, "employee_id": person,
                 "nominator_id": managers.get(person), "move": "up",
                 "from_level": level_at[person], "to_level": to_level, "nominated_on": opened}
            )  # fmt: skip
            reasons = APPROVE_REASONS if outcome == "approved" else DECLINE_REASONS
            decisions.append(
                {"cycle_id": cycle_id, "employee_id": person, "outcome": outcome,
                 "reason": reasons[k % len(reasons)], "decided_on": decided}
            )  # fmt: skip
    return PromotionCycles(
        cycles=_table(PROMOTION_CYCLES, pd.DataFrame(cycles)),
        calibrations=_table(CALIBRATIONS, pd.concat(calibrations, ignore_index=True)),
        nominations=_table(NOMINATIONS, pd.DataFrame(nominations)),
        decisions=_table(PROMOTION_DECISIONS, pd.DataFrame(decisions)),
    )


def _table(spec: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Exactly the canonical columns, rows in key order (the order storage reads back)."""
    keys = [k for k in ("cycle_id", "employee_id") if k in frame]
    out = frame.reindex(columns=spec.names).sort_values(keys, kind="stable")
    # The dtypes storage reads back (a frame must come back as it was generated): pandas 3
    # infers second resolution from Timestamps, and an all-empty column would be float.
    for column in out.columns:
        kind = spec.column(str(column)).kind
        if kind == "date":
            out[column] = pd.to_datetime(out[column]).astype("datetime64[ns]")
        elif kind == "int":
            out[column] = pd.to_numeric(out[column]).astype("Int64")
        elif kind == "float":
            out[column] = pd.to_numeric(out[column]).astype("float64")
        else:
            out[column] = out[column].astype("str")
    return out.reset_index(drop=True)
