"""Access rules as FastAPI dependencies: every route declares one, so none can forget it.

The rules themselves are `services.access`; these dependencies apply them to a
request before the route runs. Each carries its rule's name (`access_rule`),
which `tests/web/test_access_matrix.py` reads from every route of the app to
check that each one declares a rule and is in the access matrix.

    @router.get("/people/{employee_id}/packet", dependencies=[PERSON])
    @router.get("/users", dependencies=[RequireRole(Role.ADMIN, what="manage users")])
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Depends
from fastapi.params import Depends as DependsMarker

from latticework.accounts.model import Role, User
from latticework.services import access
from latticework.web.deps import UowDep, UserDep

RULE_ATTRIBUTE = "access_rule"


def _named(rule: str, check: Callable[..., Awaitable[Any]]) -> DependsMarker:
    setattr(check, RULE_ATTRIBUTE, rule)
    marker: DependsMarker = Depends(check)
    return marker


async def _public() -> None:
    """Anyone, signed in or not (the log-in form itself)."""


async def _signed_in(user: UserDep) -> User:
    return user


async def _person(employee_id: str, user: UserDep, uow: UowDep) -> access.PersonAccess:
    return access.person_access(uow, user, employee_id)


async def _self_or_hr(employee_id: str, user: UserDep, uow: UowDep) -> access.PersonAccess:
    # Their whole record, or pay information meant for them alone (the export, Art. 7).
    return access.require_self_or_hr(uow, user, employee_id, "see this person's own records")


async def _team(team: str, user: UserDep, uow: UowDep) -> None:
    access.require_team_access(uow, user, team)


PUBLIC = _named("public", _public)
SIGNED_IN = _named("signed-in", _signed_in)
"""Any signed-in user; what they then see is filtered to what their role may (lists)."""
PERSON = _named("person", _person)
"""The user may see the person named by the route's `employee_id`."""
SELF_OR_HR = _named("person:self-or-hr", _self_or_hr)
"""The person named by `employee_id` themselves, or the people role (their whole record)."""
TEAM = _named("team", _team)
"""The user may see the team named by the route's `team`."""


def RequireRole(*roles: Role, what: str) -> DependsMarker:  # noqa: N802 - reads as a rule
    """Only users with one of `roles`; others get 403 saying they may not `what`."""

    async def check(user: UserDep) -> User:
        access.require_role(user, *roles, what=what)
        return user

    return _named("role:" + ",".join(sorted(r.value for r in roles)), check)
