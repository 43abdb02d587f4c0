"""The four-fifths rule at its documented threshold: a selection-rate ratio below 0.8 is
material, one at or above it is not (a threshold moved to 0.7 must fail this test)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from latticework.audit import AuditOptions, run_audit
from latticework.framework.model import Framework
from tests.audit.conftest import event, org, person
from tests.audit.test_statistics import comparison


def _track_ratio(framework: Framework, ic_promoted: int) -> tuple[float, bool]:
    """Eight ICs and eight managers at G7; all managers and `ic_promoted` ICs promoted."""
    people, events = [], []
    for i in range(8):
        people.append(person(f"e{i}", "E8" if i < ic_promoted else "E7", 250_000))
        people.append(person(f"m{i}", "M8", 250_000))
        events.append(event(f"e{i}", "2020-01-01", "hire", None, "E7"))
        events.append(event(f"m{i}", "2020-01-01", "hire", None, "M7"))
        events.append(event(f"m{i}", "2025-07-01", "promotion", "M7", "M8"))
    events += [event(f"e{i}", "2025-07-01", "promotion", "E7", "E8") for i in range(ic_promoted)]
    options = AuditOptions(
        audits=("advancement",), period_start=date(2025, 1, 1), period_end=date(2026, 1, 1)
    )
    result = comparison(run_audit(org(people, events), framework, options), "advancement.track.G7")
    # The estimate is the stratified odds ratio; the four-fifths rule reads the rates, which
    # the statement gives ("promoted at 15.0 % a year against 20.0 % for managers").
    ic_rate, manager_rate = (
        float(r) for r in re.findall(r"(\d+(?:\.\d+)?) %", result.statement)[:2]
    )
    return ic_rate / manager_rate, result.material


def test_the_default_threshold_is_four_fifths() -> None:
    assert AuditOptions().four_fifths == 0.8


def test_a_ratio_of_three_quarters_fails_the_four_fifths_rule(framework: Framework) -> None:
    ratio, material = _track_ratio(framework, ic_promoted=6)
    assert ratio == pytest.approx(0.75)  # between 0.7 and 0.8: only the 0.8 rule flags it
    assert material


def test_a_ratio_of_seven_eighths_passes_it(framework: Framework) -> None:
    ratio, material = _track_ratio(framework, ic_promoted=7)
    assert ratio == pytest.approx(0.875)
    assert not material
