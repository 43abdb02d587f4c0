"""Audit runs as jobs: asked for from the web, run by a worker in any app process.

Asking for a run only queues a job (the request returns at once); a worker
claims it, runs the audit, and stores the run (services.audit_runs) and the
job's outcome in one transaction. A worker holds a job under a lease that its
heartbeat renews; when a worker dies (the process is killed, the machine
stops) the lease runs out and another process's worker takes the job over, up
to `QueuePolicy.max_attempts` claims. A run that fails for a reason in the data
(no people, a bad framework) fails at once with that reason: trying again
would fail the same way. The queue itself is storage.audit_jobs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from latticework.accounts.model import Role, User
from latticework.audit import AuditOptions, AuditReport
from latticework.errors import LatticeworkError
from latticework.services import accounts
from latticework.services.access import not_found, require_role
from latticework.services.accounts import utcnow

if TYPE_CHECKING:
    from latticework.audit.engine import Progress
    from latticework.storage import StoredAuditJob, UnitOfWork

log = logging.getLogger(__name__)

JobStatus = Literal["queued", "running", "done", "failed"]


@dataclass(frozen=True)
class QueuePolicy:
    """How long a worker may go silent before its job is taken over, and how often a job is
    tried. Set per deployment in the web settings (LATTICEWORK_AUDIT_JOB_*, docs/web.md)."""

    lease_seconds: float = 60.0
    """A job whose worker has not renewed its lease for this long is taken over by another
    worker. Longer than the heartbeat by a margin for a busy machine and clock skew."""
    heartbeat_seconds: float = 5.0
    """How often a running job's worker renews its lease and writes its progress."""
    max_attempts: int = 3
    """Claims of one job before a worker that keeps dying marks it failed."""
    poll_seconds: float = 2.0
    """How often an idle worker looks for a job queued by another process."""

    def __post_init__(self) -> None:
        if not 0 < self.heartbeat_seconds < self.lease_seconds:
            raise ValueError("the heartbeat must be shorter than the lease")
        if self.max_attempts < 1 or self.poll_seconds <= 0:
            raise ValueError("max_attempts must be at least 1 and poll_seconds positive")


class JobOptions(BaseModel):
    """What was asked for (stored as JSON with the job)."""

    model_config = ConfigDict(frozen=True)

    as_of: date | None = None
    min_group: int | None = None

    def audit_options(self) -> AuditOptions:
        return AuditOptions() if self.min_group is None else AuditOptions(min_group=self.min_group)


class AuditJob(BaseModel):
    """One run asked for, and how far it is."""

    model_config = ConfigDict(frozen=True)

    id: int
    status: JobStatus
    requested_by: str | None
    requested_at: datetime
    options: JobOptions
    attempts: int
    """How many times a worker claimed it (more than one: a worker died while running it)."""
    worker: str | None
    started_at: datetime | None
    finished_at: datetime | None
    progress: int
    """Per cent done."""
    step: str | None
    """What the worker is doing now, while it runs."""
    run_id: int | None
    """The stored run, once done."""
    error: str | None
    """Why it failed."""


def _job(stored: StoredAuditJob) -> AuditJob:
    return AuditJob(
        id=stored.id,
        status=stored.status,
        requested_by=stored.requested_by,
        requested_at=stored.requested_at,
        options=JobOptions.model_validate_json(stored.options),
        attempts=stored.attempts,
        worker=stored.worker,
        started_at=stored.started_at,
        finished_at=stored.finished_at,
        progress=stored.progress,
        step=stored.step,
        run_id=stored.run_id,
        error=stored.error,
    )


# -- for a signed-in reader (people role) ----------------------------------------------


def queue_audit_for(
    uow: UnitOfWork, user: User, *, as_of: date | None = None, min_group: int | None = None
) -> AuditJob:
    """Queue a run of the whole audit (the caller commits); people role only. The run reads
    everyone's pay and protected attributes, so asking for it is logged."""
    from latticework.org.validity import recorded_date_problems

    require_role(user, Role.PEOPLE, what="run the audit")
    # Refused now, with its location, rather than failing later in the worker.
    problems = recorded_date_problems(as_of, "as_of")
    if problems:
        raise LatticeworkError(problems)
    options = JobOptions(as_of=as_of, min_group=None if min_group is None else max(2, min_group))
    job_id = uow.audit_jobs.add(
        requested_by=user.username, requested_at=utcnow(), options=options.model_dump_json()
    )
    accounts.record_access(uow, user, "audit", [None], ["pay", "protected"])
    log.info("audit job %d queued by %s", job_id, user.username)
    stored = uow.audit_jobs.get(job_id)
    assert stored is not None
    return _job(stored)


