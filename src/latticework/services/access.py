"""Who may see what: every access rule of the app, in one place, so that pages, the API and
their tests agree.

- employee: their own record (with their own pay) and the framework;
- manager: their own record and everyone in their reporting chain, with pay
  but without protected attributes; bands; teams with people in their chain;
- people (HR): everyone, with pay and protected attributes; audits, imports,
  the access log;
- admin: users and settings, and their own record when linked to one;
- representative (the workers' representatives of the EU Pay Transparency
  Directive): the Article 9 reports, the Article 10 joint assessment and its
  justifications register, which hold aggregates only, and their answer to
  each justification; never one person's pay or protected attributes (they
  see no one's record but their own, when linked to one).

Pay and protected attributes are personal data: each read of them is written
to the access log by the service that reads them. A check runs before the
object is loaded, so a denied request says nothing about whether the object
exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from latticework.accounts.model import Role, User
from latticework.errors import LatticeworkError, Problem
from latticework.storage import Visibility

if TYPE_CHECKING:
    from latticework.storage import UnitOfWork


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


PAY_TRANSPARENCY_READERS = (Role.PEOPLE, Role.REPRESENTATIVE)
"""Who reads the Directive's aggregate reports (Art. 9 report, Art. 10 assessment, register)."""


def may_read_unanswered_letter(user: User) -> bool:
    """An Art. 7 letter reaches its worker once the request is answered; the people role
    reads it before, to check it."""
    return user.role is Role.PEOPLE


def can_see_bands(user: User) -> bool:
    return user.role in (Role.MANAGER, Role.PEOPLE)


def person_access(uow: UnitOfWork, user: User, employee_id: str) -> PersonAccess:
    """What `user` may see of `employee_id`, or AccessDeniedError."""
    if user.role is Role.PEOPLE:
        return PersonAccess(employee_id, Relation.HR, pay=True, protected=True)
    if user.employee_id is not None and user.employee_id == employee_id:
        return PersonAccess(employee_id, Relation.SELF, pay=True, protected=True)
    if (
        user.role is Role.MANAGER
        and user.employee_id is not None
        and uow.people.is_in_reporting_chain(user.employee_id, employee_id)
    ):
        return PersonAccess(employee_id, Relation.REPORT, pay=True, protected=False)
    raise denied("see this person's record")


def require_self_or_hr(uow: UnitOfWork, user: User, employee_id: str, what: str) -> PersonAccess:
    """Only the person themselves or the people role (a manager may not)."""
    found = person_access(uow, user, employee_id)
    if found.relation not in (Relation.SELF, Relation.HR):
        raise denied(what)
    return found


def people_visible_to(user: User, what: str) -> Visibility:
    """Whose rows a list shown to `user` may hold: people see everyone, a manager their
    chain and themselves, anyone else only themselves."""
    if user.role is Role.PEOPLE:
        return Visibility(everyone=True)
    if user.role is Role.MANAGER and user.employee_id:
        return Visibility(manager_id=user.employee_id)
    if user.employee_id:
        return Visibility(self_id=user.employee_id)
    raise denied(what)


def can_see_team(uow: UnitOfWork, user: User, team: str) -> bool:
    """People see every team; a manager, teams with someone in their chain; anyone, their own."""
    if user.role is Role.PEOPLE:
        return True
    if user.employee_id is None:
        return False
    members = uow.people.team_member_ids(team)
    if user.employee_id in members:
        return True
    if user.role is Role.MANAGER:
        # Walk up from each member: a team is small, a senior manager's chain is not.
        return any(user.employee_id in uow.people.managers_above(m) for m in members)
    return False


def require_team_access(uow: UnitOfWork, user: User, team: str) -> None:
    if not can_see_team(uow, user, team):
        raise denied(f"see team '{team}'")


# -- promotion committees ----------------------------------------------------------

COMMITTEE_ROLES = (Role.PEOPLE, Role.MANAGER)
"""Who may open a cycle's committee page: the people role (the committee's secretary, who
records calibrations and decisions for everyone) and managers (who sit on it for their own
reporting chain and nominate their reports)."""
DECIDING_ROLES = (Role.PEOPLE,)


@dataclass(frozen=True, slots=True)
class CommitteeAccess:
    """What one user sees of a cycle: whose records, with protected attributes or not, and
    whether they may record calibrations and decisions."""

    visibility: Visibility
    protected: bool
    may_decide: bool


def committee_access(user: User) -> CommitteeAccess:
    """The people role: everyone, protected attributes in the parity panel, and the forms to
    calibrate and decide; a manager: their reporting chain (never themselves), by track and
    path only; anyone else may not."""
    if user.role is Role.PEOPLE:
        return CommitteeAccess(Visibility(everyone=True), protected=True, may_decide=True)
    if user.role is Role.MANAGER and user.employee_id:
        return CommitteeAccess(
            Visibility(manager_id=user.employee_id), protected=False, may_decide=False
        )
    raise denied("see promotion committees")


def require_nominator(uow: UnitOfWork, user: User, employee_id: str) -> None:
    """The people role may nominate anyone; a manager, someone in their reporting chain;
    nobody may nominate themselves."""
    committee_access(user)
    person_access(uow, user, employee_id)
    if user.employee_id == employee_id:
        raise denied("nominate yourself")


def require_decider(user: User, what: str) -> None:
    require_role(user, *DECIDING_ROLES, what=what)
