"""Log-ins for the demo organisation: one account per role, each linked to a real demo person,
so that `latticework demo` can be explored in the browser right away."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from latticework.errors import LatticeworkError
from latticework.services import accounts
from latticework.services.accounts import Role
from latticework.storage.tables import impact, people

DEMO_PASSWORD = "latticework-demo"


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    role: Role
    employee_id: str
    name: str | None
    what: str


def _pick_employee(conn: sa.Connection) -> Any:
    """An active IC on the engineering track with a manager and some impact recorded."""
    with_impact = sa.select(impact.c.employee_id).distinct().scalar_subquery()
    active = sa.func.coalesce(people.c.status, "active") != "exited"
    query = (
        sa.select(people.c.employee_id, people.c.name, people.c.manager_id)
        .where(
            active,
            people.c.track == "ic",
            people.c.manager_id.is_not(None),
            people.c.employee_id.in_(with_impact),
        )
        .order_by(people.c.discipline, people.c.grade.desc(), people.c.employee_id)
        .limit(1)
    )
    row = conn.execute(query).first()
    if row is None:
        fallback = sa.select(people.c.employee_id, people.c.name, people.c.manager_id)
        row = conn.execute(
            fallback.where(active, people.c.manager_id.is_not(None)).limit(1)
        ).first()
    if row is None:
        raise LatticeworkError("The demo organisation has nobody with a manager.")
    return row


def create_demo_accounts(conn: sa.Connection) -> list[DemoAccount]:
    """Create (or reset) the four demo log-ins; the caller commits."""
    employee = _pick_employee(conn)
    manager = conn.execute(
        sa.select(people.c.employee_id, people.c.name).where(
            people.c.employee_id == employee.manager_id
        )
    ).one()
    others = conn.execute(
        sa.select(people.c.employee_id, people.c.name)
        .where(people.c.employee_id.not_in([employee.employee_id, manager.employee_id]))
        .where(sa.func.coalesce(people.c.status, "active") != "exited")
        .order_by(people.c.employee_id)
        .limit(2)
    ).all()
    plan = [
        ("employee", Role.EMPLOYEE, employee, "their own profile, impact and packet"),
        ("manager", Role.MANAGER, manager, "their reporting chain, packets and teams"),
        ("hr", Role.PEOPLE, others[0], "everyone, the audit, imports and the access log"),
        ("admin", Role.ADMIN, others[1], "users and roles"),
    ]
    created = []
    for username, role, person, what in plan:
        existing = accounts.get_user_by_name(conn, username)
        if existing is None:
            accounts.create_user(conn, username, DEMO_PASSWORD, role, str(person.employee_id))
        else:
            accounts.update_user(
                conn, existing.id, role=role, employee_id=str(person.employee_id), is_active=True
            )
            accounts.set_password(conn, existing.id, DEMO_PASSWORD)
        created.append(DemoAccount(username, role, str(person.employee_id), person.name, what))
    return created


def demo_accounts_text(base_url: str, created: list[DemoAccount]) -> str:
    """What to print after the demo is built: where to go and how to log in."""
    lines = [f"Open {base_url} and log in (password for all: {DEMO_PASSWORD}):"]
    for a in created:
        who = f"{a.name} ({a.employee_id})" if a.name else a.employee_id
        lines.append(f"  {a.username:<9} {a.role.value:<9} as {who}: {a.what}")
    return "\n".join(lines)
