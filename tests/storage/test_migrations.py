"""`latticework db upgrade` builds the schema the tables module describes, on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from typer.testing import CliRunner

from latticework.cli import app
from latticework.errors import LatticeworkError
from latticework.storage import engine_for, require_current_schema, upgrade_database
from latticework.storage.migrate import head_revision
from latticework.storage.tables import metadata

runner = CliRunner()

EXPECTED_TABLES = {
    "framework_versions",
    "people",
    "events",
    "participation",
    "impact",
    "assessments",
    "roles",
    "development_plans",
    "plan_items",
    "users",
    "api_tokens",
    "access_log",
    "login_attempts",
    "audit_runs",
    "audit_jobs",
    "promotion_cycles",
    "calibrations",
    "nominations",
    "promotion_decisions",
}


def test_upgrade_creates_every_table(db_url: str) -> None:
    before, after = upgrade_database(db_url)
    assert (before, after) == (None, head_revision())
    names = set(sa.inspect(engine_for(db_url)).get_table_names())
    assert names >= EXPECTED_TABLES


def test_migrations_match_the_tables_module(db_url: str) -> None:
    upgrade_database(db_url)
    with engine_for(db_url).connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_upgrade_twice_changes_nothing(db_url: str) -> None:
    upgrade_database(db_url)
    assert upgrade_database(db_url) == (head_revision(), head_revision())


def test_a_database_without_the_schema_says_how_to_upgrade(db_url: str) -> None:
    with pytest.raises(LatticeworkError) as caught:
        require_current_schema(db_url)
    assert "latticework db upgrade" in (caught.value.problems[0].fix or "")


def test_db_upgrade_command(db_url: str) -> None:
    first = runner.invoke(app, ["db", "upgrade", "--db", db_url])
    assert first.exit_code == 0, first.output
    assert f"to revision {head_revision()}" in first.output
    second = runner.invoke(app, ["db", "upgrade", "--db", db_url])
    assert "up to date" in second.output


def test_db_upgrade_with_an_unusable_url_is_a_usage_error() -> None:
    result = runner.invoke(app, ["db", "upgrade", "--db", "mysql://nobody@nowhere/db"])
    assert result.exit_code == 2
    assert "Unsupported database" in result.output


def test_an_unreachable_server_is_a_clear_usage_error(tmp_path: Path) -> None:
    url = "postgresql://nobody@127.0.0.1:1/nowhere"
    for command in (["db", "upgrade"], ["import", str(tmp_path)]):
        result = runner.invoke(app, [*command, "--db", url])
        assert result.exit_code == 2, result.output
        assert "Cannot open the database" in result.output


def test_an_sqlite_file_in_a_missing_folder_is_a_clear_usage_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'folder.db'}"
    result = runner.invoke(app, ["db", "upgrade", "--db", url])
    assert result.exit_code == 2
    assert "Cannot open the database" in result.output
