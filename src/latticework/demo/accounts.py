"""Log-ins for the demo organisation: one account per role, each linked to a real demo person,
so that `latticework demo` can be explored in the browser right away."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from latticework.accounts.model import Role
from latticework.services import accounts

if TYPE_CHECKING:
    from latticework.storage import UnitOfWork

DEMO_PASSWORD = "latticework-demo"


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    role: Role
    employee_id: str
    name: str | None
    what: str


def create_demo_accounts(uow: UnitOfWork) -> list[DemoAccount]:
    """Create (or reset) the four demo log-ins; the caller commits."""
    employee, manager, hr, admin = uow.people.demo_cast()
    plan = [
        ("employee", Role.EMPLOYEE, employee, "their own profile, impact and packet"),
        ("manager", Role.MANAGER, manager, "their reporting chain, packets and teams"),
        ("hr", Role.PEOPLE, hr, "everyone, the audit, imports and the access log"),
        ("admin", Role.ADMIN, admin, "users and roles"),
    ]
    created = []
    for username, role, (employee_id, name), what in plan:
        existing = accounts.get_user_by_name(uow, username)
        if existing is None:
            accounts.create_user(uow, username, DEMO_PASSWORD, role, employee_id)
        else:
            accounts.update_user(
                uow, existing.id, role=role, employee_id=employee_id, is_active=True
            )
            accounts.set_password(uow, existing.id, DEMO_PASSWORD)
        created.append(DemoAccount(username, role, employee_id, name, what))
    return created


def demo_accounts_text(base_url: str, created: list[DemoAccount]) -> str:
    """What to print after the demo is built: where to go and how to log in."""
    lines = [f"Open {base_url} and log in (password for all: {DEMO_PASSWORD}):"]
    for a in created:
        who = f"{a.name} ({a.employee_id})" if a.name else a.employee_id
        lines.append(f"  {a.username:<9} {a.role.value:<9} as {who}: {a.what}")
    return "\n".join(lines)
