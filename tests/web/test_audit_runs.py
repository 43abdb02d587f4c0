"""Stored audit runs: the dashboard shows the latest run as stored, without recomputing it;
only the people role may see or start one; `latticework audit --save` stores one too."""

from __future__ import annotations

import sqlite3

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from latticework.cli import app as cli_app
from tests.web.conftest import Org, csrf_from, log_in, wait_for_audit_jobs


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _start_run(client: TestClient, org: Org, **fields: str) -> None:
    form = client.get("/audit")
    response = client.post(
        "/audit/runs",
        data={"csrf_token": csrf_from(form.text), **fields},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/audit"
    wait_for_audit_jobs(org.url)


def test_a_stored_run_is_shown_without_recomputing_the_audit(client: TestClient, org: Org) -> None:
    log_in(client, "hr")
    _start_run(client, org, as_of="2026-06-30", min_group="3")
    with sqlite3.connect(org.path) as db:
        # Were the page to recompute, it would find nobody to audit and no marker.
        db.execute(
            "UPDATE audit_runs SET report = replace(report, ?, ?)",
            ('"organisation": "', '"organisation": "Stored marker '),
        )
        db.execute("DELETE FROM participation")
        db.execute("DELETE FROM events")
        db.execute("UPDATE people SET status = 'terminated'")
    page = client.get("/audit")
    assert page.status_code == 200
    assert "Stored marker" in page.text
    assert "Audit run 1, finished" in page.text
    assert "by hr; data as of 2026-06-30, minimum group size 3" in page.text
    assert '<h2 id="section-ceiling">Ceiling</h2>' in page.text
    assert client.get("/audit?format=pdf").content.startswith(b"%PDF")


def test_the_latest_run_is_the_one_shown(
    client: TestClient, org: Org, tokens: dict[str, str]
) -> None:
    log_in(client, "hr")
    _start_run(client, org, as_of="2026-01-31")
    _start_run(client, org, as_of="2026-06-30")
    latest = client.get("/api/audit/runs/latest", headers=_auth(tokens["people"])).json()
    assert latest["id"] == 2
    assert latest["user"] == "hr"
    assert latest["options"]["as_of"] == "2026-06-30"
    assert latest["report"]["as_of"] == "2026-06-30"
    assert latest["report"]["schema_version"] == 1
    assert latest["started_at"] <= latest["finished_at"]


def test_only_the_people_role_may_see_or_start_audit_runs(
    client: TestClient, org: Org, tokens: dict[str, str]
) -> None:
    for role in ("employee", "colleague", "manager", "admin"):
        auth = _auth(tokens[role])
        assert client.post("/api/audit", headers=auth).status_code == 403, role
        assert client.get("/api/audit/runs/latest", headers=auth).status_code == 403, role
        assert client.get("/api/audit/jobs/1", headers=auth).status_code == 403, role
    people = _auth(tokens["people"])
    assert client.get("/api/audit/runs/latest", headers=people).status_code == 404
    queued = client.post("/api/audit", headers=people)
    assert queued.status_code == 202
    wait_for_audit_jobs(org.url)
    job = client.get(queued.headers["location"], headers=people).json()
    assert job["status"] == "done"
    latest = client.get("/api/audit/runs/latest", headers=people).json()
    assert latest["id"] == job["run_id"]
    assert latest["report"]["headcount"] == 6


def test_the_dashboard_and_its_form_refuse_every_other_role(client: TestClient) -> None:
    for username in ("chen", "ali", "root"):
        log_in(client, username)
        assert client.get("/audit").status_code == 403, username
        form = client.get("/people").text if username != "root" else client.get("/users").text
        response = client.post("/audit/runs", data={"csrf_token": csrf_from(form)})
        assert response.status_code == 403, username
        assert "You may not run the audit" in response.text  # refused for the role, not CSRF
        client.cookies.clear()


def test_starting_a_run_needs_the_forms_csrf_token(client: TestClient) -> None:
    log_in(client, "hr")
    response = client.post("/audit/runs", data={"min_group": "5"})
    assert response.status_code == 403
    page = client.get("/audit").text
    assert "No audit has been run yet" in page
    assert "Runs asked for" not in page  # nothing was queued


def test_a_bad_date_in_the_run_form_is_located(client: TestClient) -> None:
    log_in(client, "hr")
    form = client.get("/audit")
    response = client.post(
        "/audit/runs", data={"csrf_token": csrf_from(form.text), "as_of": "30/06/2026"}
    )
    assert response.status_code == 422
    assert "is not a date" in response.text


def test_audit_save_on_the_command_line_stores_the_run_the_dashboard_shows(
    client: TestClient, org: Org
) -> None:
    result = CliRunner().invoke(
        cli_app, ["audit", "--db", org.url, "--as-of", "2026-06-30", "--save", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    log_in(client, "hr")
    page = client.get("/audit")
    assert "Audit run 1, finished" in page.text
    assert "by cli:" in page.text
    assert "data as of 2026-06-30" in page.text
