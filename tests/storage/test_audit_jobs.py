"""The audit job queue on both databases: the oldest job first, one worker per job, a job
whose lease ran out taken over, and a worker that lost its job unable to write to it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from latticework.storage import UnitOfWork, upgrade_database

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _queue(url: str, count: int) -> list[int]:
    with UnitOfWork(url) as uow:
        ids = [
            uow.audit_jobs.add(requested_by="hr", requested_at=T0, options="{}")
            for _ in range(count)
        ]
        uow.commit()
    return ids


def test_jobs_are_claimed_oldest_first_and_once(db_url: str) -> None:
    upgrade_database(db_url)
    first, second = _queue(db_url, 2)
    with UnitOfWork(db_url) as uow:
        a = uow.audit_jobs.claim(worker="a", now=T0, lease_until=T0 + timedelta(seconds=60))
        b = uow.audit_jobs.claim(worker="b", now=T0, lease_until=T0 + timedelta(seconds=60))
        none = uow.audit_jobs.claim(worker="c", now=T0, lease_until=T0 + timedelta(seconds=60))
        uow.commit()
    assert a is not None
    assert b is not None
    assert (a.id, a.worker, a.status, a.attempts) == (first, "a", "running", 1)
    assert (b.id, b.worker) == (second, "b")
    assert none is None


def test_a_job_whose_lease_ran_out_is_taken_over_and_its_old_worker_locked_out(
    db_url: str,
) -> None:
    upgrade_database(db_url)
    (job_id,) = _queue(db_url, 1)
    lease = timedelta(seconds=60)
    with UnitOfWork(db_url) as uow:
        assert uow.audit_jobs.claim(worker="dead", now=T0, lease_until=T0 + lease) is not None
        # Within the lease nobody else may take it.
        assert uow.audit_jobs.claim(worker="b", now=T0 + lease / 2, lease_until=T0) is None
        later = T0 + lease + timedelta(seconds=1)
        taken = uow.audit_jobs.claim(worker="b", now=later, lease_until=later + lease)
        assert taken is not None
        assert (taken.id, taken.worker, taken.attempts) == (job_id, "b", 2)
        # The first worker comes back to life: none of its writes land.
        assert not uow.audit_jobs.heartbeat(
            job_id, worker="dead", lease_until=later + lease, progress=50, step="x"
        )
        assert not uow.audit_jobs.finish(job_id, worker="dead", now=later, run_id=1)
        assert not uow.audit_jobs.fail(job_id, worker="dead", now=later, reason="x")
        assert uow.audit_jobs.heartbeat(
            job_id, worker="b", lease_until=later + lease, progress=40, step="auditing ceiling"
        )
        uow.commit()
        stored = uow.audit_jobs.get(job_id)
    assert stored is not None
    assert (stored.status, stored.worker, stored.progress, stored.step) == (
        "running",
        "b",
        40,
        "auditing ceiling",
    )


def test_a_job_whose_workers_keep_dying_is_failed_with_the_reason(db_url: str) -> None:
    upgrade_database(db_url)
    (job_id,) = _queue(db_url, 1)
    lease = timedelta(seconds=60)
    with UnitOfWork(db_url) as uow:
        now = T0
        for attempt in range(2):
            assert uow.audit_jobs.fail_abandoned(now=now, max_attempts=2, reason="r") == []
            assert uow.audit_jobs.claim(worker=f"w{attempt}", now=now, lease_until=now + lease)
            now += lease + timedelta(seconds=1)
        assert uow.audit_jobs.fail_abandoned(now=now, max_attempts=2, reason="died twice") == [
            job_id
        ]
        assert uow.audit_jobs.claim(worker="w2", now=now, lease_until=now + lease) is None
        uow.commit()
        stored = uow.audit_jobs.get(job_id)
    assert stored is not None
    assert (stored.status, stored.error, stored.attempts) == ("failed", "died twice", 2)
