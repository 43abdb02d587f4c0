# ruff: noqa: E501  (CSV rows read best one per line)
"""A small real organisation in a temporary SQLite file, users for every role, and clients.

The organisation goes in through the real import (CSV files), users through
the accounts service: nothing of ours is mocked.

    vp (M9) ── mgr_a (M7, team payments) ── eng_a1 (E6), eng_a2 (E8)
           └── mgr_b (M7, team platform) ── eng_b1 (E5)
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

PASSWORD = "correct horse battery staple"
SECRET = "test-secret-" + "x" * 40

PEOPLE_CSV = """\
employee_id,name,email,discipline,track,level,path,team,manager_id,zone,country,hire_date,level_start_date,base_salary,currency,gender,ethnicity
vp,Vera Pike,vera@example.com,engineering,management,M9,people-leadership,leadership,,us,US,2015-01-05,2020-01-01,300000,USD,woman,
mgr_a,Ali Ahmed,ali@example.com,engineering,management,M7,people-leadership,payments,vp,us,US,2017-03-01,2021-06-01,200000,USD,man,
mgr_b,Bea Berg,bea@example.com,engineering,management,M7,people-leadership,platform,vp,us,US,2018-03-01,2022-06-01,198000,USD,woman,
eng_a1,Chen Li,chen@example.com,engineering,ic,E6,technical-depth,payments,mgr_a,us,US,2019-09-01,2023-01-01,160000,USD,man,
eng_a2,Dana Cruz,dana@example.com,engineering,ic,E8,domain-specialist:payments,payments,mgr_a,us,US,2016-02-01,2022-01-01,240000,USD,woman,
eng_b1,Eli Stone,eli@example.com,engineering,ic,E5,technical-depth,platform,mgr_b,us,US,2021-05-01,2021-05-01,130000,USD,nonbinary,
"""

IMPACT_CSV = """\
impact_id,employee_id,date,category,title,metric,value,unit,beneficiary,horizon,evidence
i1,eng_a1,2026-03-01,efficiency,Moved batch jobs to spot instances,cloud cost,250000,USD/year,the platform team,this year,RFC-12
"""

ASSESSMENTS_CSV = """\
employee_id,cycle,competency,rater,rating,evidence
eng_a1,2026-H1,system-design,manager,4,Led the ledger redesign
"""


@dataclass(frozen=True)
class Org:
    url: str
    path: Path


def write_org_files(folder: Path) -> list[Path]:
    files = {"people.csv": PEOPLE_CSV, "impact.csv": IMPACT_CSV, "assessments.csv": ASSESSMENTS_CSV}
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


ROLE_USERS = {
    "employee": ("chen", "employee", "eng_a1"),
    "colleague": ("eli", "employee", "eng_b1"),
    "manager": ("ali", "manager", "mgr_a"),
    "people": ("hr", "people", None),
    "admin": ("root", "admin", None),
    "representative": ("rep", "representative", None),
}


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The organisation and users, built once; each test gets a copy."""
    from latticework.services import accounts
    from latticework.services.data import import_organisation, upgrade_database
    from latticework.storage.engine import dispose_engines
    from latticework.storage.unit_of_work import UnitOfWork

    folder = tmp_path_factory.mktemp("org")
    path = folder / "template.db"
    url = f"sqlite:///{path}"
    upgrade_database(url)
    report = import_organisation(url, write_org_files(folder))
    assert report.ok, report.errors
    with UnitOfWork(url) as uow:
        for username, role, employee_id in ROLE_USERS.values():
            accounts.create_user(uow, username, PASSWORD, role, employee_id)
        uow.commit()
    dispose_engines()
    return path


@pytest.fixture
def org(template_db: Path, tmp_path: Path) -> Org:
    path = tmp_path / "org.db"
    shutil.copyfile(template_db, path)
    return Org(url=f"sqlite:///{path}", path=path)


@pytest.fixture
def app(org: Org):  # type: ignore[no-untyped-def]
    from latticework.web.app import create_app
    from latticework.web.settings import WebSettings

    return create_app(WebSettings(database_url=org.url, secret_key=SECRET))


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app) as c:
        yield c


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def log_in(client: TestClient, username: str, password: str = PASSWORD) -> None:
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


@pytest.fixture
def tokens(org: Org) -> dict[str, str]:
    """An API token for each role user (by the keys of ROLE_USERS)."""
    from latticework.services import accounts
    from latticework.storage.unit_of_work import UnitOfWork

    result = {}
    with UnitOfWork(org.url) as uow:
        for key, (username, _, _) in ROLE_USERS.items():
            user = accounts.get_user_by_name(uow, username)
            assert user is not None
            result[key] = accounts.create_api_token(uow, user.id, "tests")[1]
        uow.commit()
    return result


def wait_for_audit_jobs(where: str | TestClient, timeout: float = 60.0) -> None:
    """Until every queued audit job is done or failed (the app's worker thread runs them);
    `where`: the database URL, or the client of the app on it."""
    import time

    from latticework.storage.unit_of_work import UnitOfWork

    url = where if isinstance(where, str) else where.app.state.latticework.settings.database_url  # type: ignore[attr-defined]

    deadline = time.monotonic() + timeout
    while True:
        with UnitOfWork(url) as uow:
            pending = [
                j.id for j in uow.audit_jobs.recent(100) if j.status in ("queued", "running")
            ]
        if not pending:
            return
        assert time.monotonic() < deadline, f"audit jobs {pending} still pending"
        time.sleep(0.05)
