"""The demo's log-ins: one per role, linked to real people, working against the app."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from tests.web.conftest import SECRET, log_in


def test_demo_accounts_log_in_and_see_what_their_role_allows(tmp_path: Path) -> None:
    from latticework.demo.accounts import DEMO_PASSWORD, create_demo_accounts
    from latticework.demo.build import DemoRequest, build_demo
    from latticework.storage.unit_of_work import UnitOfWork
    from latticework.web.app import create_app
    from latticework.web.settings import WebSettings

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(DemoRequest(people=150, seed=3, as_of=date(2026, 6, 30), database_url=url))
    with UnitOfWork(url) as uow:
        accounts = {a.username: a for a in create_demo_accounts(uow)}
        uow.commit()
    assert set(accounts) == {"employee", "manager", "hr", "admin"}
    client = TestClient(create_app(WebSettings(database_url=url, secret_key=SECRET)))
    log_in(client, "employee", DEMO_PASSWORD)
    me = client.get(f"/api/people/{accounts['employee'].employee_id}").json()
    assert me["manager_id"] == accounts["manager"].employee_id
    assert me["impact"], "the demo employee has impact to show"
    client = TestClient(create_app(WebSettings(database_url=url, secret_key=SECRET)))
    log_in(client, "manager", DEMO_PASSWORD)
    chain = {p["employee_id"] for p in client.get("/api/people").json()}
    assert accounts["employee"].employee_id in chain
    # Running it again (a rebuilt demo) resets the accounts rather than failing.
    with UnitOfWork(url) as uow:
        assert len(create_demo_accounts(uow)) == 4


def test_demo_no_serve_leaves_the_four_log_ins_linked_even_when_rebuilt(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from latticework.cli import app
    from latticework.demo.accounts import DEMO_PASSWORD
    from latticework.storage.unit_of_work import UnitOfWork
    from latticework.web.app import create_app
    from latticework.web.settings import WebSettings

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build = ["demo", "--no-serve", "--people", "150", "--as-of", "2026-06-30", "--db", url]
    for attempt in (build, [*build, "--seed", "5", "--replace"]):
        result = CliRunner().invoke(app, attempt)
        assert result.exit_code == 0, result.output
        assert "password for all: latticework-demo" in result.output
        with UnitOfWork(url) as uow:
            users = {u.username: u for u in uow.accounts.all()}
            people = set(uow.organisation.columns("people", ["employee_id"])["employee_id"])
        assert set(users) == {"employee", "manager", "hr", "admin"}
        assert all(u.employee_id in people for u in users.values()), "linked to a person"
        for username in users:
            client = TestClient(create_app(WebSettings(database_url=url, secret_key=SECRET)))
            log_in(client, username, DEMO_PASSWORD)
            me = client.get("/api/me")
            assert me.status_code == 200, (username, me.text)
