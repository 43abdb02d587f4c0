"""A person's data exported or erased (the GDPR rights of access and erasure).

Export: everything stored about the person, for them (self) or HR. Erasure (HR
only): the person's rows and everything hanging off them; people who reported
to them move up to their manager so the reporting chain stays whole; the access
log keeps the fact that the erasure happened, under a pseudonym.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from latticework.accounts.model import AccessEntry, Role, User
from latticework.services import accounts
from latticework.services.access import denied, not_found, require_self_or_hr

if TYPE_CHECKING:
    from latticework.storage import UnitOfWork

EXPORT_FORMAT_VERSION = 1


def export_person(uow: UnitOfWork, user: User, employee_id: str) -> dict[str, object]:
    """Every stored record about one person, as JSON-ready data (recorded in the access log)."""
    require_self_or_hr(uow, user, employee_id, "export this person's data")
    if not uow.people.exists(employee_id):
        raise not_found("person", employee_id)
    tables = uow.person_data.everything_about(employee_id)
    accounts.record_access(uow, user, "person.export", [employee_id], ["pay", "protected"])
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "employee_id": employee_id,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "tables": tables,
    }


def erase_person(uow: UnitOfWork, user: User, employee_id: str) -> int:
    """Delete a person, their records and their accounts (HR only); returns how many
    reports moved up.

    The access log keeps every row, and one saying that the erasure happened, under a
    random pseudonym instead of the id and the accounts' user names: the trail of who
    read what stays whole without naming the person. The entry point commits and then
    calls `uow.person_data.checkpoint_after_erase()`.
    """
    if user.role is not Role.PEOPLE:
        raise denied("erase a person")
    exists, manager_id = uow.people.manager_of(employee_id)
    if not exists:
        raise not_found("person", employee_id)
    pseudonym = "erased-" + secrets.token_hex(6)
    moved = uow.person_data.erase(employee_id, manager_id, pseudonym)
    entry = AccessEntry(
        dt.datetime.now(dt.UTC), user.id, user.username, "person.erase", pseudonym, "all"
    )
    uow.access_log.add([entry])
    return moved
