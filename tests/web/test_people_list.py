# ruff: noqa: E501  (CSV rows read best one per line)
"""The HR people list (paged, filtered, with who has left) and the teams list and team page
(flags, members, and a verdict that never contradicts the table below it)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.web.conftest import Org, log_in

LEFT_CSV = """\
employee_id,name,discipline,track,level,path,team,manager_id,zone,country,hire_date,level_start_date,base_salary,currency,status,exit_date
eng_x,Xia Left,engineering,ic,E5,technical-depth,platform,mgr_b,us,US,2019-01-01,2019-01-01,120000,USD,exited,2025-03-31
"""


def _names(html: str) -> list[str]:
    return re.findall(r'<td><a href="/people/[^"]+">([^<]+)</a></td>', html)


def test_every_person_is_reachable_page_by_page(org: Org) -> None:
    from latticework.services import accounts
    from latticework.services.people import list_people_page
    from latticework.storage import PeopleFilter, UnitOfWork

    with UnitOfWork(org.url) as uow:
        hr = accounts.get_user_by_name(uow, "hr")
        assert hr is not None
        first = list_people_page(uow, hr, PeopleFilter(), page=1, per_page=4)
        second = list_people_page(uow, hr, PeopleFilter(), page=2, per_page=4)
        beyond = list_people_page(uow, hr, PeopleFilter(), page=9, per_page=4)
    assert (first.total, first.pages, len(first.rows), len(second.rows)) == (6, 2, 4, 2)
    assert {r.employee_id for r in first.rows + second.rows} == {
        "vp", "mgr_a", "mgr_b", "eng_a1", "eng_a2", "eng_b1",
    }  # fmt: skip
    assert beyond.page == 2  # past the end shows the last page


def test_filters_narrow_the_list(client: TestClient) -> None:
    log_in(client, "hr")
    assert sorted(_names(client.get("/people?track=management").text)) == [
        "Ali Ahmed", "Bea Berg", "Vera Pike",
    ]  # fmt: skip
    assert _names(client.get("/people?grade=G8").text) == ["Dana Cruz"]
    assert _names(client.get("/people?team=platform&track=ic").text) == ["Eli Stone"]
    assert _names(client.get("/people?discipline=design").text) == []
    assert "Nobody matches these filters" in client.get("/people?discipline=design").text


def test_people_who_left_are_told_apart(client: TestClient, org: Org, tmp_path: Path) -> None:
    from latticework.services.data import import_organisation

    path = tmp_path / "people.csv"
    path.write_text(LEFT_CSV, encoding="utf-8")
    assert import_organisation(org.url, [path]).ok
    log_in(client, "hr")
    assert "Xia Left" not in client.get("/people").text  # current staff by default
    left = client.get("/people?status=exited").text
    assert _names(left) == ["Xia Left"]
    assert "Left on 2025-03-31" in left
    everyone = client.get("/people?status=all").text
    assert "Xia Left" in everyone
    assert "Active" in everyone


def test_the_list_names_tracks_and_paths_in_words(client: TestClient) -> None:
    log_in(client, "hr")
    page = client.get("/people").text
    assert "Individual contributor" in page
    assert "Payments specialist" in page
    assert "domain-specialist:" not in page
    assert "<td>ic</td>" not in page


def test_a_manager_lists_only_their_chain(client: TestClient) -> None:
    log_in(client, "ali")
    assert sorted(_names(client.get("/people?status=all").text)) == [
        "Ali Ahmed", "Chen Li", "Dana Cruz",
    ]  # fmt: skip


def test_teams_list_shows_flags_and_the_team_page_its_members(client: TestClient) -> None:
    log_in(client, "hr")
    teams = client.get("/teams").text
    row = re.search(r'<tr><td><a href="/teams/payments">payments</a>.*?</tr>', teams)
    assert row, teams
    assert "needed" in row.group(0)  # a three-person team with no product partnership
    team = client.get("/teams/payments").text
    assert _names(team) == ["Ali Ahmed", "Chen Li", "Dana Cruz"]
    assert "Flagged" in team


def test_a_target_met_by_specialists_alone_is_said_so(org: Org) -> None:
    from latticework.framework.model import Capability
    from latticework.services.frameworks import current_framework
    from latticework.storage import UnitOfWork
    from latticework.teams.composition import TeamComposition
    from latticework.web.views.teams import verdict

    with UnitOfWork(org.url) as uow:
        fw = current_framework(uow)
    holders = {
        Capability.STRATEGIC: 3, Capability.PRODUCT: 2, Capability.PEOPLE: 1,
        Capability.SPECIALIST: 1,
    }  # fmt: skip
    team = TeamComposition("Ledger", 4, holders, {}, {"payments": 1}, {}, True, ())
    said = verdict(fw, team)
    assert "every capability is present" not in (said.summary + " ".join(said.details)).lower()
    assert any("domain specialists count towards" in d for d in said.details)
    everything = {**holders, Capability.TECHNICAL: 1}
    full = verdict(fw, TeamComposition("All", 5, everything, {}, {}, {}, True, ()))
    assert full.summary.startswith("Every capability is present")
