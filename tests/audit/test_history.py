"""Career history from events: level at a date, promotion rates over a period, stays in a level."""

from __future__ import annotations

from datetime import date

import pytest
from scipy.stats.contingency import odds_ratio

from latticework.audit import AuditOptions, run_audit
from latticework.audit.context import AuditContext
from latticework.audit.stats import FISHER_ODDS_METHOD
from latticework.framework.model import Framework
from tests.audit.conftest import event, org, person
from tests.audit.test_statistics import comparison, table


def careers(framework: Framework) -> AuditContext:
    people = [
        person("a", "E7", 200_000, hired="2021-03-01"),  # E5 → E6 (2023) → E7 (2025-06)
        person("b", "E4", 120_000, hired="2019-01-01"),  # no events at all
        person("c", "E5", 140_000, hired="2018-01-01"),  # first event is a promotion
        person("d", "E6", 170_000, hired="2025-03-01"),  # hired during the period
        person("x", "E6", 170_000, hired="2020-01-01", status="exited", exit_date="2025-05-01"),
    ]
    events = [
        event("a", "2021-03-01", "hire", None, "E5"),
        event("a", "2023-04-01", "promotion", "E5", "E6"),
        event("a", "2025-06-01", "promotion", "E6", "E7"),
        event("c", "2024-02-01", "promotion", "E4", "E5"),
        event("d", "2025-03-01", "hire", None, "E6"),
        event("x", "2020-01-01", "hire", None, "E6"),
        event("x", "2025-05-01", "exit"),
    ]
    ds = org(people, events)
    options = AuditOptions(period_start=date(2025, 1, 1), period_end=date(2026, 1, 1))
    return AuditContext(ds, framework, options)


def test_level_on_a_date_comes_from_the_events_around_it(framework: Framework) -> None:
    ctx = careers(framework)
    at = ctx.history.state_at(date(2025, 1, 1)).set_index("employee_id")["level"].to_dict()
    assert at == {"a": "E6", "b": "E4", "c": "E5", "x": "E6"}
    earlier = ctx.history.state_at(date(2022, 1, 1)).set_index("employee_id")["level"].to_dict()
    assert earlier == {"a": "E5", "b": "E4", "c": "E4", "x": "E6"}


def test_promotions_are_counted_in_the_period_only(framework: Framework) -> None:
    ctx = careers(framework)
    assert set(ctx.history.promoted_between(date(2025, 1, 1), date(2026, 1, 1))) == {"a"}
    assert set(ctx.history.promoted_between(date(2023, 1, 1), date(2024, 12, 31))) == {"a", "c"}


def test_stays_end_in_a_promotion_or_are_censored(framework: Framework) -> None:
    ctx = careers(framework)
    spells = ctx.history.spells(date(2026, 1, 1))
    a = spells[spells["employee_id"] == "a"][["level", "promoted", "months"]].values.tolist()
    # Whole months begun (days / 30.4375, rounded up): 761 days → 26, 792 → 27, and the
    # current stay, 2025-06-01 to the data's date 2026-01-01, 214 days → 8 (censored).
    assert a == [["E5", 1, 26.0], ["E6", 1, 27.0], ["E7", 0, 8.0]]
    x = spells[spells["employee_id"] == "x"][["level", "promoted"]].values.tolist()
    assert x == [["E6", 0]]  # the exit censors the stay
    c = spells[spells["employee_id"] == "c"][["level", "promoted"]].values.tolist()
    assert c == [["E4", 1], ["E5", 0]]  # the stay before the first recorded move begins at hire


def test_promotion_rate_is_promoted_over_those_at_the_grade_on_the_first_day(
    framework: Framework,
) -> None:
    # Six Senior Staff Engineers and six Senior EMs at G7 on 2025-01-01.
    people, events = [], []
    for i in range(6):
        people.append(person(f"e{i}", "E8" if i < 2 else "E7", 250_000, hired="2020-01-01"))
        people.append(person(f"m{i}", "M8" if i < 5 else "M7", 250_000, hired="2020-01-01"))
        events.append(event(f"e{i}", "2020-01-01", "hire", None, "E7"))
        events.append(event(f"m{i}", "2020-01-01", "hire", None, "M7"))
    events += [event(f"e{i}", "2025-07-01", "promotion", "E7", "E8") for i in range(2)]
    events += [event(f"m{i}", "2025-07-01", "promotion", "M7", "M8") for i in range(5)]
    options = AuditOptions(
        audits=("advancement",), period_start=date(2025, 1, 1), period_end=date(2026, 1, 1)
    )
    report = run_audit(org(people, events), framework, options)
    rows = {tuple(r.cells[:2]): r.cells[2:] for r in table(report, "advancement.by-track").rows}
    assert rows[("G7", "ic")] == [6, 2, pytest.approx(2 / 6), pytest.approx((2 / 6) / (5 / 6))]
    assert rows[("G7", "management")] == [6, 5, pytest.approx(5 / 6), pytest.approx(1.0)]
    result = comparison(report, "advancement.track.G7")
    # Earlier years (since the 2020 hires) saw no promotion: one informative period, so
    # Fisher's exact test with its conditional odds ratio.
    expected = odds_ratio([[2, 4], [5, 1]], kind="conditional").statistic
    assert result.estimate == pytest.approx(expected)
    assert result.method == FISHER_ODDS_METHOD
    assert result.material  # the four-fifths rule fails: 2/6 against 5/6 is 0.4 < 0.8
    assert result.p_value == pytest.approx(0.2424, abs=1e-4)  # Fisher, [[2, 4], [5, 1]]
    assert not result.significant  # …but six people per group cannot show it is not chance
