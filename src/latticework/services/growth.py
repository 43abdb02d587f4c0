"""Growth services: impact, classification, readiness, packets, plans, moves and teams.

The CLI and the web call these plain functions. Each opens storage through a
unit of work, reads the framework the database was loaded with (the default
framework for a database without one) and the organisation, hands typed
records to the growth and teams domain, and returns domain values. A person
who is not in the database is a `LatticeworkError` naming the id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.growth.classify import AccomplishmentClassifier, ClassifiedAccomplishment
from latticework.growth.impact import ImpactStatement, impact_statements
from latticework.growth.impact_summary import ImpactSummary, Period, summarise_impact
from latticework.growth.moves import Move, Position, Route, legal_moves, shortest_route
from latticework.growth.packet import PromotionPacket, build_packet
from latticework.growth.plan import DevelopmentPlan, propose_plan
from latticework.growth.readiness import Readiness, assess_readiness
from latticework.growth.records import (
    Person,
    Rating,
    impact_for,
    participation_for,
    person_from_row,
    placements_from_frame,
    ratings_for,
    roles_for,
)

# The services that write live in growth_records; they are part of this module's API.
from latticework.services.growth_records import current_cycle as current_cycle
from latticework.services.growth_records import record_rating as record_rating
from latticework.services.growth_records import save_impact_records as save_impact_records
from latticework.services.growth_records import save_plan as save_plan
from latticework.services.growth_records import set_plan_item_status as set_plan_item_status
from latticework.services.growth_records import stored_plan as stored_plan
from latticework.teams.composition import (
    EVIDENCING_CATEGORIES,
    OrgComposition,
    compose_organisation,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from latticework.org.dataset import OrgDataset


@dataclass(frozen=True)
class GrowthData:
    """The framework and the organisation the growth views are computed from."""

    framework: Framework
    org: OrgDataset

    @property
    def as_of(self) -> date:
        return self.org.as_of


def _not_found(employee_id: str) -> LatticeworkError:
    return LatticeworkError(
        Problem(
            f"no person with employee id {employee_id!r} in the database",
            fix="Check the id (it is the employee_id column of people.csv) or import the data.",
            code="person-not-found",
        )
    )


def _team_not_found(team: str, teams: Sequence[str]) -> LatticeworkError:
    shown = ", ".join(teams[:20]) + (" …" if len(teams) > 20 else "")
    return LatticeworkError(
        Problem(f"no team named {team!r}", fix=f"Use one of: {shown}.", code="team-not-found")
    )


def find_person(data: GrowthData, employee_id: str) -> Person:
    """The person with this id, or a clear error naming it."""
    people = data.org.people
    rows = people[people["employee_id"].astype(str) == employee_id] if not people.empty else people
    if rows.empty:
        raise _not_found(employee_id)
    row = rows.iloc[0].to_dict()
    return person_from_row({str(k): v for k, v in row.items()})


# -- impact ----------------------------------------------------------------------


@dataclass(frozen=True)
class ImpactReport:
    person: Person
    statements: tuple[ImpactStatement, ...]
    summary: ImpactSummary

    def to_dict(self) -> dict[str, object]:
        return {
            "employee_id": self.person.employee_id,
            "name": self.person.name,
            "statements": [s.to_dict() for s in self.statements],
            "summary": self.summary.to_dict(),
        }


def impact_report(data: GrowthData, employee_id: str, period: Period = "year") -> ImpactReport:
    person = find_person(data, employee_id)
    records = impact_for(data.org, employee_id)
    return ImpactReport(
        person, tuple(impact_statements(records)), summarise_impact(employee_id, records, period)
    )


def classify_accomplishments(
    framework: Framework,
    bullets: Sequence[str],
    discipline: str | None = None,
    path: str | None = None,
) -> list[ClassifiedAccomplishment]:
    """Classify free-text bullets for a discipline and path (all competencies when not given)."""
    if discipline is not None and discipline not in {d.id for d in framework.disciplines}:
        known = ", ".join(d.id for d in framework.disciplines)
        raise LatticeworkError(
            Problem(f"unknown discipline {discipline!r}", fix=f"Use one of: {known}.")
        )
    if path is not None and not framework.has_path(path):
        known = ", ".join(p.id for p in framework.paths)
        raise LatticeworkError(Problem(f"unknown path {path!r}", fix=f"Use one of: {known}."))
    return AccomplishmentClassifier(framework, discipline, path).classify_all(bullets)


# -- readiness, packet, plan -----------------------------------------------------


def _ratings(data: GrowthData, employee_id: str) -> list[Rating]:
    return ratings_for(data.org, employee_id)


def readiness(data: GrowthData, employee_id: str, target_level: str | None = None) -> Readiness:
    person = find_person(data, employee_id)
    return assess_readiness(
        data.framework, person, _ratings(data, employee_id), data.as_of, target_level
    )


def promotion_packet(
    data: GrowthData, employee_id: str, target_level: str | None = None
) -> PromotionPacket:
    person = find_person(data, employee_id)
    return build_packet(
        data.framework,
        person,
        _ratings(data, employee_id),
        impact_for(data.org, employee_id),
        roles_for(data.org, employee_id),
        participation_for(data.org, employee_id),
        data.as_of,
        target_level,
    )


def development_plan(
    data: GrowthData, employee_id: str, path: str | None = None, max_items: int = 3
) -> tuple[Person, DevelopmentPlan]:
    """A proposed plan (not stored) for the person's path, or for `path` when asked."""
    person = find_person(data, employee_id)
    state = assess_readiness(data.framework, person, _ratings(data, employee_id), data.as_of)
    plan = propose_plan(data.framework, state, data.as_of, path_id=path, max_items=max_items)
    return person, plan


