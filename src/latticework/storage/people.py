"""People as stored: one person, reporting chains, and the lists pages show.

`PeopleRepository` answers every question about people the services ask;
`Visibility` is how a service says whose rows a list may hold (the rule of who
may see whom lives in `services.access`, the query here).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from latticework.errors import LatticeworkError, Location, Problem
from latticework.storage.tables import assessments, events, people, roles

# Cycles are rejected at import, but the depth cap keeps a hand-edited database from looping.
_MAX_DEPTH = 64


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
    legal_entity: str | None = None
    hours_per_week: float | None = None
    allowances: float | None = None
    benefits_in_kind: float | None = None


@dataclass(frozen=True, slots=True)
class Visibility:
    """Whose rows a list may hold: everyone, a manager's chain and themselves, or one person."""

    everyone: bool = False
    manager_id: str | None = None
    self_id: str | None = None


@dataclass(frozen=True, slots=True)
class PersonListRow:
    employee_id: str
    name: str | None
    level: str
    grade: str | None
    track: str
    path: str | None
    team: str | None
    discipline: str | None = None
    status: str | None = None
    exit_date: date | None = None


@dataclass(frozen=True, slots=True)
class PeopleFilter:
    """What the people list is narrowed to; None (or empty text) is no filter."""

    text: str = ""
    discipline: str | None = None
    track: str | None = None
    grade: str | None = None
    team: str | None = None
    status: str | None = None
    """'active' (no status counts as active) or 'exited'."""


@dataclass(frozen=True, slots=True)
class TeamSize:
    team: str
    size: int


@dataclass(frozen=True, slots=True)
class EventRow:
    date: date
    type: str
    from_level: str | None
    to_level: str | None
    from_path: str | None
    to_path: str | None
    from_track: str | None
    to_track: str | None


@dataclass(frozen=True, slots=True)
class RatingRow:
    employee_id: str
    cycle: str
    competency: str
    rater: str
    rating: int
    evidence: str | None


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


def chain_and_self(manager_id: str) -> sa.Select[tuple[str]]:
    """A subquery of the manager and everyone under them, for `IN (...)` filters.

    A query rather than a list of ids: a senior manager's chain can hold tens of
    thousands of people, more than a statement may carry as parameters.
    """
    chain: sa.CompoundSelect[tuple[str]] = sa.union(
        reporting_chain_query(manager_id), sa.select(sa.literal(manager_id))
    )
    return sa.select(chain.subquery().c[0])


_ACTIVE = sa.func.coalesce(people.c.status, "active") != "exited"


def _visible(visibility: Visibility) -> sa.ColumnElement[bool]:
    if visibility.everyone:
        return sa.true()
    if visibility.manager_id is not None:
        return people.c.employee_id.in_(chain_and_self(visibility.manager_id))
    return people.c.employee_id == visibility.self_id


