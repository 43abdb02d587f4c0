"""Who may see what (DESIGN §8): the object-level checks every endpoint makes.

The rules, in one place so that pages, the API and their tests agree:

- employee: their own record (with their own pay) and the framework;
- manager: their own record and everyone in their reporting chain, with pay
  but without protected attributes; bands; teams with people in their chain;
- people (HR): everyone, with pay and protected attributes; audits, imports,
  the access log;
- admin: users and settings, and their own record when linked to one.

A check runs before the object is loaded, so a denied request says nothing
about whether the object exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from latticework.errors import LatticeworkError, Problem
from latticework.services.accounts import Role, User
from latticework.storage.repository import (
    is_in_reporting_chain,
    managers_above,
    reporting_chain_query,
)
from latticework.storage.tables import people


class AccessDeniedError(LatticeworkError):
    """The user may not see or change this object."""


class NotFoundError(LatticeworkError):
    """The object does not exist (said only to users who could have seen it)."""


class Relation(StrEnum):
    SELF = "self"
    REPORT = "report"
    """In the user's reporting chain."""
    HR = "hr"


@dataclass(frozen=True, slots=True)
class PersonAccess:
    """What one user may see of one person."""

    employee_id: str
    relation: Relation
    pay: bool
    protected: bool

    @property
    def sensitive_fields(self) -> tuple[str, ...]:
        return tuple(
            name for name, allowed in (("pay", self.pay), ("protected", self.protected)) if allowed
        )


def denied(what: str) -> AccessDeniedError:
    return AccessDeniedError(
        Problem(
            f"You may not {what}.",
            fix="Ask the People team if you need access.",
            code="forbidden",
        )
    )


def not_found(kind: str, key: str) -> NotFoundError:
    return NotFoundError(Problem(f"No {kind} '{key}'.", code="not-found", fix="Check the id."))


def require_role(user: User, *roles: Role, what: str) -> None:
    if user.role not in roles:
        raise denied(what)


def can_see_bands(user: User) -> bool:
    return user.role in (Role.MANAGER, Role.PEOPLE)


def chain_and_self(manager_id: str) -> sa.Select[tuple[str]]:
    """A subquery of the manager and everyone under them, for `IN (...)` filters.

    A query rather than a list of ids: a senior manager's chain can hold tens of
    thousands of people, more than a statement may carry as parameters.
    """
    chain: sa.CompoundSelect[tuple[str]] = sa.union(
        reporting_chain_query(manager_id), sa.select(sa.literal(manager_id))
    )
    return sa.select(chain.subquery().c[0])


def person_access(conn: sa.Connection, user: User, employee_id: str) -> PersonAccess:
    """What `user` may see of `employee_id`, or AccessDeniedError."""
    if user.role is Role.PEOPLE:
        return PersonAccess(employee_id, Relation.HR, pay=True, protected=True)
    if user.employee_id is not None and user.employee_id == employee_id:
        return PersonAccess(employee_id, Relation.SELF, pay=True, protected=True)
    if (
        user.role is Role.MANAGER
        and user.employee_id is not None
        and is_in_reporting_chain(conn, user.employee_id, employee_id)
    ):
        return PersonAccess(employee_id, Relation.REPORT, pay=True, protected=False)
    raise denied("see this person's record")


def can_see_team(conn: sa.Connection, user: User, team: str) -> bool:
    """People see every team; a manager, teams with someone in their chain; anyone, their own."""
    if user.role is Role.PEOPLE:
        return True
    if user.employee_id is None:
        return False
    members = [
        str(e)
        for e in conn.execute(sa.select(people.c.employee_id).where(people.c.team == team))
        .scalars()
        .all()
    ]
    if user.employee_id in members:
        return True
    if user.role is Role.MANAGER:
        # Walk up from each member: a team is small, a senior manager's chain is not.
        return any(user.employee_id in managers_above(conn, m) for m in members)
    return False


def require_team_access(conn: sa.Connection, user: User, team: str) -> None:
    if not can_see_team(conn, user, team):
        raise denied(f"see team '{team}'")
