"""A worker killed mid-run on PostgreSQL: its audit job completes in another process.

Two real `latticework serve` processes on one PostgreSQL schema. The first takes the job
and is killed with SIGKILL while running it (no shutdown code runs); once its lease runs
out, the second process's worker takes the job over, runs it and stores the run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import httpx
import pytest

from latticework.storage import StoredAuditJob, UnitOfWork
from tests.web.conftest import SECRET
from tests.web.e2e.conftest import free_port, wait_until_up
from tests.web.test_postgres import pg_org  # noqa: F401  (the fixture)

pytestmark = pytest.mark.postgres

# A short lease so the take-over happens within the test; the heartbeat beats well inside it.
QUEUE_ENV = {
    "LATTICEWORK_AUDIT_JOB_LEASE_SECONDS": "3",
    "LATTICEWORK_AUDIT_JOB_HEARTBEAT_SECONDS": "0.5",
    "LATTICEWORK_AUDIT_JOB_POLL_SECONDS": "0.2",
}


def _serve(url: str) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    env = {**os.environ, "LATTICEWORK_SECRET_KEY": SECRET, **QUEUE_ENV}
    command = [sys.executable, "-c", "from latticework.cli import main; main()", "serve"]
    command += ["--db", url, "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base, process)
    return process, base


def _job(url: str, job_id: int) -> StoredAuditJob:
    with UnitOfWork(url) as uow:
        job = uow.audit_jobs.get(job_id)
    assert job is not None
    return job


def _until(check: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def _token(url: str) -> str:
    from latticework.services import accounts

    with UnitOfWork(url) as uow:
        user = accounts.get_user_by_name(uow, "hr")
        assert user is not None
        token = accounts.create_api_token(uow, user.id, "tests")[1]
        uow.commit()
    return token


def test_a_job_whose_worker_is_killed_mid_run_completes_in_another_process(
    pg_org: str,  # noqa: F811
) -> None:
    auth = {"Authorization": f"Bearer {_token(pg_org)}"}
    first, first_base = _serve(pg_org)
    second: subprocess.Popen[str] | None = None
    try:
        queued = httpx.post(f"{first_base}/api/audit", headers=auth, timeout=10)
        assert queued.status_code == 202, queued.text
        job_id = int(queued.json()["id"])
        _until(lambda: _job(pg_org, job_id).status == "running", "the first worker took it")
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        killed = _job(pg_org, job_id)
        # Killed mid-run: the job is still the dead worker's, nothing was stored.
        assert (killed.status, killed.attempts, killed.run_id) == ("running", 1, None)
        assert killed.worker is not None
        assert f":{first.pid}:" in killed.worker

        second, second_base = _serve(pg_org)
        _until(lambda: _job(pg_org, job_id).status == "done", "the second worker finished it")
        done = _job(pg_org, job_id)
        assert done.attempts == 2
        assert done.worker is not None
        assert f":{second.pid}:" in done.worker
        status = httpx.get(f"{second_base}/api/audit/jobs/{job_id}", headers=auth).json()
        assert (status["status"], status["run_id"], status["error"]) == ("done", done.run_id, None)
        report = httpx.get(f"{second_base}/api/audit", headers=auth)
        assert report.status_code == 200
        assert report.headers["x-audit-run"] == str(done.run_id)
        assert report.json()["headcount"] == 6
        with UnitOfWork(pg_org) as uow:  # one run stored, not one per attempt
            assert uow.audit_runs.latest(before_latest=1) is None
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=20)
