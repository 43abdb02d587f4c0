"""No account outlives its revocation: sessions end on the server, tokens are revoked with
the password or the account, a token cannot mint tokens, and every account change is in
the access log that the people team reads."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, Org, csrf_from, log_in

NEW_PASSWORD = "an entirely new passphrase"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _user_id(client: TestClient, admin_token: str, username: str) -> int:
    users = client.get("/api/users", headers=_bearer(admin_token)).json()
    return next(u["id"] for u in users if u["username"] == username)


def _patch(client: TestClient, admin_token: str, username: str, **body: object) -> int:
    user_id = _user_id(client, admin_token, username)
    response = client.patch(f"/api/users/{user_id}", json=body, headers=_bearer(admin_token))
    return response.status_code


def _signed_in(app: object, username: str) -> TestClient:
    browser = TestClient(app)  # type: ignore[arg-type]
    log_in(browser, username)
    return browser


# -- sessions


def test_a_cookie_copied_before_logout_stops_working(client: TestClient) -> None:
    log_in(client, "chen")
    copied = client.cookies.get("lw_session")
    assert copied
    token = csrf_from(client.get("/account").text)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 200
    thief = TestClient(client.app)
    thief.cookies.set("lw_session", copied)
    assert thief.get("/api/me").status_code == 401


def test_log_out_everywhere_ends_every_session_of_the_user(client: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    laptop, phone, colleague = (
        _signed_in(app, "chen"),
        _signed_in(app, "chen"),
        _signed_in(app, "eli"),
    )
    sessions = laptop.get("/api/me/sessions").json()
    assert len(sessions) == 2
    assert all(s["ip"] == "testclient" for s in sessions)
    token = csrf_from(laptop.get("/account").text)
    laptop.post("/logout/everywhere", data={"csrf_token": token})
    assert laptop.get("/api/me").status_code == 401
    assert phone.get("/api/me").status_code == 401
    assert colleague.get("/api/me").status_code == 200


def test_a_disabled_user_loses_their_open_session_at_once(
    client: TestClient,
    app,
    tokens: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    browser = _signed_in(app, "chen")
    assert browser.get("/api/me").status_code == 200
    assert _patch(client, tokens["admin"], "chen", is_active=False) == 200
    assert browser.get("/api/me").status_code == 401
    assert browser.get("/people/eng_a1", follow_redirects=False).status_code == 303
    # Re-enabled, the old session does not come back: they log in again.
    assert _patch(client, tokens["admin"], "chen", is_active=True) == 200
    assert browser.get("/api/me").status_code == 401


def test_a_user_disabled_in_the_database_is_refused_on_their_next_request(
    app,
    org: Org,  # type: ignore[no-untyped-def]
) -> None:
    """Even without the session rows removed (another tool, an older version disabled the
    account), a disabled user's session does not let them in."""
    browser = _signed_in(app, "chen")
    engine = sa.create_engine(org.url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE users SET is_active = false WHERE username = 'chen'"))
    engine.dispose()
    assert browser.get("/api/me").status_code == 401


def test_a_role_change_ends_the_users_sessions(
    client: TestClient,
    app,
    tokens: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    browser = _signed_in(app, "chen")
    assert _patch(client, tokens["admin"], "chen", role="manager") == 200
    assert browser.get("/api/me").status_code == 401


def test_an_admin_password_reset_ends_sessions_and_tokens(
    client: TestClient,
    app,
    tokens: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    browser = _signed_in(app, "chen")
    assert client.get("/api/me", headers=_bearer(tokens["employee"])).status_code == 200
    assert _patch(client, tokens["admin"], "chen", password=NEW_PASSWORD) == 200
    assert browser.get("/api/me").status_code == 401
    assert client.get("/api/me", headers=_bearer(tokens["employee"])).status_code == 401


# -- API tokens


def test_changing_ones_own_password_revokes_ones_tokens(
    client: TestClient, tokens: dict[str, str]
) -> None:
    log_in(client, "chen")
    token = csrf_from(client.get("/account").text)
    client.post(
        "/account/password", data={"current": PASSWORD, "new": NEW_PASSWORD, "csrf_token": token}
    )
    assert client.get("/api/me", headers=_bearer(tokens["employee"])).status_code == 401


def test_a_disabled_users_tokens_do_not_come_back_when_re_enabled(
    client: TestClient, tokens: dict[str, str]
) -> None:
    assert _patch(client, tokens["admin"], "chen", is_active=False) == 200
    assert client.get("/api/me", headers=_bearer(tokens["employee"])).status_code == 401
    assert _patch(client, tokens["admin"], "chen", is_active=True) == 200
    assert client.get("/api/me", headers=_bearer(tokens["employee"])).status_code == 401


def test_a_token_cannot_mint_tokens(client: TestClient, tokens: dict[str, str]) -> None:
    headers = _bearer(tokens["employee"])
    api = client.post("/api/me/tokens", json={"name": "child"}, headers=headers)
    assert api.status_code == 403
    page = client.post("/account/tokens", data={"name": "child"}, headers=headers)
    assert page.status_code == 403
    assert [t["name"] for t in client.get("/api/me/tokens", headers=headers).json()] == ["tests"]


def test_admins_list_and_revoke_anyones_tokens(client: TestClient, tokens: dict[str, str]) -> None:
    chen = _user_id(client, tokens["admin"], "chen")
    listed = client.get(f"/api/users/{chen}/tokens", headers=_bearer(tokens["admin"])).json()
    assert [t["name"] for t in listed] == ["tests"]
    assert "token" not in listed[0]
    assert "token_hash" not in listed[0]
    forbidden = client.delete(
        f"/api/users/{chen}/tokens/{listed[0]['id']}", headers=_bearer(tokens["people"])
    )
    assert forbidden.status_code == 403
    revoked = client.delete(
        f"/api/users/{chen}/tokens/{listed[0]['id']}", headers=_bearer(tokens["admin"])
    )
    assert revoked.status_code == 204
    assert client.get("/api/me", headers=_bearer(tokens["employee"])).status_code == 401
    log = client.get("/api/access-log", headers=_bearer(tokens["people"])).json()
    assert any(r["action"] == "account.token" and r["username"] == "root" for r in log)


def test_admins_revoke_tokens_and_end_sessions_on_the_users_page(
    client: TestClient,
    app,
    tokens: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    chen = _signed_in(app, "chen")
    log_in(client, "root")
    page = client.get("/users")
    assert "Revoke tests" in page.text
    assert "Log chen out everywhere" in page.text
    user_id = _user_id(client, tokens["admin"], "chen")
    token_id = client.get(f"/api/users/{user_id}/tokens", headers=_bearer(tokens["admin"])).json()
    csrf = csrf_from(page.text)
    client.post(f"/users/{user_id}/tokens/{token_id[0]['id']}/revoke", data={"csrf_token": csrf})
    client.post(f"/users/{user_id}/sessions/end", data={"csrf_token": csrf})
    assert client.get("/api/me", headers=_bearer(tokens["employee"])).status_code == 401
    assert chen.get("/api/me").status_code == 401


def test_a_token_can_expire(client: TestClient, org: Org) -> None:
    log_in(client, "chen")
    csrf = csrf_from(client.get("/account").text)
    made = client.post(
        "/api/me/tokens",
        json={"name": "week", "expires_in_days": 7},
        headers={"X-CSRF-Token": csrf},
    )
    assert made.status_code == 201
    assert made.json()["expires_at"] is not None
    headers = _bearer(made.json()["token"])
    assert client.get("/api/me", headers=headers).status_code == 200
    engine = sa.create_engine(org.url)
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE api_tokens SET expires_at = '2000-01-01 00:00:00' WHERE name='week'")
        )
    engine.dispose()
    assert TestClient(client.app).get("/api/me", headers=headers).status_code == 401
    too_long = client.post(
        "/api/me/tokens", json={"expires_in_days": 99999}, headers={"X-CSRF-Token": csrf}
    )
    assert too_long.status_code == 422


# -- CSRF on cookie-authenticated API calls


def test_a_cookie_authenticated_api_call_needs_the_csrf_header(client: TestClient) -> None:
    log_in(client, "chen")
    refused = client.post("/api/me/tokens", json={"name": "forged"})
    assert refused.status_code == 403
    assert refused.json()["problems"][0]["code"] == "csrf"
    csrf = csrf_from(client.get("/account").text)
    made = client.post("/api/me/tokens", json={"name": "mine"}, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201
    assert [t["name"] for t in client.get("/api/me/tokens").json()] == ["mine"]


# -- the admin trail


def test_every_account_change_is_in_the_access_log_for_the_people_team(
    client: TestClient, tokens: dict[str, str]
) -> None:
    admin = _bearer(tokens["admin"])
    made = client.post(
        "/api/users",
        json={"username": "nosy", "password": PASSWORD, "role": "admin"},
        headers=admin,
    )
    assert made.status_code == 201
    nosy = made.json()["id"]
    # The classic abuse: an admin links their account to someone and makes it HR.
    client.patch(f"/api/users/{nosy}", json={"employee_id": "eng_a2"}, headers=admin)
    client.patch(f"/api/users/{nosy}", json={"role": "people"}, headers=admin)
    log = client.get("/api/access-log", headers=_bearer(tokens["people"])).json()
    changes = [(r["action"], r["username"], r["subject_employee_id"]) for r in log]
    assert ("account.create", "root", None) in changes
    assert ("account.link", "root", "eng_a2") in changes
    assert ("account.role", "root", "eng_a2") in changes
    role = next(r for r in log if r["action"] == "account.role")
    assert role["detail"] == "root: user 'nosy' role admin -> people"
    # The person's own trail (filtered by their id) shows who linked an account to them.
    theirs = client.get(
        "/api/access-log", params={"employee_id": "eng_a2"}, headers=_bearer(tokens["people"])
    ).json()
    assert {"account.link", "account.role"} <= {r["action"] for r in theirs}
    log_in(client, "hr")
    assert "user &#39;nosy&#39; role admin -&gt; people" in client.get("/access-log").text


def test_the_last_admin_cannot_be_demoted_or_disabled(
    client: TestClient, tokens: dict[str, str]
) -> None:
    admin = _bearer(tokens["admin"])
    root = _user_id(client, tokens["admin"], "root")
    demoted = client.patch(f"/api/users/{root}", json={"role": "people"}, headers=admin)
    assert demoted.status_code == 422
    assert demoted.json()["problems"][0]["code"] == "last-admin"
    disabled = client.patch(f"/api/users/{root}", json={"is_active": False}, headers=admin)
    assert disabled.status_code == 422
    assert client.get("/api/me", headers=admin).json()["role"] == "admin"
    # With a second admin, the first may step down.
    client.post(
        "/api/users",
        json={"username": "root2", "password": PASSWORD, "role": "admin"},
        headers=admin,
    )
    stepped_down = client.patch(f"/api/users/{root}", json={"role": "people"}, headers=admin)
    assert stepped_down.status_code == 200


def test_the_users_page_refuses_removing_the_last_admin(client: TestClient) -> None:
    log_in(client, "root")
    page = client.get("/users")
    root = client.get("/api/me").json()["id"]
    response = client.post(
        f"/users/{root}",
        data={"role": "people", "is_active": "1", "csrf_token": csrf_from(page.text)},
    )
    assert response.status_code == 422
    assert "last active admin" in response.text
    assert client.get("/api/me").json()["role"] == "admin"
