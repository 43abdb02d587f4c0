"""Reads the growth services need without loading the whole organisation.

A person's packet, plan or moves need only that person's rows; team
composition needs people's placement and the manager ratings of a few
competencies. Both are indexed look-ups rather than full-table reads, so the
person commands stay fast at 100,000 people.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection

from latticework.org.dataset import OrgDataset
from latticework.storage.frames import frame_columns, typed_frame
from latticework.storage.tables import ORGANISATION_TABLES

if TYPE_CHECKING:
    import pandas as pd

_PERSON_TABLES = ("events", "participation", "impact", "assessments", "roles")


def _frame(
    connection: Connection, table: str, statement: sa.Select[tuple[object, ...]]
) -> pd.DataFrame:
    import pandas as pd

    columns = frame_columns(table)
    rows = connection.execute(statement).mappings().all()
    return typed_frame(table, pd.DataFrame(list(rows), columns=columns))


def person_dataset(
    connection: Connection, employee_id: str, as_of: date | None = None
) -> OrgDataset | None:
    """One person's rows of every organisation table, or None when there is no such person."""
    people = ORGANISATION_TABLES["people"]
    person = _frame(
        connection, "people", sa.select(people).where(people.c.employee_id == employee_id)
    )
    if person.empty:
        return None
    frames = {}
    for name in _PERSON_TABLES:
        table = ORGANISATION_TABLES[name]
        statement = sa.select(table).where(table.c.employee_id == employee_id)
        frames[name] = _frame(connection, name, statement)
    return OrgDataset(
        people=person,
        events=frames["events"],
        participation=frames["participation"],
        impact=frames["impact"],
        assessments=frames["assessments"],
        roles=frames["roles"],
        as_of=as_of or date.today(),
    )


_PLACEMENT_COLUMNS = ("employee_id", "discipline", "track", "level", "path", "team")
_RATING_COLUMNS = ("employee_id", "competency", "rating", "cycle")


def _narrow(
    connection: Connection, statement: sa.Select[Any], names: Sequence[str]
) -> pd.DataFrame:
    """Only some columns, as plain tuples: the wide typed frame is not needed here."""
    import pandas as pd

    rows = connection.execute(statement).all()
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
    return pd.DataFrame({name: list(values) for name, values in zip(names, columns, strict=True)})


def team_people(connection: Connection, team: str | None = None) -> pd.DataFrame:
    """Active people with a team (or in one team): employee_id, discipline, track, level,
    path and team."""
    people = ORGANISATION_TABLES["people"]
    statement = sa.select(*(people.c[n] for n in _PLACEMENT_COLUMNS)).where(
        people.c.team.is_not(None), sa.func.coalesce(people.c.status, "active") != "exited"
    )
    if team is not None:
        statement = statement.where(people.c.team == team)
    return _narrow(connection, statement, _PLACEMENT_COLUMNS)


def team_names(connection: Connection) -> list[str]:
    people = ORGANISATION_TABLES["people"]
    statement = sa.select(people.c.team).where(people.c.team.is_not(None)).distinct()
    return sorted(str(t) for t in connection.execute(statement).scalars())


def manager_ratings(
    connection: Connection, competencies: Sequence[str], team: str | None = None
) -> pd.DataFrame:
    """Manager ratings of the given competencies (of one team's people, when given):
    employee_id, competency, rating and cycle."""
    assessments = ORGANISATION_TABLES["assessments"]
    statement = sa.select(*(assessments.c[n] for n in _RATING_COLUMNS)).where(
        assessments.c.rater == "manager", assessments.c.competency.in_(list(competencies))
    )
    if team is not None:
        people = ORGANISATION_TABLES["people"]
        members = sa.select(people.c.employee_id).where(people.c.team == team)
        statement = statement.where(assessments.c.employee_id.in_(members))
    return _narrow(connection, statement, _RATING_COLUMNS)
