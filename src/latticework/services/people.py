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
