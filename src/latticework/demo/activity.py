"""Forum participation, impact records, assessments and leadership roles, made step by step.

They are drawn from the simulation's state in the step they happen, so a
person only takes part in a forum, records impact or holds a role while they
are employed, and only at the grades and tracks the framework allows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from latticework.demo.catalogue import IC, BoolArray, Catalogue, choose_weighted
from latticework.demo.disparities import Disparities
from latticework.demo.simulation import DAYS_PER_YEAR, Simulation, Step
from latticework.demo.texts import IMPACT_TEMPLATES
from latticework.framework.model import Framework, PathKind
from latticework.org.columns import IMPACT_CATEGORIES

MEMBER, ATTENDEE, DECISION_MAKER = 0, 1, 2
SELF, MANAGER = 0, 1
# Share of each impact category by the kind of path a person is on.
CATEGORY_MIX: dict[PathKind, tuple[float, float, float, float]] = {
    PathKind.TECHNICAL: (0.25, 0.30, 0.35, 0.10),
    PathKind.SPECIALIST: (0.50, 0.20, 0.20, 0.10),
    PathKind.STRATEGIC: (0.15, 0.45, 0.20, 0.20),
    PathKind.PEOPLE: (0.10, 0.25, 0.15, 0.50),
    PathKind.PRODUCT: (0.10, 0.50, 0.25, 0.15),
}


@dataclass(frozen=True)
class ForumRule:
    """Who may sit in a forum, how often it meets and what IC membership looks like."""

    index: int
    min_grade: int
    tracks: BoolArray
    """tracks[discipline, track kind]: eligible."""
    decides: bool
    meetings_per_half_year: int
    ic_membership_ratio: float


@dataclass(frozen=True)
class RoleRule:
    """Who may take a leadership role, and for how long."""

    index: int
    min_grade: int
    open_to: BoolArray
    """open_to[discipline, track kind]."""
    months: int


@dataclass
class Records:
    """Collected record arrays (codes and numbers), turned into tables by `frames`."""

    participation: list[dict[str, npt.NDArray[np.generic]]] = field(default_factory=list)
    impact: list[dict[str, npt.NDArray[np.generic]]] = field(default_factory=list)
    assessments: list[dict[str, npt.NDArray[np.generic]]] = field(default_factory=list)
    cycle_names: list[str] = field(default_factory=list)
    roles: list[dict[str, npt.NDArray[np.generic]]] = field(default_factory=list)


def _track_matrix(cat: Catalogue, tracks: list[str], disciplines: list[str]) -> BoolArray:
    """allowed[discipline, track kind] for a forum's or role's tracks (ids or kinds; empty: all)."""
    allowed = np.zeros(cat.track_ids.shape, dtype=np.bool_)
    for d, discipline_id in enumerate(cat.disciplines):
        if disciplines and discipline_id not in disciplines:
            continue
        for t in range(2):
            track_id = cat.track_ids[d, t]
            if track_id is None:
                continue
            kind = ("ic", "management")[t]
            allowed[d, t] = not tracks or track_id in tracks or kind in tracks
    return allowed


class RecordMaker:
    """Draws each step's records from the simulation's current state."""

    def __init__(
        self,
        framework: Framework,
        sim: Simulation,
        disparities: Disparities,
        *,
        records_from_day: int,
        cycle_days: list[int],
    ) -> None:
        self.sim = sim
        self.records = Records()
        self.records_from_day = records_from_day
        self.cycle_days = cycle_days
        cat = sim.cat
        self.forums = [
            ForumRule(
                index=i,
                min_grade=cat.grade_index(f.min_grade) if f.min_grade in cat.grades else 0,
                tracks=_track_matrix(cat, list(f.tracks), []),
                decides=f.decision_authority,
                meetings_per_half_year=6 if f.kind == "review" else 2,
                ic_membership_ratio=(
                    disparities.ic_forum_membership_ratio if f.id == disparities.ic_forum else 1.0
                ),
            )
            for i, f in enumerate(framework.forums)
        ]
        self.roles = [
            RoleRule(
                index=i,
                min_grade=cat.grade_index(r.min_grade) if r.min_grade in cat.grades else 0,
                open_to=_track_matrix(cat, list(r.open_to_tracks), list(r.disciplines)),
                months=r.time_box_months,
            )
            for i, r in enumerate(framework.leadership_roles)
        ]
        competencies = [c.id for c in framework.competencies]
        self.competencies = tuple(competencies)
        # assessed[level, path, competency]: the competency is expected of that level on that path.
        assessed = np.zeros((len(cat.levels), len(cat.paths), len(competencies)), dtype=np.bool_)
        for li, level_id in enumerate(cat.levels):
            for pi, path_id in enumerate(cat.paths):
                if cat.path_weight[li, pi] > 0:
                    for e in framework.expectations_for(level_id, path_id):
                        assessed[li, pi, competencies.index(e.competency.id)] = True
        self.assessed = assessed
        kinds = [CATEGORY_MIX.get(k, (0.25, 0.25, 0.25, 0.25)) for k in cat.path_kind]
        self.category_mix = np.array(kinds, dtype=np.float64)
        categories = [IMPACT_CATEGORIES.index(t.category) for t in IMPACT_TEMPLATES]
        self.templates_by_category = [
            np.flatnonzero(np.array(categories) == c) for c in range(len(IMPACT_CATEGORIES))
        ]
        self.forum_draw = np.zeros((0, len(self.forums)))

    def step(self, step: Step) -> None:
        if step.end > self.records_from_day:
            self.participate(step)
            self.record_impact(step)
        for day in self.cycle_days:
            if step.start <= day < step.end:
                self.assess(day)
        self.take_roles(step)

    def participate(self, step: Step) -> None:
        """Forum meetings in the half-year: members attend most, a few others attend some."""
        sim, p = self.sim, self.sim.people
        rng = sim.rng
        missing = p.size - self.forum_draw.shape[0]
        if missing > 0:
            self.forum_draw = np.vstack([self.forum_draw, rng.random((missing, len(self.forums)))])
        length = step.end - step.start
        for forum in self.forums:
            eligible = forum.tracks[p.discipline, p.track] & (p.grade >= forum.min_grade)
            rate = np.where(
                p.track == IC,
                sim.dyn.forum_membership * forum.ic_membership_ratio,
                sim.dyn.forum_membership,
            )
            member = eligible & (self.forum_draw[:, forum.index] < rate)
            for m in range(forum.meetings_per_half_year):
                day = step.start + 7 + (m * length) // forum.meetings_per_half_year
                if day < self.records_from_day or day >= sim.as_of_day:
                    continue
                present = eligible & p.active_at(day)
                attends = present & np.where(
                    member, rng.random(p.size) < sim.dyn.forum_attendance, rng.random(p.size) < 0.02
                )
                who = np.flatnonzero(attends)
                role = np.where(member[who], DECISION_MAKER if forum.decides else MEMBER, ATTENDEE)
                self.records.participation.append(
                    {
                        "forum": np.full(who.size, forum.index),
                        "day": np.full(who.size, day),
                        "person": who,
                        "role": role,
                    }
                )

    def record_impact(self, step: Step) -> None:
        """Impact records: more (and bigger) at higher grades, categories by path."""
        sim, p = self.sim, self.sim.people
        rng = sim.rng
        who = sim.active(step.start)
        lowest = sim.cat.level_grade.min()
        per_half_year = sim.dyn.impact_per_year / 2 * 1.25 ** (p.grade[who] - lowest)
        counts = rng.poisson(per_half_year)
        person = np.repeat(who, counts)
        n = person.size
        upper = np.minimum(np.minimum(p.exit_day[person], step.end), sim.as_of_day)
        lower = np.maximum(step.start, self.records_from_day)
        keep = upper > lower
        person, upper = person[keep], upper[keep]
        n = person.size
        day = lower + (rng.random(n) * (upper - lower)).astype(np.int64)
        category = choose_weighted(rng, self.category_mix[p.path[person]])
        template = np.empty(n, dtype=np.int64)
        for c, choices in enumerate(self.templates_by_category):
            rows = np.flatnonzero(category == c)
            template[rows] = choices[rng.integers(0, choices.size, size=rows.size)]
        median = np.array([t.median for t in IMPACT_TEMPLATES])[template]
        spread = np.array([t.spread for t in IMPACT_TEMPLATES])[template]
        scale = 1.35 ** (p.grade[person] - lowest)
        value = median * scale * np.exp(rng.normal(0.0, 1.0, size=n) * spread)
        self.records.impact.append(
            {
                "person": person,
                "day": day,
                "template": template,
                "value": value,
                "beneficiary": rng.integers(0, 1 << 16, size=n),
                "horizon": rng.integers(0, 1 << 16, size=n),
                "grade": p.grade[person].copy(),
            }
        )

    def assess(self, day: int) -> None:
        """A review cycle: self and manager ratings (1-5) on every competency expected of people."""
        sim, p = self.sim, self.sim.people
        rng = sim.rng
        who = sim.active(day)
        who = who[p.hire_day[who] <= day - 90]
        rows, competency = np.nonzero(self.assessed[p.level[who], p.path[who]])
        person = who[rows]
        latent = 3.1 + 0.7 * p.talent[person] + rng.normal(0.0, 0.6, size=person.size)
        manager = np.clip(np.rint(latent), 1, 5)
        own = np.clip(np.rint(latent + 0.25 + rng.normal(0.0, 0.5, size=person.size)), 1, 5)
        cycle = len(self.records.cycle_names)
        when = date.fromordinal(day)
        self.records.cycle_names.append(f"{when.year}-H{1 if when.month <= 6 else 2}")
        for rater, rating in ((SELF, own), (MANAGER, manager)):
            self.records.assessments.append(
                {
                    "person": person,
                    "competency": competency,
                    "rater": np.full(person.size, rater),
                    "rating": rating.astype(np.int64),
                    "cycle": np.full(person.size, cycle),
                    "day": np.full(person.size, day),
                }
            )

    def take_roles(self, step: Step) -> None:
        """Project-based leadership roles, one at a time, for eligible ICs."""
        if not self.roles:
            return
        sim, p = self.sim, self.sim.people
        rng = sim.rng
        who = sim.active(step.start)
        who = who[p.role_free_from[who] <= step.start]
        open_to = np.stack(
            [
                r.open_to[p.discipline[who], p.track[who]] & (p.grade[who] >= r.min_grade)
                for r in self.roles
            ],
            axis=1,
        ).astype(np.float64)
        takes = (open_to.sum(axis=1) > 0) & sim.chance(sim.dyn.role_uptake, who.size)
        who, open_to = who[takes], open_to[takes]
        role = choose_weighted(rng, open_to)
        start = step.days(rng, who.size, (1, 99))
        months = np.array([r.months for r in self.roles])[role]
        end = start + (months * DAYS_PER_YEAR / 12).astype(np.int64)
        p.role_free_from[who] = end
        self.records.roles.append(
            {
                "person": who,
                "role": role,
                "start": start,
                "end": end,
                "scope": rng.integers(0, 1 << 16, size=who.size),
            }
        )
