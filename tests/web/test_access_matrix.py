"""Each role against each endpoint and object: allowed or denied.

The organisation is the one in conftest: the employee is eng_a1, the manager
mgr_a (eng_a1 and eng_a2 report to them), the colleague eng_b1 in another team.
"""

from __future__ import annotations

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

EVERYONE = ("vp", "mgr_a", "mgr_b", "eng_a1", "eng_a2", "eng_b1")
VISIBLE = {
    "employee": {"eng_a1"},
    "colleague": {"eng_b1"},
    "manager": {"mgr_a", "eng_a1", "eng_a2"},
    "people": set(EVERYONE),
    "admin": set(),
    "representative": set(),
}
ROLES = tuple(VISIBLE)

# (method, path, roles allowed); the rest get 403.
ROLE_ENDPOINTS = [
    ("GET", "/api/framework", set(ROLES)),
    ("GET", "/api/framework/levels/E8", set(ROLES)),
    ("GET", "/api/me", set(ROLES)),
    ("GET", "/api/me/tokens", set(ROLES)),
    ("GET", "/api/people", {"employee", "colleague", "manager", "people"}),
    ("GET", "/api/teams", {"employee", "colleague", "manager", "people"}),
    ("GET", "/api/access-log", {"people"}),
    ("GET", "/api/users", {"admin"}),
    ("GET", "/api/users/1/tokens", {"admin"}),
    ("GET", "/api/users/1/sessions", {"admin"}),
    ("GET", "/api/me/sessions", set(ROLES)),
    ("GET", "/api/eu/requests", {"people"}),
]


def _get(client: TestClient, token: str, path: str) -> int:
    return client.get(path, headers={"Authorization": f"Bearer {token}"}).status_code


@pytest.mark.parametrize("subject", [*EVERYONE, "nobody"])
def test_person_profile_is_served_only_to_those_who_may_see_the_person(
    client: TestClient, tokens: dict[str, str], subject: str
) -> None:
    for role in ROLES:
        status = _get(client, tokens[role], f"/api/people/{subject}")
        if subject in VISIBLE[role]:
            expected = 200
        elif subject == "nobody" and role == "people":
            expected = 404  # only someone who could see everyone learns it does not exist
        else:
            expected = 403
        assert status == expected, f"{role} reading {subject}: {status}, expected {expected}"


PERSON_ENDPOINTS = [
    "/api/people/{}",
    "/api/people/{}/impact",
    "/api/people/{}/packet",
    "/api/people/{}/plan",
]


@pytest.mark.parametrize("endpoint", PERSON_ENDPOINTS)
@pytest.mark.parametrize("subject", ["eng_a1", "eng_a2", "eng_b1", "vp"])
def test_every_person_endpoint_checks_the_person(
    client: TestClient, tokens: dict[str, str], endpoint: str, subject: str
) -> None:
    for role in ROLES:
        status = _get(client, tokens[role], endpoint.format(subject))
        where = f"{role} GET {endpoint.format(subject)}: {status}"
        if subject in VISIBLE[role]:
            # Allowed: served, or a located input error (a VP has no next level to packet for).
            assert status in (200, 422), where
        else:
            assert status == 403, where


@pytest.mark.parametrize(("method", "path", "allowed"), ROLE_ENDPOINTS)
def test_role_endpoints_allow_exactly_their_roles(
    client: TestClient, tokens: dict[str, str], method: str, path: str, allowed: set[str]
) -> None:
    for role in ROLES:
        response = client.request(method, path, headers={"Authorization": f"Bearer {tokens[role]}"})
        expected = 200 if role in allowed else 403
        assert response.status_code == expected, f"{role} {method} {path}: {response.text}"


def api_routes() -> list[tuple[str, str]]:
    """(method, path) of every JSON API route, from the routers the app includes."""
    from fastapi.routing import APIRoute

    from latticework.web import api

    return [
        (method, "/api" + route.path)
        for module in api.MODULES
        for route in module.router.routes
        if isinstance(route, APIRoute)
        for method in sorted(route.methods)
    ]


def test_every_api_endpoint_refuses_anonymous_callers(client: TestClient) -> None:
    routes = api_routes()
    for method, path in routes:
        response = client.request(method, path.replace("{", "").replace("}", ""))
        assert response.status_code == 401, f"{method} {path}: {response.status_code}"
        assert response.json()["problems"][0]["code"] == "not-authenticated"
    assert len(routes) >= len(ROLE_ENDPOINTS)


