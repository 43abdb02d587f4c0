"""Fixtures that build small organisations in a few lines: people as tuples, events as tuples."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
import pytest

from latticework.framework import load_default_framework
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset

AS_OF = date(2026, 1, 1)


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_default_framework().framework


def person(
    employee_id: str,
    level: str,
    base: float,
    *,
    zone: str = "us",
    hired: str = "2020-01-01",
    gender: str | None = None,
    path: str | None = None,
    variable: float = 0.0,
    rating: float | None = None,
    status: str = "active",
    exit_date: str | None = None,
) -> dict[str, object]:
    """One row of people.csv with sensible defaults; discipline and track follow the level."""
    prefix = level.rstrip("0123456789")
    management = prefix in ("M", "DM", "PM")
    discipline = {"E": "engineering", "M": "engineering", "D": "design", "DM": "design"}.get(
        prefix, "product"
    )
    return {
        "employee_id": employee_id,
        "discipline": discipline,
        "track": "management" if management else "ic",
        "level": level,
        "path": path,
        "zone": zone,
        "hire_date": date.fromisoformat(hired),
        "base_salary": base,
        "currency": {"us": "USD", "eu": "EUR", "uk": "GBP"}[zone],
        "pay_period": "year",
        "fte": 1.0,
        "variable_pay": variable,
        "equity_annual": 0.0,
        "performance_rating": rating,
        "gender": gender,
        "status": status,
        "exit_date": date.fromisoformat(exit_date) if exit_date else None,
    }


def event(employee_id: str, when: str, kind: str, from_level: str | None = None,
          to_level: str | None = None) -> dict[str, object]:  # fmt: skip
    return {
        "employee_id": employee_id,
        "date": date.fromisoformat(when),
        "type": kind,
        "from_level": from_level,
        "to_level": to_level,
    }


def org(
    people: Sequence[dict[str, object]],
    events: Sequence[dict[str, object]] = (),
    participation: Sequence[tuple[str, str, str, str]] = (),
    as_of: date = AS_OF,
) -> OrgDataset:
    """An OrgDataset from rows; participation as (forum, date, employee_id, role)."""
    columns = ["employee_id", "date", "type", "from_level", "to_level"]
    ds = OrgDataset(people=pd.DataFrame(list(people)), as_of=as_of)
    if events:
        ds.events = pd.DataFrame(list(events), columns=columns)
    if participation:
        ds.participation = pd.DataFrame(
            [
                {"forum": f, "date": date.fromisoformat(d), "employee_id": e, "role": r}
                for f, d, e, r in participation
            ]
        )
    return ds
