"""A person's stored data, all of it: read for an export, or deleted for an erasure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from latticework.storage.tables import (
    ORGANISATION_TABLES,
    access_log,
    development_plans,
    people,
    plan_checkins,
    plan_items,
    users,
)


def _plain(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


class PersonDataRepository:
    def __init__(self, connection: sa.Connection) -> None:
        self._conn = connection

    def _rows(self, statement: sa.Select[Any]) -> list[dict[str, object]]:
        rows = self._conn.execute(statement).mappings()
        return [{k: _plain(v) for k, v in r.items()} for r in rows]

    def everything_about(self, employee_id: str) -> dict[str, object]:
        """Every stored row about one person, by table, as JSON-ready values."""
        tables: dict[str, object] = {}
        for name, table in ORGANISATION_TABLES.items():
            if "employee_id" not in table.c:
                continue  # promotion cycles are about no one in particular
            tables[name] = self._rows(sa.select(table).where(table.c.employee_id == employee_id))
        plan_ids = sa.select(development_plans.c.id).where(
            development_plans.c.employee_id == employee_id
        )
        tables["development_plans"] = self._rows(
            sa.select(development_plans).where(development_plans.c.employee_id == employee_id)
        )
        tables["plan_items"] = self._rows(
            sa.select(plan_items).where(plan_items.c.plan_id.in_(plan_ids))
        )
        tables["plan_checkins"] = self._rows(
            sa.select(plan_checkins).where(plan_checkins.c.plan_id.in_(plan_ids))
        )
        tables["accounts"] = self._rows(
            sa.select(users.c.username, users.c.role, users.c.created_at, users.c.is_active).where(
                users.c.employee_id == employee_id
            )
        )
        tables["reads_of_their_data"] = self._rows(
            sa.select(
                access_log.c.at, access_log.c.username, access_log.c.action, access_log.c.fields
            )
            .where(access_log.c.subject_employee_id == employee_id)
            .order_by(access_log.c.id)
        )
        return tables

    def erase(self, employee_id: str, manager_id: str | None) -> int:
        """Delete the person and everything hanging off them; their reports move up to
        `manager_id`. Returns how many reports moved."""
        conn = self._conn
        moved = conn.execute(
            people.update().where(people.c.manager_id == employee_id).values(manager_id=manager_id)
        ).rowcount
        # Dependent rows go with the person (foreign keys cascade); explicit deletes keep the
        # erasure complete on a database that does not enforce them.
        plan_ids = sa.select(development_plans.c.id).where(
            development_plans.c.employee_id == employee_id
        )
        conn.execute(plan_checkins.delete().where(plan_checkins.c.plan_id.in_(plan_ids)))
        conn.execute(plan_items.delete().where(plan_items.c.plan_id.in_(plan_ids)))
        conn.execute(
            development_plans.delete().where(development_plans.c.employee_id == employee_id)
        )
        for name, table in ORGANISATION_TABLES.items():
            if name != "people" and "employee_id" in table.c:
                conn.execute(table.delete().where(table.c.employee_id == employee_id))
        conn.execute(
            users.update()
            .where(users.c.employee_id == employee_id)
            .values(employee_id=None, is_active=False)
        )
        conn.execute(people.delete().where(people.c.employee_id == employee_id))
        return int(moved)