def test_every_api_route_is_in_the_openapi_document(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    for method, path in api_routes():
        assert method.lower() in document["paths"][path], (method, path)


def test_people_list_holds_exactly_whom_each_role_may_see(
    client: TestClient, tokens: dict[str, str]
) -> None:
    for role in ("employee", "colleague", "manager", "people"):
        response = client.get("/api/people", headers={"Authorization": f"Bearer {tokens[role]}"})
        assert {p["employee_id"] for p in response.json()} == VISIBLE[role], role


def test_an_employee_cannot_read_a_colleagues_pay_by_changing_the_id(
    client: TestClient, tokens: dict[str, str]
) -> None:
    auth = {"Authorization": f"Bearer {tokens['employee']}"}
    own = client.get("/api/people/eng_a1", headers=auth)
    assert own.status_code == 200
    assert own.json()["pay"]["base_annual_fte"] == 160000
    for other in ("eng_a2", "eng_b1", "mgr_a"):
        response = client.get(f"/api/people/{other}", headers=auth)
        assert response.status_code == 403
        assert "base" not in response.text


def test_manager_sees_reports_pay_but_not_their_protected_attributes(
    client: TestClient, tokens: dict[str, str]
) -> None:
    body = client.get(
        "/api/people/eng_a2", headers={"Authorization": f"Bearer {tokens['manager']}"}
    ).json()
    assert body["pay"]["base_annual_fte"] == 240000
    assert body["protected"] is None
    assert "woman" not in str(body)


def test_people_role_sees_protected_attributes(client: TestClient, tokens: dict[str, str]) -> None:
    body = client.get(
        "/api/people/eng_b1", headers={"Authorization": f"Bearer {tokens['people']}"}
    ).json()
    assert body["protected"] == {"gender": "nonbinary", "ethnicity": None}


def test_bands_are_shown_only_to_roles_that_see_pay(
    client: TestClient, tokens: dict[str, str]
) -> None:
    for role, sees in [("employee", False), ("admin", False), ("manager", True), ("people", True)]:
        grid = client.get("/api/framework", headers={"Authorization": f"Bearer {tokens[role]}"})
        bands = [row["bands"] for row in grid.json()["rows"]]
        assert all(b for b in bands) if sees else all(b is None for b in bands), role
        level = client.get(
            "/api/framework/levels/E8", headers={"Authorization": f"Bearer {tokens[role]}"}
        )
        assert (level.json()["bands"] is not None) == sees, role


def test_profile_shows_the_latest_assessment_with_evidence(
    client: TestClient, tokens: dict[str, str]
) -> None:
    body = client.get(
        "/api/people/eng_a1", headers={"Authorization": f"Bearer {tokens['manager']}"}
    ).json()
    assert [(r["competency"], r["rating"], r["evidence"]) for r in body["ratings"]] == [
        ("system-design", 4, "Led the ledger redesign")
    ]


def test_every_api_route_is_documented_in_docs_web_md() -> None:
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    missing = [
        f"{method} {path}"
        for method, path in api_routes()
        if f"| {method} | `{path}` |" not in docs
    ]
    assert missing == [], f"add these to the API table in docs/web.md: {missing}"


PEOPLE_ROLE = "role:people"
ADMIN_ROLE = "role:admin"
PERSON = "person"
SIGNED_IN = "signed-in"
SELF_OR_HR = "person:self-or-hr"
COMMITTEE = "role:manager,people"
EU_READERS = "role:people,representative"
REPRESENTATIVE_ROLE = "role:representative"

# Every route of the app, pages and /api, with the access rule it declares
# (`web/guards.py`). A new route fails `test_every_route_declares_its_access_rule`
# until it is added here, with its rule.
ACCESS_RULES: dict[tuple[str, str], str] = {
    ("GET", "/"): SIGNED_IN,
    ("GET", "/login"): "public",
    ("POST", "/login"): "public",
    ("POST", "/logout"): "public",
    ("GET", "/framework"): SIGNED_IN,
    ("GET", "/framework/levels/{level_id}"): SIGNED_IN,
    ("GET", "/people"): SIGNED_IN,
    ("GET", "/people/{employee_id}"): PERSON,
    ("GET", "/people/{employee_id}/export"): SELF_OR_HR,
    ("POST", "/people/{employee_id}/erase"): PEOPLE_ROLE,
    ("GET", "/people/{employee_id}/impact/new"): PERSON,
    ("POST", "/people/{employee_id}/impact"): PERSON,
    ("GET", "/people/{employee_id}/packet"): PERSON,
    ("GET", "/people/{employee_id}/plan"): PERSON,
    ("POST", "/people/{employee_id}/plan"): PERSON,
    ("POST", "/people/{employee_id}/plan/items/{item}/checkins"): PERSON,
    ("GET", "/teams"): SIGNED_IN,
    ("GET", "/teams/{team}"): "team",
    ("GET", "/team"): SIGNED_IN,
    ("GET", "/audit"): PEOPLE_ROLE,
    ("POST", "/audit/runs"): PEOPLE_ROLE,
    ("GET", "/audit/runs/{run_id}/findings/{number}/people"): PEOPLE_ROLE,
    ("GET", "/audit/runs/{run_id}/findings/{number}/remediation"): PEOPLE_ROLE,
    ("GET", "/audit/runs/{run_id}/findings/{number}/remediation/raises.zip"): PEOPLE_ROLE,
    ("GET", "/import"): PEOPLE_ROLE,
    ("POST", "/import"): PEOPLE_ROLE,
    ("GET", "/users"): ADMIN_ROLE,
    ("POST", "/users"): ADMIN_ROLE,
    ("POST", "/users/{user_id}"): ADMIN_ROLE,
    ("POST", "/users/{user_id}/tokens/{token_id}/revoke"): ADMIN_ROLE,
    ("POST", "/users/{user_id}/sessions/end"): ADMIN_ROLE,
    ("POST", "/logout/everywhere"): SIGNED_IN,
    ("GET", "/account"): SIGNED_IN,
    ("POST", "/account/tokens"): SIGNED_IN,
    ("POST", "/account/tokens/{token_id}/revoke"): SIGNED_IN,
    ("POST", "/account/password"): SIGNED_IN,
    ("GET", "/access-log"): PEOPLE_ROLE,
    ("GET", "/promotions"): COMMITTEE,
    ("GET", "/promotions/{cycle_id}"): COMMITTEE,
    ("GET", "/promotions/{cycle_id}/nominate"): COMMITTEE,
    ("POST", "/promotions/{cycle_id}/nominations"): COMMITTEE,
    ("GET", "/promotions/{cycle_id}/people/{employee_id}"): COMMITTEE,
    ("POST", "/promotions/{cycle_id}/people/{employee_id}/calibration"): PEOPLE_ROLE,
    ("POST", "/promotions/{cycle_id}/people/{employee_id}/decision"): PEOPLE_ROLE,
    ("GET", "/eu"): EU_READERS,
    ("GET", "/eu/reports/{entity}/{year}"): EU_READERS,
    ("GET", "/eu/reports/{entity}/{year}/csv/{item}"): EU_READERS,
    ("GET", "/eu/assessments/{entity}/{year}"): EU_READERS,
    ("GET", "/eu/justifications/{entity}/{year}"): EU_READERS,
    ("POST", "/eu/justifications/{entity}/{year}"): PEOPLE_ROLE,
    ("POST", "/eu/justifications/{entity}/{year}/agreement"): REPRESENTATIVE_ROLE,
    ("GET", "/eu/requests"): PEOPLE_ROLE,
    ("POST", "/eu/requests/{request_id}/answer"): PEOPLE_ROLE,
    ("GET", "/people/{employee_id}/pay-information"): SELF_OR_HR,
    ("POST", "/people/{employee_id}/information-requests"): SELF_OR_HR,
    ("GET", "/people/{employee_id}/information-requests/{request_id}/letter"): SELF_OR_HR,
    ("GET", "/api/framework"): SIGNED_IN,
    ("GET", "/api/framework/levels/{level_id}"): SIGNED_IN,
    ("GET", "/api/people"): SIGNED_IN,
    ("GET", "/api/people/{employee_id}"): PERSON,
    ("GET", "/api/people/{employee_id}/export"): SELF_OR_HR,
    ("DELETE", "/api/people/{employee_id}"): PEOPLE_ROLE,
    ("GET", "/api/people/{employee_id}/impact"): PERSON,
    ("POST", "/api/people/{employee_id}/impact"): PERSON,
    ("POST", "/api/people/{employee_id}/impact/preview"): PERSON,
    ("GET", "/api/people/{employee_id}/packet"): PERSON,
    ("GET", "/api/people/{employee_id}/plan"): PERSON,
    ("POST", "/api/people/{employee_id}/plan"): PERSON,
    ("GET", "/api/teams"): SIGNED_IN,
    ("GET", "/api/teams/{team}"): "team",
    ("GET", "/api/audit"): PEOPLE_ROLE,
    ("POST", "/api/audit"): PEOPLE_ROLE,
    ("GET", "/api/audit/jobs/{job_id}"): PEOPLE_ROLE,
    ("GET", "/api/audit/runs/latest"): PEOPLE_ROLE,
    ("POST", "/api/imports"): PEOPLE_ROLE,
    ("GET", "/api/me"): SIGNED_IN,
    ("GET", "/api/me/tokens"): SIGNED_IN,
    ("POST", "/api/me/tokens"): SIGNED_IN,
    ("DELETE", "/api/me/tokens/{token_id}"): SIGNED_IN,
    ("GET", "/api/me/sessions"): SIGNED_IN,
    ("DELETE", "/api/me/sessions"): SIGNED_IN,
    ("GET", "/api/users/{user_id}/tokens"): ADMIN_ROLE,
    ("DELETE", "/api/users/{user_id}/tokens/{token_id}"): ADMIN_ROLE,
    ("GET", "/api/users/{user_id}/sessions"): ADMIN_ROLE,
    ("DELETE", "/api/users/{user_id}/sessions"): ADMIN_ROLE,
    ("GET", "/api/users"): ADMIN_ROLE,
    ("POST", "/api/users"): ADMIN_ROLE,
    ("PATCH", "/api/users/{user_id}"): ADMIN_ROLE,
    ("GET", "/api/access-log"): PEOPLE_ROLE,
    ("GET", "/api/eu/reports/{entity}/{year}"): EU_READERS,
    ("GET", "/api/eu/requests"): PEOPLE_ROLE,
    ("GET", "/api/people/{employee_id}/information-requests"): SELF_OR_HR,
    ("POST", "/api/people/{employee_id}/information-requests"): SELF_OR_HR,
    ("GET", "/api/people/{employee_id}/information-requests/{request_id}/letter"): SELF_OR_HR,
}


def declared_rules(routers: list[tuple[str, APIRouter]]) -> dict[tuple[str, str], set[str]]:
    """(method, path) of every route of these routers, with the access rules its
    dependencies declare (read from the dependency tree FastAPI built for it)."""
    from fastapi.dependencies.models import Dependant
    from fastapi.routing import APIRoute

    from latticework.web.guards import RULE_ATTRIBUTE

    def rules(dependant: Dependant) -> set[str]:
        found = {getattr(dependant.call, RULE_ATTRIBUTE, None)} - {None}
        for sub in dependant.dependencies:
            found |= rules(sub)
        return {str(r) for r in found}

    return {
        (method, prefix + route.path): rules(route.dependant)
        for prefix, router in routers
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in sorted(route.methods)
    }


def app_routers() -> list[tuple[str, APIRouter]]:
    """The routers `create_app` includes: the pages, and the API under /api."""
    from latticework.web import api, pages
    from latticework.web.app import API_PREFIX

    return [("", m.router) for m in pages.MODULES] + [(API_PREFIX, m.router) for m in api.MODULES]


def test_every_route_declares_its_access_rule_and_is_in_the_matrix() -> None:
    declared = declared_rules(app_routers())
    missing = sorted(set(declared) - set(ACCESS_RULES))
    assert missing == [], f"add these routes, with their rule, to ACCESS_RULES: {missing}"
    assert sorted(set(ACCESS_RULES) - set(declared)) == [], "ACCESS_RULES lists routes not served"
    wrong = {k: v for k, v in declared.items() if v != {ACCESS_RULES[k]}}
    assert wrong == {}, "each route declares exactly the rule of the matrix (web/guards.py)"


NOT_UNTIL_RUN = ("/api/audit", "/api/audit/runs/latest")


def test_every_checked_api_read_is_exercised_by_the_matrix() -> None:
    """Each GET of the API with a role or person rule is requested by every role above."""
    exercised_roles = {path for method, path, _ in ROLE_ENDPOINTS if method == "GET"}
    exercised_people = {
        "/api" + p.removeprefix("/api").replace("{}", "{employee_id}") for p in PERSON_ENDPOINTS
    }
    for (method, path), rule in ACCESS_RULES.items():
        if method != "GET" or not path.startswith("/api"):
            continue
        if rule == PERSON:
            assert path in exercised_people, f"add {path} to PERSON_ENDPOINTS"
        # The latest audit run is 404 until one is run: tests/web/test_audit_runs.py and
        # test_audit_pages.py check who may read it.
        elif rule.startswith("role:") and "{" not in path and path not in NOT_UNTIL_RUN:
            assert path in exercised_roles, f"add {path} to ROLE_ENDPOINTS"


def test_a_route_without_a_rule_is_found() -> None:
    """The check above can fail: a route added without a guard declares no rule."""
    from latticework.web.guards import PERSON as PERSON_RULE

    router = APIRouter()

    @router.get("/unguarded")
    def unguarded() -> dict[str, str]:
        return {}

    @router.get("/people/{employee_id}/thing", dependencies=[PERSON_RULE])
    def guarded(employee_id: str) -> dict[str, str]:
        return {}

    assert declared_rules([("", router)]) == {
        ("GET", "/unguarded"): set(),
        ("GET", "/people/{employee_id}/thing"): {"person"},
    }
