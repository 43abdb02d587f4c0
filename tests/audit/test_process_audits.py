"""The calibration, impact-reward and opportunity-flow audits: planted biases found, the null
case quiet, small groups suppressed, every statistic against an independent computation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats as scipy_stats

from latticework.audit import AuditOptions, AuditReport, run_audit
from latticework.audit.process_stats import adjusted_difference, logit_contrast, mean_difference
from latticework.demo.disparities import Disparities
from latticework.demo.generator import generate_organisation
from latticework.framework.model import Framework
from latticework.reports.audit_render import render_audit

PROCESS_AUDITS = ("calibration", "impact-reward", "opportunity-flow")
PLANTED = {
    "ICs calibrated down at G7": "calibration.change.track.G7",
    "ICs calibrated down at G8": "calibration.change.track.G8",
    "lower potential for women at equal performance": "calibration.potential.gender.female",
}


def _comparison(report: AuditReport, comparison_id: str):  # type: ignore[no-untyped-def]
    return next(c for s in report.sections for c in s.comparisons if c.id == comparison_id)


@pytest.fixture(scope="module")
def demo_report(framework: Framework) -> AuditReport:
    org = generate_organisation(framework, people=1200, seed=0)
    return run_audit(org, framework, AuditOptions(audits=PROCESS_AUDITS))


def test_the_planted_calibration_biases_are_significant_findings(demo_report: AuditReport) -> None:
    found = {f.comparison for f in demo_report.findings}
    for name, comparison_id in PLANTED.items():
        c = _comparison(demo_report, comparison_id)
        assert c.significant, name
        assert c.estimate is not None, name
        assert c.estimate < 0, name
        assert comparison_id in found, name
    # The planted IC shift is 0.6 points down; the estimate should be near it.
    g8 = _comparison(demo_report, "calibration.change.track.G8")
    assert g8.estimate is not None
    assert -0.9 < g8.estimate < -0.3


def test_the_new_audits_are_in_every_format(demo_report: AuditReport) -> None:
    for fmt in ("text", "json", "md", "html"):
        rendered = render_audit(demo_report, fmt)
        text = rendered if isinstance(rendered, str) else rendered.decode()
        assert "Calibration and nomination" in text, fmt
        assert "Opportunity flow" in text, fmt
        assert "Impact reward" in text, fmt


def test_no_significant_process_finding_without_disparities(framework: Framework) -> None:
    """Holm keeps the chance of any false alarm per report at or below 5 %; over four null
    organisations two or more alarmed reports would happen with probability about 1.4 %."""
    alarmed = []
    for seed in range(4):
        org = generate_organisation(
            framework, people=1200, seed=200 + seed, disparities=Disparities.none()
        )
        report = run_audit(org, framework, AuditOptions(audits=PROCESS_AUDITS))
        alarms = [c.id for s in report.sections for c in s.comparisons if c.significant]
        if alarms:
            alarmed.append((seed, alarms))
    assert len(alarmed) <= 1, alarmed


def test_small_groups_show_no_number(framework: Framework) -> None:
    org = generate_organisation(framework, people=1200, seed=0)
    report = run_audit(org, framework, AuditOptions(audits=PROCESS_AUDITS, min_group=60))
    for section in report.sections:
        for c in section.comparisons:
            if any(g.n is None for g in c.groups) and c.suppressed:
                assert c.estimate is None
                assert c.p_value is None
                assert c.statement == ""
        for t in section.tables:
            for r in t.rows:
                if r.suppressed:
                    assert all(v is None for v in r.cells[2:])
    g9 = _comparison(report, "calibration.nomination.track.G9")
    assert g9.suppressed


def test_mean_difference_is_welchs_test() -> None:
    rng = np.random.default_rng(3)
    a, b = rng.normal(-0.4, 0.6, 40), rng.normal(0.0, 0.9, 55)
    est = mean_difference(a, b)
    assert est is not None
    direct = scipy_stats.ttest_ind(a, b, equal_var=False)
    assert est.value == pytest.approx(a.mean() - b.mean())
    assert est.p_value == pytest.approx(direct.pvalue)
    low, high = direct.confidence_interval(0.95)
    assert (est.ci_low, est.ci_high) == (pytest.approx(low), pytest.approx(high))


def test_adjusted_difference_is_the_formula_ols_with_hc2() -> None:
    rng = np.random.default_rng(4)
    n = 300
    frame = pd.DataFrame(
        {
            "grade": rng.choice(["G6", "G7", "G8"], n),
            "women": rng.integers(0, 2, n).astype(float),
            "rating": rng.integers(1, 6, n).astype(float),
        }
    )
    frame["potential"] = 0.5 * frame["rating"] - 0.3 * frame["women"] + rng.normal(0, 0.7, n)
    est = adjusted_difference(frame, "potential", "women", ["grade"], ["rating"])
    direct = smf.ols("potential ~ women + rating + C(grade)", frame).fit(cov_type="HC2")
    assert est is not None
    assert est.value == pytest.approx(direct.params["women"])
    assert est.ci_low is not None
    assert est.ci_high is not None
    # The interval is the HC2 standard error times a t quantile on Bell–McCaffrey degrees of
    # freedom: with 300 people and 5 parameters, close to the normal 1.96.
    quantile = (est.ci_high - est.ci_low) / 2 / direct.bse["women"]
    assert 1.96 < quantile < 1.985


def test_logit_contrast_is_the_formula_logit_contrast() -> None:
    rng = np.random.default_rng(5)
    n = 800
    frame = pd.DataFrame(
        {
            "grade": rng.choice(["G6", "G7"], n),
            "risk": rng.integers(0, 2, n).astype(float),
            "eff": rng.integers(0, 2, n).astype(float),
        }
    )
    logit = -1.0 + 0.2 * frame["risk"] + 0.8 * frame["eff"]
    frame["promoted"] = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
    est = logit_contrast(frame, "promoted", ["risk", "eff"], ["grade"], {"risk": 1, "eff": -1})
    direct = smf.logit("promoted ~ risk + eff + C(grade)", frame).fit(disp=0)
    test = direct.t_test("risk - eff = 0")
    assert est is not None
    assert est.value == pytest.approx(math.exp(float(test.effect[0])), rel=1e-6)
    assert est.p_value == pytest.approx(float(test.pvalue), rel=1e-5)


def test_a_quasi_separated_impact_model_is_not_estimable_not_a_traceback(
    framework: Framework,
) -> None:
    """Demo seed 20009 (the calibration benchmark's tenth organisation with disparities): a
    promotion-odds interval past e^700 overflowed math.exp and the whole audit failed."""
    from datetime import date

    dataset = generate_organisation(
        framework, people=1200, seed=20009, as_of=date(2026, 6, 30), disparities=Disparities()
    )
    report = run_audit(dataset, framework, AuditOptions(audits=("impact-reward",)))
    for c in report.sections[0].comparisons:
        for value in (c.estimate, c.ci_low, c.ci_high):
            assert value is None or math.isfinite(value)
