"""The Article 7 register's dates, the eu commands' errors, and the docs naming every command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from latticework.cli import app
from latticework.compliance.requests import add_months, due_date, is_overdue
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset
from tests.compliance.conftest import ENTITY, planted, store

runner = CliRunner()
DOCS = Path(__file__).parents[2] / "docs" / "eu-pay-transparency.md"


def test_due_dates_keep_the_day_or_take_the_months_last() -> None:
    assert add_months(date(2026, 12, 31), 2) == date(2027, 2, 28)
    assert add_months(date(2028, 12, 31), 2) == date(2029, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
    assert due_date(date(2026, 3, 15), "DE", {"DE": 1}) == date(2026, 4, 15)
    assert due_date(date(2026, 3, 15), "FR", {"DE": 1}) == date(2026, 5, 15)
    assert is_overdue("open", date(2026, 5, 15), date(2026, 5, 16))
    assert not is_overdue("open", date(2026, 5, 15), date(2026, 5, 15))
    assert not is_overdue("answered", date(2026, 5, 15), date(2027, 1, 1))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 24))
def test_adding_months_never_goes_past_the_target_month(day: date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year - day.year) * 12 + later.month - day.month == months
    assert later.day <= day.day


@pytest.fixture(scope="module")
def sqlite_db(
    tmp_path_factory: pytest.TempPathFactory, demo: OrgDataset, framework: Framework
) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('eu') / 'eu.db'}"
    store(url, planted(demo, framework), framework)
    return url


def _person(url: str, country: str) -> str:
    import sqlite3

    with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
        (employee_id,) = connection.execute(
            "SELECT employee_id FROM people WHERE legal_entity = ? AND country = ? AND "
            "status = 'active' ORDER BY employee_id LIMIT 1",
            (ENTITY, country),
        ).fetchone()
    return str(employee_id)


def test_the_register_from_request_to_answer(sqlite_db: str) -> None:
    dutch, spanish = _person(sqlite_db, "NL"), _person(sqlite_db, "ES")
    assert runner.invoke(app, ["eu", "period", "ES", "1", "--db", sqlite_db]).exit_code == 0
    refused = runner.invoke(app, ["eu", "period", "ES", "3", "--db", sqlite_db])
    assert refused.exit_code == 2
    assert "two months" in refused.output
    for who in (dutch, spanish):
        made = runner.invoke(
            app, ["eu", "request", who, "--received-on", "2026-09-10", "--db", sqlite_db]
        )
        assert made.exit_code == 0, made.output
    listed = runner.invoke(
        app, ["eu", "requests", "--today", "2026-10-20", "-f", "json", "--db", sqlite_db]
    )
    assert listed.exit_code == 1  # the Spanish request is overdue
    rows = {r["employee_id"]: r for r in json.loads(listed.stdout)["requests"]}
    assert rows[dutch]["due_on"] == "2026-11-10"
    assert not rows[dutch]["overdue"]
    assert rows[spanish]["due_on"] == "2026-10-10"
    assert rows[spanish]["overdue"]
    answered = runner.invoke(
        app,
        ["eu", "rti", spanish, "--answers", str(rows[spanish]["id"]), "--today", "2026-10-21",
         "-f", "json", "--db", sqlite_db],
    )  # fmt: skip
    assert answered.exit_code == 0, answered.output
    after = runner.invoke(
        app, ["eu", "requests", "--today", "2026-10-22", "-f", "json", "--db", sqlite_db]
    )
    row = next(r for r in json.loads(after.stdout)["requests"] if r["employee_id"] == spanish)
    assert row["status"] == "answered"
    assert row["answered_on"] == "2026-10-21"
    assert row["answered_by"].startswith("cli:")
    assert not row["overdue"]


def test_the_letter_is_in_the_access_log(sqlite_db: str) -> None:
    import sqlite3

    who = _person(sqlite_db, "NL")
    assert runner.invoke(app, ["eu", "rti", who, "-f", "json", "--db", sqlite_db]).exit_code == 0
    with sqlite3.connect(sqlite_db.removeprefix("sqlite:///")) as connection:
        rows = connection.execute(
            "SELECT action, fields FROM access_log WHERE subject_employee_id = ?", (who,)
        ).fetchall()
    assert ("eu-rti-letter", "pay") in rows


def test_notice_names_the_period_of_each_country(sqlite_db: str) -> None:
    result = runner.invoke(
        app, ["eu", "notice", "--entity", ENTITY, "--year", "2026", "--db", sqlite_db]
    )
    assert result.exit_code == 0, result.output
    assert "Article 7(3)" in result.stdout
    assert "within 2 months" in result.stdout


def test_an_unknown_entity_is_a_usage_error_that_lists_the_known_ones(sqlite_db: str) -> None:
    result = runner.invoke(
        app, ["eu", "report", "--entity", "nope", "--year", "2026", "--db", sqlite_db]
    )
    assert result.exit_code == 2
    assert "latticework-gmbh" in result.output
    assert "Traceback" not in result.output


def test_a_bad_register_is_refused_whole_with_rows_and_columns(
    sqlite_db: str, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "legal_entity,year,category,factor,explanation,agreement\n"
        f"{ENTITY},2026,G5,country,Market,agreed\n"
        f"{ENTITY},twenty,G6,gender,Because,maybe\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eu", "justifications", "import", str(path), "--db", sqlite_db])
    assert result.exit_code == 2
    for column in ("year", "factor", "agreement"):
        assert f"row 3, column '{column}'" in result.output
    exported = runner.invoke(
        app,
        ["eu", "justifications", "export", "--entity", ENTITY, "--year", "2026", "--db",
         sqlite_db],
    )  # fmt: skip
    assert exported.stdout.count("\n") == 1  # the header only: nothing was written


def test_every_eu_command_is_documented() -> None:
    from latticework.cli import eu_cmds

    probe = typer.Typer()
    eu_cmds.register(probe)
    docs = DOCS.read_text(encoding="utf-8")
    names = [c.name for c in eu_cmds.eu_app.registered_commands]
    names += [f"justifications {c.name}" for c in eu_cmds.justifications_app.registered_commands]
    assert len(names) >= 9
    for name in names:
        assert f"latticework eu {name}" in docs, name
