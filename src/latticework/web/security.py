"""Signed session cookies and CSRF tokens: no session state on the server.

A session is a signed, timestamped cookie naming the user; any process with
the shared secret can read it, so several app processes need no shared memory.
CSRF protection is a double submit: a random value in its own HttpOnly cookie,
and the same value signed in every form (or the X-CSRF-Token header). A forged
cross-site form cannot read the cookie, so it cannot produce the signature.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

SESSION_COOKIE = "lw_session"
CSRF_COOKIE = "lw_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


@dataclass(frozen=True, slots=True)
class SessionData:
    """What a session cookie carries: the user and when their password last changed."""

    user_id: int
    password_stamp: str
    """A short fingerprint of the password hash: changing the password ends old sessions."""


class CookieSigner:
    """Signs and checks session cookies and CSRF tokens with the deployment's secret."""

    def __init__(self, secret_key: str, max_age_seconds: int) -> None:
        self._sessions = URLSafeTimedSerializer(secret_key, salt="latticework.session")
        self._csrf = URLSafeTimedSerializer(secret_key, salt="latticework.csrf")
        self.max_age_seconds = max_age_seconds

    def session_cookie(self, session: SessionData) -> str:
        return self._sessions.dumps({"u": session.user_id, "p": session.password_stamp})

    def read_session(self, cookie: str | None) -> SessionData | None:
        """The session in a cookie, or None when it is missing, forged or expired."""
        if not cookie:
            return None
        try:
            data = self._sessions.loads(cookie, max_age=self.max_age_seconds)
        except (BadSignature, SignatureExpired):
            return None
        if not isinstance(data, dict):
            return None
        user_id, stamp = data.get("u"), data.get("p")
        if not isinstance(user_id, int) or not isinstance(stamp, str):
            return None
        return SessionData(user_id, stamp)

    @staticmethod
    def new_csrf_secret() -> str:
        return secrets.token_urlsafe(24)

    def csrf_token(self, csrf_secret: str) -> str:
        """The token forms carry for the browser holding `csrf_secret` in its cookie."""
        return self._csrf.dumps(csrf_secret)

    def csrf_valid(self, csrf_secret: str | None, token: str | None) -> bool:
        if not csrf_secret or not token:
            return False
        try:
            value = self._csrf.loads(token, max_age=self.max_age_seconds)
        except (BadSignature, SignatureExpired):
            return False
        return isinstance(value, str) and hmac.compare_digest(value, csrf_secret)
