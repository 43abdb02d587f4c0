"""Passwords stored only as argon2 hashes, with a minimum length, and API token hashes."""

from __future__ import annotations

import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from latticework.errors import LatticeworkError, Location, Problem

MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()
# Verified against when the user name is unknown, so both failures take the same time.
DUMMY_HASH = _hasher.hash("not a password anyone has")


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise LatticeworkError(
            Problem(
                f"The password has {len(password)} characters; at least "
                f"{MIN_PASSWORD_LENGTH} are needed.",
                location=Location(field="password"),
                fix="Choose a longer password (a few unrelated words work well).",
                code="password-too-short",
            )
        )


def hash_password(password: str) -> str:
    check_password_strength(password)
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    # Tokens are 256 random bits, so a fast hash is enough: nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()
