"""Demo organisations built once per test session: the default one, the null case, a larger one."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from latticework.demo import Disparities, generate_organisation
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset

AS_OF = date(2026, 11, 28)


@pytest.fixture(scope="session")
def framework() -> Framework:
    from latticework.framework import load_default_framework

    return load_default_framework().framework


@pytest.fixture(scope="session")
def org(framework: Framework) -> OrgDataset:
    return generate_organisation(framework, seed=0, as_of=AS_OF)


@pytest.fixture(scope="session")
def large_org(framework: Framework) -> OrgDataset:
    """Large enough that each disparity's size can be measured within a percent or two."""
    return generate_organisation(framework, people=20_000, seed=7, as_of=AS_OF)


@pytest.fixture(scope="session")
def large_null_org(framework: Framework) -> OrgDataset:
    return generate_organisation(
        framework, people=20_000, seed=7, as_of=AS_OF, disparities=Disparities.none()
    )


def grades_of(framework: Framework) -> dict[str, str]:
    return {p.level.id: p.level.grade for p in framework.placements()}


def active(people: pd.DataFrame) -> pd.DataFrame:
    return people[people["status"] == "active"]
