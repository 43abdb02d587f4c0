"""Section 5 of the defensible-audit issue: a group too small to test, person by person
(the California individual method), for the people role only — never in the report."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm

from latticework.audit import AuditOptions, run_audit
from latticework.audit.population import build_population
from latticework.audit.residuals import small_cells
from latticework.framework.model import Framework
from latticework.reports.audit_render import render_audit
from tests.audit.conftest import AS_OF, org, person


def _people() -> list[dict[str, object]]:
    """Twelve ICs and three managers at one grade: the managers are too few to test."""
    ics = [
        person(f"e{i:02d}", "E6", 140_000 * (1.02**i), hired=f"{2012 + i % 12}-03-01")
        for i in range(12)
    ]
    managers = [
        person("m01", "M6", 150_000, hired="2015-03-01"),
        person("m02", "M6", 160_000, hired="2018-03-01"),
        person("m03", "M6", 95_000, hired="2016-03-01"),  # paid far below the prediction
    ]
    return ics + managers


def test_each_person_of_a_suppressed_cell_gets_a_studentised_residual(
    framework: Framework,
) -> None:
    people = _people()
    dataset = org(people)
    report = run_audit(dataset, framework, AuditOptions(audits=("pay-parity",)))
    comparisons = [c for s in report.sections for c in s.comparisons]
    assert next(c for c in comparisons if c.id == "pay-parity.base.G6").suppressed
    active = build_population(dataset.people, framework, AS_OF).active
    (cell,) = small_cells(active, comparisons, report.options.min_group)
    assert cell.comparison == "pay-parity.base.G6"
    assert cell.description == "managers at grade G6"
    assert sorted(cell.people["employee_id"]) == ["m01", "m02", "m03"]
    assert list(cell.people["residual"]) == sorted(cell.people["residual"])  # lowest first
    # Independently: OLS of ln(pay) on tenure for the whole grade, no track term.
    by_id = active.set_index("employee_id")
    ids = [str(p["employee_id"]) for p in people]
    x = sm.add_constant(by_id.loc[ids, "tenure_years"].to_numpy(dtype=float))
    y = np.log(by_id.loc[ids, "base_annual_fte"].to_numpy(dtype=float))
    expected = dict(
        zip(ids, sm.OLS(y, x).fit().get_influence().resid_studentized_internal, strict=True)
    )
    for r in cell.people.itertuples():
        assert r.residual == pytest.approx(expected[r.employee_id], abs=1e-10)
    assert cell.people["employee_id"].iloc[0] == "m03"
    assert cell.people["residual"].iloc[0] < -2
    assert cell.controls == ["tenure_years"]


def test_residuals_never_enter_the_report(framework: Framework) -> None:
    report = run_audit(org(_people()), framework, AuditOptions(audits=("pay-parity",)))
    for fmt in ("text", "json", "html"):
        rendered = render_audit(report, fmt)
        assert isinstance(rendered, str)
        assert "residual" not in rendered.lower(), fmt
        assert "m03" not in rendered, fmt
