"""Who joins the demo organisation: the staff on the first day, then each half-year's hires.

New people get a discipline, grade, track, level and path the framework
allows, a zone with its currency and pay period, an FTE, protected attributes
and a hire event with pay inside their band.
"""

from __future__ import annotations

import numpy as np

from latticework.demo.catalogue import IC, MANAGEMENT, FloatArray, IntArray, choose_weighted
from latticework.demo.dynamics import per_grade
from latticework.demo.simulation import DAYS_PER_YEAR, PAY_CENTRE, Simulation, Step
from latticework.demo.workforce import (
    FEMALE,
    HOUR,
    MONTH,
    NON_BINARY,
    STILL_EMPLOYED,
    YEAR,
    Workforce,
)

ETHNICITIES = (
    "White",
    "Asian",
    "Hispanic or Latino",
    "Black or African American",
    "Two or more races",
    "Declined to state",
)
ETHNICITY_MIX = np.array([0.48, 0.30, 0.08, 0.06, 0.04, 0.04])


def recruit(sim: Simulation, grade_mix: FloatArray, hire_day: IntArray) -> Workforce:
    """New people hired on these days, not yet part of `sim.people`."""
    rng, cat, dyn = sim.rng, sim.cat, sim.dyn
    n = hire_day.size
    discipline = rng.choice(len(cat.disciplines), size=n, p=sim.discipline_mix)
    grade = rng.choice(len(cat.grades), size=n, p=grade_mix / grade_mix.sum())
    # A track's levels may start above the lowest grade: lift the grade to the first rung.
    firsts = np.array([cat.lowest_grade(d, IC) for d in range(len(cat.disciplines))])
    grade = np.maximum(grade, firsts[discipline])
    mgmt_level = cat.level_at[discipline, MANAGEMENT, grade]
    manages = (mgmt_level >= 0) & (rng.random(n) < sim.management_share[grade])
    track = np.where(manages, MANAGEMENT, IC).astype(np.int64)
    level = cat.level_at[discipline, track, grade]
    zone = rng.choice(len(cat.zones), size=n, p=sim.zone_mix)
    gender = np.where(rng.random(n) < sim.female_share[discipline], FEMALE, 0)
    gender[rng.random(n) < dyn.non_binary_share] = NON_BINARY
    in_us = np.array([z == "us" for z in cat.zones])[zone]
    ethnicity = np.where(in_us, rng.choice(len(ETHNICITIES), size=n, p=ETHNICITY_MIX), -1)
    part_time = rng.random(n) < dyn.part_time_share
    fte = np.where(part_time, rng.choice([0.5, 0.6, 0.8], size=n), 1.0)
    monthly = np.array([0.45 if z == "eu" else 0.1 if z == "uk" else 0.0 for z in cat.zones])
    pay_period = np.where(rng.random(n) < monthly[zone], MONTH, YEAR)
    pay_period[rng.random(n) < dyn.hourly_share] = HOUR
    return Workforce(
        discipline=discipline.astype(np.int64),
        track=track,
        grade=grade.astype(np.int64),
        level=level.astype(np.int64),
        path=choose_weighted(rng, cat.path_weight[level]),
        zone=zone.astype(np.int64),
        talent=rng.standard_normal(n),
        fte=fte.astype(np.float64),
        pay_period=pay_period.astype(np.int64),
        gender=gender.astype(np.int64),
        ethnicity=ethnicity.astype(np.int64),
        hire_day=hire_day,
        level_start=hire_day.copy(),
        grade_start=hire_day.copy(),
        exit_day=np.full(n, STILL_EMPLOYED, dtype=np.int64),
        annual=np.zeros(n),
        base=np.zeros(n),
        role_free_from=hire_day.copy(),
    )


def hire(sim: Simulation, n: int, step: Step | None) -> None:
    """Add n people with their hire events, paid inside their band.

    With no step, these are the people already there when the history
    starts: hired up to twelve years before it, recorded at the level and
    pay they hold on its first day.
    """
    rng, n_grades = sim.rng, len(sim.cat.grades)
    if step is None:
        grade_mix = per_grade(sim.dyn.initial_pyramid, n_grades)
        tenure = np.minimum(rng.exponential(3.0 * DAYS_PER_YEAR, size=n), 12 * DAYS_PER_YEAR)
        hire_day = sim.start_day - 1 - tenure.astype(np.int64)
    else:
        grade_mix = per_grade(sim.dyn.hire_grades, n_grades)
        hire_day = step.days(rng, n, (0, step.end - step.start))
    first = sim.people.size
    sim.people.append(recruit(sim, grade_mix, hire_day))
    who = np.arange(first, sim.people.size)
    p = sim.people
    priced_on = np.maximum(p.hire_day[who], sim.start_day - 1)
    compa = sim.compa(rng.normal(PAY_CENTRE, 0.07, size=who.size))
    _, new = sim.set_pay(who, sim.band_pay(who, priced_on) * compa)
    sim.events.add(
        "hire",
        who,
        p.hire_day[who],
        to_level=p.level[who],
        to_path=p.path[who],
        to_track=p.track[who],
        new_base=new,
    )
