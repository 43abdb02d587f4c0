"""Deployed as DESIGN §7 says: PostgreSQL and several app processes that share nothing else.

`latticework serve --workers 2` on a PostgreSQL schema: a session made by one
process works in the other, and failed log-ins count across both.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import PASSWORD, ROLE_USERS, SECRET, write_org_files
from tests.web.e2e.conftest import free_port, wait_until_up

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_org(postgres_url: str, tmp_path: Path) -> Iterator[str]:
    import psycopg

    from latticework.services import accounts
    from latticework.services.data import import_organisation, upgrade_database
    from latticework.storage.engine import dispose_engine
    from latticework.storage.unit_of_work import UnitOfWork

    schema = f"lw_web_{uuid.uuid4().hex[:12]}"
    conninfo = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in postgres_url else "?"
    url = f"{postgres_url}{separator}options=-csearch_path%3D{schema}"
    try:
        upgrade_database(url)
        assert import_organisation(url, write_org_files(tmp_path)).ok
        with UnitOfWork(url) as uow:
            for username, role, employee_id in ROLE_USERS.values():
                accounts.create_user(uow, username, PASSWORD, role, employee_id)
            uow.commit()
        yield url
    finally:
        dispose_engine(url)
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _pay_reads_logged(url: str, subject: str) -> int:
    import sqlalchemy as sa

    from latticework.storage.unit_of_work import UnitOfWork

    with UnitOfWork(url) as uow:
        count = uow.connection.execute(
            sa.text("SELECT count(*) FROM access_log WHERE subject_employee_id = :s"),
            {"s": subject},
        ).scalar_one()
    return int(count)


def test_two_processes_on_postgresql_share_sessions_and_login_limits(pg_org: str) -> None:
    port = free_port()
    env = {**os.environ, "LATTICEWORK_SECRET_KEY": SECRET}
    command = [sys.executable, "-c", "from latticework.cli import main; main()", "serve"]
    command += ["--db", pg_org, "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        with httpx.Client(base_url=base) as browser:
            form = browser.get("/login").text
            token = form.split('name="csrf_token" value="')[1].split('"')[0]
            browser.post(
                "/login", data={"username": "ali", "password": PASSWORD, "csrf_token": token}
            )
            # Each request may land on either process; all must know the session.
            statuses = {browser.get("/api/people/eng_a2").status_code for _ in range(30)}
            assert statuses == {200}
            assert _pay_reads_logged(pg_org, "eng_a2") == 30  # every read, by either process
            for _ in range(5):
                browser.post(
                    "/login", data={"username": "chen", "password": "nope", "csrf_token": token}
                )
            refused = browser.post(
                "/login", data={"username": "chen", "password": PASSWORD, "csrf_token": token}
            )
            assert refused.status_code == 429
    finally:
        server.terminate()
        server.wait(timeout=20)
