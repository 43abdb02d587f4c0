"""The documented disparities are in the raw data at their configured size, and only there.

Each check is computed here from the canonical tables alone (not from the
generator's internals), on an organisation of 20,000 so sizes are precise.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from latticework.demo import Disparities, generate_organisation
from latticework.errors import LatticeworkError
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset, add_derived_pay
from tests.demo.conftest import AS_OF, active, grades_of


def compa(org: OrgDataset, framework: Framework) -> pd.DataFrame:
    """Active people with pay as a fraction of their band mid (which removes grade and zone)."""
    people = add_derived_pay(active(org.people), framework)
    mids = {(b.grade, b.zone): b.mid for b in framework.bands}
    mid = [mids[g, z] for g, z in zip(people["grade"], people["zone"], strict=True)]
    return people.assign(compa=people["base_annual_fte"] / np.array(mid))


def ic_pay_ratio_at(org: OrgDataset, framework: Framework, grade: str) -> float:
    people = compa(org, framework)
    at = people[people["grade"] == grade].groupby("track")["compa"].mean()
    return float(at["ic"] / at["management"])


def women_pay_ratio_in(org: OrgDataset, framework: Framework, discipline: str) -> float:
    people = compa(org, framework)
    people = people[people["discipline"] == discipline].groupby("gender")["compa"].mean()
    return float(people["female"] / people["male"])


def promotion_rates_from(org: OrgDataset, framework: Framework, grade: str) -> pd.Series:
    """Per track: people at `grade` on each anniversary of the history who were promoted within
    the following year, over people at that grade then (pooled over the years)."""
    grades = grades_of(framework)
    events = org.events
    moves = events[events["type"].isin(["hire", "promotion", "track_change", "level_change"])]
    exits = events[events["type"] == "exit"].set_index("employee_id")["date"]
    counts = pd.DataFrame(0, index=["ic", "management"], columns=["at_grade", "promoted"])
    for years_back in range(5, 0, -1):
        start = pd.Timestamp(date(AS_OF.year - years_back, AS_OF.month, AS_OF.day))
        end = start + pd.DateOffset(years=1)
        state = (
            moves[moves["date"] <= start].groupby("employee_id")[["to_level", "to_track"]].last()
        )
        state = state[~state.index.isin(exits[exits <= start].index)]
        state = state[state["to_level"].map(grades) == grade]
        promoted = events[
            (events["type"] == "promotion") & (events["date"] > start) & (events["date"] <= end)
        ]
        state = state.assign(promoted=state.index.isin(promoted["employee_id"]))
        counts["at_grade"] += state.groupby("to_track").size().reindex(counts.index, fill_value=0)
        counts["promoted"] += state.groupby("to_track")["promoted"].sum().reindex(counts.index)
    return counts["promoted"] / counts["at_grade"]


def forum_rates(org: OrgDataset, framework: Framework, forum: str) -> pd.Series:
    """Share of active eligible people by track who took part in the forum in the last year."""
    minimum = next(f.min_grade for f in framework.forums if f.id == forum)
    rank = {g.id: g.rank for g in framework.grades}
    people = add_derived_pay(active(org.people), framework)
    eligible = people[people["grade"].map(rank) >= rank[minimum]]
    recent = org.participation[
        (org.participation["forum"] == forum)
        & (org.participation["date"] > pd.Timestamp(AS_OF) - pd.DateOffset(years=1))
    ]
    took_part = eligible["employee_id"].isin(recent["employee_id"])
    return took_part.groupby(eligible["track"]).mean()


def test_principal_level_ics_are_paid_five_percent_below_directors(
    large_org: OrgDataset, framework: Framework
) -> None:
    assert ic_pay_ratio_at(large_org, framework, "G8") == pytest.approx(0.95, abs=0.01)
    assert ic_pay_ratio_at(large_org, framework, "G7") == pytest.approx(1.0, abs=0.015)


def test_women_in_engineering_are_paid_four_percent_less(
    large_org: OrgDataset, framework: Framework
) -> None:
    assert women_pay_ratio_in(large_org, framework, "engineering") == pytest.approx(0.96, abs=0.01)
    assert women_pay_ratio_in(large_org, framework, "design") == pytest.approx(1.0, abs=0.015)


def test_ics_are_promoted_from_senior_staff_at_about_a_third_of_the_rate(
    large_org: OrgDataset, framework: Framework
) -> None:
    # A multiplier of 0.25 on eligible ICs' chance shows as about 0.35 over everyone at
    # the grade: ICs held back pile up past the minimum time in level.
    g7 = promotion_rates_from(large_org, framework, "G7")
    assert 0.27 < g7["ic"] / g7["management"] < 0.43
    g6 = promotion_rates_from(large_org, framework, "G6")
    assert 0.85 < g6["ic"] / g6["management"] < 1.15


def test_ics_are_under_represented_in_strategic_planning(
    large_org: OrgDataset, framework: Framework
) -> None:
    planning = forum_rates(large_org, framework, "strategic-planning")
    assert planning["ic"] / planning["management"] < 0.6
    board = forum_rates(large_org, framework, "architecture-review-board")
    assert board["ic"] / board["management"] == pytest.approx(1.0, abs=0.08)


def test_the_null_case_has_none_of_them(large_null_org: OrgDataset, framework: Framework) -> None:
    assert ic_pay_ratio_at(large_null_org, framework, "G8") == pytest.approx(1.0, abs=0.015)
    assert women_pay_ratio_in(large_null_org, framework, "engineering") == pytest.approx(
        1.0, abs=0.01
    )
    g7 = promotion_rates_from(large_null_org, framework, "G7")
    assert g7["ic"] / g7["management"] == pytest.approx(1.0, abs=0.15)
    planning = forum_rates(large_null_org, framework, "strategic-planning")
    assert planning["ic"] / planning["management"] == pytest.approx(1.0, abs=0.08)


def test_disparities_are_configurable(framework: Framework) -> None:
    bigger = Disparities(ic_pay_gap=0.10, gender_pay_gap=0.0)
    org = generate_organisation(framework, people=5000, seed=5, as_of=AS_OF, disparities=bigger)
    assert ic_pay_ratio_at(org, framework, "G8") == pytest.approx(0.90, abs=0.02)
    assert women_pay_ratio_in(org, framework, "engineering") == pytest.approx(1.0, abs=0.02)


def test_a_disparity_naming_what_the_framework_lacks_is_a_clear_error(
    framework: Framework,
) -> None:
    with pytest.raises(LatticeworkError) as error:
        generate_organisation(
            framework, disparities=Disparities(ic_pay_gap_grade="G12", ic_forum="golf")
        )
    messages = " ".join(p.message for p in error.value.problems)
    assert "G12" in messages
    assert "golf" in messages
