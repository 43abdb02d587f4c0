"""Signed session cookies and CSRF tokens.

A session cookie carries the random id of a session row in the database (see
`services.accounts.start_session`), signed and timestamped: a forged or stale
cookie is refused without a query, and a log-out, a password change or an
admin's action ends the session on the server, for every process at once.
CSRF protection is a double submit: a random value in its own HttpOnly cookie,
and the same value signed in every form (or the X-CSRF-Token header). A forged
cross-site form cannot read the cookie, so it cannot produce the signature.
"""

from __future__ import annotations

import hmac
import secrets

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

SESSION_COOKIE = "lw_session"
CSRF_COOKIE = "lw_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class CookieSigner:
    """Signs and checks session cookies and CSRF tokens with the deployment's secret."""

    def __init__(self, secret_key: str, max_age_seconds: int) -> None:
        self._sessions = URLSafeTimedSerializer(secret_key, salt="latticework.session")
        self._csrf = URLSafeTimedSerializer(secret_key, salt="latticework.csrf")
        self.max_age_seconds = max_age_seconds

    def session_cookie(self, session_secret: str) -> str:
        return self._sessions.dumps({"s": session_secret})

    def read_session(self, cookie: str | None) -> str | None:
        """The session id in a cookie, or None when it is missing, forged or expired."""
        if not cookie:
            return None
        try:
            data = self._sessions.loads(cookie, max_age=self.max_age_seconds)
        except (BadSignature, SignatureExpired):
            return None
        secret = data.get("s") if isinstance(data, dict) else None
        return secret if isinstance(secret, str) else None

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
