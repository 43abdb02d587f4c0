"""Verdicts a People team can defend: no finding on degenerate data, the sizes and controls the
model used, the textbook test for a single stratum, and one finding rule for every comparison."""

from __future__ import annotations

import math

import pytest
from scipy import stats as scipy_stats
from scipy.stats.contingency import odds_ratio

from latticework.audit import AuditOptions, run_audit
from latticework.audit.model import AuditReport, Comparison, Severity
from latticework.audit.stats import CONFOUNDED, FISHER_ODDS_METHOD, NO_VARIATION
from latticework.framework import load_framework_text
from latticework.framework.model import Framework
from tests.audit.conftest import event, org, person
from tests.framework.conftest import CLEAN


def comparison(report: AuditReport, comparison_id: str) -> Comparison:
    return next(c for s in report.sections for c in s.comparisons if c.id == comparison_id)


def test_everyone_paid_the_same_is_not_estimable_and_raises_no_finding(
    framework: Framework,
) -> None:
    """Before: "Women are paid 0.0 % less … p < 0.001" (estimate −5e-15) as a medium finding."""
    people = [
        person(f"m{i}", "M8", 200_000, gender="female" if i % 2 else "male") for i in range(8)
    ] + [person(f"e{i}", "E8", 200_000, gender="female" if i % 2 else "male") for i in range(8)]
    report = run_audit(org(people), framework, AuditOptions(audits=("pay-parity", "demographic")))
    assert report.findings == []
    for cid in ("pay-parity.base.G8", "pay-parity.total.all", "demographic.gender.pay.all.female"):
        c = comparison(report, cid)
        assert c.estimate is None
        assert c.p_value is None
        assert c.significant is None
        assert c.reason == NO_VARIATION
        assert c.family == "none"
    assert report.tests == 0


def test_track_confounded_with_zone_is_not_estimable(framework: Framework) -> None:
    """All managers in the US and all ICs in the EU: the IC gap is the zone difference."""
    people = [person(f"m{i}", "M8", 200_000 + 5_000 * i) for i in range(6)]
    people += [person(f"e{i}", "E8", 180_000 + 5_000 * i, zone="eu") for i in range(6)]
    report = run_audit(org(people), framework, AuditOptions(audits=("pay-parity",)))
    gap = comparison(report, "pay-parity.base.G8")
    assert gap.estimate is None
    assert gap.reason == CONFOUNDED
    assert report.findings == []


def test_group_sizes_shown_are_the_ones_the_model_used(framework: Framework) -> None:
    """Before: the grade showed 5 managers while the regression used 4 (one was alone in a
    zone and left the model) — below the minimum — and published the estimate."""
    people = [person(f"e{i}", "E8", 190_000 + 4_000 * i) for i in range(6)]
    people += [person(f"m{i}", "M8", 200_000 + 4_000 * i) for i in range(4)]
    people.append(person("m-uk", "M8", 160_000, zone="uk"))
    report = run_audit(org(people), framework, AuditOptions(audits=("pay-parity",)))
    gap = comparison(report, "pay-parity.base.G8")
    assert gap.suppressed
    assert gap.estimate is None
    assert [g.n for g in gap.groups] == [6, None]


def test_controls_listed_are_the_ones_fitted(framework: Framework) -> None:
    """Before: "after controlling for zone and tenure" when everyone was hired the same day."""
    people = [
        person(f"m{i}", "M8", 200_000 + 7_000 * i, zone="us" if i % 2 else "eu") for i in range(6)
    ] + [person(f"e{i}", "E8", 195_000 + 6_000 * i, zone="eu" if i % 2 else "us") for i in range(6)]
    report = run_audit(org(people), framework, AuditOptions(audits=("pay-parity",)))
    gap = comparison(report, "pay-parity.base.G8")
    assert gap.controls == ["zone"]
    assert gap.statement.endswith("after controlling for zone")
    assert "tenure" not in gap.sentence


