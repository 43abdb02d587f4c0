""" "Close this gap" in the web: from a finding on the dashboard to the plan, its form fields and
the raises to import, for the people role only, on the demo organisation in a real SQLite file."""

from __future__ import annotations

import io
import re
import sqlite3
import zipfile
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from latticework.demo.accounts import DEMO_PASSWORD, create_demo_accounts
from latticework.storage import UnitOfWork
from tests.remediation.conftest import AS_OF
from tests.web.conftest import csrf_from, log_in, wait_for_audit_jobs


@pytest.fixture(scope="module")
def client(demo_url: str) -> Iterator[TestClient]:
    from latticework.web.app import create_app
    from latticework.web.settings import WebSettings

    with UnitOfWork(demo_url) as uow:
        create_demo_accounts(uow)
        uow.commit()
    app = create_app(WebSettings(database_url=demo_url, secret_key="s" * 32))
    with TestClient(app) as c:
        log_in(c, "hr", DEMO_PASSWORD)
        form = c.get("/audit")
        ran = c.post(
            "/audit/runs",
            data={"csrf_token": csrf_from(form.text), "as_of": str(AS_OF)},
            follow_redirects=False,
        )
        assert ran.status_code == 303, ran.text
        wait_for_audit_jobs(c, timeout=300)
        yield c


def _plan_url(client: TestClient) -> str:
    page = client.get("/audit").text
    links = re.findall(r'href="(/audit/runs/\d+/findings/\d+/remediation)">Close this gap', page)
    assert links, "no finding offers a plan"
    return links[0]


def test_a_track_gap_finding_opens_a_plan_that_meets_the_goal(
    client: TestClient, demo_url: str
) -> None:
    url = _plan_url(client)
    page = client.get(url)
    assert page.status_code == 200, page.text
    assert "meets the goal" in page.text
    assert "Per-person plan" in page.text
    path = demo_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        logged = db.execute(
            "SELECT COUNT(*) FROM access_log WHERE action = 'remediation.plan'"
        ).fetchone()[0]
    assert logged > 0  # everyone the plan raises was recorded as read


def test_a_budget_gives_a_smaller_plan_that_says_it_falls_short(client: TestClient) -> None:
    url = _plan_url(client)
    page = client.get(url, params={"budget": "1000"})
    assert page.status_code == 200, page.text
    assert "does NOT meet the goal" in page.text
    assert 'value="1000"' in page.text  # the form keeps what was asked


def test_the_raises_download_as_import_files(client: TestClient) -> None:
    url = _plan_url(client)
    response = client.get(f"{url}/raises.zip", params={"effective": "2026-07-01"})
    assert response.status_code == 200, response.text
    assert "attachment" in response.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert sorted(archive.namelist()) == ["events.csv", "people.csv"]
        events = archive.read("events.csv").decode().splitlines()
    assert events[0].startswith("employee_id,date,type,")
    assert len(events) > 1
    assert all(",2026-07-01,pay_change," in line for line in events[1:])


def test_bad_form_values_name_the_field(client: TestClient) -> None:
    url = _plan_url(client)
    page = client.get(url, params={"budget": "lots", "max_raise": "250", "band_max": "ignore"})
    assert page.status_code == 422
    for field in ("budget", "max_raise", "band_max"):
        assert field in page.text


def test_only_the_people_role_sees_a_plan(client: TestClient, demo_url: str) -> None:
    url = _plan_url(client)
    from latticework.web.app import create_app
    from latticework.web.settings import WebSettings

    other = create_app(WebSettings(database_url=demo_url, secret_key="s" * 32))
    with TestClient(other) as c:
        log_in(c, "manager", DEMO_PASSWORD)
        assert c.get(url).status_code == 403
        assert c.get(f"{url}/raises.zip").status_code == 403
