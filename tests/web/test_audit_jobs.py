"""Audit runs through the job queue on SQLite: asking returns at once with a queued job, the
dashboard shows it queued, running with its progress, done or failed with the reason, and
the worker thread of the app process runs it."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from latticework.services.audit_jobs import QueuePolicy
from latticework.storage import UnitOfWork
from latticework.web.audit_worker import AuditWorker, _Heartbeat
from tests.web.conftest import SECRET, Org, csrf_from, log_in, wait_for_audit_jobs

POLICY = QueuePolicy(lease_seconds=30, heartbeat_seconds=0.2, poll_seconds=0.2)


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def idle(org: Org) -> Iterator[TestClient]:
    """The app without its worker thread: jobs stay queued until a test runs a worker."""
    from latticework.web.app import create_app
    from latticework.web.settings import WebSettings

    settings = WebSettings(database_url=org.url, secret_key=SECRET, audit_worker=False)
    with TestClient(create_app(settings)) as client:
        yield client


def _worker(org: Org) -> AuditWorker:
    from latticework.storage import app_engine

    return AuditWorker(app_engine(org.url), POLICY)


def test_asking_for_a_run_returns_at_once_with_a_queued_job(
    idle: TestClient, org: Org, tokens: dict[str, str]
) -> None:
    people = _auth(tokens["people"])
    started = time.perf_counter()
    response = idle.post("/api/audit?as_of=2026-06-30&min_group=3", headers=people)
    assert time.perf_counter() - started < 2.0  # no audit ran in the request
    assert response.status_code == 202
    job = response.json()
    assert (job["status"], job["requested_by"], job["attempts"]) == ("queued", "hr", 0)
    assert job["options"] == {"as_of": "2026-06-30", "min_group": 3}
    assert response.headers["location"] == f"/api/audit/jobs/{job['id']}"
    assert idle.get("/api/audit", headers=people).status_code == 404  # nothing stored yet

    assert _worker(org).run_one()
    done = idle.get(response.headers["location"], headers=people).json()
    assert (done["status"], done["progress"], done["attempts"], done["error"]) == (
        "done",
        100,
        1,
        None,
    )
    run = idle.get("/api/audit/runs/latest", headers=people).json()
    assert run["id"] == done["run_id"]
    assert (run["user"], run["report"]["as_of"], run["report"]["options"]["min_group"]) == (
        "hr",
        "2026-06-30",
        3,
    )
    assert not _worker(org).run_one()  # nothing left to do


def test_the_dashboard_shows_a_queued_job_and_reloads_until_it_is_done(
    idle: TestClient, org: Org
) -> None:
    log_in(idle, "hr")
    form = idle.get("/audit").text
    assert 'http-equiv="refresh"' not in form
    idle.post("/audit/runs", data={"csrf_token": csrf_from(form)})
    page = idle.get("/audit").text
    assert "Runs asked for" in page
    assert '<tr class="job-queued">' in page
    assert "waiting for a worker" in page
    assert '<meta http-equiv="refresh" content="2">' in page
    assert _worker(org).run_one()
    page = idle.get("/audit").text
    assert '<tr class="job-done">' in page
    assert "run 1, " in page
    assert "Audit run 1, finished" in page
    assert 'http-equiv="refresh"' not in page


def test_a_running_job_shows_its_progress(idle: TestClient, org: Org) -> None:
    from latticework.services import audit_jobs
    from latticework.storage import app_engine

    log_in(idle, "hr")
    idle.post("/audit/runs", data={"csrf_token": csrf_from(idle.get("/audit").text)})
    engine = app_engine(org.url)
    with UnitOfWork(engine) as uow:
        job = audit_jobs.claim_next(uow, "test-worker", POLICY)
        uow.commit()
    assert job is not None
    heartbeat = _Heartbeat(engine, job, "test-worker", POLICY)
    heartbeat.start()
    try:
        heartbeat.audit_progress(4, 9, "ceiling")
        deadline = time.monotonic() + 10
        while "auditing ceiling" not in (page := idle.get("/audit").text):
            assert time.monotonic() < deadline, "the progress was not written"
            time.sleep(0.05)
    finally:
        heartbeat.stop()
    assert '<progress max="100" value="45">45 %</progress> 45 % — auditing ceiling' in page
    assert '<meta http-equiv="refresh" content="2">' in page


def test_a_failed_run_is_recorded_with_its_reason(
    client: TestClient, org: Org, tokens: dict[str, str]
) -> None:
    with sqlite3.connect(org.path) as db:  # everyone left, as after a bad import
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("DELETE FROM people")
    people = _auth(tokens["people"])
    job = client.post("/api/audit", headers=people).json()
    wait_for_audit_jobs(org.url)
    failed = client.get(f"/api/audit/jobs/{job['id']}", headers=people).json()
    assert failed["status"] == "failed"
    assert "holds no people to audit" in failed["error"]
    assert "Fix: Import your HRIS export" in failed["error"]
    assert failed["run_id"] is None
    log_in(client, "hr")
    page = client.get("/audit").text
    assert '<tr class="job-failed">' in page
    assert "holds no people to audit" in page


def test_the_app_process_runs_queued_jobs_itself(client: TestClient, org: Org) -> None:
    log_in(client, "hr")
    client.post("/audit/runs", data={"csrf_token": csrf_from(client.get("/audit").text)})
    wait_for_audit_jobs(client, timeout=30)
    assert "Audit run 1, finished" in client.get("/audit").text


def test_inconsistent_queue_settings_are_refused_with_a_fix(org: Org) -> None:
    from latticework.errors import LatticeworkError
    from latticework.web.app import create_app
    from latticework.web.settings import WebSettings

    settings = WebSettings(
        database_url=org.url,
        secret_key=SECRET,
        audit_job_lease_seconds=5,
        audit_job_heartbeat_seconds=10,
    )
    with pytest.raises(LatticeworkError) as raised:
        create_app(settings)
    assert "heartbeat must be shorter than the lease" in str(raised.value)
