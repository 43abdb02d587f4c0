"""The audit dashboard and API: people role only, recorded in the access log."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import Org, csrf_from, log_in, wait_for_audit_jobs


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_only_the_people_role_may_run_the_audit(
    client: TestClient, org: Org, tokens: dict[str, str]
) -> None:
    for role in ("employee", "manager", "admin"):
        assert client.get("/api/audit", headers=_auth(tokens[role])).status_code == 403, role
        assert client.post("/api/audit", headers=_auth(tokens[role])).status_code == 403, role
    people = _auth(tokens["people"])
    none_yet = client.get("/api/audit", headers=people)
    assert none_yet.status_code == 404
    assert "POST /api/audit" in none_yet.json()["problems"][0]["fix"]
    assert client.post("/api/audit", headers=people).status_code == 202
    wait_for_audit_jobs(org.url)
    response = client.get("/api/audit", headers=people)
    assert response.status_code == 200
    assert response.headers["x-audit-run"] == "1"
    report = response.json()
    assert report["schema_version"] == 1
    assert report["headcount"] == 6


def test_running_the_audit_is_written_to_the_access_log(
    client: TestClient, tokens: dict[str, str]
) -> None:
    client.post("/api/audit", headers=_auth(tokens["people"]))
    log = client.get("/api/access-log", headers=_auth(tokens["people"])).json()
    reads = [r for r in log if not r["action"].startswith("account.")]  # the users' creation
    assert [(r["action"], r["subject_employee_id"], r["fields"]) for r in reads] == [
        ("audit", None, ["pay", "protected"])
    ]


def test_the_dashboard_shows_findings_and_sections(client: TestClient) -> None:
    log_in(client, "hr")
    empty = client.get("/audit")
    assert "No audit has been run yet" in empty.text
    run = client.post("/audit/runs", data={"csrf_token": csrf_from(empty.text)})
    assert run.status_code == 200  # followed the redirect back to the dashboard
    wait_for_audit_jobs(client)
    page = client.get("/audit")
    assert page.status_code == 200
    assert "Executive summary" in page.text  # the findings, first
    assert '<h2 id="section-advancement">Advancement parity: promotion rates</h2>' in page.text
    assert '<h2 id="section-ceiling">Ceiling</h2>' in page.text
    pdf = client.get("/audit?format=pdf")
    assert pdf.content.startswith(b"%PDF")
