"""The organisation as data frames: whole tables for the audit and exports, one person's or
one team's rows for growth, and the bulk writes of an import."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa

from latticework.org.columns import TABLES
from latticework.org.dataset import OrgDataset
from latticework.storage import growth_reads, reading
from latticework.storage.bulk import UpsertCount, upsert_frame
from latticework.storage.frames import typed_frame
from latticework.storage.tables import ORGANISATION_TABLES

if TYPE_CHECKING:
    import pandas as pd


class OrganisationRepository:
    def __init__(self, connection: sa.Connection) -> None:
        self._conn = connection

    def load(self, as_of: date | None = None) -> OrgDataset:
        """The whole organisation as typed frames with canonical and derived columns."""
        return load_dataset(self._conn, as_of)

    def table(
        self,
        table: str,
        *,
        columns: Sequence[str] | None = None,
        only: tuple[str, Sequence[str]] | None = None,
        between: tuple[str, date, date] | None = None,
    ) -> pd.DataFrame:
        """One table as a typed frame (only some columns, or rows, when asked)."""
        return reading.read_table(self._conn, table, columns=columns, only=only, between=between)

    def columns(self, table: str, columns: list[str]) -> pd.DataFrame:
        return reading.read_columns(self._conn, table, columns)

    def count(self, table: str) -> int:
        return reading.count_rows(self._conn, table)

    def person(self, employee_id: str, as_of: date | None = None) -> OrgDataset | None:
        """One person's rows of every table, or None when there is no such person."""
        return growth_reads.person_dataset(self._conn, employee_id, as_of)

    def team_people(self, team: str | None = None) -> pd.DataFrame:
        return growth_reads.team_people(self._conn, team)

    def team_names(self) -> list[str]:
        return growth_reads.team_names(self._conn)

    def manager_ratings(self, competencies: Sequence[str], team: str | None = None) -> pd.DataFrame:
        return growth_reads.manager_ratings(self._conn, competencies, team)

    def upsert(self, table: str, frame: pd.DataFrame) -> UpsertCount:
        """Insert new and update changed rows of a canonical table (typed first)."""
        return upsert_frame(self._conn, ORGANISATION_TABLES[table], typed_frame(table, frame))

    def clear(self) -> None:
        """Delete every organisation row, dependent tables first."""
        for name in reversed(list(TABLES)):
            self._conn.execute(ORGANISATION_TABLES[name].delete())


def load_dataset(connection: sa.Connection, as_of: date | None = None) -> OrgDataset:
    """The whole organisation as typed frames with canonical and derived columns."""
    frames = {name: reading.read_table(connection, name) for name in TABLES}
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
