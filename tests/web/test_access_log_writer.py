"""The access log stays complete however it is written: inline when the write lock is
free, through the writer thread when another connection holds it."""

from __future__ import annotations

import sqlite3
import threading
import time

from fastapi.testclient import TestClient

from tests.web.conftest import Org, log_in


def _profile_reads(org: Org, subject: str) -> list[tuple[str, str]]:
    with sqlite3.connect(org.path) as db:
        rows = db.execute(
            "SELECT username, fields FROM access_log"
            " WHERE action = 'person.profile' AND subject_employee_id = ?",
            (subject,),
        ).fetchall()
    return [(str(u), str(f)) for u, f in rows]


def test_reading_pay_is_logged_and_committed_before_the_page_is_sent(
    client: TestClient, org: Org
) -> None:
    log_in(client, "hr")
    for _ in range(3):
        assert client.get("/people/eng_a1").status_code == 200
    assert _profile_reads(org, "eng_a1") == [("hr", "pay,protected")] * 3


def test_a_read_while_another_process_holds_the_write_lock_is_logged_once_it_is_free(
    client: TestClient, org: Org
) -> None:
    log_in(client, "ali")
    other = sqlite3.connect(org.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another writer, e.g. an import, holds the lock
    released = threading.Event()

    def release_later() -> None:
        time.sleep(0.3)
        other.execute("COMMIT")
        released.set()

    threading.Thread(target=release_later).start()
    response = client.get("/people/eng_a2")
    assert response.status_code == 200
    # The page waited for its entry: it could only be committed after the lock was released.
    assert released.is_set()
    assert _profile_reads(org, "eng_a2") == [("ali", "pay")]
    other.close()


def test_a_page_whose_read_cannot_be_logged_is_not_shown(client: TestClient, org: Org) -> None:
    log_in(client, "hr")
    with sqlite3.connect(org.path) as db:
        db.execute("DROP TABLE access_log")
    with TestClient(client.app, raise_server_exceptions=False) as failing:
        failing.cookies = client.cookies
        response = failing.get("/people/eng_a1")
    assert response.status_code == 500
    assert "Chen Li" not in response.text
    assert "160" not in response.text