# -- moves -----------------------------------------------------------------------


@dataclass(frozen=True)
class MovesReport:
    person: Person
    here: Position
    moves: tuple[Move, ...]
    goal: str | None
    route: Route | None

    def to_dict(self, framework: Framework) -> dict[str, object]:
        return {
            "employee_id": self.person.employee_id,
            "from": self.here.to_dict(framework),
            "moves": [m.to_dict(framework) for m in self.moves],
            "goal": self.goal,
            "route": self.route.to_dict(framework) if self.route else None,
            "reachable": None if self.goal is None else self.route is not None,
        }


def lattice_moves(
    data: GrowthData, employee_id: str, goal: str | None = None, goal_path: str | None = None
) -> MovesReport:
    fw = data.framework
    person = find_person(data, employee_id)
    if not fw.has_level(person.level):
        raise LatticeworkError(
            Problem(f"{employee_id}'s level {person.level!r} is not in the framework")
        )
    path = person.path if person.path and fw.has_path(person.path) else None
    here = Position(person.level, path)
    route = shortest_route(fw, here, goal, goal_path) if goal is not None else None
    return MovesReport(person, here, tuple(legal_moves(fw, here)), goal, route)


# -- teams -----------------------------------------------------------------------


def team_composition(data: GrowthData, team: str | None = None) -> OrgComposition:
    """Every team (or one) with its capabilities and flags; only active people count."""
    people_frame = data.org.people
    if "status" in people_frame:  # whole-organisation frames: leave out people who left
        people_frame = people_frame[people_frame["status"].fillna("active") != "exited"]
    if team is not None:
        known = sorted({str(t) for t in people_frame["team"].dropna().unique()})
        people_frame = people_frame[people_frame["team"] == team]
        if people_frame.empty:
            raise _team_not_found(team, known)
    people = placements_from_frame(people_frame)
    ratings: dict[str, list[Rating]] = {}
    assessments = data.org.assessments
    if not assessments.empty:
        if "rater" in assessments:
            assessments = assessments[assessments["rater"] == "manager"]
        # Only each person's latest rating per competency counts, and only one above
        # "Meets" can add a capability: keep those rows, the rest cannot change anything.
        latest = assessments.sort_values("cycle", kind="stable").drop_duplicates(
            ["employee_id", "competency"], keep="last"
        )
        exceeding = latest[latest["rating"] >= data.framework.promotion.meets_rating + 1]
        wanted = {p.employee_id for p in people}
        columns = ("employee_id", "competency", "rating", "cycle")
        for employee_id, competency, rating, cycle in zip(
            *(exceeding[c].tolist() for c in columns), strict=True
        ):
            if str(employee_id) in wanted:
                ratings.setdefault(str(employee_id), []).append(
                    Rating(str(competency), "manager", int(rating), str(cycle))
                )
    return compose_organisation(data.framework, people, ratings)


# -- storage ---------------------------------------------------------------------


def load_framework_for(url: str) -> Framework:
    """The framework the database was loaded with; the default one when there is none yet.

    Classifying text needs no organisation data, so a missing database file is
    not an error here: the default framework is used.
    """
    from latticework.framework import load_default_framework

    if url.startswith("sqlite:///"):
        from pathlib import Path

        if not Path(url.removeprefix("sqlite:///")).exists():
            return load_default_framework().framework
    from latticework.storage import UnitOfWork, current_framework, require_current_schema

    require_current_schema(url)
    with UnitOfWork(url) as uow:
        stored = current_framework(uow.connection)
    return stored.framework if stored else load_default_framework().framework


def _stored_framework(connection: Connection) -> Framework:
    from latticework.framework import load_default_framework
    from latticework.storage import current_framework

    stored = current_framework(connection)
    return stored.framework if stored else load_default_framework().framework


def load_growth_data(url: str, as_of: date | None = None) -> GrowthData:
    """The stored framework (default if none) and the whole organisation, as of a date."""
    from latticework.storage import UnitOfWork, load_dataset, require_current_schema

    require_current_schema(url)
    with UnitOfWork(url) as uow:
        framework = _stored_framework(uow.connection)
        org = load_dataset(uow.connection, as_of)
    return GrowthData(framework, org)


def load_person_data(url: str, employee_id: str, as_of: date | None = None) -> GrowthData:
    """The framework and one person's rows of every table (fast at any size)."""
    from latticework.storage import UnitOfWork, require_current_schema
    from latticework.storage.growth_reads import person_dataset

    require_current_schema(url)
    with UnitOfWork(url) as uow:
        framework = _stored_framework(uow.connection)
        org = person_dataset(uow.connection, employee_id, as_of)
    if org is None:
        raise _not_found(employee_id)
    return GrowthData(framework, org)


def load_team_data(url: str, team: str | None = None) -> GrowthData:
    """The framework, the active people with a team, and the manager ratings that can show
    a capability (strategic, business and product competencies)."""
    from latticework.org.dataset import OrgDataset
    from latticework.storage import UnitOfWork, require_current_schema
    from latticework.storage.growth_reads import manager_ratings, team_names, team_people

    require_current_schema(url)
    with UnitOfWork(url) as uow:
        framework = _stored_framework(uow.connection)
        people = team_people(uow.connection, team)
        if team is not None and people.empty:
            raise _team_not_found(team, team_names(uow.connection))
        evidencing = [c.id for c in framework.competencies if c.category in EVIDENCING_CATEGORIES]
        ratings = manager_ratings(uow.connection, evidencing, team)
    return GrowthData(framework, OrgDataset(people=people, assessments=ratings))
