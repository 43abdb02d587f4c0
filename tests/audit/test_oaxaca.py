"""Section 5 of the defensible-audit issue: the decomposition's parts get intervals."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from statsmodels.stats.oaxaca import OaxacaBlinder

from latticework.audit import AuditOptions, run_audit
from latticework.audit.oaxaca import _parts, oaxaca_blinder_ci
from latticework.audit.stats import design_matrix
from latticework.framework.model import Framework
from tests.audit.conftest import org, person


def _frame(n: int = 400, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    is_ic = (rng.random(n) < 0.5).astype(float)
    grade = rng.choice(["G6", "G7", "G8"], size=n, p=[0.4, 0.35, 0.25])
    # ICs sit lower in the grades (the explained part) and are paid 4 % less at equal grade.
    grade = np.where((is_ic == 1) & (rng.random(n) < 0.3), "G6", grade)
    tenure = rng.uniform(0, 10, n)
    log_pay = (
        11.5
        + 0.2 * (grade == "G7")
        + 0.4 * (grade == "G8")
        + 0.01 * tenure
        - 0.04 * is_ic
        + rng.normal(0, 0.08, n)
    )
    return pd.DataFrame(
        {"pay": np.exp(log_pay), "is_ic": is_ic, "grade": grade, "tenure_years": tenure}
    )


def test_a_replicate_on_the_full_sample_is_statsmodels_decomposition() -> None:
    frame = _frame()
    x = design_matrix(frame, ["grade"], ["is_ic", "tenure_years"]).to_numpy(dtype=float)
    y = np.log(frame["pay"].to_numpy())
    flag = x[:, 1] == 1
    explained, unexplained = _parts(x, y, 1, np.flatnonzero(~flag), np.flatnonzero(flag))
    result = OaxacaBlinder(y, x, 1, hasconst=True, swap=False).two_fold(two_fold_type="pooled")
    assert unexplained == pytest.approx(float(result.params[0]), abs=1e-10)
    assert explained == pytest.approx(float(result.params[1]), abs=1e-10)


def test_both_parts_get_a_seeded_bootstrap_interval() -> None:
    frame = _frame()
    first = oaxaca_blinder_ci(frame, "pay", "is_ic", ["grade"], ["tenure_years"], 200)
    again = oaxaca_blinder_ci(frame, "pay", "is_ic", ["grade"], ["tenure_years"], 200)
    assert first is not None
    assert first == again
    assert first.draws == 200
    assert first.explained_low is not None
    assert first.explained_high is not None
    assert first.unexplained_low is not None
    assert first.unexplained_high is not None
    assert first.explained_low < first.point.explained < first.explained_high
    assert first.unexplained_low < first.point.unexplained < first.unexplained_high
    assert first.explained_low > 0  # ICs really are lower in the grades
    # The unexplained part is (close to) the IC coefficient: its bootstrap error is close to
    # the coefficient's robust error from an independent statsmodels fit.
    x = sm.add_constant(
        pd.get_dummies(frame[["grade"]], drop_first=True, dtype=float).assign(
            is_ic=frame["is_ic"], tenure=frame["tenure_years"]
        )
    )
    fit = sm.OLS(np.log(frame["pay"]), x).fit(cov_type="HC2")
    assert first.unexplained_se == pytest.approx(float(fit.bse["is_ic"]), rel=0.3)
    assert math.isclose(first.point.unexplained, -float(fit.params["is_ic"]), abs_tol=0.01)


def test_no_draws_no_interval() -> None:
    parts = oaxaca_blinder_ci(_frame(), "pay", "is_ic", ["grade"], ["tenure_years"], 0)
    assert parts is not None
    assert parts.explained_low is None
    assert parts.draws == 0


def test_the_pay_parity_table_shows_the_intervals_and_names_the_draws(
    framework: Framework,
) -> None:
    people = [
        person(f"e{i}", "E6" if i % 2 else "E7", 140_000 + 2_500 * i, hired=f"20{10 + i}-01-01")
        for i in range(12)
    ] + [
        person(f"m{i}", "M6" if i % 2 else "M7", 150_000 + 2_500 * i, hired=f"20{10 + i}-01-01")
        for i in range(12)
    ]
    options = AuditOptions(audits=("pay-parity",), bootstrap_draws=50)
    report = run_audit(org(people), framework, options)
    section = report.sections[0]
    table = next(t for t in section.tables if t.id == "pay-parity.oaxaca")
    names = [c.name for c in table.columns]
    assert "Explained, 95 % CI low" in names
    assert "Unexplained, 95 % CI high" in names
    cells = dict(zip(names, table.rows[0].cells, strict=True))
    low, high = cells["Unexplained, 95 % CI low"], cells["Unexplained, 95 % CI high"]
    assert isinstance(low, float)
    assert isinstance(high, float)
    assert low < cells["Unexplained"] < high  # type: ignore[operator]
    assert any("50 draws" in m and "bootstrap" in m for m in section.methods)
