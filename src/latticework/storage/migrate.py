"""Schema migrations (Alembic), shipped inside the package so installed copies can upgrade.

Alembic is imported where it is used: every program that opens storage imports this
module, and Alembic costs about 0.15 s of start-up (an audit's budget) that only an
upgrade or a schema check needs.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from alembic.config import Config

from latticework.errors import LatticeworkError, Problem
from latticework.storage.engine import engine_for


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("latticework.storage") / "migrations"))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(url: str) -> str | None:
    """The revision the database is at; None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    engine = engine_for(url)
    if missing_sqlite_file(engine):
        return None  # connecting would create the file: reading never creates a database
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except sa.exc.OperationalError as exc:
        raise cannot_open(engine, exc) from None


def missing_sqlite_file(engine: sa.Engine) -> bool:
    """An SQLite URL naming a file that does not exist (SQLite would create it on connect)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return False
    return not database.startswith("file:") and not Path(database).exists()


def cannot_open(engine: sa.Engine, exc: sa.exc.OperationalError) -> LatticeworkError:
    """The error users see when the database cannot be reached or opened."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    return LatticeworkError(
        Problem(
            f"Cannot open the database {engine.url.render_as_string()}: {reason}",
            fix="Check the --db URL (or $LATTICEWORK_DATABASE_URL) and that the server runs.",
            code="database",
        )
    )


def upgrade_database(url: str, revision: str = "head") -> tuple[str | None, str]:
    """Bring the schema to `revision`; returns (revision before, revision after)."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    engine = engine_for(url)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            before = MigrationContext.configure(connection).get_current_revision()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            after = MigrationContext.configure(connection).get_current_revision()
    except sa.exc.OperationalError as exc:
        raise cannot_open(engine, exc) from None
    return before, after or revision


def require_current_schema(url: str) -> None:
    """Raise a clear error when the database has not been upgraded to this version's schema."""
    engine = engine_for(url)
    if missing_sqlite_file(engine):
        raise LatticeworkError(
            Problem(
                f"The database file {engine.url.database} does not exist.",
                fix="Check the --db path (or $LATTICEWORK_DATABASE_URL); `latticework db "
                "upgrade`, `latticework import` or `latticework demo` creates a database.",
                code="database",
            )
        )
    revision = current_revision(url)
    if revision != head_revision():
        state = "has no latticework tables" if revision is None else f"is at {revision}"
        raise LatticeworkError(
            Problem(
                f"The database {url} {state}; this version needs {head_revision()}.",
                fix=f"Run: latticework db upgrade --db {url}",
                code="database-schema",
            )
        )
