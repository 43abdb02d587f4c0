"""The audit job queue: a row per run asked for, claimed by one worker under a lease.

A worker claims the oldest job that is queued, or running under a lease that
has run out (its worker died), with `SELECT … FOR UPDATE SKIP LOCKED` on
PostgreSQL so that workers in several processes never wait for or take the
same row. Every later write names the worker and only succeeds while the job
is still that worker's (a compare-and-set), so a worker that lost its lease
cannot overwrite the one that took over; on SQLite, which locks the whole
database for a write and ignores `FOR UPDATE`, the same guarded update is what
keeps two processes from taking one job. The lease times are the app's clock
(UTC); the policy (how long a lease lasts, how many attempts) is the caller's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from latticework.storage.tables import audit_jobs

QUEUED = "queued"
RUNNING = "running"
DONE = "done"
FAILED = "failed"


@dataclass(frozen=True, slots=True)
class StoredAuditJob:
    id: int
    status: str
    requested_by: str | None
    requested_at: datetime
    options: str
    """The options asked for, as JSON."""
    attempts: int
    worker: str | None
    lease_until: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    progress: int
    step: str | None
    run_id: int | None
    error: str | None


class AuditJobRepository:
    def __init__(self, connection: sa.Connection) -> None:
        self._conn = connection

    def add(self, *, requested_by: str | None, requested_at: datetime, options: str) -> int:
        """Queue one job; returns its id."""
        result = self._conn.execute(
            audit_jobs.insert().values(
                status=QUEUED,
                requested_by=requested_by,
                requested_at=requested_at,
                options=options,
                attempts=0,
                progress=0,
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def get(self, job_id: int) -> StoredAuditJob | None:
        row = (
            self._conn.execute(sa.select(audit_jobs).where(audit_jobs.c.id == job_id))
            .mappings()
            .first()
        )
        return None if row is None else _stored(row)

    def recent(self, limit: int = 5) -> list[StoredAuditJob]:
        """The newest jobs first."""
        statement = sa.select(audit_jobs).order_by(audit_jobs.c.id.desc()).limit(limit)
        return [_stored(row) for row in self._conn.execute(statement).mappings()]

    def fail_abandoned(self, *, now: datetime, max_attempts: int, reason: str) -> list[int]:
        """Mark failed the running jobs whose lease ran out after `max_attempts` claims
        (they are not tried again); returns their ids."""
        abandoned = sa.and_(
            audit_jobs.c.status == RUNNING,
            audit_jobs.c.lease_until < now,
            audit_jobs.c.attempts >= max_attempts,
        )
        ids = [int(i) for i in self._conn.scalars(sa.select(audit_jobs.c.id).where(abandoned))]
        if ids:
            self._conn.execute(
                audit_jobs.update()
                .where(audit_jobs.c.id.in_(ids), abandoned)
                .values(status=FAILED, finished_at=now, error=reason, lease_until=None)
            )
        return ids

    def claim(self, *, worker: str, now: datetime, lease_until: datetime) -> StoredAuditJob | None:
        """Take the oldest queued job, or the oldest running one whose lease ran out, for
        `worker` until `lease_until`; None when there is nothing to do."""
        claimable = sa.or_(
            audit_jobs.c.status == QUEUED,
            sa.and_(audit_jobs.c.status == RUNNING, audit_jobs.c.lease_until < now),
        )
        candidate = (
            sa.select(audit_jobs.c.id, audit_jobs.c.attempts)
            .where(claimable)
            .order_by(audit_jobs.c.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        row = self._conn.execute(candidate).first()
        if row is None:
            return None
        job_id, attempts = int(row[0]), int(row[1])
        taken = self._conn.execute(
            audit_jobs.update()
            .where(audit_jobs.c.id == job_id, audit_jobs.c.attempts == attempts, claimable)
            .values(
                status=RUNNING,
                worker=worker,
                attempts=attempts + 1,
                lease_until=lease_until,
                started_at=now,
                progress=0,
                step=None,
                error=None,
            )
        )
        return self.get(job_id) if taken.rowcount == 1 else None

    def heartbeat(
        self, job_id: int, *, worker: str, lease_until: datetime, progress: int, step: str
    ) -> bool:
        """Renew the lease and say how far the run is; False when the job is no longer
        this worker's (its lease ran out and another worker took it over)."""
        return self._update_own(
            job_id, worker, lease_until=lease_until, progress=progress, step=step
        )

    def finish(self, job_id: int, *, worker: str, now: datetime, run_id: int) -> bool:
        """Mark the job done with the run it stored; False when it is no longer this
        worker's (then the caller must roll back the run it stored)."""
        return self._update_own(
            job_id,
            worker,
            status=DONE,
            finished_at=now,
            run_id=run_id,
            progress=100,
            step=None,
            lease_until=None,
        )

    def fail(self, job_id: int, *, worker: str, now: datetime, reason: str) -> bool:
        """Mark the job failed with why; False when it is no longer this worker's."""
        return self._update_own(
            job_id, worker, status=FAILED, finished_at=now, error=reason, lease_until=None
        )

    def _update_own(self, job_id: int, worker: str, **values: object) -> bool:
        result = self._conn.execute(
            audit_jobs.update()
            .where(
                audit_jobs.c.id == job_id,
                audit_jobs.c.worker == worker,
                audit_jobs.c.status == RUNNING,
            )
            .values(**values)
        )
        return result.rowcount == 1


def _stored(row: sa.RowMapping) -> StoredAuditJob:
    return StoredAuditJob(
        id=int(row["id"]),
        status=row["status"],
        requested_by=row["requested_by"],
        requested_at=_utc(row["requested_at"]),
        options=row["options"],
        attempts=int(row["attempts"]),
        worker=row["worker"],
        lease_until=_aware(row["lease_until"]),
        started_at=_aware(row["started_at"]),
        finished_at=_aware(row["finished_at"]),
        progress=int(row["progress"]),
        step=row["step"],
        run_id=None if row["run_id"] is None else int(row["run_id"]),
        error=row["error"],
    )


def _aware(value: datetime | None) -> datetime | None:
    return None if value is None else _utc(value)


def _utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; every time stored here is UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
