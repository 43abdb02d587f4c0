"""Request bodies are limited before anything parses them: 413 as soon as one is too large.

Without this, the CSRF check (and FastAPI's form parameters) parsed any body,
signed in or not: an anonymous 500 MB POST to /login was written to disk as a
multipart spool file before it was refused. Now a body may be at most
`max_anonymous_request_bytes` unless the request carries a live session or API
token, and never more than `max_request_bytes`. The declared Content-Length is
checked before a byte is read; a body without one (chunked) is counted as it
arrives. Credentials are looked up only for a body past the anonymous limit, so
ordinary requests cost nothing extra.
"""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from latticework.errors import Problem
from latticework.services import accounts
from latticework.storage import Engine, UnitOfWork
from latticework.web.security import SESSION_COOKIE, CookieSigner
from latticework.web.settings import WebSettings


class BodySizeLimit:
    """A plain ASGI middleware (see the module docstring)."""

    def __init__(
        self, app: ASGIApp, settings: WebSettings, signer: CookieSigner, engine: Engine
    ) -> None:
        self.app = app
        self.anonymous_limit = settings.max_anonymous_request_bytes
        self.limit = max(settings.max_request_bytes, self.anonymous_limit)
        self.signer = signer
        self.engine = engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v for k, v in scope["headers"]}
        signed_in: bool | None = None  # looked up only when a body needs it

        async def allowed(size: int) -> bool:
            nonlocal signed_in
            if size > self.limit:
                return False
            if size <= self.anonymous_limit:
                return True
            if signed_in is None:
                signed_in = await run_in_threadpool(self._signed_in, headers)
            return signed_in

        declared = headers.get("content-length", b"").decode("latin-1")
        if declared.isdigit() and not await allowed(int(declared)):
            await self._refuse(scope, send, signed_in is not False)
            return
        received = 0
        started = refused = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if not await allowed(received):
                    # Answer now and tell the app the client is gone: whatever parses the
                    # body stops (an exception would be turned into a 400 by the parser).
                    refused = True
                    if not started:
                        await self._refuse(scope, send, signed_in is not False)
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 has been sent; the app's answer to a cut-off body is not
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counting_receive, tracking_send)

    def _signed_in(self, headers: dict[str, bytes]) -> bool:
        """Whether the request carries a live session or API token (without recording use)."""
        authorization = headers.get("authorization", b"").decode("latin-1")
        scheme, _, token = authorization.partition(" ")
        secret = None
        if scheme.lower() != "bearer":
            cookies = headers.get("cookie", b"").decode("latin-1")
            for part in cookies.split(";"):
                name, _, value = part.strip().partition("=")
                if name == SESSION_COOKIE:
                    secret = self.signer.read_session(value.strip('"'))
            if secret is None:
                return False  # nothing to look up: no query for a forged or absent cookie
        with UnitOfWork(self.engine) as uow:
            if secret is not None:
                return accounts.user_for_session(uow, secret) is not None
            return accounts.user_for_token(uow, token.strip(), record_use=False) is not None

    async def _refuse(self, scope: Scope, send: Send, signed_in: bool) -> None:
        limit = self.limit if signed_in else self.anonymous_limit
        setting = "MAX_REQUEST_BYTES" if signed_in else "MAX_ANONYMOUS_REQUEST_BYTES"
        problem = Problem(
            f"The request body is larger than the {limit:,} bytes this server accepts"
            + ("." if signed_in else " before you log in."),
            fix=f"Send less (split an import into several files), or ask the administrator "
            f"to raise LATTICEWORK_{setting}.",
            code="request-too-large",
        )
        body = json.dumps({"problems": [problem.to_dict()]}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
