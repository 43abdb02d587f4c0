"""Each statistic against an independent computation: by hand, with NumPy, or another library."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats as scipy_stats

from latticework.audit import AuditOptions, run_audit
from latticework.audit.stats import (
    adjust_p_values,
    fisher_rates,
    kaplan_meier,
    log_pay_gap,
    log_rank,
    mantel_haenszel,
    oaxaca_blinder,
    promotion_rate_ratio,
)
from latticework.framework.model import Framework
from tests.audit.conftest import org, person

Z95 = scipy_stats.norm.ppf(0.975)


def comparison(report, comparison_id):  # type: ignore[no-untyped-def]
    return next(c for s in report.sections for c in s.comparisons if c.id == comparison_id)


def table(report, table_id):  # type: ignore[no-untyped-def]
    return next(t for s in report.sections for t in s.tables if t.id == table_id)


def test_ics_paid_exactly_five_percent_less_give_a_gap_of_minus_five_percent(
    framework: Framework,
) -> None:
    directors = [200_000, 220_000, 240_000, 260_000, 280_000, 300_000]
    people = [person(f"m{i}", "M8", pay) for i, pay in enumerate(directors)]
    people += [person(f"e{i}", "E8", pay * 0.95) for i, pay in enumerate(directors)]
    report = run_audit(org(people), framework, AuditOptions(audits=("pay-parity",)))
    gap = comparison(report, "pay-parity.base.G8")
    assert gap.estimate == pytest.approx(-0.05, abs=1e-12)
    # The same model through statsmodels' formula interface on the same frame.
    frame = pd.DataFrame({"pay": [p["base_salary"] for p in people], "is_ic": [0] * 6 + [1] * 6})
    # HC2 errors; with a lone indicator the Bell–McCaffrey degrees of freedom are Welch's
    # with equal variances: (1/6 + 1/6)² / (2 (1/6)² / 5) = 10.
    direct = smf.ols("np.log(pay) ~ is_ic", frame).fit(cov_type="HC2")
    beta, se = direct.params["is_ic"], direct.bse["is_ic"]
    t95 = scipy_stats.t.ppf(0.975, 10)
    assert gap.ci_low == pytest.approx(math.expm1(beta - t95 * se))
    assert gap.ci_high == pytest.approx(math.expm1(beta + t95 * se))
    assert gap.p_value == pytest.approx(2 * scipy_stats.t.sf(abs(beta / se), 10))
    assert [g.n for g in gap.groups] == [6, 6]
    assert "Principal Engineers are paid 5.0 % less base pay than Directors of Engineering" in (
        gap.sentence
    )


def test_adjusted_gap_matches_numpy_least_squares_with_hand_hc2_and_bell_mccaffrey_df() -> None:
    rng = np.random.default_rng(7)
    n = 400
    frame = pd.DataFrame(
        {
            "is_ic": rng.integers(0, 2, n).astype(float),
            "zone": rng.choice(["us", "eu", "uk"], n),
            "tenure_years": rng.uniform(0, 10, n),
        }
    )
    frame["pay"] = np.exp(
        11.5 - 0.04 * frame["is_ic"] + 0.01 * frame["tenure_years"]
        + frame["zone"].map({"us": 0.4, "eu": 0.0, "uk": -0.1})
        + rng.normal(0, 0.05 + 0.05 * frame["is_ic"], n)
    )  # fmt: skip
    est = log_pay_gap(frame, "pay", "is_ic", ["zone"], ["tenure_years"])
    assert est is not None
    x = np.column_stack(
        [
            np.ones(n),
            frame["is_ic"],
            frame["tenure_years"],
            frame["zone"].eq("eu").astype(float),
            frame["zone"].eq("uk").astype(float),
        ]
    )
    y = np.log(frame["pay"].to_numpy())
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    residuals = y - x @ beta
    bread = np.linalg.inv(x.T @ x)
    hat = x @ bread @ x.T
    leverage = np.diag(hat)
    meat = (x * (residuals**2 / (1 - leverage))[:, None]).T @ x
    se = math.sqrt((bread @ meat @ bread)[1, 1])
    # Imbens & Kolesár (2016), eq. for the BM degrees of freedom, with the full n × n matrices:
    # G = M diag(a_i / sqrt(1 − h_ii)), df = tr(G'G)² / tr((G'G)²).
    a = (bread @ x.T)[1]
    g = (np.eye(n) - hat) @ np.diag(a / np.sqrt(1 - leverage))
    gg = g.T @ g
    df = np.trace(gg) ** 2 / np.trace(gg @ gg)
    t95 = scipy_stats.t.ppf(0.975, df)
    assert est.value == pytest.approx(math.expm1(beta[1]), rel=1e-9)
    assert est.ci_low == pytest.approx(math.expm1(beta[1] - t95 * se), rel=1e-9)
    assert est.ci_high == pytest.approx(math.expm1(beta[1] + t95 * se), rel=1e-9)
    assert est.p_value == pytest.approx(2 * scipy_stats.t.sf(abs(beta[1] / se), df), rel=1e-6)


def test_fisher_exact_matches_the_hypergeometric_sum_by_hand() -> None:
    est = fisher_rates(2, 10, 8, 10)
    # P(table) = C(10,a) C(10,10-a) / C(20,10); two-sided: tables no more likely than observed.
    probs = [math.comb(10, a) * math.comb(10, 10 - a) / math.comb(20, 10) for a in range(11)]
    observed = probs[2]
    expected_p = sum(p for p in probs if p <= observed * (1 + 1e-7))
    assert est.p_value == pytest.approx(expected_p)
    assert est.value == pytest.approx(0.25)


def test_holm_and_benjamini_hochberg_by_hand() -> None:
    p = [0.01, 0.04, 0.03]
    _, holm = adjust_p_values(p, "holm", 0.05)
    assert holm == pytest.approx([0.03, 0.06, 0.06])
    _, bh = adjust_p_values(p, "fdr_bh", 0.05)
    assert bh == pytest.approx([0.03, 0.04, 0.04])


def test_mantel_haenszel_odds_ratio_and_test_by_hand() -> None:
    strata = [[[10, 20], [20, 10]], [[5, 15], [12, 8]]]
    est = mantel_haenszel(strata)
    assert est is not None
    num = sum(t[0][0] * t[1][1] / (sum(map(sum, t))) for t in strata)
    den = sum(t[0][1] * t[1][0] / (sum(map(sum, t))) for t in strata)
    assert est.value == pytest.approx(num / den)
    # CMH statistic without continuity correction (the corrected one is conservative).
    a = sum(t[0][0] for t in strata)
    expected = sum((t[0][0] + t[0][1]) * (t[0][0] + t[1][0]) / sum(map(sum, t)) for t in strata)
    variance = sum(
        (t[0][0] + t[0][1]) * (t[1][0] + t[1][1]) * (t[0][0] + t[1][0]) * (t[0][1] + t[1][1])
        / (sum(map(sum, t)) ** 2 * (sum(map(sum, t)) - 1))
        for t in strata
    )  # fmt: skip
    chi2 = (a - expected) ** 2 / variance
    assert est.p_value == pytest.approx(scipy_stats.chi2.sf(chi2, 1))


def test_kaplan_meier_median_by_hand_and_log_rank_against_scipy() -> None:
    curve = kaplan_meier(np.array([1.0, 2, 3, 4, 5]), np.array([1, 1, 1, 1, 1]))
    assert curve.survival == pytest.approx([1.0, 0.8, 0.6, 0.4, 0.2, 0.0])
    assert curve.median == 3.0
    rng = np.random.default_rng(3)
    a, b = rng.exponential(20, 60).round(), rng.exponential(35, 50).round() + 1
    a_event, b_event = rng.random(60) < 0.8, rng.random(50) < 0.7
    months = np.concatenate([a, b]) + 1
    status = np.concatenate([a_event, b_event]).astype(int)
    group = np.array([1] * 60 + [0] * 50)
    ours = log_rank(months, status, group)
    theirs = scipy_stats.logrank(
        scipy_stats.CensoredData(uncensored=(a + 1)[a_event], right=(a + 1)[~a_event]),
        scipy_stats.CensoredData(uncensored=b[b_event] + 1, right=b[~b_event] + 1),
    )
    assert ours == pytest.approx(theirs.pvalue, rel=1e-6)


def test_promotion_rate_ratio_is_events_per_month_at_risk_by_hand() -> None:
    months = np.array([10.0, 20, 30, 40, 12, 24, 36])
    promoted = np.array([1, 0, 1, 1, 1, 1, 0])
    is_ic = np.array([1, 1, 1, 1, 0, 0, 0])
    est = promotion_rate_ratio(months, promoted, is_ic)
    assert est is not None
    ratio = (3 / 100) / (2 / 72)
    se = math.sqrt(1 / 3 + 1 / 2)
    # Iteratively reweighted least squares stops at its tolerance: agreement to 1e-4.
    assert est.value == pytest.approx(ratio, rel=1e-4)
    assert est.ci_low == pytest.approx(ratio * math.exp(-Z95 * se), rel=1e-4)
    assert est.ci_high == pytest.approx(ratio * math.exp(Z95 * se), rel=1e-4)


def test_oaxaca_parts_add_up_to_the_raw_gap_in_mean_log_pay() -> None:
    rng = np.random.default_rng(1)
    n = 300
    frame = pd.DataFrame(
        {"is_ic": rng.integers(0, 2, n).astype(float), "tenure_years": rng.uniform(0, 8, n)}
    )
    frame["pay"] = np.exp(11 + 0.03 * frame["tenure_years"] - 0.05 * frame["is_ic"]
                          + rng.normal(0, 0.05, n))  # fmt: skip
    result = oaxaca_blinder(frame, "pay", "is_ic", [], ["tenure_years"])
    assert result is not None
    logs = np.log(frame["pay"])
    raw = logs[frame["is_ic"] == 0].mean() - logs[frame["is_ic"] == 1].mean()
    assert result.gap == pytest.approx(raw)
    assert result.explained + result.unexplained == pytest.approx(result.gap)


def test_compa_ratio_and_range_penetration_at_the_band_mid(framework: Framework) -> None:
    # US G8 band: min 199,000, mid 249,000, max 299,000.
    people = [person(f"e{i}", "E8", 249_000) for i in range(5)]
    people += [person(f"m{i}", "M8", 299_000) for i in range(5)]
    report = run_audit(org(people), framework, AuditOptions(audits=("pay-parity",)))
    rows = {tuple(r.cells[:2]): r.cells for r in table(report, "pay-parity.band-position").rows}
    assert rows[("G8", "ic")][3:] == pytest.approx([1.0, 1.0, 0.5])
    assert rows[("G8", "management")][3:] == pytest.approx([299 / 249, 299 / 249, 1.0])


def test_eu_gap_is_men_minus_women_over_men_and_flags_five_percent(framework: Framework) -> None:
    people = [person(f"m{i}", "E5", 100_000, gender="male", zone="eu") for i in range(5)]
    people += [person(f"w{i}", "E5", 90_000, gender="female", zone="eu") for i in range(5)]
    report = run_audit(
        org(people), framework, AuditOptions(audits=("eu-pay-transparency",), min_group=2)
    )
    (row,) = table(report, "eu-pay-transparency.by-grade").rows
    assert row.cells == ["eu", "G5", 5, 5, pytest.approx(0.1), pytest.approx(0.1), "yes"]
    summary = table(report, "eu-pay-transparency.summary").rows[0].cells
    assert summary[4:6] == [pytest.approx(0.1), pytest.approx(0.1)]
    quartiles = [r.cells[2:] for r in table(report, "eu-pay-transparency.quartiles").rows]
    # Ten people ranked by pay: quartiles of 2.5 people each; the five women are the lowest paid.
    assert quartiles == [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]
    section = next(s for s in report.sections if s.id == "eu-pay-transparency")
    assert any("5 % threshold" in f.sentence for f in section.findings)
