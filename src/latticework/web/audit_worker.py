"""The audit worker: one thread per app process that runs queued audit jobs.

Every app process runs one (unless LATTICEWORK_AUDIT_WORKER is off), so on
PostgreSQL with several processes any of them may take a job, and a job whose
process died is taken over by another once its lease runs out
(services.audit_jobs has the policy). On SQLite it is the same thread in the one
process. While a job runs, a second thread renews the lease every heartbeat
and writes the progress; the audit itself reads in its own transaction.
"""

from __future__ import annotations

import itertools
import logging
import os
import socket
import threading

from latticework.errors import LatticeworkError
from latticework.services import audit_jobs
from latticework.services.accounts import utcnow
from latticework.services.audit_jobs import AuditJob, QueuePolicy
from latticework.storage import Engine, UnitOfWork

log = logging.getLogger(__name__)

_numbers = itertools.count(1)


class AuditWorker:
    """`start()` on app start-up, `stop()` on shutdown; `wake()` after queuing a job."""

    def __init__(self, engine: Engine, policy: QueuePolicy) -> None:
        self._engine = engine
        self.policy = policy
        self.id = f"{socket.gethostname()}:{os.getpid()}:{next(_numbers)}"
        """Names this worker in the jobs it claims (host, process, number)."""
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._loop, name="latticework-audit-worker", daemon=True
            )
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop looking for jobs. A job still running is left to its lease: it is taken over
        when the lease runs out, by this process once restarted or by another."""
        if self._thread is not None:
            self._stop.set()
            self._wake.set()
            self._thread.join(timeout=timeout)
            self._thread = None

    def wake(self) -> None:
        """Look for a job now (one was queued by this process)."""
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                worked = self.run_one()
            except Exception:  # the database went away, say: log it and look again later
                log.exception("the audit worker could not take a job")
                worked = False
            if not worked:
                self._wake.wait(self.policy.poll_seconds)
                self._wake.clear()

    def run_one(self) -> bool:
        """Claim and run one job; False when there was none."""
        with UnitOfWork(self._engine) as uow:
            job = audit_jobs.claim_next(uow, self.id, self.policy)
            uow.commit()
        if job is None:
            return False
        log.info("audit job %d started by %s", job.id, self.id)
        started_at = utcnow()
        heartbeat = _Heartbeat(self._engine, job, self.id, self.policy)
        heartbeat.start()
        try:
            with UnitOfWork(self._engine) as uow:
                report = audit_jobs.compute(uow, job, progress=heartbeat.audit_progress)
            heartbeat.stop()
            if heartbeat.lost:
                return True  # another worker has it now; it will store the run
            with UnitOfWork(self._engine) as uow:
                if audit_jobs.store_result(uow, job, self.id, report, started_at) is not None:
                    uow.commit()
        except Exception as error:
            heartbeat.stop()
            if not isinstance(error, LatticeworkError):
                log.exception("audit job %d stopped with an internal error", job.id)
            with UnitOfWork(self._engine) as uow:
                audit_jobs.record_failure(uow, job, self.id, error)
                uow.commit()
        return True


class _Heartbeat:
    """Renews a running job's lease every heartbeat, and writes its progress as soon as the
    audit moves on to its next section."""

    def __init__(self, engine: Engine, job: AuditJob, worker: str, policy: QueuePolicy) -> None:
        self._engine = engine
        self._job = job
        self._worker = worker
        self._policy = policy
        self._progress = (2, audit_jobs.READING)
        self._changed = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._loop, name=f"latticework-audit-job-{job.id}", daemon=True
        )
        self.lost = False
        """Another worker took the job over (this one was silent past its lease)."""

    def start(self) -> None:
        self._beat()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._changed.set()
        if self._thread.is_alive():
            self._thread.join()

    def audit_progress(self, done: int, total: int, audit_id: str) -> None:
        self._progress = (audit_jobs.progress_of(done, total), f"auditing {audit_id}")
        self._changed.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._changed.wait(self._policy.heartbeat_seconds)
            self._changed.clear()
            if not self._stop.is_set():
                self._beat()

    def _beat(self) -> None:
        progress, step = self._progress
        try:
            with UnitOfWork(self._engine) as uow:
                if audit_jobs.keep_alive(
                    uow, self._job, self._worker, self._policy, progress, step
                ):
                    uow.commit()
                else:
                    self.lost = True
        except Exception:  # a missed beat is not fatal: the lease outlasts several
            log.warning("audit job %d: heartbeat failed", self._job.id, exc_info=True)
