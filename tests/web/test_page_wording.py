"""Internal ids and command-line wording never reach a page: the demo's pages, crawled as each
role, and the import page's problems, hold none of them (tests/web/page_words.py says which)."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import SECRET, Org, csrf_from, log_in
from tests.web.page_words import leaks

ROLES = ("employee", "manager", "hr", "admin")
MAX_PAGES = 150
"""Pages crawled per role at most."""
PER_KIND = 4
"""Pages of one kind (the same address with other ids) crawled at most."""
SKIP = re.compile(r"^/(logout|static/)|[?&]format=|/export$")
OWNED_ELSEWHERE: dict[str, str] = {}
"""Pages of another work stream, not yet checked: remove an entry once its page is fixed."""


@dataclass(frozen=True)
class Demo:
    url: str
    people: dict[str, str]
    """Employee id of each demo log-in."""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    from latticework.demo.accounts import create_demo_accounts
    from latticework.demo.build import DemoRequest, build_demo
    from latticework.storage.engine import dispose_engines
    from latticework.storage.unit_of_work import UnitOfWork

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    build_demo(DemoRequest(people=150, seed=3, as_of=date(2026, 6, 30), database_url=url))
    with UnitOfWork(url) as uow:
        people = {a.username: a.employee_id for a in create_demo_accounts(uow)}
        uow.commit()
    yield Demo(url, people)
    dispose_engines()


def _kind(path: str) -> str:
    """The address with its ids taken out: /people/N/packet?target=…"""
    base, _, query = path.partition("?")
    return re.sub(r"/[^/]*\d[^/]*", "/N", base) + ("?" + re.sub(r"=[^&]*", "=", query))


def _crawl(client: TestClient, start: list[str]) -> Iterator[tuple[str, str]]:
    seen = set(start)
    queue = deque(start)
    kinds: dict[str, int] = {}
    crawled = 0
    while queue and crawled < MAX_PAGES:
        path = queue.popleft()
        kind = _kind(path)
        if kinds.get(kind, 0) >= PER_KIND:
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        response = client.get(path)
        crawled += 1
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        yield path, response.text
        for href in re.findall(r'href="([^"#]+)"', response.text):
            href = href.replace("&amp;", "&")
            local = href.startswith("/") and not href.startswith("//")
            if local and not SKIP.search(href) and href not in seen:
                seen.add(href)
                queue.append(href)


@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_internal_ids_or_command_line_wording(demo: Demo, role: str) -> None:
    from latticework.demo.accounts import DEMO_PASSWORD
    from latticework.services.frameworks import current_framework
    from latticework.storage.unit_of_work import UnitOfWork
    from latticework.web.app import create_app
    from latticework.web.settings import WebSettings

    with UnitOfWork(demo.url) as uow:
        fw = current_framework(uow)
    me = demo.people[role]
    start = ["/", f"/people/{me}/packet?target=E4", "/promotions", "/people?status=exited"]
    if role == "hr":
        start.append("/import")
    found: list[str] = []
    pages = 0
    with TestClient(create_app(WebSettings(database_url=demo.url, secret_key=SECRET))) as client:
        log_in(client, role, DEMO_PASSWORD)
        for path, page in _crawl(client, start):
            pages += 1
            if path.split("?")[0] in OWNED_ELSEWHERE:
                continue
            found += [f"{path}: …{leak}…" for leak in leaks(fw, page)]
    assert pages >= (2 if role == "admin" else 5)
    assert found == [], "\n".join(found[:20])


def test_the_check_finds_what_it_looks_for(org: Org) -> None:
    from latticework.services.frameworks import current_framework
    from latticework.storage.unit_of_work import UnitOfWork

    with UnitOfWork(org.url) as uow:
        fw = current_framework(uow)
    for bad in (
        "<td>ic</td>",
        "path technical-depth → domain-specialist:design-systems",
        "manager audit.view EMP1",
        "Cannot read /tmp/latticework-upload-x/people.csv",
        "Map it in the mapping file's `files:` section.",
        "No next level: pass --to LEVEL.",
    ):
        assert leaks(fw, f"<p>{bad}</p>"), bad
    fine = (
        '<a href="/framework/levels/E6?path=technical-depth">E6 Staff Engineer</a>'
        "<p>Individual contributor, Technical depth path — a basic (topic) review</p>"
        "<!--here:E6--><script>var ic = 1;</script>"
    )
    assert leaks(fw, fine) == []


def test_an_upload_problem_names_the_file_and_a_fix_for_the_form(
    client: TestClient,
) -> None:
    log_in(client, "hr")
    form = client.get("/import")
    response = client.post(
        "/import",
        data={"csrf_token": csrf_from(form.text)},
        files={"files": ("staff-list.csv", b"employee_id\nx\n", "text/csv")},
    )
    assert response.status_code == 422
    assert "staff-list.csv" in response.text
    assert "Name each file after its table" in response.text
    for internal in ("/tmp", "latticework-upload-", "mapping file", "`files:`"):
        assert internal not in response.text, internal


def test_a_web_fix_keeps_what_can_be_done_at_the_form() -> None:
    from latticework.errors import Problem
    from latticework.services.uploads import _for_the_web

    folder = str(Path("/tmp/latticework-upload-abc"))
    problem = Problem(
        f"Unknown level in {folder}/people.csv.",
        fix="Use a level id of the framework (e.g. E5), or map job titles in the mapping file.",
        code="unknown-level",
    )
    web = _for_the_web(problem, folder)
    assert web.fix == "Use a level id of the framework (e.g. E5)."
    assert web.message == "Unknown level in people.csv."
