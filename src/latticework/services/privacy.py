"""A person's data exported or erased (the GDPR rights of access and erasure).

Export: everything stored about the person, for them (self) or HR. Erasure (HR
only): the person's rows and everything hanging off them; people who reported
to them move up to their manager so the reporting chain stays whole; the access
log keeps the fact that the erasure happened.
"""

from __future__ import annotations

import datetime as dt
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
    """Delete a person and their records (HR only); returns how many reports moved up."""
    if user.role is not Role.PEOPLE:
        raise denied("erase a person")
    exists, manager_id = uow.people.manager_of(employee_id)
    if not exists:
        raise not_found("person", employee_id)
    moved = uow.person_data.erase(employee_id, manager_id)
    entry = AccessEntry(
        dt.datetime.now(dt.UTC), user.id, user.username, "person.erase", employee_id, "all"
    )
    uow.access_log.add([entry])
    return moved