def job_for(uow: UnitOfWork, user: User, job_id: int) -> AuditJob:
    """One job's status; people role only."""
    require_role(user, Role.PEOPLE, what="see the audit")
    stored = uow.audit_jobs.get(job_id)
    if stored is None:
        raise not_found("audit job", str(job_id))
    return _job(stored)


def recent_jobs_for(uow: UnitOfWork, user: User, limit: int = 5) -> list[AuditJob]:
    """The newest jobs first (the dashboard's queue); people role only."""
    require_role(user, Role.PEOPLE, what="see the audit")
    return [_job(j) for j in uow.audit_jobs.recent(limit)]


# -- for a worker ----------------------------------------------------------------------
# Each step is its own short transaction (the caller commits): the audit itself only reads,
# so a heartbeat written meanwhile never conflicts with it.

READING = "reading the organisation"
STORING = "storing the run"


def claim_next(uow: UnitOfWork, worker: str, policy: QueuePolicy) -> AuditJob | None:
    """The next job for `worker`, now its own under a fresh lease; None when there is none.

    Jobs whose worker died `max_attempts` times are marked failed first.
    """
    now = utcnow()
    for job_id in uow.audit_jobs.fail_abandoned(
        now=now,
        max_attempts=policy.max_attempts,
        reason=f"Its worker stopped (the process ended or the machine stopped) "
        f"{policy.max_attempts} times while running it; it is not tried again. "
        "Check the app processes' memory and logs, then run the audit again.",
    ):
        log.error("audit job %d failed: its worker stopped %d times", job_id, policy.max_attempts)
    stored = uow.audit_jobs.claim(
        worker=worker, now=now, lease_until=now + timedelta(seconds=policy.lease_seconds)
    )
    if stored is None:
        return None
    if stored.attempts > 1:
        log.warning(
            "audit job %d taken over by %s (attempt %d)", stored.id, worker, stored.attempts
        )
    return _job(stored)


def keep_alive(
    uow: UnitOfWork, job: AuditJob, worker: str, policy: QueuePolicy, progress: int, step: str
) -> bool:
    """Renew the job's lease and write its progress; False when another worker took it over."""
    lease_until = utcnow() + timedelta(seconds=policy.lease_seconds)
    return uow.audit_jobs.heartbeat(
        job.id, worker=worker, lease_until=lease_until, progress=progress, step=step
    )


def progress_of(done: int, total: int) -> int:
    """Per cent done before audit `done` of `total` (reading and storing take the ends)."""
    return 5 + (90 * done) // max(total, 1)


def compute(uow: UnitOfWork, job: AuditJob, progress: Progress | None = None) -> AuditReport:
    """Run the audit the job asks for, on the stored organisation (reads only)."""
    from latticework.services.audit import audit_organisation

    return audit_organisation(
        uow, job.options.audit_options(), as_of=job.options.as_of, progress=progress
    )


def store_result(
    uow: UnitOfWork, job: AuditJob, worker: str, report: AuditReport, started_at: datetime
) -> int | None:
    """Store the run and mark the job done (the caller commits); None when the job is no
    longer this worker's — then the caller must not commit, or the run would be stored
    twice."""
    from latticework.services.audit_runs import run_options, store_run

    run = store_run(
        uow,
        report,
        run_options(job.options.audit_options(), job.options.as_of),
        user=job.requested_by,
        started_at=started_at,
        finished_at=utcnow(),
    )
    if not uow.audit_jobs.finish(job.id, worker=worker, now=utcnow(), run_id=run.id):
        log.warning("audit job %d was taken over from %s; its run is dropped", job.id, worker)
        return None
    return run.id


def record_failure(uow: UnitOfWork, job: AuditJob, worker: str, error: BaseException) -> None:
    """Mark the job failed with the reason (the caller commits)."""
    reason = failure_reason(error)
    if uow.audit_jobs.fail(job.id, worker=worker, now=utcnow(), reason=reason):
        log.error("audit job %d failed: %s", job.id, reason)


def failure_reason(error: BaseException) -> str:
    """What the dashboard says about a failed run: the problems with their fix, or, for an
    error of ours, what it was (the traceback goes to the log)."""
    if isinstance(error, LatticeworkError):
        return " ".join(p.message + (f" Fix: {p.fix}" if p.fix else "") for p in error.problems)
    if isinstance(error, MemoryError):
        return "The audit ran out of memory. Give the app processes more memory and run it again."
    return (
        f"The audit stopped with an internal error ({type(error).__name__}: {error}). "
        "The app's log has the details; run it again, and report it if it recurs."
    )
