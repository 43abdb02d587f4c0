"""Whatever the size, seed, history and disparities, the organisation passes the import."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from latticework.demo import Disparities, generate_organisation
from latticework.demo.build import write_demo_database
from latticework.framework.model import Framework
from latticework.storage.engine import dispose_engine
from tests.demo.conftest import active

# Pay gaps up to the defaults keep everyone employed inside their band; larger ones
# push some below it, which the import rightly reports (docs/demo.md).
disparity_sets = st.builds(
    Disparities,
    ic_pay_gap=st.floats(0.0, 0.05),
    ic_promotion_multiplier=st.floats(0.0, 2.0),
    ic_forum_membership_ratio=st.floats(0.0, 1.1),
    gender_pay_gap=st.floats(0.0, 0.04),
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo-properties")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.integers(50, 400),
    seed=st.integers(0, 2**32 - 1),
    years=st.integers(1, 7),
    as_of=st.dates(date(2015, 1, 1), date(2026, 11, 28)),
    disparities=disparity_sets,
)
def test_every_generated_organisation_imports_without_errors(
    framework: Framework,
    scratch: Path,
    people: int,
    seed: int,
    years: int,
    as_of: date,
    disparities: Disparities,
) -> None:
    org = generate_organisation(
        framework, people=people, seed=seed, years=years, as_of=as_of, disparities=disparities
    )
    staff = active(org.people)
    assert len(staff) == people
    assert staff["manager_id"].isna().sum() == 1
    url = f"sqlite:///{scratch / f'{uuid.uuid4().hex}.db'}"
    report = write_demo_database(url, org, framework)
    dispose_engine(url)
    assert report.ok, [str(p) for p in report.errors[:5]]
    # Only people who left long ago may be paid below today's band.
    assert {w.code for w in report.warnings} <= {"pay-outside-band"}, report.warnings[:3]
    rows = [w.location.row for w in report.warnings if w.location.row is not None]
    # Rows are numbered as in people.csv: the header is row 1.
    assert (org.people.iloc[[r - 2 for r in rows]]["status"] == "exited").all()