def test_a_discipline_without_an_ic_track_has_no_ceiling_finding() -> None:
    operations = """\
  - id: operations
    name: Operations
    tracks:
      - id: ops-management
        name: Management
        kind: management
        levels:
          - {id: O6, title: Operations Manager, grade: G6}
          - {id: O8, title: Director of Operations, grade: G8}
"""
    head, tail = CLEAN.split("paths:\n", 1)
    fw = load_framework_text(head + operations + "paths:\n" + tail, "fw.yaml").framework
    people = [
        {**person(f"o{i}", "M8", 200_000), "discipline": "operations", "level": "O8"}
        for i in range(6)
    ]
    people += [person(f"e{i}", "E8", 200_000, zone="us") for i in range(6)]
    people += [person(f"m{i}", "M8", 200_000, zone="us") for i in range(6)]
    report = run_audit(org(people), fw, AuditOptions(audits=("ceiling",)))
    assert [f.sentence for f in report.findings if "Operations" in f.sentence] == []


def _promotion_cohort(promoted_women: int, promoted_men: int, size: int = 24) -> list[dict]:  # type: ignore[type-arg]
    rows = []
    for sex, promoted in (("female", promoted_women), ("male", promoted_men)):
        for i in range(size):
            up = i < promoted
            rows.append(person(f"{sex}{i}", "E7" if up else "E6", 150_000, gender=sex))
    return rows


def _promotions(promoted_women: int, promoted_men: int, size: int = 24) -> list[dict]:  # type: ignore[type-arg]
    return [
        event(f"{sex}{i}", "2025-06-01", "promotion", "E6", "E7")
        for sex, promoted in (("female", promoted_women), ("male", promoted_men))
        for i in range(size)
        if i < promoted
    ]


def test_one_grade_promotion_gap_uses_fishers_exact_test_and_raises_a_finding(
    framework: Framework,
) -> None:
    """14/24 women vs 21/24 men at one grade: Fisher p = 0.049, impact ratio 0.667. Before: a
    continuity-corrected CMH test (p 0.054) next to an interval excluding 1, and no finding."""
    dataset = org(_promotion_cohort(14, 21), _promotions(14, 21))
    report = run_audit(
        dataset, framework, AuditOptions(audits=("demographic",), attributes=("gender",))
    )
    c = comparison(report, "demographic.gender.promotion.female")
    table = [[14, 10], [21, 3]]
    assert c.method == FISHER_ODDS_METHOD
    assert c.p_value == pytest.approx(scipy_stats.fisher_exact(table).pvalue)
    assert c.p_value == pytest.approx(0.049, abs=5e-4)
    exact = odds_ratio(table, kind="conditional")
    assert c.estimate == pytest.approx(exact.statistic)
    assert c.ci_high is not None
    assert c.ci_high < 1
    assert any(f.comparison == c.id for f in report.findings)
    assert c.material


def test_demographic_promotion_gaps_get_the_material_but_unconfirmed_finding(
    framework: Framework,
) -> None:
    """Women 0 of 6 promoted, men 3 of 12: not significant, but a 0 % rate fails the four-fifths
    rule; the track comparisons raise a low finding for this, and now so do demographic ones."""
    people = [
        *(person(f"w{i}", "E6", 150_000, gender="female") for i in range(6)),
        *(person(f"n{i}", "E7" if i < 3 else "E6", 150_000, gender="male") for i in range(12)),
    ]
    events = [event(f"n{i}", "2025-06-01", "promotion", "E6", "E7") for i in range(3)]
    dataset = org(people, events)
    report = run_audit(
        dataset, framework, AuditOptions(audits=("demographic",), attributes=("gender",))
    )
    c = comparison(report, "demographic.gender.promotion.female")
    assert c.material
    assert c.significant is False
    low = [f for f in report.findings if f.comparison == c.id]
    assert [f.severity for f in low] == [Severity.LOW]


@pytest.mark.parametrize("managers", [4, 5, 6])
def test_pay_comparison_at_the_minimum_group_size_boundary(
    framework: Framework, managers: int
) -> None:
    """min_group − 1 is suppressed; min_group and min_group + 1 are estimated and shown."""
    people = [person(f"e{i}", "E8", 190_000 + 3_000 * i) for i in range(8)]
    people += [person(f"m{i}", "M8", 200_000 + 5_000 * i) for i in range(managers)]
    report = run_audit(org(people), framework, AuditOptions(audits=("pay-parity",), min_group=5))
    gap = comparison(report, "pay-parity.base.G8")
    assert gap.suppressed is (managers < 5)
    assert [g.n for g in gap.groups] == [8, managers if managers >= 5 else None]
    assert (gap.estimate is None) is (managers < 5)


