"""The access log as stored: who read pay or protected attributes of whom, and when.

Rows keep usernames and subject ids as plain values (no foreign keys), so the
log outlives the users and people it mentions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

import sqlalchemy as sa

from latticework.accounts.model import AccessEntry, AccessRecord
from latticework.storage.accounts import aware
from latticework.storage.tables import access_log


class AccessLogRepository:
    def __init__(self, connection: sa.Connection) -> None:
        self._conn = connection

    def add(self, entries: Sequence[AccessEntry]) -> None:
        if entries:
            self._conn.execute(access_log.insert(), [asdict(e) for e in entries])

    def add_without_waiting(self, entries: Sequence[AccessEntry]) -> bool:
        """Add and commit `entries` if that needs no wait for SQLite's write lock.

        False (and nothing written, the transaction rolled back) when another
        writer holds the lock; PostgreSQL has no database-wide lock, so there the
        rows are always written.
        """
        conn = self._conn
        if conn.dialect.name != "sqlite":
            self.add(entries)
            conn.commit()
            return True
        driver = conn.connection.driver_connection
        assert driver is not None
        (busy_timeout,) = driver.execute("PRAGMA busy_timeout").fetchone()
        driver.execute("PRAGMA busy_timeout = 0")
        try:
            self.add(entries)
            conn.commit()
        except sa.exc.OperationalError as exc:
            if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
                raise
            conn.rollback()
            return False
        finally:
            driver.execute(f"PRAGMA busy_timeout = {int(busy_timeout)}")
        return True

    def recent(
        self, *, subject_employee_id: str | None = None, limit: int = 200
    ) -> list[AccessRecord]:
        """The most recent reads, newest first (of one person's data, when given)."""
        query = sa.select(access_log).order_by(access_log.c.id.desc()).limit(limit)
        if subject_employee_id:
            query = query.where(access_log.c.subject_employee_id == subject_employee_id)
        return [
            AccessRecord(
                at=aware(r.at),
                username=r.username,
                action=str(r.action),
                subject_employee_id=r.subject_employee_id,
                fields=tuple(f for f in (r.fields or "").split(",") if f),
                detail=r.detail,
            )
            for r in self._conn.execute(query)
        ]
