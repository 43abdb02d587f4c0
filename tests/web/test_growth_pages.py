"""Impact entry with its statement, promotion packets and team composition, through the
pages and the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_from, log_in


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_impact_preview_frames_the_record_in_business_terms(client: TestClient) -> None:
    log_in(client, "chen")
    form = client.get("/people/eng_a1/impact/new")
    response = client.post(
        "/people/eng_a1/impact",
        data={
            "csrf_token": csrf_from(form.text),
            "action": "preview",
            "category": "efficiency",
            "title": "Cached the pricing service",
            "metric": "p95 latency",
            "value": "40",
            "unit": "%",
            "beneficiary": "the checkout team",
        },
    )
    assert response.status_code == 200
    statement = response.text.split('id="statement-preview"')[1].split("</p>")[0]
    assert "40" in statement
    assert "checkout team" in statement
    # A preview stores nothing.
    assert "Cached the pricing service" not in client.get("/people/eng_a1").text


def test_saved_impact_appears_on_the_profile_with_its_statement(client: TestClient) -> None:
    log_in(client, "chen")
    form = client.get("/people/eng_a1/impact/new")
    response = client.post(
        "/people/eng_a1/impact",
        data={
            "csrf_token": csrf_from(form.text),
            "action": "save",
            "category": "risk_reduction",
            "title": "Closed the admin SSRF hole",
            "metric": "critical vulnerabilities",
            "value": "3",
            "unit": "vulnerabilities",
        },
    )
    assert response.status_code == 200
    assert "Saved." in response.text
    profile = client.get("/people/eng_a1").text
    assert "Closed the admin SSRF hole" in profile


def test_impact_with_a_bad_category_and_no_title_reports_both_fields(
    client: TestClient, tokens: dict[str, str]
) -> None:
    response = client.post(
        "/api/people/eng_a1/impact",
        json={"category": "vibes", "title": ""},
        headers=_auth(tokens["employee"]),
    )
    assert response.status_code == 422
    fields = {p["location"]["field"] for p in response.json()["problems"]}
    assert fields == {"category", "title"}


def test_nobody_records_impact_for_someone_they_cannot_see(
    client: TestClient, tokens: dict[str, str]
) -> None:
    body = {"category": "efficiency", "title": "Took credit"}
    denied = client.post("/api/people/eng_a2/impact", json=body, headers=_auth(tokens["employee"]))
    assert denied.status_code == 403
    allowed = client.post("/api/people/eng_a2/impact", json=body, headers=_auth(tokens["manager"]))
    assert allowed.status_code == 201
    assert allowed.json()["statement"]


def test_packet_page_shows_the_target_level_and_impact(client: TestClient) -> None:
    log_in(client, "ali")
    page = client.get("/people/eng_a1/packet")
    assert page.status_code == 200
    assert "Promotion packet: Chen Li" in page.text
    assert "E7" in page.text
    pdf = client.get("/people/eng_a1/packet?format=pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_packet_api_is_denied_to_a_colleague(client: TestClient, tokens: dict[str, str]) -> None:
    assert (
        client.get("/api/people/eng_a1/packet", headers=_auth(tokens["colleague"])).status_code
        == 403
    )
    ok = client.get("/api/people/eng_a1/packet", headers=_auth(tokens["manager"]))
    assert ok.status_code == 200
    assert ok.json()["target"]["level"] == "E7"


def test_teams_are_listed_for_whom_they_concern(client: TestClient, tokens: dict[str, str]) -> None:
    def teams(role: str) -> set[str]:
        return {t["team"] for t in client.get("/api/teams", headers=_auth(tokens[role])).json()}

    assert teams("employee") == {"payments"}
    assert teams("manager") == {"payments"}
    assert teams("people") == {"payments", "platform", "leadership"}
    assert client.get("/api/teams/platform", headers=_auth(tokens["manager"])).status_code == 403
    team = client.get("/api/teams/payments", headers=_auth(tokens["manager"])).json()
    assert team["size"] == 3


def test_team_page_shows_capabilities_and_flags(client: TestClient) -> None:
    log_in(client, "hr")
    page = client.get("/teams/payments")
    assert page.status_code == 200
    assert "Team payments" in page.text


def test_a_proposed_plan_can_be_saved_and_then_shows_on_the_profile(client: TestClient) -> None:
    log_in(client, "chen")
    page = client.get("/people/eng_a1/plan")
    assert page.status_code == 200
    assert "Save as the active plan" in page.text
    saved = client.post("/people/eng_a1/plan", data={"csrf_token": csrf_from(page.text)})
    assert saved.status_code == 200
    assert "This is the active plan." in saved.text
    assert "No development plan yet" not in client.get("/people/eng_a1").text


def test_a_colleague_cannot_open_or_save_someone_elses_plan(client: TestClient) -> None:
    log_in(client, "eli")
    assert client.get("/people/eng_a1/plan").status_code == 403
    token = csrf_from(client.get("/account").text)
    assert client.post("/people/eng_a1/plan", data={"csrf_token": token}).status_code == 403
