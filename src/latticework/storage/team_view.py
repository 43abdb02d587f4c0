"""Reads for the manager's team view: the people under a manager and their records."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy import Connection

from latticework.growth.team_view import TeamRecords
from latticework.org.dataset import OrgDataset
from latticework.storage.people import PeopleRepository
from latticework.storage.reading import read_table
from latticework.storage.tables import development_plans, plan_items

if TYPE_CHECKING:
    from datetime import date


class TeamViewRepository:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def records(self, manager_id: str, as_of: date) -> TeamRecords:
        """Everyone under `manager_id` who has not left, with the records the view shows."""
        return _team_records(self._conn, manager_id, as_of)


def _team_records(connection: Connection, manager_id: str, as_of: date) -> TeamRecords:
    chain = PeopleRepository(connection)
    ids = chain.reporting_chain(manager_id)
    people = read_table(connection, "people", only=("employee_id", ids))
    people = people[people["status"].fillna("active") != "exited"]
    ids = list(people["employee_id"])
    frames = {
        name: read_table(connection, name, only=("employee_id", ids))
        for name in ("assessments", "nominations", "promotion_decisions")
    }
    return TeamRecords(
        org=OrgDataset(
            people=people,
            assessments=frames["assessments"],
            nominations=frames["nominations"],
            promotion_decisions=frames["promotion_decisions"],
            as_of=as_of,
        ),
        direct=frozenset(chain.direct_reports(manager_id)),
        plans=_plans(connection, ids),
    )


def _plans(connection: Connection, ids: list[str]) -> dict[str, tuple[str, int, int]]:
    if not ids:
        return {}
    done = sa.func.sum(sa.case((plan_items.c.status == "done", 1), else_=0))
    statement = (
        sa.select(
            development_plans.c.employee_id,
            development_plans.c.status,
            development_plans.c.id,
            done.label("done"),
            sa.func.count(plan_items.c.id).label("items"),
        )
        .join(plan_items, plan_items.c.plan_id == development_plans.c.id, isouter=True)
        .where(development_plans.c.employee_id.in_(ids))
        .group_by(
            development_plans.c.employee_id, development_plans.c.status, development_plans.c.id
        )
        .order_by(development_plans.c.id)
    )
    latest: dict[str, tuple[str, int, int]] = {}
    for row in connection.execute(statement):
        latest[str(row.employee_id)] = (str(row.status), int(row.done or 0), int(row.items))
    return latest
