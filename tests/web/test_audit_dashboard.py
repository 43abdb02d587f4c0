"""The audit dashboard: findings first, each with a drill-down to the people it is about
(people role only, every person listed recorded in the access log), what changed since
the previous stored run, and a new run's "data as of" defaulting to today."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from fastapi.testclient import TestClient

from tests.web.conftest import Org, csrf_from, log_in, wait_for_audit_jobs

G8_FINDING = {
    "audit": "pay-parity",
    "severity": "high",
    "kind": "test",
    "sentence": "ICs are paid 5.0 % less base pay than managers at grade G8.",
    "comparison": "pay-parity.base.G8",
}


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _start_run(client: TestClient, **fields: str) -> None:
    form = client.get("/audit")
    response = client.post(
        "/audit/runs", data={"csrf_token": csrf_from(form.text), **fields}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    wait_for_audit_jobs(client)


def _add_finding(org: Org, run_id: int, finding: dict[str, str]) -> None:
    """The six-person test organisation has no findings of its own: give the stored run one
    about a real group (the grade G8 ICs), as a run of a larger organisation would have."""
    with sqlite3.connect(org.path) as db:
        (text,) = db.execute("SELECT report FROM audit_runs WHERE id = ?", (run_id,)).fetchone()
        report = json.loads(text)
        report["findings"].insert(0, finding)
        db.execute("UPDATE audit_runs SET report = ? WHERE id = ?", (json.dumps(report), run_id))


def test_a_finding_links_to_the_people_it_is_about(client: TestClient, org: Org) -> None:
    log_in(client, "hr")
    _start_run(client, as_of="2026-06-30")
    _add_finding(org, 1, G8_FINDING)
    page = client.get("/audit").text
    assert page.index('id="finding-1"') < page.index('id="contents-h"')  # findings first
    assert 'href="/audit/runs/1/findings/1/people">Who is affected</a>' in page
    people = client.get("/audit/runs/1/findings/1/people")
    assert people.status_code == 200
    assert "F1: ICs at grade G8" in people.text
    listed = people.text.split("Groups too small to test")[0]  # (those follow the list)
    assert 'href="/people/eng_a2"' in listed  # the one Principal Engineer
    for other in ("vp", "mgr_a", "mgr_b", "eng_a1", "eng_b1"):
        assert f'href="/people/{other}"' not in listed
    assert "240,000 USD" in people.text


def test_the_drill_down_is_for_the_people_role_only_and_logged(
    client: TestClient, org: Org, tokens: dict[str, str]
) -> None:
    log_in(client, "hr")
    _start_run(client, as_of="2026-06-30")
    _add_finding(org, 1, G8_FINDING)
    client.cookies.clear()
    url = "/audit/runs/1/findings/1/people"
    for role in ("employee", "colleague", "manager", "admin"):
        assert client.get(url, headers=_auth(tokens[role])).status_code == 403, role
    assert client.get(url, headers=_auth(tokens["people"])).status_code == 200
    log = client.get("/api/access-log", headers=_auth(tokens["people"])).json()
    assert ("audit.people", "eng_a2", ["pay"]) in [
        (r["action"], r["subject_employee_id"], r["fields"]) for r in log
    ]
    for missing in ("/audit/runs/1/findings/2/people", "/audit/runs/9/findings/1/people"):
        assert client.get(missing, headers=_auth(tokens["people"])).status_code == 404


def test_the_dashboard_says_what_changed_since_the_previous_run(
    client: TestClient, org: Org
) -> None:
    log_in(client, "hr")
    _start_run(client, as_of="2026-01-31")
    first = client.get("/audit").text
    assert "This is the first stored run" in first
    _start_run(client, as_of="2026-06-30")
    _add_finding(org, 2, G8_FINDING)
    page = client.get("/audit").text
    assert "Since the previous run" in page
    assert "run 1, data as of 2026-01-31" in page
    assert "1 new finding," in page
    assert '<span class="change">new</span>' in page
    _start_run(client, as_of="2026-07-31")
    _add_finding(org, 3, {**G8_FINDING, "severity": "medium"})
    page = client.get("/audit").text
    assert "0 new findings" in page
    assert '<span class="change">was high</span>' in page


def test_a_new_run_is_as_of_today_unless_asked_otherwise(client: TestClient) -> None:
    log_in(client, "hr")
    _start_run(client, as_of="2026-06-30")
    page = client.get("/audit").text
    assert "data as of 2026-06-30" in page
    assert f'name="as_of" type="date" value="{date.today().isoformat()}"' in page


def test_the_drill_down_shows_each_person_of_a_group_too_small_to_test(
    client: TestClient, org: Org, tokens: dict[str, str]
) -> None:
    """The California individual method: a standardised residual per person of a suppressed
    pay group, on the people role's drill-down only (logged), never in the report."""
    log_in(client, "hr")
    _start_run(client, as_of="2026-06-30")
    _add_finding(org, 1, G8_FINDING)
    page = client.get("/audit/runs/1/findings/1/people").text
    assert "Groups too small to test, person by person" in page
    assert "Standardised residual" in page
    client.cookies.clear()
    log = client.get("/api/access-log", headers=_auth(tokens["people"])).json()
    assert "audit.small-cells" in {r["action"] for r in log}
    report = client.get("/audit?format=json", headers=_auth(tokens["people"])).text
    assert "residual" not in report.lower()
