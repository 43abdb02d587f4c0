"""The demo organisation's history, simulated forward in half-year steps on whole arrays.

Each step runs, on dated days inside the half-year and always in this order:
promotions (the cycle day), track changes, demotions, path changes, the
annual pay review (every other step), exits, then the half-year's hires. Doing
every kind of change on its own days keeps each person's events in an order
an importer can replay: every event starts from the state the previous one
left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from latticework.demo.catalogue import (
    IC,
    MANAGEMENT,
    BoolArray,
    Catalogue,
    FloatArray,
    IntArray,
    choose_weighted,
)
from latticework.demo.disparities import Disparities
from latticework.demo.dynamics import Dynamics, mix, per_grade
from latticework.demo.workforce import (
    FEMALE,
    HOUR,
    MONTH,
    EventLog,
    Workforce,
)
from latticework.org.columns import HOURS_PER_YEAR

DAYS_PER_YEAR = 365.25
# Offsets (days into a half-year step) of each kind of change; see the module docstring.
TRACK_DAYS = (20, 40)
DEMOTION_DAYS = (45, 55)
PATH_DAYS = (60, 80)
PAY_REVIEW_DAY = 90
EXIT_DAYS = (100, 180)
PAY_CENTRE = 0.99
"""Where pay settles, as a fraction of band mid (before disparities)."""


@dataclass(frozen=True)
class Step:
    index: int
    start: int
    end: int
    """First day of the next step (exclusive)."""

    def days(self, rng: np.random.Generator, n: int, window: tuple[int, int]) -> IntArray:
        """n random days in a window of offsets, clipped to the step."""
        low = self.start + window[0]
        high = min(self.start + window[1], self.end - 1)
        return rng.integers(min(low, high), high + 1, size=n).astype(np.int64)


class Simulation:
    """The organisation's state and the rules that move it from one step to the next."""

    def __init__(
        self,
        catalogue: Catalogue,
        dynamics: Dynamics,
        disparities: Disparities,
        rng: np.random.Generator,
        *,
        start_day: int,
        as_of_day: int,
        min_days_in_grade: int,
    ) -> None:
        self.cat = catalogue
        self.dyn = dynamics
        self.rng = rng
        self.start_day = start_day
        self.as_of_day = as_of_day
        self.min_days_in_grade = min_days_in_grade
        self.events = EventLog()
        n_grades = len(catalogue.grades)
        self.promotion_rate = per_grade(dynamics.promotion, n_grades)
        self.management_share = per_grade(dynamics.management_share, n_grades)
        self.discipline_mix = mix(dynamics.discipline_mix, catalogue.disciplines)
        self.zone_mix = mix(dynamics.zone_mix, catalogue.zones)
        female = dict(dynamics.female_share)
        self.female_share = np.array([female.get(d, 0.4) for d in catalogue.disciplines])
        self.pay_gap_grade = catalogue.grade_index(disparities.ic_pay_gap_grade)
        self.ic_pay_gap = disparities.ic_pay_gap
        self.slow_grade = catalogue.grade_index(disparities.ic_promotion_from_grade)
        self.slow_multiplier = disparities.ic_promotion_multiplier
        self.gender_gap_discipline = catalogue.discipline_index(
            disparities.gender_pay_gap_discipline
        )
        self.gender_gap = disparities.gender_pay_gap
        self.people = Workforce.empty()

    # -- pay ---------------------------------------------------------------------

    def market(self, day: IntArray | int) -> FloatArray:
        """Where the market stood on a day relative to `as_of` (today's bands are 1.0)."""
        years = (np.asarray(day, dtype=np.float64) - self.as_of_day) / DAYS_PER_YEAR
        return np.asarray((1.0 + self.dyn.market_movement) ** years, dtype=np.float64)

    def pay_factor(self, who: IntArray) -> FloatArray:
        """The disparities' multiplier on pay for these people in their current state."""
        p = self.people
        factor = np.ones(who.size)
        ic_gap = (p.track[who] == IC) & (p.grade[who] == self.pay_gap_grade)
        factor[ic_gap] *= 1.0 - self.ic_pay_gap
        woman = (p.gender[who] == FEMALE) & (p.discipline[who] == self.gender_gap_discipline)
        factor[woman] *= 1.0 - self.gender_gap
        return factor

    def band_pay(self, who: IntArray, day: IntArray | int) -> FloatArray:
        """Band mid on a day for these people's grade and zone, with their disparity factor."""
        p = self.people
        mid = self.cat.band_mid[p.grade[who], p.zone[who]]
        return np.asarray(mid * self.market(day) * self.pay_factor(who), dtype=np.float64)

    def compa(self, value: FloatArray) -> FloatArray:
        return np.clip(value, self.dyn.compa_floor, self.dyn.compa_ceiling)

    def recorded_base(self, who: IntArray, annual: FloatArray) -> FloatArray:
        """Annual full-time pay as an HRIS records it: per year or month of the FTE, or per hour."""
        p = self.people
        period, fte = p.pay_period[who], p.fte[who]
        base = np.round(annual * fte, -2)
        monthly = period == MONTH
        base[monthly] = np.round(annual[monthly] * fte[monthly] / 12.0)
        hourly = period == HOUR
        base[hourly] = np.round(annual[hourly] / HOURS_PER_YEAR, 2)
        return base

    def set_pay(self, who: IntArray, annual: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Give people a new annual pay; returns (old, new) recorded base for the event."""
        p = self.people
        old = p.base[who].copy()
        p.annual[who] = annual
        p.base[who] = self.recorded_base(who, annual)
        return old, p.base[who]

    # -- people ------------------------------------------------------------------

    def active(self, day: int) -> IntArray:
        return np.flatnonzero(self.people.active_at(day))

    def chance(self, yearly: FloatArray | float, size: int) -> BoolArray:
        """Bernoulli draws for a half-year at a yearly rate."""
        half = 1.0 - (1.0 - np.clip(yearly, 0.0, 1.0)) ** 0.5
        return np.asarray(self.rng.random(size) < half, dtype=np.bool_)

    def keep_or_choose_path(self, who: IntArray) -> None:
        """Keep each path that applies to the person's (new) level; else choose one that does."""
        p = self.people
        lost = self.cat.path_weight[p.level[who], p.path[who]] <= 0
        if lost.any():
            moved = who[lost]
            p.path[moved] = choose_weighted(self.rng, self.cat.path_weight[p.level[moved]])

    def change_grade(
        self,
        kind: str,
        who: IntArray,
        to_level: IntArray,
        day: IntArray,
        pay_after: Callable[[], FloatArray],
    ) -> None:
        """Move people to another level on their track (a promotion or a demotion) and log it.

        `pay_after` prices them once they hold the new grade.
        """
        p = self.people
        from_level, from_path = p.level[who].copy(), p.path[who].copy()
        p.grade[who] = self.cat.level_grade[to_level]
        p.level[who] = to_level
        p.grade_start[who] = day
        p.level_start[who] = day
        self.keep_or_choose_path(who)
        old, new = self.set_pay(who, pay_after())
        self.events.add(
            kind,
            who,
            day,
            from_level=from_level,
            to_level=to_level,
            from_path=from_path,
            to_path=p.path[who],
            from_track=p.track[who],
            to_track=p.track[who],
            old_base=old,
            new_base=new,
        )

    # -- one half-year -----------------------------------------------------------

    def promote(self, step: Step) -> None:
        """The promotion cycle: one grade up on the same track, a raise to the new band."""
        p, cat = self.people, self.cat
        day = step.start
        who = self.active(day - 1)
        g = p.grade[who]
        above = np.minimum(g + 1, len(cat.grades) - 1)
        next_level = cat.level_at[p.discipline[who], p.track[who], above]
        eligible = (g + 1 < len(cat.grades)) & (next_level >= 0)
        eligible &= day - p.grade_start[who] >= self.min_days_in_grade
        rate = self.promotion_rate[g] * np.clip(1.0 + 0.5 * p.talent[who], 0.2, 2.0)
        slowed = (p.track[who] == IC) & (g == self.slow_grade)
        rate = np.where(slowed, rate * self.slow_multiplier, rate)
        chosen = eligible & self.chance(rate, who.size)
        who, to_level = who[chosen], next_level[chosen]
        compa_before = p.annual[who] / self.band_pay(who, day)

        def same_place_in_new_band() -> FloatArray:
            # A raise of the ratio of band mids (about 20 %): pay never depends on time at
            # grade, so different tenure mixes on the two tracks cannot fake a gap.
            compa = self.compa(compa_before + self.rng.normal(0.0, 0.01, size=who.size))
            return self.band_pay(who, day) * compa

        self.change_grade(
            "promotion", who, to_level, np.full(who.size, day), same_place_in_new_band
        )

    def switch_tracks(self, step: Step) -> None:
        """IC <-> management at the same grade, keeping the management share near its target."""
        p, cat = self.people, self.cat
        who = self.active(step.start + TRACK_DAYS[0])
        other = 1 - p.track[who]
        to_level = cat.level_at[p.discipline[who], other, p.grade[who]]
        g = p.grade[who]
        counts = np.bincount(g, minlength=len(cat.grades)).astype(np.float64)
        managers = np.bincount(g[p.track[who] == MANAGEMENT], minlength=len(cat.grades))
        share_now = managers / np.maximum(counts, 1.0)
        target = self.management_share
        # A proportional controller keeps each grade near its target share of managers:
        # promotions from the IC-only grades below keep diluting it.
        steady = self.dyn.management_to_ic * target / np.maximum(1.0 - target, 0.05)
        to_management = np.maximum(steady + 2.0 * (target - share_now), 0.0)
        to_ic = self.dyn.management_to_ic * np.clip(share_now / np.maximum(target, 0.01), 0.5, 2.0)
        rate = np.where(p.track[who] == IC, to_management[g], to_ic[g])
        chosen = (to_level >= 0) & self.chance(rate, who.size)
        who, to_level = who[chosen], to_level[chosen]
        day = step.days(self.rng, who.size, TRACK_DAYS)
        from_level, from_path = p.level[who].copy(), p.path[who].copy()
        from_track, factor_before = p.track[who].copy(), self.pay_factor(who)
        p.track[who] = 1 - from_track
        p.level[who] = to_level
        p.level_start[who] = day
        p.path[who] = choose_weighted(self.rng, cat.path_weight[to_level])
        old, new = self.set_pay(who, p.annual[who] * self.pay_factor(who) / factor_before)
        changed = old != new
        self.events.add(
            "track_change",
            who,
            day,
            from_level=from_level,
            to_level=to_level,
            from_path=from_path,
            to_path=p.path[who],
            from_track=from_track,
            to_track=p.track[who],
            old_base=np.where(changed, old, np.nan),
            new_base=np.where(changed, new, np.nan),
        )

    def demote(self, step: Step) -> None:
        """A rare step down on the same track (a level change), pay kept inside the lower band."""
        p, cat = self.people, self.cat
        who = self.active(step.start + DEMOTION_DAYS[0])
        below = cat.level_at[p.discipline[who], p.track[who], np.maximum(p.grade[who] - 1, 0)]
        chosen = (p.grade[who] > 0) & (below >= 0) & self.chance(self.dyn.demotion, who.size)
        who, to_level = who[chosen], below[chosen]
        day = step.days(self.rng, who.size, DEMOTION_DAYS)

        def kept_inside_lower_band() -> FloatArray:
            ceiling = self.band_pay(who, day) * self.dyn.compa_ceiling
            return np.minimum(p.annual[who], ceiling)

        self.change_grade("level_change", who, to_level, day, kept_inside_lower_band)

    def change_paths(self, step: Step) -> None:
        """A move across the lattice: another path at the same level."""
        p, cat = self.people, self.cat
        who = self.active(step.start + PATH_DAYS[0])
        weights = cat.path_weight[p.level[who]].copy()
        weights[np.arange(who.size), p.path[who]] = 0.0
        chosen = (weights.sum(axis=1) > 0) & self.chance(self.dyn.path_change, who.size)
        who, weights = who[chosen], weights[chosen]
        day = step.days(self.rng, who.size, PATH_DAYS)
        from_path = p.path[who].copy()
        p.path[who] = choose_weighted(self.rng, weights)
        self.events.add(
            "path_change",
            who,
            day,
            from_level=p.level[who],
            to_level=p.level[who],
            from_path=from_path,
            to_path=p.path[who],
        )

    def review_pay(self, step: Step) -> None:
        """The annual pay review: everyone drifts towards the band centre, with some noise.

        Pay does not follow performance or tenure here on purpose: promotion
        and attrition select on performance, and the null case must not show a
        gap between tracks that comes from who happens to be where.
        """
        p = self.people
        day = step.start + PAY_REVIEW_DAY
        who = self.active(day)
        who = who[p.hire_day[who] <= day - 90]
        # Position against last year's market: the review moves everyone with the market
        # (about 3 %), then part of the way towards the centre.
        compa = p.annual[who] / self.band_pay(who, day - round(DAYS_PER_YEAR))
        shock = self.rng.normal(0.0, 0.025, size=who.size)
        compa = self.compa(compa + 0.25 * (PAY_CENTRE - compa) + shock)
        old, new = self.set_pay(who, np.maximum(self.band_pay(who, day) * compa, p.annual[who]))
        self.events.add("pay_change", who, np.full(who.size, day), old_base=old, new_base=new)

    def leave(self, step: Step) -> None:
        """Attrition: weaker performers leave a little more often."""
        p = self.people
        who = self.active(step.start + EXIT_DAYS[0])
        who = who[p.hire_day[who] < step.start]
        rate = self.dyn.attrition * np.exp(-0.3 * p.talent[who]) / np.exp(0.045)
        who = who[self.chance(rate, who.size)]
        day = step.days(self.rng, who.size, EXIT_DAYS)
        p.exit_day[who] = day
        self.events.add(
            "exit",
            who,
            day,
            from_level=p.level[who],
            from_path=p.path[who],
            from_track=p.track[who],
        )
