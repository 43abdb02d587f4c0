"""The generator scales: 20,000 people keep every invariant and take about a second.

Figures for 1,200 and 100,000 people come from benchmarks/demo_bench.py; this
test only guards against an accidental per-person Python loop.
"""

from __future__ import annotations

import time

from latticework.demo import generate_organisation
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset
from tests.demo.conftest import AS_OF, active


def test_twenty_thousand_people_generate_in_well_under_twenty_seconds(
    framework: Framework,
) -> None:
    started = time.perf_counter()
    org = generate_organisation(framework, people=20_000, seed=1, as_of=AS_OF)
    # ~1 s on the 2-core CI machine; 20 s only fails for quadratic work, not a busy machine.
    assert time.perf_counter() - started < 20
    assert (org.people["status"] == "active").sum() == 20_000


def test_a_large_organisation_keeps_one_tree_and_spans_of_five_to_eight(
    large_org: OrgDataset,
) -> None:
    people = active(large_org.people)
    assert people["manager_id"].isna().sum() == 1
    spans = people["manager_id"].value_counts()
    assert spans.between(5, 8).all()
    assert large_org.people["employee_id"].is_unique
    assert not large_org.events.duplicated(["employee_id", "date", "type"]).any()
