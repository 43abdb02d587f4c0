"""The remediation plan: linear in log pay, optimal against brute force, within its constraints."""

from __future__ import annotations

import itertools
import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from latticework.audit import AuditOptions, run_audit
from latticework.audit.population import build_population
from latticework.demo import generate_organisation
from latticework.framework import load_default_framework
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset
from latticework.remediation.changes import apply_raises
from latticework.remediation.gap_models import gap_model
from latticework.remediation.plan import BandMax, Constraints, plan_remediation
from latticework.remediation.solver import build_programme, solve_min_cost
from latticework.remediation.targets import parse_target
from tests.audit.conftest import person

AS_OF = date(2026, 1, 1)


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_default_framework().framework


@pytest.fixture(scope="module")
def demo(framework: Framework) -> OrgDataset:
    return generate_organisation(framework, people=1200, seed=3, as_of=AS_OF)


def six_people() -> OrgDataset:
    """Three ICs and three managers at G8, one zone; the ICs are paid less."""
    rows = [
        person("ic1", "E8", 200_000, hired="2016-01-01"),
        person("ic2", "E8", 210_000, hired="2019-06-01"),
        person("ic3", "E8", 230_000, hired="2022-03-01"),
        person("m1", "M8", 226_000, hired="2017-01-01"),
        person("m2", "M8", 229_000, hired="2020-01-01"),
        person("m3", "M8", 236_000, hired="2023-01-01"),
    ]
    return OrgDataset(people=pd.DataFrame(rows), as_of=AS_OF)


def _audit_gap(dataset: OrgDataset, framework: Framework, comparison: str, min_group: int) -> float:
    report = run_audit(
        dataset, framework, AuditOptions(min_group=min_group, audits=("pay-parity",))
    )
    found = next(c for s in report.sections for c in s.comparisons if c.id == comparison)
    assert found.estimate is not None
    return found.estimate


def test_the_gap_model_is_the_audits_estimate_and_linear_in_log_pay(framework: Framework) -> None:
    import statsmodels.api as sm

    data = six_people()
    active = build_population(data.people, framework, AS_OF).active
    gap = gap_model(active, framework, parse_target("track:G8"), min_group=3)
    assert gap.gap == pytest.approx(_audit_gap(data, framework, "pay-parity.base.G8", 3), abs=1e-12)
    # An independent refit: bump one IC's log pay by h, the IC coefficient moves by gainᵢ·h.
    frame = active.sort_values("employee_id").reset_index(drop=True)
    x = sm.add_constant(
        pd.DataFrame(
            {"ic": (frame["track_kind"] == "ic").astype(float), "tenure": frame["tenure_years"]}
        )
    )
    y = np.log(frame["base_annual_fte"].to_numpy(dtype=float))
    beta = sm.OLS(y, x).fit().params["ic"]
    for _, row in gap.people.iterrows():
        i = frame.index[frame["employee_id"] == row["employee_id"]][0]
        bumped = y.copy()
        bumped[i] += 0.01
        moved = sm.OLS(bumped, x).fit().params["ic"] - beta
        assert moved == pytest.approx(row["gain"] * 0.01, rel=1e-9)


def _vertices_min_cost(
    gain: np.ndarray, width: np.ndarray, cost: np.ndarray, needed: float
) -> float:
    """Brute force: the cheapest vertex of {0 ≤ r ≤ width, gain·r ≥ needed} (every variable at a
    bound, except at most one that makes the constraint tight)."""
    best = math.inf
    n = len(gain)
    for bounds in itertools.product((0, 1), repeat=n):
        r = np.asarray(bounds, dtype=float) * width
        if gain @ r >= needed - 1e-9:
            best = min(best, float(cost @ r))
        for free in range(n):
            rest = r.copy()
            rest[free] = 0.0
            amount = (needed - gain @ rest) / gain[free]
            if 0 <= amount <= width[free]:
                rest[free] = amount
                best = min(best, float(cost @ rest))
    return best


def test_six_people_plan_equals_brute_force(framework: Framework) -> None:
    data = six_people()
    active = build_population(data.people, framework, AS_OF).active
    gap = gap_model(active, framework, parse_target("track:G8"), min_group=3)
    pay = gap.people["pay"].to_numpy(dtype=float)
    programme = build_programme(
        pay,
        gap.people["gain"].to_numpy(dtype=float),
        np.full(len(pay), 0.10),
        np.ones(len(pay)),
        log_scale=True,
        segments=2,
    )
    solution = solve_min_cost(programme, gap.needed)
    assert solution.feasible
    brute = _vertices_min_cost(
        programme.gain_per_money.reshape(-1),
        np.repeat(programme.width, 2),
        np.ones(programme.gain_per_money.size),
        gap.needed,
    )
    assert float(solution.raises.sum()) == pytest.approx(brute, rel=1e-7)

    plan = plan_remediation(
        active, framework, parse_target("track:G8"), Constraints(segments=2), min_group=3
    )
    assert plan.reached
    assert plan.gap_after >= 0
    # Whole units, rounded up: at most one unit per person above the exact optimum.
    assert brute <= plan.cost <= brute + len(plan.raises)
    # The real audit, re-run on the raised pay, finds the gap closed.
    after = OrgDataset(people=apply_raises(data.people, plan.raises), as_of=AS_OF)
    assert _audit_gap(after, framework, "pay-parity.base.G8", 3) >= 0