@pytest.mark.parametrize("size", [4, 5, 6])
def test_demographic_group_at_the_minimum_group_size_boundary(
    framework: Framework, size: int
) -> None:
    """Every demographic decision uses the same rule: a copy that disagreed crashed the audit."""
    people = [
        person(f"m{i}", "E6" if i % 2 else "E7", 150_000 + 1_000 * i, gender="male")
        for i in range(12)
    ]
    people += [
        person(f"x{i}", "E6" if i % 2 else "E7", 151_000 + 900 * i, gender="non-binary")
        for i in range(size)
    ]
    report = run_audit(
        org(people), framework, AuditOptions(audits=("demographic",), attributes=("gender",))
    )
    pay = comparison(report, "demographic.gender.pay.all.non-binary")
    assert pay.suppressed is (size < 5)
    assert (pay.estimate is None) is (size < 5)
    assert pay.groups[0].n == (size if size >= 5 else None)
    assert math.isfinite(pay.estimate) if pay.estimate is not None else True


def _eu_people(zone: str) -> list[dict]:  # type: ignore[type-arg]
    people = [person(f"m{i}", "E5", 100_000, gender="male", zone=zone) for i in range(5)]
    return people + [person(f"w{i}", "E5", 90_000, gender="female", zone=zone) for i in range(5)]


def test_the_directive_five_percent_rule_applies_to_eu_zones_only(framework: Framework) -> None:
    """Before: a US zone's 10 % gap read "at or above the Directive's 5 % threshold"."""
    options = AuditOptions(audits=("eu-pay-transparency",), min_group=2)
    report = run_audit(org(_eu_people("us")), framework, options)
    (row,) = next(t for s in report.sections for t in s.tables if t.id.endswith("by-grade")).rows
    assert row.cells[-1] == "outside the Directive"
    assert report.findings == []
    opted_in = AuditOptions(audits=("eu-pay-transparency",), min_group=2, directive_zones=("us",))
    report = run_audit(org(_eu_people("us")), framework, opted_in)
    assert any("5 % threshold" in f.sentence for f in report.findings)


@pytest.mark.parametrize("order", ["women first", "men first"])
def test_pay_quartiles_with_tied_pay_do_not_depend_on_employee_ids(
    framework: Framework, order: str
) -> None:
    """Before: everyone paid the same gave 0/0/100/100 % or 100/100/0/0 % women by id order."""
    women = [person(f"{'a' if order == 'women first' else 'z'}{i}", "E5", 100_000,
                    gender="female", zone="eu") for i in range(6)]  # fmt: skip
    men = [person(f"m{i}", "E5", 100_000, gender="male", zone="eu") for i in range(6)]
    report = run_audit(
        org(women + men), framework, AuditOptions(audits=("eu-pay-transparency",), min_group=2)
    )
    rows = next(t for s in report.sections for t in s.tables if t.id.endswith("quartiles")).rows
    assert [r.cells[2:] for r in rows] == [[pytest.approx(0.5), pytest.approx(0.5)]] * 4


def test_quartile_shares_split_a_tied_block_in_proportion() -> None:
    import pandas as pd

    from latticework.audit.checks.eu_pay_transparency import quartile_shares

    # Eight people: two lowest, then a block of four tied across quartiles 2 and 3, then two.
    shares = quartile_shares(pd.Series([1.0, 2.0, 5.0, 5.0, 5.0, 5.0, 8.0, 9.0]))
    assert shares.sum(axis=1).tolist() == pytest.approx([1.0] * 8)
    assert shares.sum(axis=0).tolist() == pytest.approx([2.0] * 4)
    assert shares.iloc[2].tolist() == pytest.approx([0.0, 0.5, 0.5, 0.0])
    assert shares.iloc[0].tolist() == pytest.approx([1.0, 0.0, 0.0, 0.0])
