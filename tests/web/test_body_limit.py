"""Request bodies are limited before anything parses them: someone not signed in cannot
make the server read more than LATTICEWORK_MAX_ANONYMOUS_REQUEST_BYTES (it used to spool
a 500 MB POST to /login to disk), and nobody more than LATTICEWORK_MAX_REQUEST_BYTES."""

from __future__ import annotations

import asyncio

from fastapi.testclient import TestClient
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tests.web.conftest import SECRET, Org, csrf_from, log_in

MB = 1024 * 1024


class BytesRead:
    """Counts the body bytes the app pulled from the client (a test harness around it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.read = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def counting() -> Message:
            message = await receive()
            self.read += len(message.get("body", b""))
            return message

        await self.app(scope, counting, send)


def _multipart(size: int) -> tuple[bytes, str]:
    boundary = "lwboundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="username"\r\n\r\nchen\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="password"; '
            f'filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
        + b"x" * size
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def test_an_anonymous_large_post_is_refused_before_it_is_read(app) -> None:  # type: ignore[no-untyped-def]
    counted = BytesRead(app)
    client = TestClient(counted)
    body, content_type = _multipart(20 * MB)
    response = client.post("/login", content=body, headers={"content-type": content_type})
    assert response.status_code == 413
    problem = response.json()["problems"][0]
    assert problem["code"] == "request-too-large"
    assert "LATTICEWORK_MAX_ANONYMOUS_REQUEST_BYTES" in problem["fix"]
    assert counted.read == 0  # the declared length was enough to refuse it


def test_a_chunked_anonymous_post_is_cut_off_at_the_limit(app) -> None:  # type: ignore[no-untyped-def]
    """No Content-Length: the body is counted as it arrives and refused once past the limit
    (driven over ASGI directly, since the test client sends a body in one piece)."""
    chunk, pulled, sent = b"x" * (16 * 1024), 0, []

    async def receive() -> Message:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": chunk, "more_body": pulled < 512}  # 8 MiB

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/login",
        "raw_path": b"/login",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"content-type", b"application/x-www-form-urlencoded")],
        "client": ("203.0.113.9", 4000),
        "server": ("testserver", 80),
        "state": {},
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert pulled * len(chunk) <= 64 * 1024 + len(chunk)  # the limit and the chunk crossing it


def test_a_forged_session_or_token_does_not_lift_the_anonymous_limit(client: TestClient) -> None:
    body = b"x" * (200 * 1024)
    forged_token = client.post(
        "/api/me/tokens", content=body, headers={"Authorization": "Bearer lw_forged"}
    )
    assert forged_token.status_code == 413
    client.cookies.set("lw_session", "forged")
    assert client.post("/api/me/tokens", content=body).status_code == 413


def test_a_signed_in_user_may_send_more_but_not_without_bound(org: Org) -> None:
    from latticework.web.app import create_app
    from latticework.web.settings import WebSettings

    settings = WebSettings(
        database_url=org.url,
        secret_key=SECRET,
        max_anonymous_request_bytes=4096,
        max_request_bytes=64 * 1024,
    )
    with TestClient(create_app(settings)) as client:
        log_in(client, "chen")
        csrf = {"X-CSRF-Token": csrf_from(client.get("/account").text)}
        big_name = {"name": "n" * 20_000}  # past the anonymous limit, under the other
        assert client.post("/api/me/tokens", json=big_name, headers=csrf).status_code == 422
        too_big = client.post("/api/me/tokens", json={"name": "n" * 100_000}, headers=csrf)
        assert too_big.status_code == 413
        assert "LATTICEWORK_MAX_REQUEST_BYTES" in too_big.json()["problems"][0]["fix"]


def test_nobody_signed_in_gets_a_form_parsed_before_authentication(client: TestClient) -> None:
    """An anonymous upload to an import is sent to the log-in, not parsed for a CSRF token."""
    body, content_type = _multipart(10 * 1024)
    page = client.post(
        "/import", content=body, headers={"content-type": content_type}, follow_redirects=False
    )
    assert page.status_code == 303
    assert page.headers["location"].startswith("/login")
    api = client.post("/api/imports", content=body, headers={"content-type": content_type})
    assert api.status_code == 401
