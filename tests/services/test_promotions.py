"""The committee services on SQLite and PostgreSQL: nominate, calibrate and decide, the
cycle's records as each role sees them, and the people list's filters and pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.web.conftest import ROLE_USERS, write_org_files
from tests.web.test_committee import CYCLES_CSV


@pytest.fixture
def url(db_url: str, tmp_path: Path) -> str:
    """The web tests' organisation with one promotion cycle, in either database (the shared
    `db_url`: a SQLite file or a PostgreSQL schema of its own)."""
    from latticework.services import accounts
    from latticework.services.data import import_organisation, upgrade_database
    from latticework.storage.unit_of_work import UnitOfWork

    upgrade_database(db_url)
    cycles = tmp_path / "promotion_cycles.csv"
    cycles.write_text(CYCLES_CSV, encoding="utf-8")
    report = import_organisation(db_url, [*write_org_files(tmp_path), cycles])
    assert report.ok, report.errors
    with UnitOfWork(db_url) as uow:
        for username, role, employee_id in ROLE_USERS.values():
            accounts.create_user(uow, username, "x" * 12, role, employee_id)
        uow.commit()
    return db_url


def test_a_cycle_recorded_through_the_services_reads_back(url: str) -> None:
    from latticework.services import accounts, promotions
    from latticework.services.frameworks import current_framework
    from latticework.storage import UnitOfWork

    with UnitOfWork(url) as uow:
        fw = current_framework(uow)
        hr = accounts.get_user_by_name(uow, "hr")
        ali = accounts.get_user_by_name(uow, "ali")
        assert hr is not None
        assert ali is not None
        promotions.nominate(uow, fw, ali, "2026-H1", "eng_a1", "E7|technical-depth")
        promotions.nominate(uow, fw, hr, "2026-H1", "eng_b1", "E6|technical-depth")
        promotions.calibrate(uow, fw, hr, "2026-H1", "eng_a1", "4", "3", "high", "One team")
        promotions.decide(uow, hr, "2026-H1", "eng_a1", "approved", "Clear", date(2026, 6, 1))
        uow.commit()
    with UnitOfWork(url) as uow:
        fw = current_framework(uow)
        hr = accounts.get_user_by_name(uow, "hr")
        ali = accounts.get_user_by_name(uow, "ali")
        assert hr is not None
        assert ali is not None
        everyone = promotions.committee(uow, fw, hr, "2026-H1", min_group=1)
        chain = promotions.committee(uow, fw, ali, "2026-H1", min_group=1)
        cycles = promotions.list_cycles(uow, hr)
    assert [c.cycle_id for c in cycles] == ["2026-H1"]
    assert [c.employee_id for c in everyone.candidates] == ["eng_a1", "eng_b1"]
    assert [c.employee_id for c in chain.candidates] == ["eng_a1"]
    chen = everyone.candidates[0]
    assert chen.nomination.nominator_id == "mgr_a"
    assert chen.packet is not None
    assert chen.packet.share_met is not None
    assert chen.calibration is not None
    assert (chen.calibration.pre_rating, chen.calibration.post_rating) == (4.0, 3.0)
    assert chen.decision is not None
    assert (chen.decision.outcome, chen.decision.decided_by) == ("approved", "hr")
    by_gender = {r.label: r for r in everyone.parity[2].rows}
    assert by_gender["Man"].mean_change == -1.0
    assert [t.title for t in chain.parity] == ["By track", "By path"]


def test_the_people_list_filters_and_pages_in_either_database(url: str) -> None:
    from latticework.services import accounts
    from latticework.services.people import list_people_page
    from latticework.storage import PeopleFilter, UnitOfWork

    with UnitOfWork(url) as uow:
        hr = accounts.get_user_by_name(uow, "hr")
        ali = accounts.get_user_by_name(uow, "ali")
        assert hr is not None
        assert ali is not None
        ics = list_people_page(uow, hr, PeopleFilter(track="ic", status="active"), 1, 2)
        rest = list_people_page(uow, hr, PeopleFilter(track="ic", status="active"), 2, 2)
        chain = list_people_page(uow, ali, PeopleFilter(text="a"), 1, 50)
    assert (ics.total, ics.pages) == (3, 2)
    assert [r.employee_id for r in ics.rows + rest.rows] == ["eng_a1", "eng_a2", "eng_b1"]
    assert {r.employee_id for r in chain.rows} <= {"mgr_a", "eng_a1", "eng_a2"}
