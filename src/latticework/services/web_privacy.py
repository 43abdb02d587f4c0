"""A person's data exported or erased (GDPR rights of access and erasure, DESIGN §8).

Export: everything stored about the person, for them (self) or HR. Erasure (HR
only): the person's rows and everything hanging off them; people who reported
to them move up to their manager so the reporting chain stays whole; the access
log keeps the fact that the erasure happened.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from latticework.services import accounts
from latticework.services.accounts import Role, User
from latticework.services.web_access import Relation, denied, not_found, person_access
from latticework.storage.tables import (
    ORGANISATION_TABLES,
    access_log,
    development_plans,
    people,
    plan_items,
    users,
)

EXPORT_FORMAT_VERSION = 1


def _plain(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _rows(conn: sa.Connection, statement: sa.Select[Any]) -> list[dict[str, object]]:
    return [{k: _plain(v) for k, v in r.items()} for r in conn.execute(statement).mappings()]


def export_person(conn: sa.Connection, user: User, employee_id: str) -> dict[str, object]:
    """Every stored record about one person, as JSON-ready data (recorded in the access log)."""
    access = person_access(conn, user, employee_id)
    if access.relation not in (Relation.SELF, Relation.HR):
        raise denied("export this person's data")
    if (
        conn.execute(
            sa.select(people.c.employee_id).where(people.c.employee_id == employee_id)
        ).first()
        is None
    ):
        raise not_found("person", employee_id)
    tables: dict[str, object] = {}
    for name, table in ORGANISATION_TABLES.items():
        if "employee_id" not in table.c:
            continue  # promotion cycles are about no one in particular
        tables[name] = _rows(conn, sa.select(table).where(table.c.employee_id == employee_id))
    plan_ids = sa.select(development_plans.c.id).where(
        development_plans.c.employee_id == employee_id
    )
    tables["development_plans"] = _rows(
        conn, sa.select(development_plans).where(development_plans.c.employee_id == employee_id)
    )
    tables["plan_items"] = _rows(
        conn, sa.select(plan_items).where(plan_items.c.plan_id.in_(plan_ids))
    )
    tables["accounts"] = _rows(
        conn,
        sa.select(users.c.username, users.c.role, users.c.created_at, users.c.is_active).where(
            users.c.employee_id == employee_id
        ),
    )
    tables["reads_of_their_data"] = _rows(
        conn,
        sa.select(access_log.c.at, access_log.c.username, access_log.c.action, access_log.c.fields)
        .where(access_log.c.subject_employee_id == employee_id)
        .order_by(access_log.c.id),
    )
    accounts.record_access(conn, user, "person.export", [employee_id], ["pay", "protected"])
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "employee_id": employee_id,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "tables": tables,
    }


def erase_person(conn: sa.Connection, user: User, employee_id: str) -> int:
    """Delete a person and their records (HR only); returns how many reports moved up."""
    if user.role is not Role.PEOPLE:
        raise denied("erase a person")
    row = conn.execute(
        sa.select(people.c.manager_id).where(people.c.employee_id == employee_id)
    ).first()
    if row is None:
        raise not_found("person", employee_id)
    moved = conn.execute(
        people.update().where(people.c.manager_id == employee_id).values(manager_id=row.manager_id)
    ).rowcount
    # Dependent rows go with the person (foreign keys cascade); explicit deletes keep the
    # erasure complete on a database that does not enforce them.
    plan_ids = sa.select(development_plans.c.id).where(
        development_plans.c.employee_id == employee_id
    )
    conn.execute(plan_items.delete().where(plan_items.c.plan_id.in_(plan_ids)))
    conn.execute(development_plans.delete().where(development_plans.c.employee_id == employee_id))
    for name, table in ORGANISATION_TABLES.items():
        if name != "people" and "employee_id" in table.c:
            conn.execute(table.delete().where(table.c.employee_id == employee_id))
    conn.execute(
        users.update()
        .where(users.c.employee_id == employee_id)
        .values(employee_id=None, is_active=False)
    )
    conn.execute(people.delete().where(people.c.employee_id == employee_id))
    conn.execute(
        access_log.insert().values(
            at=dt.datetime.now(dt.UTC),
            user_id=user.id,
            username=user.username,
            action="person.erase",
            subject_employee_id=employee_id,
            fields="all",
        )
    )
    return int(moved)
