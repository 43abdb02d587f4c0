"""Log-in, sessions, CSRF, rate limiting, API tokens and the access log."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, SECRET, Org, csrf_from, log_in


def test_pages_send_anonymous_visitors_to_the_log_in_and_back(client: TestClient) -> None:
    response = client.get("/people/eng_a1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fpeople%2Feng_a1"


def test_log_in_sets_a_signed_http_only_same_site_session_cookie(client: TestClient) -> None:
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"username": "chen", "password": PASSWORD, "csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"]
    assert "lw_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert client.get("/people/eng_a1").status_code == 200


def test_wrong_password_says_so_without_saying_which_part_was_wrong(client: TestClient) -> None:
    page = client.get("/login")
    for username in ("chen", "nobody-at-all"):
        response = client.post(
            "/login",
            data={
                "username": username,
                "password": "wrong password",
                "csrf_token": csrf_from(page.text),
            },
        )
        assert response.status_code == 401
        assert "Wrong user name or password" in response.text


def test_log_in_without_the_forms_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "chen", "password": PASSWORD})
    assert response.status_code == 403
    assert "did not come from latticework" in response.text


def test_a_forged_cross_site_form_cannot_change_anything(client: TestClient) -> None:
    log_in(client, "root")
    response = client.post(
        "/users",
        data={"username": "mallory", "password": "x" * 12, "role": "admin", "csrf_token": "forged"},
    )
    assert response.status_code == 403
    assert "mallory" not in client.get("/users").text


def test_a_session_cookie_signed_with_another_secret_is_ignored(client: TestClient) -> None:
    from latticework.web.security import CookieSigner

    forged = CookieSigner("another secret " + "y" * 40, 3600).session_cookie("x" * 43)
    client.cookies.set("lw_session", forged)
    assert client.get("/api/me").status_code == 401


def test_failed_log_ins_are_limited_across_processes(org: Org) -> None:
    """Two app instances (as two processes would be) share the count through the database."""
    from latticework.web.app import create_app
    from latticework.web.settings import WebSettings

    settings = WebSettings(database_url=org.url, secret_key=SECRET, login_max_failures=3)
    first, second = TestClient(create_app(settings)), TestClient(create_app(settings))
    for client in (first, second, first):
        token = csrf_from(client.get("/login").text)
        response = client.post(
            "/login", data={"username": "chen", "password": "guess", "csrf_token": token}
        )
        assert response.status_code == 401
    token = csrf_from(second.get("/login").text)
    response = second.post(
        "/login", data={"username": "chen", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) > 0
    assert "Too many failed log-ins" in response.text


def test_changing_the_password_ends_other_sessions(client: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    other = TestClient(app)
    log_in(other, "chen")
    log_in(client, "chen")
    token = csrf_from(client.get("/account").text)
    response = client.post(
        "/account/password",
        data={"current": PASSWORD, "new": "a brand new passphrase", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert other.get("/api/me").status_code == 401


def test_api_tokens_act_as_their_user_until_revoked(client: TestClient) -> None:
    log_in(client, "chen")
    token_page = client.post(
        "/account/tokens",
        data={"name": "my script", "csrf_token": csrf_from(client.get("/account").text)},
    )
    token = token_page.text.split('class="secret">')[1].split("<")[0]
    bearer = TestClient(client.app)
    me = bearer.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["username"] == "chen"
    listed = client.get("/api/me/tokens").json()
    assert [t["name"] for t in listed] == ["my script"]
    headers = {"Authorization": f"Bearer {token}"}
    assert bearer.delete(f"/api/me/tokens/{listed[0]['id']}", headers=headers).status_code == 204
    assert bearer.get("/api/me", headers=headers).status_code == 401


def test_reading_pay_is_written_to_the_access_log_that_hr_can_read(
    client: TestClient, tokens: dict[str, str], org: Org
) -> None:
    client.get("/api/people/eng_a2", headers={"Authorization": f"Bearer {tokens['manager']}"})
    client.get("/api/people/eng_b1", headers={"Authorization": f"Bearer {tokens['people']}"})
    log = client.get(
        "/api/access-log", headers={"Authorization": f"Bearer {tokens['people']}"}
    ).json()
    reads = [(r["username"], r["subject_employee_id"], r["fields"]) for r in log]
    assert ("ali", "eng_a2", ["pay"]) in reads
    assert ("hr", "eng_b1", ["pay", "protected"]) in reads
    # Read back with raw SQL: the record is in the database, not only in the response.
    engine = sa.create_engine(org.url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT username, fields FROM access_log")).all()
    engine.dispose()
    assert ("ali", "pay") in [tuple(r) for r in rows]


def test_a_denied_read_writes_nothing_to_the_access_log(
    client: TestClient, tokens: dict[str, str]
) -> None:
    client.get("/api/people/eng_a2", headers={"Authorization": f"Bearer {tokens['employee']}"})
    log = client.get("/api/access-log", headers={"Authorization": f"Bearer {tokens['people']}"})
    assert [r for r in log.json() if not r["action"].startswith("account.")] == []


def test_pages_carry_security_headers_and_load_nothing_from_elsewhere(client: TestClient) -> None:
    log_in(client, "hr")
    response = client.get("/framework")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "http://" not in response.text
    assert "https://" not in response.text


def test_admins_see_the_settings_without_secrets(client: TestClient) -> None:
    log_in(client, "root")
    page = client.get("/users").text
    assert "Sessions last" in page
    assert SECRET not in page


def _guess(client: TestClient, password: str, headers: dict[str, str] | None = None) -> int:
    token = csrf_from(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": "chen", "password": password, "csrf_token": token},
        headers=headers,
        follow_redirects=False,
    )
    return response.status_code


def test_guesses_from_one_address_do_not_lock_the_owner_out_at_theirs(app) -> None:  # type: ignore[no-untyped-def]
    attacker = TestClient(app, client=("203.0.113.9", 4000))
    for _ in range(5):
        assert _guess(attacker, "guess") == 401
    assert _guess(attacker, PASSWORD) == 429  # slowed down, at that address only
    owner = TestClient(app, client=("198.51.100.7", 4000))
    assert _guess(owner, PASSWORD) == 303


def test_behind_a_trusted_proxy_each_client_is_throttled_by_its_own_address(app) -> None:  # type: ignore[no-untyped-def]
    """What `serve --forwarded-allow-ips` turns on: uvicorn's proxy-headers middleware."""
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    behind = ProxyHeadersMiddleware(app, trusted_hosts="10.0.0.5")
    proxy = TestClient(behind, client=("10.0.0.5", 4000))
    attacker = {"X-Forwarded-For": "203.0.113.9"}
    for _ in range(5):
        assert _guess(proxy, "guess", attacker) == 401
    assert _guess(proxy, "guess", attacker) == 429
    assert _guess(proxy, PASSWORD, {"X-Forwarded-For": "198.51.100.7"}) == 303


def test_serve_passes_the_trusted_proxies_to_uvicorn(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from latticework.web.server import serve

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: seen.update(kwargs))
    for name in ("SECRET_KEY", "DATABASE_URL", "LOG_LEVEL"):  # serve sets them: restored after
        monkeypatch.setenv(f"LATTICEWORK_{name}", "k" * 40 if name == "SECRET_KEY" else "info")
    serve("sqlite:///x.db", forwarded_allow_ips="10.0.0.5,10.1.0.0/16")
    assert seen["proxy_headers"] is True
    assert seen["forwarded_allow_ips"] == "10.0.0.5,10.1.0.0/16"
    serve("sqlite:///x.db")
    assert seen["proxy_headers"] is False  # without it, X-Forwarded-For is ignored
