"""The same seed gives the same organisation; another seed gives another."""

from __future__ import annotations

import pandas as pd

from latticework.demo import generate_organisation
from latticework.framework.model import Framework
from latticework.org.columns import TABLES
from latticework.org.dataset import OrgDataset
from tests.demo.conftest import AS_OF


def test_same_seed_gives_an_identical_organisation(framework: Framework) -> None:
    first = generate_organisation(framework, people=300, seed=11, as_of=AS_OF)
    second = generate_organisation(framework, people=300, seed=11, as_of=AS_OF)
    for name, frame in first.frames().items():
        pd.testing.assert_frame_equal(frame, second.frames()[name], check_exact=True)


def test_another_seed_gives_another_organisation(framework: Framework) -> None:
    first = generate_organisation(framework, people=300, seed=1, as_of=AS_OF)
    second = generate_organisation(framework, people=300, seed=2, as_of=AS_OF)
    assert not first.people["base_salary"].equals(second.people["base_salary"])


def test_every_table_has_exactly_the_canonical_columns(org: OrgDataset) -> None:
    for name, frame in org.frames().items():
        assert list(frame.columns) == TABLES[name].names, name
        assert len(frame) > 0, name


def test_headcount_on_the_day_is_the_number_asked_for(org: OrgDataset) -> None:
    assert (org.people["status"] == "active").sum() == 1200
    assert org.as_of == AS_OF


def test_protected_attributes_can_be_left_out(framework: Framework) -> None:
    org = generate_organisation(
        framework, people=100, seed=1, as_of=AS_OF, protected_attributes=False
    )
    assert org.people["gender"].isna().all()
    assert org.people["ethnicity"].isna().all()


def test_gender_is_recorded_everywhere_and_ethnicity_only_in_the_us(org: OrgDataset) -> None:
    people = org.people
    assert set(people["gender"]) == {"female", "male", "non-binary"}
    assert people.loc[people["zone"] == "us", "ethnicity"].notna().all()
    assert people.loc[people["zone"] != "us", "ethnicity"].isna().all()