class PeopleRepository:
    def __init__(self, connection: sa.Connection) -> None:
        self._conn = connection

    def get(self, employee_id: str) -> PersonRecord | None:
        """One person by employee id, or None."""
        row = (
            self._conn.execute(sa.select(people).where(people.c.employee_id == employee_id))
            .mappings()
            .one_or_none()
        )
        return None if row is None else PersonRecord(**row)

    def exists(self, employee_id: str) -> bool:
        found = self._conn.execute(
            sa.select(people.c.employee_id).where(people.c.employee_id == employee_id)
        ).first()
        return found is not None

    def require(self, employee_id: str) -> None:
        """Raise a located error when no person has this employee id."""
        if not self.exists(employee_id):
            raise LatticeworkError(
                Problem(
                    f"No person with employee_id '{employee_id}'.",
                    Location(field="employee_id"),
                    "Import the person first, or correct the id.",
                    "unknown-employee",
                )
            )

    def name_of(self, employee_id: str) -> str | None:
        value = self._conn.execute(
            sa.select(people.c.name).where(people.c.employee_id == employee_id)
        ).scalar()
        return None if value is None else str(value)

    def manager_of(self, employee_id: str) -> tuple[bool, str | None]:
        """(whether the person exists, their manager's id)."""
        row = self._conn.execute(
            sa.select(people.c.manager_id).where(people.c.employee_id == employee_id)
        ).first()
        return (False, None) if row is None else (True, row.manager_id)

    def direct_reports(self, manager_id: str) -> list[str]:
        statement = (
            sa.select(people.c.employee_id)
            .where(people.c.manager_id == manager_id)
            .order_by(people.c.employee_id)
        )
        return list(self._conn.execute(statement).scalars())

    def reporting_chain(self, manager_id: str) -> list[str]:
        """Everyone under a manager, directly or indirectly (not the manager), by employee id."""
        chain = reporting_chain_query(manager_id).subquery()
        statement = sa.select(chain.c.employee_id).distinct().order_by(chain.c.employee_id)
        return [e for e in self._conn.execute(statement).scalars() if e != manager_id]

    def managers_above(self, employee_id: str) -> list[str]:
        """The management chain above a person, nearest manager first."""
        chain: list[str] = []
        current = employee_id
        for _ in range(_MAX_DEPTH):
            manager = self._conn.execute(
                sa.select(people.c.manager_id).where(people.c.employee_id == current)
            ).scalar_one_or_none()
            if manager is None or manager in chain or manager == employee_id:
                break
            chain.append(manager)
            current = manager
        return chain

    def is_in_reporting_chain(self, manager_id: str, employee_id: str) -> bool:
        """Whether `employee_id` reports to `manager_id`, directly or indirectly."""
        return manager_id in self.managers_above(employee_id)

    def team_member_ids(self, team: str) -> list[str]:
        statement = sa.select(people.c.employee_id).where(people.c.team == team)
        return [str(e) for e in self._conn.execute(statement).scalars().all()]

    def active_team_members(self, team: str) -> list[dict[str, object]]:
        """The team's active members as canonical rows (for `growth.person_data`)."""
        return self.active_members_of_teams([team])

    def active_members_of_teams(self, teams: list[str]) -> list[dict[str, object]]:
        """The active members of these teams as canonical rows, by name."""
        statement = (
            sa.select(people)
            .where(people.c.team.in_(teams), _ACTIVE)
            .order_by(people.c.name, people.c.employee_id)
        )
        return [dict(r) for r in self._conn.execute(statement).mappings().all()]

    def leadership_roles(self, employee_id: str) -> list[str]:
        rows = self._conn.execute(sa.select(roles.c.role).where(roles.c.employee_id == employee_id))
        return [str(r) for r in rows.scalars()]

    def events_of(self, employee_id: str) -> list[EventRow]:
        """A person's events, newest first."""
        rows = self._conn.execute(
            sa.select(events)
            .where(events.c.employee_id == employee_id)
            .order_by(events.c.date.desc())
        ).mappings()
        return [
            EventRow(
                r["date"],
                r["type"],
                r["from_level"],
                r["to_level"],
                r["from_path"],
                r["to_path"],
                r["from_track"],
                r["to_track"],
            )
            for r in rows
        ]

    def latest_ratings(self, employee_id: str) -> list[RatingRow]:
        """The person's ratings of their most recent cycle."""
        latest = (
            sa.select(sa.func.max(assessments.c.cycle))
            .where(assessments.c.employee_id == employee_id)
            .scalar_subquery()
        )
        rows = self._conn.execute(
            sa.select(assessments)
            .where(assessments.c.employee_id == employee_id, assessments.c.cycle == latest)
            .order_by(assessments.c.competency, assessments.c.rater)
        ).mappings()
        return [
            RatingRow(
                r["employee_id"],
                r["cycle"],
                r["competency"],
                r["rater"],
                int(r["rating"]),
                r["evidence"],
            )
            for r in rows
        ]

    def manager_ratings_of(self, employee_ids: list[str]) -> list[RatingRow]:
        """Every manager rating of these people."""
        rows = self._conn.execute(
            sa.select(
                assessments.c.employee_id,
                assessments.c.competency,
                assessments.c.rating,
                assessments.c.cycle,
            ).where(
                assessments.c.rater == "manager",
                assessments.c.employee_id.in_(employee_ids),
            )
        )
        return [
            RatingRow(str(e), str(cycle), str(c), "manager", int(r), None)
            for e, c, r, cycle in rows
        ]

    def search(self, visibility: Visibility, text: str, limit: int) -> list[PersonListRow]:
        """People visible under `visibility` whose name, id or team contains `text`."""
        statement = sa.select(
            people.c.employee_id,
            people.c.name,
            people.c.level,
            people.c.grade,
            people.c.track,
            people.c.path,
            people.c.team,
        )
        if not visibility.everyone:
            if visibility.manager_id is not None:
                scope = chain_and_self(visibility.manager_id)
                statement = statement.where(people.c.employee_id.in_(scope))
            else:
                statement = statement.where(people.c.employee_id == visibility.self_id)
        if text:
            pattern = f"%{text.lower()}%"
            statement = statement.where(
                sa.or_(
                    sa.func.lower(people.c.name).like(pattern),
                    sa.func.lower(people.c.employee_id).like(pattern),
                    sa.func.lower(people.c.team).like(pattern),
                )
            )
        rows = self._conn.execute(
            statement.order_by(people.c.name, people.c.employee_id).limit(limit)
        ).mappings()
        return [PersonListRow(**r) for r in rows]

    def list_page(
        self, visibility: Visibility, filters: PeopleFilter, offset: int, limit: int
    ) -> tuple[list[PersonListRow], int]:
        """One page of the people visible under `visibility` that match `filters`, by name,
        and how many match in all (for the pager)."""
        where = [_visible(visibility)]
        if filters.text:
            pattern = f"%{filters.text.lower()}%"
            where.append(
                sa.or_(
                    sa.func.lower(people.c.name).like(pattern),
                    sa.func.lower(people.c.employee_id).like(pattern),
                    sa.func.lower(people.c.team).like(pattern),
                )
            )
        for column in ("discipline", "track", "grade", "team"):
            value = getattr(filters, column)
            if value:
                where.append(people.c[column] == value)
        if filters.status == "exited":
            where.append(sa.not_(_ACTIVE))
        elif filters.status == "active":
            where.append(_ACTIVE)
        condition = sa.and_(*where)
        total = self._conn.execute(
            sa.select(sa.func.count()).select_from(people).where(condition)
        ).scalar_one()
        statement = (
            sa.select(
                people.c.employee_id, people.c.name, people.c.level, people.c.grade,
                people.c.track, people.c.path, people.c.team, people.c.discipline,
                people.c.status, people.c.exit_date,
            )
            .where(condition)
            .order_by(people.c.name, people.c.employee_id)
            .offset(offset)
            .limit(limit)
        )  # fmt: skip
        rows = self._conn.execute(statement).mappings()
        return [PersonListRow(**r) for r in rows], int(total)

    def teams(self, visibility: Visibility, text: str, limit: int) -> list[TeamSize]:
        """Teams with someone visible under `visibility` (name containing `text`), with their
        active headcount."""
        statement = (
            sa.select(people.c.team, sa.func.count())
            .where(people.c.team.is_not(None), _ACTIVE)
            .group_by(people.c.team)
            .order_by(people.c.team)
        )
        if not visibility.everyone:
            if visibility.manager_id is not None:
                chain = chain_and_self(visibility.manager_id)
                teams = sa.select(people.c.team).where(people.c.employee_id.in_(chain)).distinct()
                statement = statement.where(people.c.team.in_(teams.scalar_subquery()))
            else:
                own = sa.select(people.c.team).where(people.c.employee_id == visibility.self_id)
                statement = statement.where(people.c.team == own.scalar_subquery())
        if text:
            statement = statement.where(sa.func.lower(people.c.team).like(f"%{text.lower()}%"))
        return [TeamSize(str(t), int(n)) for t, n in self._conn.execute(statement.limit(limit))]

    def demo_cast(self) -> list[tuple[str, str | None]]:
        """(employee id, name) of four people for the demo log-ins: an active IC with a
        manager and impact recorded, that manager, and two other active people."""
        from latticework.storage.tables import impact

        with_impact = sa.select(impact.c.employee_id).distinct().scalar_subquery()
        who = (people.c.employee_id, people.c.name, people.c.manager_id)
        # A mid-level IC: someone with a next level, so the packet and readiness have a
        # promotion to show (the top grade has none), in the first discipline by id.
        candidates = self._conn.execute(
            sa.select(*who, people.c.discipline, people.c.grade)
            .where(
                _ACTIVE,
                people.c.track == "ic",
                people.c.manager_id.is_not(None),
                people.c.employee_id.in_(with_impact),
            )
            .order_by(people.c.discipline, people.c.employee_id)
            .limit(2000)
        ).all()
        row: Any = None
        if candidates:
            first = [c for c in candidates if c.discipline == candidates[0].discipline]
            grades = sorted({str(c.grade) for c in first}, key=lambda g: (len(g), g))
            middle = grades[(len(grades) - 1) // 2]
            row = next(c for c in first if str(c.grade) == middle)
        if row is None:
            row = self._conn.execute(
                sa.select(*who).where(_ACTIVE, people.c.manager_id.is_not(None)).limit(1)
            ).first()
        if row is None:
            raise LatticeworkError("The demo organisation has nobody with a manager.")
        manager = self._conn.execute(
            sa.select(people.c.employee_id, people.c.name).where(
                people.c.employee_id == row.manager_id
            )
        ).one()
        others = self._conn.execute(
            sa.select(people.c.employee_id, people.c.name)
            .where(people.c.employee_id.not_in([row.employee_id, manager.employee_id]))
            .where(_ACTIVE)
            .order_by(people.c.employee_id)
            .limit(2)
        ).all()
        cast = [row, manager, *others]
        return [(str(p.employee_id), p.name) for p in cast]
