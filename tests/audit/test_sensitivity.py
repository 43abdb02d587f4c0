"""Section 5 of the defensible-audit issue: each adjusted gap with and without each control."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
import statsmodels.api as sm
from pypdf import PdfReader

from latticework.audit import AuditOptions, run_audit
from latticework.audit.model import AuditReport, ResultTable
from latticework.framework.model import Framework
from latticework.reports.audit_render import AUDIT_FORMATS, render_audit
from tests.audit.conftest import org, person


def table(report: AuditReport, table_id: str) -> ResultTable:
    return next(t for s in report.sections for t in s.tables if t.id == table_id)


def _rated_lower() -> list[dict[str, object]]:
    """Women rated lower, pay set by grade and rating alone: no gap once rating is controlled."""
    rng = np.random.default_rng(3)
    people = []
    for i in range(40):
        woman = i % 2 == 0
        level = "E6" if i % 4 < 2 else "E5"
        rating = float(rng.integers(1, 4) if woman else rng.integers(3, 6))
        pay = (150_000 if level == "E6" else 120_000) * (1 + 0.04 * rating)
        pay *= math.exp(rng.normal(0, 0.01))
        people.append(
            person(
                f"p{i}",
                level,
                pay,
                gender="female" if woman else "male",
                rating=rating,
            )
        )
    return people


def test_each_adjusted_gap_is_refitted_without_each_control(framework: Framework) -> None:
    people = _rated_lower()
    report = run_audit(
        org(people), framework, AuditOptions(audits=("demographic",), attributes=("gender",))
    )
    sensitivity = table(report, "demographic.gender.sensitivity")
    names = [c.name for c in sensitivity.columns]
    assert names == [
        "Adjusted gap",
        "All controls",
        "Without grade",
        "Without performance rating",
        "No controls",
    ]
    overall = sensitivity.rows[0]
    assert overall.cells[0] == "Women vs men"
    gap = next(
        c
        for s in report.sections
        for c in s.comparisons
        if c.id == "demographic.gender.pay.all.female"
    )
    assert overall.cells[1] == gap.estimate
    # Independent statsmodels fits of the same people, one control left out at a time.
    pay = np.log([float(p["base_salary"]) for p in people])  # type: ignore[arg-type]
    women = np.array([p["gender"] == "female" for p in people], dtype=float)
    senior = np.array([p["level"] == "E6" for p in people], dtype=float)
    rating = np.array([p["performance_rating"] for p in people], dtype=float)

    def gap_of(*controls: np.ndarray) -> float:
        x = sm.add_constant(np.column_stack([women, *controls]))
        return math.expm1(float(sm.OLS(pay, x).fit(cov_type="HC2").params[1]))

    assert overall.cells[2] == pytest.approx(gap_of(rating), abs=1e-12)
    assert overall.cells[3] == pytest.approx(gap_of(senior), abs=1e-12)
    assert overall.cells[4] == pytest.approx(gap_of(), abs=1e-12)
    # The rating carries the gap: near zero with it, large without it.
    assert abs(float(overall.cells[1])) < 0.01  # type: ignore[arg-type]
    assert float(overall.cells[3]) < -0.05  # type: ignore[arg-type]


def test_the_sensitivity_table_is_in_every_format(framework: Framework) -> None:
    report = run_audit(
        org(_rated_lower()),
        framework,
        AuditOptions(audits=("demographic",), attributes=("gender",)),
    )
    for fmt in AUDIT_FORMATS:
        rendered = render_audit(report, fmt)
        if isinstance(rendered, bytes):  # the PDF: its extracted text
            pages = PdfReader(io.BytesIO(rendered)).pages
            rendered = " ".join(" ".join(page.extract_text().split()) for page in pages)
        assert "Without performance rating" in rendered, fmt


def test_pay_parity_gaps_have_a_sensitivity_row_each(framework: Framework) -> None:
    people = [
        person(f"e{i}", level, 140_000 + 3_000 * i + (20_000 if level == "E7" else 0), rating=r)
        for i, (level, r) in enumerate(
            [(lv, float(1 + i % 5)) for i in range(6) for lv in ("E6", "E7")]
        )
    ] + [
        person(f"m{i}", level, 150_000 + 3_000 * i + (20_000 if level == "M7" else 0), rating=r)
        for i, (level, r) in enumerate(
            [(lv, float(1 + i % 5)) for i in range(6) for lv in ("M6", "M7")]
        )
    ]
    report = run_audit(org(people), framework, AuditOptions(audits=("pay-parity",)))
    sensitivity = table(report, "pay-parity.sensitivity")
    comparisons = {c.id: c for s in report.sections for c in s.comparisons}
    labels = [r.cells[0] for r in sensitivity.rows]
    assert "Base pay, all parallel grades" in labels
    for r in sensitivity.rows:
        measure = "base" if str(r.cells[0]).startswith("Base") else "total"
        scope = "all" if "all parallel" in str(r.cells[0]) else str(r.cells[0]).rsplit(" ", 1)[1]
        assert r.cells[1] == comparisons[f"pay-parity.{measure}.{scope}"].estimate
    names = [c.name for c in sensitivity.columns]
    assert "Without grade" in names
    assert "No controls" in names
    overall = next(r for r in sensitivity.rows if r.cells[0] == "Base pay, all parallel grades")
    assert all(isinstance(v, float) for v in overall.cells[1:])


def test_zone_stays_in_every_variant_since_it_carries_the_currency(
    framework: Framework,
) -> None:
    """Dollars and euros in one model without zone would compare currencies, not people."""
    people = []
    for i in range(24):
        zone = "us" if i % 2 else "eu"
        woman = i % 4 < 2
        pay = (150_000 if zone == "us" else 100_000) * (0.96 if woman else 1.0) * (1 + 0.01 * i)
        people.append(person(f"p{i}", "E6", pay, zone=zone, gender="female" if woman else "male"))
    report = run_audit(
        org(people), framework, AuditOptions(audits=("demographic",), attributes=("gender",))
    )
    sensitivity = table(report, "demographic.gender.sensitivity")
    names = [c.name for c in sensitivity.columns]
    assert "Without zone" not in names
    assert names[-1] == "Only zone (currency)"
    pay = np.log([float(p["base_salary"]) for p in people])  # type: ignore[arg-type]
    women = np.array([p["gender"] == "female" for p in people], dtype=float)
    us = np.array([p["zone"] == "us" for p in people], dtype=float)
    x = sm.add_constant(np.column_stack([women, us]))
    expected = math.expm1(float(sm.OLS(pay, x).fit().params[1]))
    assert sensitivity.rows[0].cells[-1] == pytest.approx(expected, abs=1e-12)
