"""Growth's reads and plan storage on real databases: SQLite, and PostgreSQL when available."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from latticework.framework import load_default_framework
from latticework.services import growth, growth_data, growth_writes
from latticework.storage import UnitOfWork
from latticework.storage.engine import dispose_engine
from tests.growth.dbs import write_database
from tests.growth.org_fixture import small_org

FRAMEWORK = load_default_framework().framework


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The small organisation in a temporary SQLite file or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        written = write_database(tmp_path / "growth.db", FRAMEWORK, small_org(FRAMEWORK))
        yield written
        dispose_engine(written)
        return
    import psycopg

    server = request.getfixturevalue("postgres_url")
    schema = f"lw_growth_{uuid.uuid4().hex[:12]}"
    conninfo = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in server else "?"
    pg_url = f"{server}{separator}options=-csearch_path%3D{schema}"
    try:
        from latticework.services.data import import_dataset, upgrade_database

        upgrade_database(pg_url)
        with UnitOfWork(pg_url) as uow:
            uow.frameworks.store(FRAMEWORK, [])
            import_dataset(uow, small_org(FRAMEWORK), FRAMEWORK, today=date(2026, 11, 1))
            uow.commit()
        yield pg_url
    finally:
        dispose_engine(pg_url)
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


def test_person_dataset_holds_only_that_persons_rows(url: str) -> None:
    with UnitOfWork(url) as uow:
        org = uow.organisation.person("p1")
        assert uow.organisation.person("nobody") is None
    assert org is not None
    assert org.people["employee_id"].tolist() == ["p1"]
    assert sorted(org.impact["impact_id"].tolist()) == ["i1", "i2"]
    assert set(org.assessments["employee_id"]) == {"p1"}
    assert len(org.participation) == 3
    assert len(org.roles) == 1


def test_saving_a_plan_supersedes_the_last_and_status_edits_persist(url: str) -> None:
    with UnitOfWork(url) as uow:
        data = growth_data.person_data(uow, "p5")
        _, proposal = growth.development_plan(data, "p5")
        first = growth_writes.save_plan(uow, proposal, FRAMEWORK)
        uow.commit()
        second = growth_writes.save_plan(uow, proposal, FRAMEWORK)
        uow.commit()
    assert second.plan_id != first.plan_id
    with UnitOfWork(url) as uow:
        assert growth_writes.stored_plan(uow, "p5") == second
        edited = growth_writes.set_plan_item_status(uow, "p5", 2, "in_progress", FRAMEWORK)
        uow.commit()
    assert [i.status for i in edited.items][:2] == ["planned", "in_progress"]
    with UnitOfWork(url) as uow:
        assert growth_writes.stored_plan(uow, "p5") == edited
    assert edited.target_level == "E8"
    with UnitOfWork(url) as uow:
        rows = uow.connection.exec_driver_sql(
            "SELECT status, COUNT(*) FROM development_plans WHERE employee_id = 'p5' "
            "GROUP BY status ORDER BY status"
        ).all()
    assert [tuple(r) for r in rows] == [("active", 1), ("superseded", 1)]


def test_team_data_reads_active_people_and_capability_ratings_only(url: str) -> None:
    with UnitOfWork(url) as uow:
        data = growth_data.team_data(uow)
    assert sorted(data.org.people["team"].unique()) == ["payments", "search"]
    assert set(data.org.assessments["competency"]) <= {"strategy", "product-discovery"}
    org = growth.team_composition(data)
    assert [t.team for t in org.flagged] == ["search"]
