"""Section 6 of the defensible-audit issue: the IC–manager promotion test at a grade pools
the period with earlier periods, so a real slowdown is found where one year is too few."""

from __future__ import annotations

from datetime import date

import pytest
from statsmodels.stats.contingency_tables import StratifiedTable

from latticework.audit import AuditOptions, run_audit
from latticework.audit.model import Comparison
from latticework.audit.stats import CMH_PERIODS_METHOD, FISHER_ODDS_METHOD
from latticework.framework.model import Framework
from tests.audit.conftest import event, org, person
from tests.audit.test_statistics import comparison

ID = "advancement.track.G7"
YEARS = (2021, 2022, 2023, 2024, 2025)


def _slow_ics() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """40 ICs and 40 managers at G7 since mid-2019; each year one IC and three managers are
    promoted to G8 — a third of the managers' rate, every year."""
    people, events = [], []
    for kind, ic_level, up, per_year in (("e", "E7", "E8", 1), ("m", "M7", "M8", 3)):
        promoted = {f"{kind}{i:02d}": YEARS[i // per_year] for i in range(per_year * len(YEARS))}
        for i in range(40):
            pid = f"{kind}{i:02d}"
            year = promoted.get(pid)
            people.append(person(pid, up if year else ic_level, 200_000, hired="2019-06-01"))
            events.append(event(pid, "2019-06-01", "hire", None, ic_level))
            if year:
                events.append(event(pid, f"{year}-07-01", "promotion", ic_level, up))
    return people, events


def _options(cohorts: int) -> AuditOptions:
    return AuditOptions(
        audits=("advancement",),
        period_start=date(2025, 1, 1),
        period_end=date(2026, 1, 1),
        promotion_cohorts=cohorts,
    )


def _g7(
    people: list[dict[str, object]],
    events: list[dict[str, object]],
    framework: Framework,
    cohorts: int,
) -> Comparison:
    return comparison(run_audit(org(people, events), framework, _options(cohorts)), ID)


def test_five_periods_find_what_one_period_cannot(framework: Framework) -> None:
    people, events = _slow_ics()
    one = _g7(people, events, framework, 1)
    assert one.method == FISHER_ODDS_METHOD
    assert one.p_value is not None
    assert one.p_value > 0.2  # 1 of 36 ICs against 3 of 28 managers in 2025
    five = comparison(
        run_audit(org(people, events), framework, _options(5)), "advancement.track.G7"
    )
    assert five.method == CMH_PERIODS_METHOD
    # The same test by hand: one 2×2 table per year, ICs then managers, promoted first.
    tables = []
    for k, _year in enumerate(YEARS):
        ics_left, managers_left = 40 - k, 40 - 3 * k
        tables.append([[1, ics_left - 1], [3, managers_left - 3]])
    expected = StratifiedTable([[list(map(float, r)) for r in t] for t in tables])
    assert five.p_value == pytest.approx(expected.test_null_odds(correction=False).pvalue)
    assert five.estimate == pytest.approx(expected.oddsratio_pooled)
    assert five.p_value < 0.05
    assert five.significant
    # The groups shown are the period's people (as in the table), the rates the pooled ones.
    assert [g.n for g in five.groups] == [36, 28]
    assert "between 2021-01-01 and 2026-01-01" in five.statement


def test_periods_before_the_first_event_are_not_pooled(framework: Framework) -> None:
    """Before the history starts no promotion can be seen: such a period is left out."""
    people, events = _slow_ics()
    # Events from mid-2024 only: 2024 began before them, so only 2025 is tested.
    late = [e for e in events if e["type"] != "hire" and e["date"] >= date(2024, 1, 1)]
    result = _g7(people, late, framework, 5)
    assert result.method == FISHER_ODDS_METHOD
    assert "between 2025-01-01 and 2026-01-01" in result.statement
