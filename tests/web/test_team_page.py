"""The manager's team page: their reports only, told apart, sortable, filterable; HR may open
any manager's team; employees may not."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import log_in


def test_a_manager_sees_their_reports_with_readiness(client: TestClient) -> None:
    log_in(client, "ali")
    page = client.get("/team")
    assert page.status_code == 200
    assert "Chen Li" in page.text
    assert "Dana Cruz" in page.text
    assert "2 direct and 0 indirect reports" in page.text
    assert "Not yet ready for" in page.text or "Ready for" in page.text
    # Internal ids and command-line wording stay off the page.
    for internal in ("technical-depth", "domain-specialist:", "--to", "eng_a1<"):
        assert internal not in page.text


def test_sort_and_filter(client: TestClient) -> None:
    log_in(client, "ali")
    by_name_desc = client.get("/team?sort=name&order=desc").text
    assert by_name_desc.index("Dana Cruz") < by_name_desc.index("Chen Li")
    found = client.get("/team?q=dana").text
    assert "Dana Cruz" in found
    assert "Chen Li" not in found
    assert "Nobody matches" in client.get("/team?relation=indirect").text


def test_hr_opens_any_managers_team_and_employees_are_refused(client: TestClient) -> None:
    log_in(client, "hr")
    page = client.get("/team?manager=vp")
    assert page.status_code == 200
    assert "2 direct and 3 indirect reports" in page.text
    client.cookies.clear()
    log_in(client, "chen")
    assert client.get("/team").status_code == 403
