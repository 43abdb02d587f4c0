"""Reads and writes the services use: the whole organisation, one person, reporting chains."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy import Connection

from latticework.org.columns import TABLES
from latticework.org.dataset import OrgDataset
from latticework.storage.reading import read_table
from latticework.storage.tables import people

if TYPE_CHECKING:
    pass


def load_dataset(connection: Connection, as_of: date | None = None) -> OrgDataset:
    """The whole organisation as typed frames with canonical and derived columns."""
    frames = {name: read_table(connection, name) for name in TABLES}
    return OrgDataset(
        people=frames["people"],
        events=frames["events"],
        participation=frames["participation"],
        impact=frames["impact"],
        assessments=frames["assessments"],
        roles=frames["roles"],
        promotion_cycles=frames["promotion_cycles"],
        calibrations=frames["calibrations"],
        nominations=frames["nominations"],
        promotion_decisions=frames["promotion_decisions"],
        as_of=as_of or date.today(),
    )


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One person as stored: canonical columns plus derived pay and grade."""

    employee_id: str
    name: str | None
    email: str | None
    discipline: str
    track: str
    level: str
    path: str | None
    team: str | None
    manager_id: str | None
    zone: str | None
    country: str | None
    hire_date: date
    level_start_date: date | None
    base_salary: float
    currency: str
    pay_period: str | None
    fte: float | None
    variable_pay: float | None
    equity_annual: float | None
    performance_rating: float | None
    gender: str | None
    ethnicity: str | None
    status: str | None
    exit_date: date | None
    base_annual_fte: float
    total_annual_fte: float
    grade: str | None


def get_person(connection: Connection, employee_id: str) -> PersonRecord | None:
    """One person by employee id, or None."""
    row = (
        connection.execute(sa.select(people).where(people.c.employee_id == employee_id))
        .mappings()
        .one_or_none()
    )
    return None if row is None else PersonRecord(**row)


def direct_reports(connection: Connection, manager_id: str) -> list[str]:
    statement = (
        sa.select(people.c.employee_id)
        .where(people.c.manager_id == manager_id)
        .order_by(people.c.employee_id)
    )
    return list(connection.execute(statement).scalars())


# Cycles are rejected at import, but the depth cap keeps a hand-edited database from looping.
_MAX_DEPTH = 64


def reporting_chain_query(manager_id: str) -> sa.Select[tuple[str]]:
    """A query of the employee ids under a manager (maybe repeated, maybe the manager in a
    cycle), for use as a subquery where the chain is too long to pass as a list."""
    tree = (
        sa.select(people.c.employee_id, sa.literal(1).label("depth"))
        .where(people.c.manager_id == manager_id)
        .cte("tree", recursive=True)
    )
    tree = tree.union(
        sa.select(people.c.employee_id, (tree.c.depth + 1).label("depth"))
        .join(tree, people.c.manager_id == tree.c.employee_id)
        .where(tree.c.depth < _MAX_DEPTH)
    )
    return sa.select(tree.c.employee_id)


def reporting_chain(connection: Connection, manager_id: str) -> list[str]:
    """Everyone under a manager, directly or indirectly (not the manager), by employee id."""
    chain = reporting_chain_query(manager_id).subquery()
    statement = sa.select(chain.c.employee_id).distinct().order_by(chain.c.employee_id)
    return [e for e in connection.execute(statement).scalars() if e != manager_id]


def managers_above(connection: Connection, employee_id: str) -> list[str]:
    """The management chain above a person, nearest manager first."""
    chain: list[str] = []
    current = employee_id
    for _ in range(_MAX_DEPTH):
        manager = connection.execute(
            sa.select(people.c.manager_id).where(people.c.employee_id == current)
        ).scalar_one_or_none()
        if manager is None or manager in chain or manager == employee_id:
            break
        chain.append(manager)
        current = manager
    return chain


def is_in_reporting_chain(connection: Connection, manager_id: str, employee_id: str) -> bool:
    """Whether `employee_id` reports to `manager_id`, directly or indirectly."""
    return manager_id in managers_above(connection, employee_id)
