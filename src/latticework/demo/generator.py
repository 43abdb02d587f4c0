"""`generate_organisation`: a realistic synthetic organisation, with known disparities."""

from __future__ import annotations

from datetime import date

import numpy as np

from latticework.demo import frames, hiring
from latticework.demo.activity import RecordMaker
from latticework.demo.catalogue import build_catalogue
from latticework.demo.disparities import Disparities
from latticework.demo.dynamics import Dynamics
from latticework.demo.simulation import DAYS_PER_YEAR, Simulation, Step
from latticework.demo.structure import build_structure
from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset

MIN_PEOPLE = 50
RECORD_YEARS = 2
"""Forum participation and impact records cover the last two years (they grow with time)."""
ASSESSMENT_CYCLES = 2


def generate_organisation(
    framework: Framework,
    *,
    people: int = 1200,
    seed: int = 0,
    years: int = 5,
    as_of: date | None = None,
    disparities: Disparities = Disparities(),
    dynamics: Dynamics = Dynamics(),
    protected_attributes: bool = True,
) -> OrgDataset:
    """Simulate `years` of an organisation's history up to `as_of` (default today).

    `people` is the headcount on `as_of`; people who left during the history
    are included with status `exited`. The same framework, seed, size and date
    give the same organisation, row for row. With `protected_attributes`
    False the gender and ethnicity columns are empty (the gender pay gap is
    still there, unseen), as in an HRIS export without them.
    """
    as_of = date.today() if as_of is None else as_of
    _check_size(people, years)
    catalogue = build_catalogue(framework)
    disparities.check(
        set(catalogue.grades), {f.id for f in framework.forums}, set(catalogue.disciplines)
    )
    rng = np.random.default_rng(seed)
    as_of_day = as_of.toordinal()
    start_day = as_of_day - round(years * DAYS_PER_YEAR)
    sim = Simulation(
        catalogue,
        dynamics,
        disparities,
        rng,
        start_day=start_day,
        as_of_day=as_of_day,
        min_days_in_grade=round(framework.promotion.min_months_in_level * DAYS_PER_YEAR / 12),
    )
    hiring.hire(sim, round(people / (1 + dynamics.growth) ** years), None)
    records = RecordMaker(
        framework,
        sim,
        disparities,
        records_from_day=max(start_day, as_of_day - round(RECORD_YEARS * DAYS_PER_YEAR)),
        cycle_days=_cycle_days(as_of, start_day),
    )
    n_steps = 2 * years
    bounds = np.rint(np.linspace(start_day, as_of_day, n_steps + 1)).astype(np.int64)
    for k in range(n_steps):
        step = Step(k, int(bounds[k]), int(bounds[k + 1]))
        sim.promote(step)
        sim.switch_tracks(step)
        sim.demote(step)
        sim.change_paths(step)
        if k % 2 == 0:
            sim.review_pay(step)
        sim.leave(step)
        records.step(step)
        remaining_years = (n_steps - k - 1) / 2
        target = round(people / (1 + dynamics.growth) ** remaining_years)
        staying = int(sim.people.active_at(step.end - 1).sum())
        hiring.hire(sim, max(target - staying, 0), step)

    structure = build_structure(sim.people, as_of_day, rng)
    ids = frames.employee_ids(sim)
    competency_ids = [c.id for c in framework.competencies]
    made = records.records
    # Largest tables first, each source freed once its table exists: lower peak memory.
    assessments = frames.assessments_frame(made, competency_ids, ids)
    made.assessments.clear()
    events = frames.events_frame(sim, ids)
    sim.events.clear()
    participation = frames.participation_frame(made, [f.id for f in framework.forums], ids)
    made.participation.clear()
    impact = frames.impact_frame(made, competency_ids, ids)
    made.impact.clear()
    return OrgDataset(
        people=frames.people_frame(
            sim, structure, ids, rng, protected_attributes=protected_attributes
        ),
        events=events,
        participation=participation,
        impact=impact,
        assessments=assessments,
        roles=frames.roles_frame(made, [r.id for r in framework.leadership_roles], sim, ids),
        as_of=as_of,
    )


def _check_size(people: int, years: int) -> None:
    problems: list[Problem] = []
    if people < MIN_PEOPLE:
        problems.append(
            Problem(
                f"--people {people} is too small for an organisation with managers and teams.",
                fix=f"Use at least {MIN_PEOPLE}.",
                code="demo",
            )
        )
    if not 1 <= years <= 20:
        problems.append(
            Problem(f"--years {years} is out of range.", fix="Use 1 to 20 years.", code="demo")
        )
    if problems:
        raise LatticeworkError(problems)


def _cycle_days(as_of: date, start_day: int) -> list[int]:
    """The last review cycles: the ends of the calendar half-years before `as_of`."""
    ends: list[int] = []
    year = as_of.year
    while len(ends) < ASSESSMENT_CYCLES:
        for end in (date(year, 12, 31), date(year, 6, 30)):
            if end < as_of and end.toordinal() >= start_day and len(ends) < ASSESSMENT_CYCLES:
                ends.append(end.toordinal())
        year -= 1
        if year < as_of.year - 25:
            break
    return sorted(ends)
