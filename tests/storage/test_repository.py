"""Repository reads and writes the services use: people, reporting chains, records, plans."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from latticework.errors import LatticeworkError
from latticework.services.data import import_organisation
from latticework.storage import UnitOfWork, engine_for
from latticework.storage.impact_ratings import AssessmentRecord, ImpactRecord
from latticework.storage.plans import NewPlanItem
from tests.ingest.conftest import OrgWriter, write_org

__all__ = ["write_org"]


@pytest.fixture
def org_url(db_url: str, write_org: OrgWriter) -> str:
    """A database holding the small organisation of tests/ingest/conftest.py."""
    report = import_organisation(db_url, [write_org()])
    assert report.ok
    return db_url


def test_get_person_returns_the_stored_record(org_url: str) -> None:
    with UnitOfWork(org_url) as uow:
        person = uow.people.get("e4")
        missing = uow.people.get("nobody")
    assert person is not None
    assert (person.level, person.grade, person.base_annual_fte) == ("E5", "G5", 84000.0)
    assert person.hire_date == date(2021, 7, 8)
    assert missing is None


def test_reporting_chain_goes_all_the_way_down(org_url: str) -> None:
    with UnitOfWork(org_url) as uow:
        assert uow.people.direct_reports("e1") == ["e2", "e5"]
        assert uow.people.reporting_chain("e1") == ["e2", "e3", "e4", "e5"]
        assert uow.people.reporting_chain("e2") == ["e3", "e4"]
        assert uow.people.reporting_chain("e4") == []
        assert uow.people.managers_above("e4") == ["e2", "e1"]
        assert uow.people.is_in_reporting_chain("e1", "e4")
        assert not uow.people.is_in_reporting_chain("e4", "e1")


def test_impact_records_are_saved_once_per_id(org_url: str) -> None:
    record = ImpactRecord(
        impact_id="i1",
        employee_id="e3",
        date=date(2025, 3, 1),
        category="efficiency",
        title="Moved batch jobs to spot instances",
        metric="cloud cost",
        value=1_000_000.0,
        unit="USD/year",
    )
    with UnitOfWork(org_url) as uow:
        uow.impact.add(record)
        uow.impact.add(replace(record, value=1.2e6))
        uow.commit()
    with UnitOfWork(org_url) as uow:
        assert uow.impact.of("e3") == [replace(record, value=1.2e6)]


def test_an_impact_record_for_an_unknown_person_is_refused(org_url: str) -> None:
    record = ImpactRecord("i9", "ghost", date(2025, 1, 1), "efficiency", "Nothing")
    with UnitOfWork(org_url) as uow, pytest.raises(LatticeworkError, match="employee_id 'ghost'"):
        uow.impact.add(record)


def test_assessments_upsert_by_cycle_competency_and_rater(org_url: str) -> None:
    first = AssessmentRecord("e3", "2025-H1", "craft-expertise", "manager", 3)
    with UnitOfWork(org_url) as uow:
        uow.assessments.add(first)
        uow.assessments.add(AssessmentRecord("e3", "2025-H1", "craft-expertise", "self", 4))
        uow.assessments.add(
            AssessmentRecord("e3", "2025-H1", "craft-expertise", "manager", 4, "Led the migration"),
        )
        uow.commit()
    with UnitOfWork(org_url) as uow:
        ratings = uow.assessments.of("e3")
    assert [(a.rater, a.rating, a.evidence) for a in ratings] == [
        ("manager", 4, "Led the migration"),
        ("self", 4, None),
    ]


def test_development_plans_keep_their_items_and_statuses(org_url: str) -> None:
    items = [
        NewPlanItem(
            "conference-talk",
            "communication",
            "Give a conference talk on the storage engine",
            date(2026, 6, 30),
        ),
        NewPlanItem(None, "mentoring", "Mentor two engineers", None),
    ]
    with UnitOfWork(org_url) as uow:
        first = uow.plans.save("e3", "technical-depth", "2026", items)
        uow.commit()
    with UnitOfWork(org_url) as uow:
        plan = uow.plans.active("e3")
        assert plan is not None
        assert plan.id == first.id
        assert [(i.goal, i.status) for i in plan.items] == [
            (items[0].goal, "planned"),
            (items[1].goal, "planned"),
        ]
        assert uow.plans.set_item_status(plan.id, plan.items[0].id, "done")
        uow.commit()
    with UnitOfWork(org_url) as uow:
        plan = uow.plans.active("e3")
    assert plan is not None
    assert [i.status for i in plan.items] == ["done", "planned"]
    assert plan.items[0].due_date == date(2026, 6, 30)


def test_a_plan_for_an_unknown_person_is_refused(org_url: str) -> None:
    with UnitOfWork(org_url) as uow, pytest.raises(LatticeworkError, match="No person"):
        uow.plans.save("nobody", None, None, [])


def test_deleting_a_person_removes_their_records(org_url: str, tmp_path: Path) -> None:
    """Erasure (GDPR): child rows go with the person, through ON DELETE CASCADE."""
    with UnitOfWork(org_url) as uow:
        uow.impact.add(ImpactRecord("i1", "e3", date(2025, 1, 1), "efficiency", "x"))
        uow.plans.save("e3", None, None, [NewPlanItem(None, None, "y", None)])
        uow.connection.exec_driver_sql("DELETE FROM people WHERE employee_id = 'e3'")
        uow.commit()
    with engine_for(org_url).connect() as connection:
        for table in ("events", "impact", "development_plans", "plan_items"):
            count = connection.exec_driver_sql(
                f"SELECT count(*) FROM {table} WHERE "
                + ("employee_id = 'e3'" if table != "plan_items" else "1 = 1")
            ).scalar_one()
            assert count == 0, table


def test_read_table_can_read_some_columns_of_some_rows(org_url: str) -> None:
    """The audit reads only career events; the filter and column list are pushed into SQL."""
    from latticework.storage.reading import read_table

    with UnitOfWork(org_url) as uow:
        everything = read_table(uow.connection, "events")
        promotions = read_table(
            uow.connection,
            "events",
            columns=["employee_id", "date", "type"],
            only=("type", ["promotion", "it's quoted"]),
        )
        nothing = read_table(uow.connection, "events", only=("type", []))
    expected = everything.loc[everything["type"] == "promotion", ["employee_id", "date", "type"]]
    assert len(expected) > 0
    assert list(promotions.columns) == ["employee_id", "date", "type"]
    assert promotions.reset_index(drop=True).equals(expected.reset_index(drop=True))
    assert nothing.empty


def test_read_table_can_read_only_the_rows_of_a_period(org_url: str) -> None:
    """The audit reads only the participation period's records: both ends included."""
    import pandas as pd

    from latticework.storage.reading import read_table

    with UnitOfWork(org_url) as uow:
        everything = read_table(uow.connection, "events")
        dates = sorted(everything["date"].unique())
        assert len(dates) >= 3
        first, last = dates[1].date(), dates[-2].date()
        period = read_table(uow.connection, "events", between=("date", first, last))
        both = read_table(
            uow.connection, "events", only=("type", ["promotion"]), between=("date", first, last)
        )
        with pytest.raises(ValueError, match="not a date column"):
            read_table(uow.connection, "events", between=("type", first, last))
    inside = everything["date"].between(pd.Timestamp(first), pd.Timestamp(last))
    assert period.reset_index(drop=True).equals(everything[inside].reset_index(drop=True))
    expected = everything[inside & (everything["type"] == "promotion")]
    assert both.reset_index(drop=True).equals(expected.reset_index(drop=True))


def test_read_table_refuses_unknown_columns(org_url: str) -> None:
    from latticework.storage.reading import read_table

    with UnitOfWork(org_url) as uow, pytest.raises(ValueError, match="no columns"):
        read_table(uow.connection, "events", columns=["salary"])
