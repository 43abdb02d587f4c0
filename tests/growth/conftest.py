"""Fixtures that build a person and their records in a line or two, on the default framework."""

from __future__ import annotations

from datetime import date

import pytest

from latticework.framework import Framework, load_default_framework
from latticework.growth.person_data import Person, Rating

AS_OF = date(2026, 11, 1)


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_default_framework().framework


def person(
    level: str = "E8",
    path: str | None = "technical-depth",
    *,
    employee_id: str = "e1",
    track: str = "ic",
    discipline: str = "engineering",
    team: str | None = "platform",
    level_start: date = date(2024, 1, 15),
) -> Person:
    return Person(
        employee_id=employee_id,
        discipline=discipline,
        track=track,
        level=level,
        path=path,
        name=f"Person {employee_id}",
        team=team,
        hire_date=date(2020, 3, 1),
        level_start_date=level_start,
    )


def ratings(values: dict[str, int], rater: str = "manager", cycle: str = "2026-H1") -> list[Rating]:
    return [
        Rating(competency=c, rater=rater, rating=v, cycle=cycle, evidence=f"doc/{c}")
        for c, v in values.items()
    ]
