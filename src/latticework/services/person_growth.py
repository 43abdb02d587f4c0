"""Growth for a signed-in reader: a person's packet and plan, teams and their composition,
each checked against the access rules and computed on just the rows a page is about.

The growth services work on an `OrgDataset`; a page about one person or one
team reads only those people's rows, so it stays fast at 100,000 people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from latticework.accounts.model import User
from latticework.errors import LatticeworkError, Location, Problem
from latticework.framework.model import Framework
from latticework.growth.targets import PacketTarget
from latticework.services import growth, growth_writes
from latticework.services.access import (
    not_found,
    people_visible_to,
    person_access,
    require_team_access,
)
from latticework.services.growth_data import GrowthData

if TYPE_CHECKING:
    from latticework.growth.packet import PromotionPacket
    from latticework.growth.person_data import Person
    from latticework.growth.plan import DevelopmentPlan
    from latticework.storage import StoredCheckin, TeamSize, UnitOfWork
    from latticework.teams.composition import OrgComposition, TeamComposition


def _person_data(uow: UnitOfWork, fw: Framework, employee_id: str) -> GrowthData:
    org = uow.organisation.person(employee_id)
    if org is None:
        raise not_found("person", employee_id)
    return GrowthData(fw, org)


def promotion_packet(
    uow: UnitOfWork,
    fw: Framework,
    user: User,
    employee_id: str,
    target_level: str | None,
    target_path: str | None = None,
) -> PromotionPacket:
    """The promotion packet of a person the user may see (no pay in it)."""
    person_access(uow, user, employee_id)
    data = _person_data(uow, fw, employee_id)
    return growth.promotion_packet(data, employee_id, target_level, target_path)


def packet_moves(
    uow: UnitOfWork, fw: Framework, user: User, employee_id: str
) -> list[PacketTarget]:
    """The moves a packet can be built for, for a person the user may see."""
    person_access(uow, user, employee_id)
    return growth.packet_moves(_person_data(uow, fw, employee_id), employee_id)


def development_plan(
    uow: UnitOfWork, fw: Framework, user: User, employee_id: str
) -> tuple[DevelopmentPlan, Person, bool]:
    """The stored active plan, or one proposed for the person's gaps on their path; the
    bool says whether it is stored."""
    from latticework.services.growth_data import find_person

    person_access(uow, user, employee_id)
    data = _person_data(uow, fw, employee_id)
    person = find_person(data, employee_id)
    stored = growth_writes.stored_plan(uow, employee_id)
    plan = stored if stored is not None else growth.development_plan(data, employee_id)[1]
    return plan, person, stored is not None


def save_proposed_plan(
    uow: UnitOfWork, fw: Framework, user: User, employee_id: str
) -> DevelopmentPlan:
    """Store the plan proposed for the person's gaps as their active plan (the previous one
    is superseded). Only the person, their managers and HR may."""
    person_access(uow, user, employee_id)
    plan = growth.development_plan(_person_data(uow, fw, employee_id), employee_id)[1]
    return growth_writes.save_plan(uow, plan, fw)


MAX_TEAMS = 50_000
"""The most teams the teams list pages through."""


def check_in_plan_item(
    uow: UnitOfWork,
    fw: Framework,
    user: User,
    employee_id: str,
    item: int,
    *,
    status: str,
    due_date: str,
    note: str,
    checked_on: str,
) -> DevelopmentPlan:
    """A check-in on an item of the person's stored plan, by the person, a manager above
    them or HR (the dates as the form sends them, YYYY-MM-DD; the check-in day defaults to
    today)."""
    person_access(uow, user, employee_id)
    return growth_writes.check_in_plan_item(
        uow,
        employee_id,
        item,
        status=status,
        due_date=_form_date(due_date, "due_date") if due_date.strip() else None,
        note=note,
        checked_on=_form_date(checked_on, "checked_on") if checked_on.strip() else date.today(),
        recorded_by=user.username,
        framework=fw,
    )


def _form_date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise LatticeworkError(
            Problem(
                f"'{text}' is not a date.",
                Location(field=field),
                "Give the date as YYYY-MM-DD.",
                "bad-date",
            )
        ) from None


def plan_checkins(
    uow: UnitOfWork, user: User, plan: DevelopmentPlan
) -> dict[int, list[StoredCheckin]]:
    """The check-ins of the person's stored plan, by item number, newest first."""
    person_access(uow, user, plan.employee_id)
    return growth_writes.plan_checkins(uow, plan)


def list_teams(uow: UnitOfWork, user: User, query: str = "", limit: int = 500) -> list[TeamSize]:
    """Teams the user may see (whose name contains `query`), with their active headcount."""
    visible = people_visible_to(user, "see teams")
    return uow.people.teams(visible, query.strip(), max(1, min(limit, 5000)))


@dataclass(frozen=True)
class TeamsPage:
    teams: list[tuple[TeamSize, TeamComposition | None]]
    """Each team on the page with its composition (None: no active member to judge)."""
    total: int
    page: int
    pages: int


def teams_page(
    uow: UnitOfWork, fw: Framework, user: User, query: str = "", page: int = 1, per_page: int = 50
) -> TeamsPage:
    """One page of the teams the user may see, each with its composition and flags; the
    composition is computed for the teams on the page only."""
    every = list_teams(uow, user, query, limit=MAX_TEAMS)
    per_page = max(1, min(per_page, 200))
    pages = max(1, -(-len(every) // per_page))
    page = min(max(1, page), pages)
    shown = every[(page - 1) * per_page : page * per_page]
    composed = _compose(uow, fw, [t.team for t in shown]) if shown else None
    found = {t.team: t for t in composed.teams} if composed else {}
    return TeamsPage([(t, found.get(t.team)) for t in shown], len(every), page, pages)


def _compose(uow: UnitOfWork, fw: Framework, teams: list[str]) -> OrgComposition:
    from latticework.growth.person_data import Rating, person_from_row
    from latticework.teams.composition import compose_organisation

    members = [person_from_row(r) for r in uow.people.active_members_of_teams(teams)]
    ratings: dict[str, list[Rating]] = {}
    for r in uow.people.manager_ratings_of([m.employee_id for m in members]):
        ratings.setdefault(r.employee_id, []).append(
            Rating(r.competency, "manager", r.rating, r.cycle)
        )
    return compose_organisation(fw, members, ratings)


def team_composition(uow: UnitOfWork, fw: Framework, user: User, team: str) -> OrgComposition:
    """One team's capabilities against the framework's targets (the composition of that one
    team). Reads the team's active members and their manager ratings straight into the
    teams domain's records, so a team page costs a few small queries."""
    from latticework.growth.person_data import Rating, person_from_row
    from latticework.teams.composition import compose_organisation

    require_team_access(uow, user, team)
    rows = uow.people.active_team_members(team)
    if not rows:
        raise not_found("team", team)
    members = [person_from_row(r) for r in rows]
    ratings: dict[str, list[Rating]] = {}
    for r in uow.people.manager_ratings_of([m.employee_id for m in members]):
        ratings.setdefault(r.employee_id, []).append(
            Rating(r.competency, "manager", r.rating, r.cycle)
        )
    return compose_organisation(fw, members, ratings)
