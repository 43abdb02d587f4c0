"""GDPR for accounts: the export holds the person's log-in attempts (with addresses), API
tokens (metadata only) and sessions; erasure removes them with the user name, and nothing
of the person is left in the raw SQLite file or its write-ahead log."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from latticework.storage import UnitOfWork
from tests.web.conftest import Org, csrf_from, log_in

# eng_b1 in the test organisation, with the user "eli".
ERASED = (b"eng_b1", b"Eli Stone", b"eli@example.com")


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _eli_has_a_history(app) -> TestClient:  # type: ignore[no-untyped-def]
    wrong = TestClient(app, client=("198.51.100.23", 4000))
    token = csrf_from(wrong.get("/login").text)
    wrong.post("/login", data={"username": "eli", "password": "a wrong guess", "csrf_token": token})
    eli = TestClient(app, client=("198.51.100.23", 4000))
    log_in(eli, "eli")
    eli.get("/people/eng_b1")  # a read of their own pay: in the access log under their name
    csrf = csrf_from(eli.get("/account").text)
    made = eli.post("/api/me/tokens", json={"name": "eli-script"}, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201
    # An Art. 7 request in the register (the test organisation has no legal entities, so
    # it is recorded directly, as `eu request` would).
    url = app.state.latticework.settings.database_url
    with UnitOfWork(url) as uow:
        uow.eu.add_request("eng_b1", date(2026, 10, 1), date(2026, 12, 1))
        uow.commit()
    return eli


def test_the_export_holds_log_ins_tokens_and_sessions_without_secrets(app) -> None:  # type: ignore[no-untyped-def]
    eli = _eli_has_a_history(app)
    secret = eli.get("/api/me/tokens").json()  # ids only; the secret was shown once
    export = eli.get("/api/people/eng_b1/export")
    assert export.status_code == 200
    tables = export.json()["tables"]
    attempts = [(a["ip"], a["success"]) for a in tables["login_attempts"]]
    assert ("198.51.100.23", False) in attempts
    assert ("198.51.100.23", True) in attempts
    assert [t["name"] for t in tables["api_tokens"]] == ["eli-script"]
    assert tables["sessions"][0]["ip"] == "198.51.100.23"
    assert tables["reads_by_their_accounts"]
    assert [r["status"] for r in tables["eu_information_requests"]] == ["open"]
    assert secret
    for forbidden in ("token_hash", "password_hash", "lw_"):
        assert forbidden not in export.text


def test_erasure_leaves_nothing_of_the_person_in_the_database_file(
    app,
    org: Org,
    tokens: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    _eli_has_a_history(app)
    with TestClient(app) as client:
        # HR reads their record first: that read is logged with their id.
        client.get("/api/people/eng_b1", headers=_bearer(tokens["people"]))
        erased = client.delete("/api/people/eng_b1", headers=_bearer(tokens["people"]))
        assert erased.status_code == 200
        log = client.get("/api/access-log", headers=_bearer(tokens["people"])).json()
        erasures = [r for r in log if r["action"] == "person.erase"]
        assert len(erasures) == 1
        assert erasures[0]["subject_employee_id"].startswith("erased-")
        assert client.get("/api/me", headers=_bearer(tokens["colleague"])).status_code == 401
        raw = org.path.read_bytes()
        wal = org.path.with_name(org.path.name + "-wal")
        log_bytes = wal.read_bytes() if wal.exists() else b""
    for value in ERASED:
        assert value not in raw, f"{value!r} is still in the database file"
        assert value not in log_bytes, f"{value!r} is still in the write-ahead log"
    # The user name too (as a whole value: "eli" alone is part of other words).
    assert b"eli-script" not in raw + log_bytes
    assert b"\x05eli" not in raw  # not stored as a short text value anywhere


def test_every_sqlite_connection_overwrites_what_it_deletes(org: Org) -> None:
    """`secure_delete`: freed space is zeroed, not left for a file reader to find."""
    from latticework.storage import app_engine, engine_for

    for engine in (engine_for(org.url), app_engine(org.url)):
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        engine.dispose()
