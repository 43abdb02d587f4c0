"""People for a signed-in reader: the list they may see and one person's record, each
checked against the access rules first.

Returns stored records; the web's presenters (`web.views.people`) turn them into
what a page or the API shows. Pay and protected attributes are left to the
caller to show only as `PersonAccess` allows, and reads of them are logged by
the caller (the web writes the entry off the event loop).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from latticework.accounts.model import User
from latticework.services.access import (
    PersonAccess,
    not_found,
    people_visible_to,
    person_access,
)

if TYPE_CHECKING:
    from latticework.growth.person_data import ImpactRecord
    from latticework.storage import (
        EventRow,
        PeopleFilter,
        PersonListRow,
        PersonRecord,
        RatingRow,
        StoredPlan,
        UnitOfWork,
    )


@dataclass(frozen=True)
class PersonRead:
    """Everything stored about one person that their profile shows."""

    person: PersonRecord
    manager_name: str | None
    impact: list[ImpactRecord]
    ratings: list[RatingRow]
    """Of the most recent cycle."""
    plan: StoredPlan | None
    """The active development plan (growth keeps one; saving supersedes it)."""
    events: list[EventRow]


def read_person(uow: UnitOfWork, user: User, employee_id: str) -> tuple[PersonRead, PersonAccess]:
    """One person's record and what `user` may see of it, *without* logging the read."""
    access = person_access(uow, user, employee_id)
    person = uow.people.get(employee_id)
    if person is None:
        raise not_found("person", employee_id)
    read = PersonRead(
        person=person,
        manager_name=uow.people.name_of(person.manager_id) if person.manager_id else None,
        impact=uow.impact.of(employee_id),
        ratings=uow.people.latest_ratings(employee_id),
        plan=uow.plans.active(employee_id),
        events=uow.people.events_of(employee_id),
    )
    return read, access


def list_people(
    uow: UnitOfWork, user: User, query: str = "", limit: int = 100
) -> list[PersonListRow]:
    """The people `user` may see, filtered by a name/id/team search (no pay in lists)."""
    visible = people_visible_to(user, "list people")
    return uow.people.search(visible, query.strip(), max(1, min(limit, 1000)))


def impact_of(uow: UnitOfWork, employee_id: str) -> list[ImpactRecord]:
    """A person's impact records, newest first (the caller has checked access)."""
    return uow.impact.of(employee_id)


MAX_PER_PAGE = 200
"""The most rows one page of the people list holds (the page asks for fewer)."""


@dataclass(frozen=True)
class PeoplePage:
    rows: list[PersonListRow]
    total: int
    page: int
    pages: int


def list_people_page(
    uow: UnitOfWork, user: User, filters: PeopleFilter, page: int = 1, per_page: int = 50
) -> PeoplePage:
    """One page of the people `user` may see that match `filters`, and how many pages there
    are: every match is reachable, never just "the first 200"."""
    visible = people_visible_to(user, "list people")
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    rows, total = uow.people.list_page(visible, filters, (page - 1) * per_page, per_page)
    pages = max(1, -(-total // per_page))
    if page > pages:  # past the end (a filter narrowed the list): show the last page
        page = pages
        rows, total = uow.people.list_page(visible, filters, (page - 1) * per_page, per_page)
    return PeoplePage(rows, total, page, pages)


def active_team_members(uow: UnitOfWork, team: str) -> list[PersonListRow]:
    """The team's active members by name (the caller has checked team access)."""
    from latticework.storage import PeopleFilter, Visibility

    rows, _ = uow.people.list_page(
        Visibility(everyone=True), PeopleFilter(team=team, status="active"), 0, 10_000
    )
    return rows
