"""Each person's events replay, in date order, to the state people.csv shows."""

from __future__ import annotations

import pandas as pd

from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset
from tests.demo.conftest import grades_of

LEVEL_MOVES = {"hire", "promotion", "track_change", "level_change"}


def test_every_kind_of_event_happens(org: OrgDataset) -> None:
    assert set(org.events["type"]) == {
        "hire",
        "promotion",
        "path_change",
        "track_change",
        "level_change",
        "pay_change",
        "exit",
        # Leave the EU Pay Transparency Directive asks about (Art. 10(2)(e)).
        "maternity_leave",
        "paternity_leave",
        "parental_leave",
        "carers_leave",
    }


def test_each_person_is_hired_once_first_and_exits_at_most_once_last(org: OrgDataset) -> None:
    events = org.events
    firsts = events.groupby("employee_id").head(1)
    assert (firsts["type"] == "hire").all()
    assert events.groupby("employee_id")["type"].apply(lambda t: (t == "hire").sum()).eq(1).all()
    exits = events[events["type"] == "exit"]
    assert exits["employee_id"].is_unique
    lasts = events.groupby("employee_id").tail(1).set_index("employee_id")
    assert (lasts.loc[exits["employee_id"], "type"] == "exit").all()
    people = org.people.set_index("employee_id")
    hires = events[events["type"] == "hire"].set_index("employee_id")["date"]
    assert (hires.loc[people.index] == people["hire_date"]).all()
    exit_dates = exits.set_index("employee_id")["date"]
    assert (exit_dates == people.loc[exit_dates.index, "exit_date"]).all()


def test_events_are_unique_by_person_date_and_type(org: OrgDataset) -> None:
    assert not org.events.duplicated(["employee_id", "date", "type"]).any()


def test_promotions_go_one_grade_up_on_the_same_track(
    org: OrgDataset, framework: Framework
) -> None:
    grades = grades_of(framework)
    rank = {g.id: g.rank for g in framework.grades}
    promotions = org.events[org.events["type"] == "promotion"]
    up = promotions["to_level"].map(grades).map(rank) - promotions["from_level"].map(grades).map(
        rank
    )
    assert (up == 1).all()
    assert (promotions["from_track"] == promotions["to_track"]).all()


def test_track_changes_keep_the_grade(org: OrgDataset, framework: Framework) -> None:
    grades = grades_of(framework)
    moves = org.events[org.events["type"] == "track_change"]
    assert len(moves) > 0
    assert (moves["from_level"].map(grades) == moves["to_level"].map(grades)).all()
    assert (moves["from_track"] != moves["to_track"]).all()


def test_levels_paths_and_pay_chain_from_event_to_event(org: OrgDataset) -> None:
    events = org.events
    moves = events[events["type"].isin(LEVEL_MOVES)]
    previous = moves.groupby("employee_id")["to_level"].shift()
    later = moves["type"] != "hire"
    assert (moves.loc[later, "from_level"] == previous[later]).all()

    paid = events.dropna(subset=["new_base"])
    previous_pay = paid.groupby("employee_id")["new_base"].shift()
    has_old = paid["type"] != "hire"
    assert (paid.loc[has_old, "old_base"] == previous_pay[has_old]).all()

    people = org.people.set_index("employee_id")
    last_level = moves.groupby("employee_id")["to_level"].last()
    assert (last_level == people.loc[last_level.index, "level"]).all()
    last_pay = paid.groupby("employee_id")["new_base"].last()
    assert (last_pay == people.loc[last_pay.index, "base_salary"]).all()

    path_moves = events.dropna(subset=["to_path"])
    last_path = path_moves.groupby("employee_id")["to_path"].last()
    assert (last_path == people.loc[last_path.index, "path"]).all()


def test_level_start_date_is_the_date_of_the_last_level_move(org: OrgDataset) -> None:
    moves = org.events[org.events["type"].isin(LEVEL_MOVES)]
    last = moves.groupby("employee_id")["date"].last()
    people = org.people.set_index("employee_id")
    assert (people.loc[last.index, "level_start_date"] == last).all()


def test_annual_raises_reach_almost_everyone_each_year(org: OrgDataset) -> None:
    raises = org.events[org.events["type"] == "pay_change"]
    assert (raises["new_base"] >= raises["old_base"]).all()
    per_year = raises.groupby(raises["date"].dt.year).size()
    assert len(per_year) == 5
    assert per_year.min() > 800
    assert pd.Series(raises["new_base"] / raises["old_base"]).median() > 1.01
