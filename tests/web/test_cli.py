"""`latticework users ...` and `latticework serve` on a real database file."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from latticework.cli import app
from tests.web.conftest import Org

runner = CliRunner()


def test_users_add_then_list_shows_the_user_with_role_and_person(org: Org) -> None:
    result = runner.invoke(
        app,
        ["users", "add", "dana", "--role", "employee", "--employee", "eng_a2", "--db", org.url],
        env={"LATTICEWORK_PASSWORD": "a long enough passphrase"},
    )
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["users", "list", "--format", "json", "--db", org.url])
    users = {u["username"]: u for u in json.loads(listed.stdout)}
    assert users["dana"]["role"] == "employee"
    assert users["dana"]["employee_id"] == "eng_a2"


def test_users_add_with_a_short_password_says_how_long_it_must_be(org: Org) -> None:
    result = runner.invoke(
        app,
        ["users", "add", "dana", "--role", "people", "--password", "short", "--db", org.url],
    )
    assert result.exit_code == 1
    assert "at least 10" in result.stderr


def test_users_add_for_an_unknown_person_names_the_employee_id(org: Org) -> None:
    result = runner.invoke(
        app,
        ["users", "add", "x", "--role", "employee", "--employee", "E404", "--db", org.url],
        env={"LATTICEWORK_PASSWORD": "a long enough passphrase"},
    )
    assert result.exit_code == 1
    assert "E404" in result.stderr


def test_users_set_disables_an_account(org: Org) -> None:
    result = runner.invoke(app, ["users", "set", "chen", "--disabled", "--db", org.url])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["users", "list", "--db", org.url])
    assert "chen" in listed.stdout
    assert "disabled" in next(line for line in listed.stdout.splitlines() if "chen" in line)


def test_a_cli_token_works_against_the_api(org: Org, client) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["users", "token", "hr", "--name", "nightly", "--db", org.url])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["role"] == "people"


def test_serve_refuses_a_database_without_the_schema(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 'empty.db'}"])
    assert result.exit_code == 2
    assert "db upgrade" in result.stderr


def test_serve_get_makes_one_request_as_a_user_and_exits(org: Org) -> None:
    result = runner.invoke(
        app, ["serve", "--db", org.url, "--get", "/api/people/eng_a2", "--as", "ali"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pay"]["base_annual_fte"] == 240000
    denied = runner.invoke(
        app, ["serve", "--db", org.url, "--get", "/api/people/eng_b1", "--as", "ali"]
    )
    assert denied.exit_code == 1
    assert "forbidden" in denied.stdout
