"""The demo writes its organisation through the import, and its CSV export imports back the same."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from latticework.demo.build import DemoRequest, build_demo
from latticework.errors import LatticeworkError
from latticework.org.columns import TABLES
from latticework.services.data import import_organisation
from latticework.storage import load_dataset
from latticework.storage.engine import dispose_engine
from latticework.storage.unit_of_work import UnitOfWork
from tests.demo.conftest import AS_OF


def stored(url: str) -> dict[str, pd.DataFrame]:
    """The database's tables in primary-key order (storage does not promise an order)."""
    with UnitOfWork(url) as uow:
        frames = load_dataset(uow.connection, AS_OF).frames()
    return {name: in_key_order(name, frame) for name, frame in frames.items()}


def in_key_order(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(TABLES[name].key), kind="stable").reset_index(drop=True)


def test_demo_to_csv_to_import_gives_the_demos_own_database(tmp_path: Path, db_url: str) -> None:
    own = f"sqlite:///{tmp_path / 'demo.db'}"
    folder = tmp_path / "csv"
    result = build_demo(
        DemoRequest(people=300, seed=4, as_of=AS_OF, export_to=folder, database_url=own)
    )
    assert [p.name for p, _ in result.exported] == [
        "people.csv",
        "events.csv",
        "participation.csv",
        "impact.csv",
        "assessments.csv",
        "roles.csv",
        "promotion_cycles.csv",
        "calibrations.csv",
        "nominations.csv",
        "promotion_decisions.csv",
    ]
    report = import_organisation(db_url, [folder])
    assert report.ok, report.errors[:3]
    demo_db, imported = stored(own), stored(db_url)
    dispose_engine(own)
    for name, frame in demo_db.items():
        assert len(frame) == next(t.rows for t in result.tables if t.table == name)
        pd.testing.assert_frame_equal(frame, imported[name], check_exact=True, obj=name)


def test_an_existing_organisation_is_replaced_only_when_asked(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(DemoRequest(people=100, seed=1, as_of=AS_OF, database_url=url))
    with pytest.raises(LatticeworkError, match="already holds an organisation"):
        build_demo(DemoRequest(people=120, seed=2, as_of=AS_OF, database_url=url))
    assert (stored(url)["people"]["status"] == "active").sum() == 100
    build_demo(DemoRequest(people=120, seed=2, as_of=AS_OF, database_url=url, replace=True))
    assert (stored(url)["people"]["status"] == "active").sum() == 120
    dispose_engine(url)


def test_the_database_holds_exactly_the_generated_organisation(tmp_path: Path) -> None:
    from latticework.demo import generate_organisation
    from latticework.demo.build import write_demo_database
    from latticework.framework import load_default_framework
    from latticework.org.dataset import add_derived_pay

    framework = load_default_framework().framework
    dataset = generate_organisation(framework, people=200, seed=9, as_of=AS_OF)
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    report = write_demo_database(url, dataset, framework)
    assert report.ok
    back = stored(url)
    dispose_engine(url)
    expected = dataset.frames()
    expected["people"] = add_derived_pay(expected["people"], framework)
    for name, frame in expected.items():
        # Generated tables already come in primary-key order.
        pd.testing.assert_frame_equal(in_key_order(name, frame), frame, obj=name)
        pd.testing.assert_frame_equal(frame, back[name][frame.columns], obj=name)
