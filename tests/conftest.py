"""Shared fixtures. Services (PostgreSQL, Chromium) are used when present; in CI
(LATTICEWORK_REQUIRE_ALL_TESTS=1) a missing service fails the run instead of skipping."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REQUIRE_ALL = os.environ.get("LATTICEWORK_REQUIRE_ALL_TESTS") == "1"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def skip_or_fail(reason: str) -> None:
    """Skip locally with a reason; fail in CI, where every service must be there."""
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (LATTICEWORK_REQUIRE_ALL_TESTS=1: CI must run this test)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """URL of a real PostgreSQL server: $LATTICEWORK_TEST_POSTGRES_URL or the local default."""
    url = os.environ.get("LATTICEWORK_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    try:
        import psycopg

        conninfo = url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(conninfo, connect_timeout=3):
            pass
    except Exception as exc:
        skip_or_fail(
            f"no PostgreSQL server at {url} ({exc.__class__.__name__}); "
            "set LATTICEWORK_TEST_POSTGRES_URL to run the PostgreSQL tests"
        )
    return url


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of a Chromium binary for Playwright: $LATTICEWORK_CHROMIUM or /usr/bin/chromium."""
    path = os.environ.get("LATTICEWORK_CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        skip_or_fail(f"no Chromium at {path}; install Debian's chromium package")
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL: SQLite in a temporary file, or a PostgreSQL schema of its own
    (dropped afterwards), chosen by the URL's `options=-csearch_path=...` so tests are
    independent and can run beside other suites on the same server."""
    from latticework.storage.engine import dispose_engine

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'latticework.db'}"
        yield url
        dispose_engine(url)
        return
    import psycopg

    server = request.getfixturevalue("postgres_url")
    schema = f"lw_test_{uuid.uuid4().hex[:12]}"
    conninfo = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in server else "?"
    url = f"{server}{separator}options=-csearch_path%3D{schema}"
    try:
        yield url
    finally:
        dispose_engine(url)
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
