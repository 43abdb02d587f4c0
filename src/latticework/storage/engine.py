"""Engines from database URLs: SQLite files by default, PostgreSQL through psycopg 3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from latticework.errors import LatticeworkError, Problem


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain `postgresql://` URLs (SQLAlchemy would pick psycopg2)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def create_engine(url: str, **options: Any) -> Engine:
    """A new engine for `url`; SQLite connections enforce foreign keys and wait on locks.

    `options` go to SQLAlchemy (the web app sizes its pool with them).
    """
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        raise LatticeworkError(
            Problem(
                f"'{url}' is not a database URL.",
                fix="Use sqlite:///path/to/file.db or postgresql://user@host/dbname.",
                code="database-url",
            )
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise LatticeworkError(
            Problem(
                f"Unsupported database '{parsed.get_backend_name()}'.",
                fix="latticework supports SQLite and PostgreSQL.",
                code="database-url",
            )
        )
    engine = sa.create_engine(parsed, **options)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 10000")
    # Deleted rows are overwritten with zeros, so an erased person's data does not linger
    # in free pages of the file (erasure also checkpoints the write-ahead log).
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.close()


_ENGINES: dict[str, Engine] = {}


def engine_for(url: str) -> Engine:
    """A shared engine per URL, so repeated units of work reuse one connection pool."""
    url = normalise_url(url)
    engine = _ENGINES.get(url)
    if engine is None:
        engine = _ENGINES[url] = create_engine(url)
    return engine


def dispose_engines() -> None:
    """Close every shared engine (tests, and before copying a database file)."""
    while _ENGINES:
        _ENGINES.popitem()[1].dispose()


def dispose_engine(url: str) -> None:
    """Close the shared engine of one URL (before dropping its database or schema)."""
    engine = _ENGINES.pop(normalise_url(url), None)
    if engine is not None:
        engine.dispose()


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite database URL; None for PostgreSQL (or in-memory SQLite)."""
    engine = engine_for(url)
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return None
    return Path(engine.url.database)


def display_url(url: str) -> str:
    """The URL with any password hidden, for pages and messages."""
    return make_url(url).render_as_string(hide_password=True)


def describe_database(url: str) -> str:
    """The database in words for a web page: its kind and name, never a server path or a
    password ("SQLite file latticework.db", "PostgreSQL database test on db.internal")."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        name = Path(parsed.database).name if parsed.database else "in memory"
        return f"SQLite file {name}"
    host = f" on {parsed.host}" if parsed.host else ""
    return f"PostgreSQL database {parsed.database or ''}{host}".replace("  ", " ")
