"""Stored audit runs: the report JSON with when, by whom and with which options it ran."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from latticework.storage.tables import audit_runs


@dataclass(frozen=True, slots=True)
class StoredAuditRun:
    id: int
    started_at: datetime
    finished_at: datetime
    user: str | None
    options: str
    """The options asked for, as JSON."""
    report: str
    """The audit report, as the versioned JSON of docs/audit-json-schema.md."""
    schema_version: int


class AuditRunRepository:
    def __init__(self, connection: sa.Connection) -> None:
        self._conn = connection

    def add(
        self,
        *,
        started_at: datetime,
        finished_at: datetime,
        user: str | None,
        options: str,
        report: str,
        schema_version: int,
    ) -> int:
        """Store one run; returns its id."""
        result = self._conn.execute(
            audit_runs.insert().values(
                started_at=started_at,
                finished_at=finished_at,
                user=user,
                options=options,
                report=report,
                schema_version=schema_version,
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def latest(self, schema_version: int | None = None) -> StoredAuditRun | None:
        """The run that finished last (of this report schema version, when given)."""
        statement = sa.select(audit_runs)
        if schema_version is not None:
            statement = statement.where(audit_runs.c.schema_version == schema_version)
        row = (
            self._conn.execute(
                statement.order_by(audit_runs.c.finished_at.desc(), audit_runs.c.id.desc())
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        return StoredAuditRun(
            id=int(row["id"]),
            started_at=_aware(row["started_at"]),
            finished_at=_aware(row["finished_at"]),
            user=row["user"],
            options=row["options"],
            report=row["report"],
            schema_version=int(row["schema_version"]),
        )


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; every time stored here is UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
