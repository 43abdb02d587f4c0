"""The demo organisation with the Directive's data, and real databases to store it in."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset

AS_OF = date(2026, 12, 1)
ENTITY = "latticework-europe-bv"
PLANTED = "G5"
LONE = "G8"
LONE_PAY = 123_457.0


@pytest.fixture(scope="session")
def framework() -> Framework:
    from latticework.framework import load_default_framework

    return load_default_framework().framework


@pytest.fixture(scope="session")
def demo(framework: Framework) -> OrgDataset:
    """The demo without its built-in disparities, so that only what a test plants is there."""
    from latticework.demo import generate_organisation
    from latticework.demo.disparities import Disparities

    return generate_organisation(
        framework, people=900, seed=11, as_of=AS_OF, disparities=Disparities.none()
    )


def in_category(people: pd.DataFrame, framework: Framework, grade: str) -> pd.Series:
    grades = {p.level.id: p.level.grade for p in framework.placements()}
    return (
        (people["legal_entity"] == ENTITY)
        & (people["status"] == "active")
        & (people["level"].map(grades) == grade)
    )


def planted(demo: OrgDataset, framework: Framework, *, remedied: bool = False) -> OrgDataset:
    """The demo with a 7.6 % gap in one category of the Dutch B.V., explained by country.

    In grade G5 of the B.V., 70 % of women and 30 % of men work in Spain, where
    the category is paid 82 % of the Dutch pay; pay is otherwise one amount, with
    no complementary pay. Men's mean = 0.7 × 90,000 + 0.3 × 73,800 = 85,140;
    women's = 78,660; gap = 7.6 %, all of it explained by country. `remedied`
    applies the remediation: everyone in the category is paid the Dutch amount.
    """
    people = demo.people.copy()
    here = in_category(people, framework, PLANTED) & people["gender"].isin(["female", "male"])
    rows = people.index[here]
    women = [i for i in rows if people.at[i, "gender"] == "female"]
    men = [i for i in rows if people.at[i, "gender"] == "male"]
    spain: set[int] = set(women[: round(0.7 * len(women))]) | set(men[: round(0.3 * len(men))])
    for i in rows:
        people.at[i, "country"] = "ES" if i in spain else "NL"
        pay = 90_000.0 if remedied or i not in spain else 73_800.0
        people.at[i, "base_salary"] = pay * float(people.at[i, "fte"])
        people.at[i, "pay_period"] = "year"
        for column in ("variable_pay", "equity_annual", "allowances", "benefits_in_kind"):
            people.at[i, column] = 0.0
    # One lone woman in another category: her pay must never reach anyone else.
    lone = in_category(people, framework, LONE) & people["gender"].isin(["female", "male"])
    lone_women = [i for i in people.index[lone] if people.at[i, "gender"] == "female"]
    for i in lone_women[1:]:
        people.at[i, "gender"] = "male"
    people.at[lone_women[0], "base_salary"] = LONE_PAY
    people.at[lone_women[0], "pay_period"] = "year"
    people.at[lone_women[0], "fte"] = 1.0
    for column in ("variable_pay", "equity_annual", "allowances", "benefits_in_kind"):
        people.at[lone_women[0], column] = 0.0
    return OrgDataset(
        people=people,
        events=demo.events,
        participation=demo.participation,
        impact=demo.impact,
        assessments=demo.assessments,
        roles=demo.roles,
        as_of=demo.as_of,
    )


def lone_woman(dataset: OrgDataset, framework: Framework) -> str:
    people = dataset.people
    here = in_category(people, framework, LONE) & (people["gender"] == "female")
    return str(people.loc[here, "employee_id"].iloc[0])


def store(url: str, dataset: OrgDataset, framework: Framework) -> None:
    from latticework.demo.build import write_demo_database

    report = write_demo_database(url, dataset, framework, replace=True)
    assert report.ok, report