def test_no_whole_percent_raises_meet_the_goal_for_less(framework: Framework) -> None:
    data = six_people()
    active = build_population(data.people, framework, AS_OF).active
    plan = plan_remediation(active, framework, parse_target("track:G8"), min_group=3)
    gap = gap_model(active, framework, parse_target("track:G8"), min_group=3)
    pay = gap.people["pay"].to_numpy(dtype=float)
    cheapest = math.inf
    for shares in itertools.product(range(11), repeat=len(pay)):
        raises = pay * np.asarray(shares) / 100
        if gap.predict(raises) >= 0:
            cheapest = min(cheapest, float(raises.sum()))
    assert plan.cost <= cheapest


@pytest.mark.parametrize("target", ["track:G8", "gender", "eu:us:G8"])
def test_plan_costs_no_more_than_the_naive_uniform_raise(
    framework: Framework, demo: OrgDataset, target: str
) -> None:
    active = build_population(demo.people, framework, AS_OF).active
    plan = plan_remediation(active, framework, parse_target(target), Constraints(max_raise=0.5))
    assert plan.reached
    assert plan.cost <= plan.naive.cost + len(plan.raises)  # whole units, rounded up


@pytest.mark.parametrize("band_max", [BandMax.RESPECT, BandMax.FLAG])
def test_constraints_are_honoured(
    framework: Framework, demo: OrgDataset, band_max: BandMax
) -> None:
    active = build_population(demo.people, framework, AS_OF).active
    constraints = Constraints(max_raise=0.06, band_max=band_max)
    plan = plan_remediation(active, framework, parse_target("gender"), constraints)
    raises = plan.raises
    assert len(raises) > 0
    assert (raises["raise"] > 0).all()
    assert (raises["new_pay"] > raises["old_pay"]).all()
    assert (raises["raise"] <= raises["old_pay"] * 0.06 + 1e-6).all()
    bands = active.set_index("employee_id")["band_max"]
    over = raises["new_pay"].to_numpy() > bands[raises["employee_id"]].to_numpy() + 1e-6
    if band_max is BandMax.RESPECT:
        assert not over.any()
        assert not raises["above_band_max"].any()
    else:
        assert (raises["above_band_max"].to_numpy() == over).all()


def test_a_budget_buys_the_smallest_gap_it_can(framework: Framework, demo: OrgDataset) -> None:
    active = build_population(demo.people, framework, AS_OF).active
    full = plan_remediation(active, framework, parse_target("track:G8"))
    budget = full.cost / 2
    half = plan_remediation(active, framework, parse_target("track:G8"), Constraints(budget=budget))
    assert half.cost <= budget + len(half.raises)
    assert full.gap_before < half.gap_after < full.gap_after
    # The same money spread evenly over the group closes less of the gap.
    assert half.naive.cost == pytest.approx(budget)
    assert half.gap_after > half.naive.gap_after


def test_an_unreachable_goal_is_said_and_the_plan_does_what_it_can(
    framework: Framework, demo: OrgDataset
) -> None:
    active = build_population(demo.people, framework, AS_OF).active
    plan = plan_remediation(
        active, framework, parse_target("track:G8"), Constraints(max_raise=0.005)
    )
    assert not plan.reached
    assert any("cannot be reached" in n for n in plan.notes)
    assert plan.gap_before < plan.gap_after < 0


def test_small_groups_cannot_be_targeted(framework: Framework) -> None:
    from latticework.errors import LatticeworkError

    active = build_population(six_people().people, framework, AS_OF).active
    with pytest.raises(LatticeworkError, match="suppresses"):
        plan_remediation(active, framework, parse_target("track:G8"), min_group=5)


@pytest.mark.parametrize("text", ["track", "eu:us", "", "track:G8:x"])
def test_a_malformed_target_is_a_usage_error(text: str) -> None:
    from latticework.errors import LatticeworkError

    with pytest.raises(LatticeworkError) as caught:
        parse_target(text)
    assert caught.value.problems[0].code == "remediation-usage"
