"""Growth services: impact, classification, readiness, packets, plans, moves and teams.

The CLI and the web call these plain functions on a `GrowthData` (the current
framework and the rows a view needs, read by `services.growth_data`); they hand
typed records to the growth and teams domain and return domain values. A
person who is not in the data is a `LatticeworkError` naming the id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.growth.classify import AccomplishmentClassifier, ClassifiedAccomplishment
from latticework.growth.impact import ImpactStatement, impact_statements
from latticework.growth.impact_summary import ImpactSummary, Period, summarise_impact
from latticework.growth.moves import Move, Position, Route, legal_moves, shortest_route
from latticework.growth.packet import PromotionPacket, build_packet
from latticework.growth.person_data import (
    Person,
    Rating,
    impact_for,
    participation_for,
    placements_from_frame,
    ratings_for,
    roles_for,
)
from latticework.growth.plan import DevelopmentPlan, propose_plan
from latticework.growth.readiness import Readiness, assess_readiness
from latticework.growth.targets import PacketTarget, packet_targets
from latticework.services.growth_data import GrowthData, find_person, team_not_found
from latticework.teams.composition import OrgComposition, compose_organisation

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
            Problem(
                f"unknown discipline {discipline!r}",
                fix=f"Use one of: {known}.",
                code="unknown-discipline",
            )
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
    data: GrowthData,
    employee_id: str,
    target_level: str | None = None,
    target_path: str | None = None,
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
        target_path,
    )


def packet_moves(data: GrowthData, employee_id: str) -> list[PacketTarget]:
    """The moves a packet can be built for from where the person stands."""
    person = find_person(data, employee_id)
    return packet_targets(data.framework, person.level, person.path)


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
            raise team_not_found(team, known)
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
