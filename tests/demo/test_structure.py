"""Every record of the demo organisation is valid against the framework it was made from."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from latticework.framework.model import Framework
from latticework.org.columns import IMPACT_CATEGORIES, PARTICIPATION_ROLES
from latticework.org.dataset import OrgDataset, add_derived_pay
from tests.demo.conftest import AS_OF, active


def test_levels_tracks_and_disciplines_agree_with_the_framework(
    org: OrgDataset, framework: Framework
) -> None:
    for row in org.people.itertuples():
        placement = framework.placement(row.level)
        assert placement.discipline.id == row.discipline
        assert placement.track.id == row.track


def test_every_path_applies_to_its_level(org: OrgDataset, framework: Framework) -> None:
    for level, path in org.people[["level", "path"]].drop_duplicates().itertuples(index=False):
        assert path in {p.id for p in framework.paths_for_level(level)}, (level, path)


def test_zones_currencies_and_countries_match(org: OrgDataset, framework: Framework) -> None:
    zones = {z.id: z for z in framework.zones}
    for zone, currency, country in org.people[["zone", "currency", "country"]].itertuples(
        index=False
    ):
        assert currency == zones[zone].currency
        assert country in zones[zone].countries


def test_active_pay_is_inside_the_band_of_grade_and_zone(
    org: OrgDataset, framework: Framework
) -> None:
    people = add_derived_pay(active(org.people), framework)
    bands = {(b.grade, b.zone): b for b in framework.bands}
    low = np.array([bands[g, z].min for g, z in zip(people["grade"], people["zone"], strict=True)])
    high = np.array([bands[g, z].max for g, z in zip(people["grade"], people["zone"], strict=True)])
    assert ((people["base_annual_fte"] >= low) & (people["base_annual_fte"] <= high)).all()


def test_part_timers_and_monthly_and_hourly_pay_are_present(org: OrgDataset) -> None:
    people = org.people
    assert (people["fte"] < 1).mean() > 0.02
    assert set(people["pay_period"]) == {"year", "month", "hour"}


def test_managers_form_one_tree_with_spans_of_five_to_eight(org: OrgDataset) -> None:
    people = active(org.people).set_index("employee_id")
    assert people["manager_id"].isna().sum() == 1
    managers = people["manager_id"].dropna()
    assert managers.isin(people.index).all()
    assert (people.loc[managers.unique(), "track"] == "management").all()
    spans = managers.value_counts()
    assert spans.between(5, 8).all(), spans.describe()
    assert len(spans) == (people["track"] == "management").sum()
    # Walking up from anyone reaches the root within a few steps: no cycles.
    boss = managers.to_dict()
    for person in people.index:
        seen = {person}
        while person in boss:
            person = boss[person]
            assert person not in seen
            seen.add(person)


def test_teams_have_a_manager_and_mostly_several_disciplines(org: OrgDataset) -> None:
    people = active(org.people)
    teams = people.groupby("team")
    assert (teams["track"].apply(lambda t: (t == "management").sum()) == 1).all()
    assert (teams["discipline"].nunique() >= 2).mean() > 0.85


def test_exited_people_have_an_exit_date_after_hire_and_no_manager(org: OrgDataset) -> None:
    exited = org.people[org.people["status"] == "exited"]
    assert len(exited) > 100
    assert (exited["exit_date"] > exited["hire_date"]).all()
    assert exited["manager_id"].isna().all()
    assert active(org.people)["exit_date"].isna().all()


def test_no_date_is_after_the_as_of_day(org: OrgDataset) -> None:
    limit = pd.Timestamp(AS_OF)
    for name, frame in org.frames().items():
        for column in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[column]):
                assert (frame[column].dropna() <= limit).all(), (name, column)


def test_records_name_framework_ids(org: OrgDataset, framework: Framework) -> None:
    assert set(org.participation["forum"]) == {f.id for f in framework.forums}
    assert set(org.participation["role"]) <= set(PARTICIPATION_ROLES)
    assert set(org.impact["category"]) == set(IMPACT_CATEGORIES)
    assert set(org.assessments["competency"]) <= {c.id for c in framework.competencies}
    assert org.assessments["rating"].between(1, 5).all()
    assert set(org.assessments["rater"]) == {"self", "manager"}
    assert set(org.roles["role"]) <= {r.id for r in framework.leadership_roles}
    assert org.impact["impact_id"].is_unique


def test_records_fall_inside_employment(org: OrgDataset) -> None:
    spans = org.people.set_index("employee_id")[["hire_date", "exit_date"]]
    for name, column in (
        ("participation", "date"),
        ("impact", "date"),
        ("assessments", "date"),
        ("roles", "start_date"),
    ):
        frame = org.frames()[name].join(spans, on="employee_id")
        assert (frame[column] >= frame["hire_date"]).all(), name
        ended = frame["exit_date"].notna()
        assert (frame.loc[ended, column] < frame.loc[ended, "exit_date"]).all(), name


def test_leadership_roles_go_to_eligible_ics(org: OrgDataset, framework: Framework) -> None:
    roles = org.roles.join(org.people.set_index("employee_id")[["discipline"]], on="employee_id")
    for row in roles.itertuples():
        role = framework.leadership_roles[
            [r.id for r in framework.leadership_roles].index(row.role)
        ]
        assert not role.disciplines or row.discipline in role.disciplines
    ended = roles["end_date"].notna()
    assert (roles.loc[ended, "end_date"] > roles.loc[ended, "start_date"]).all()


@pytest.mark.parametrize("people", [50, 333])
def test_small_organisations_are_still_whole(framework: Framework, people: int) -> None:
    from latticework.demo import generate_organisation

    small = generate_organisation(framework, people=people, seed=3, as_of=AS_OF)
    assert (small.people["status"] == "active").sum() == people
    assert active(small.people)["manager_id"].isna().sum() == 1
