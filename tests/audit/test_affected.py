"""The drill-down lists exactly the people the audit counted in a comparison's first group."""

from __future__ import annotations

from datetime import date

import pytest

from latticework.audit import AuditReport, run_audit
from latticework.audit.affected import affected_people
from latticework.audit.population import build_population
from latticework.demo.generator import generate_organisation
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset

AS_OF = date(2026, 12, 1)


@pytest.fixture(scope="module")
def demo(framework: Framework) -> tuple[OrgDataset, AuditReport]:
    dataset = generate_organisation(framework, people=600, seed=3, as_of=AS_OF)
    return dataset, run_audit(dataset, framework)


@pytest.mark.parametrize(
    "comparison_id",
    [
        "pay-parity.base.G8",
        "pay-parity.total.G7",
        "demographic.gender.pay.all.female",
        "demographic.gender.pay.engineering.female",
    ],
)
def test_the_people_listed_are_as_many_as_the_group_the_audit_compared(
    demo: tuple[OrgDataset, AuditReport], framework: Framework, comparison_id: str
) -> None:
    dataset, report = demo
    comparison = next(c for s in report.sections for c in s.comparisons if c.id == comparison_id)
    active = build_population(dataset.people, framework, AS_OF).active
    affected = affected_people(active, framework, comparison_id)
    assert affected is not None
    assert comparison.groups[0].n == affected.total
    assert list(affected.people["compa_ratio"]) == sorted(affected.people["compa_ratio"])


def test_an_id_that_names_no_group_of_people_has_no_drill_down(
    demo: tuple[OrgDataset, AuditReport], framework: Framework
) -> None:
    dataset, _ = demo
    active = build_population(dataset.people, framework, AS_OF).active
    assert affected_people(active, framework, "ceiling.headcount") is None
    assert affected_people(active, framework, "influence.no-such-forum.participation") is None
