"""A bounded subset of benchmarks/audit_calibration.py: the small-cell pay test is calibrated.

The benchmark's full tables (40,000 replications per row, hundreds of generated
organisations) are in docs/audit-methods.md; the false-alarm rate of whole
reports is checked on five null organisations in test_detection.py.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from scipy import stats as scipy_stats

ROOT = Path(__file__).resolve().parents[2]
SIMS = 4_000


def calibration() -> ModuleType:
    path = ROOT / "benchmarks" / "audit_calibration.py"
    spec = importlib.util.spec_from_file_location("audit_calibration", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def binomial_bounds(rate: float, n: int) -> tuple[float, float]:
    """A 99.9 % range for the share of n replications below a cut-off hit with probability rate."""
    return (
        float(scipy_stats.binom.ppf(0.0005, n, rate)) / n,
        float(scipy_stats.binom.ppf(0.9995, n, rate)) / n,
    )


@pytest.mark.parametrize(("small", "large"), [(5, 50), (5, 500)])
def test_a_group_of_five_gets_a_calibrated_pay_test(small: int, large: int) -> None:
    """Before: HC3 with a normal reference put about 7–9 % of null results below 0.05."""
    before, now = calibration().small_cell_rates(small, large, SIMS, spread=1.0, seed=1)
    low, high = binomial_bounds(0.05, SIMS)
    assert low <= now.at_05 <= high, now
    assert before.at_05 > high, before


def test_a_group_of_five_with_unequal_variance_stays_near_nominal() -> None:
    _, now = calibration().small_cell_rates(5, 500, SIMS, spread=2.0, seed=2)
    low, high = binomial_bounds(0.05, SIMS)
    assert low <= now.at_05 <= high, now


def test_the_pooled_promotion_test_is_calibrated_and_finds_a_quarter_rate() -> None:
    """Before: one period of a G7-like grade found ICs promoted at a quarter of the managers'
    chance in few simulations at Holm's first cut-off; five periods find it in nearly all."""
    module = calibration()
    null = module.promotion_rates(1.0, 5, 600, seed=3)
    _, high = binomial_bounds(0.05, 600)
    assert null.at_05 <= high, null
    one = module.promotion_rates(0.25, 1, 200, seed=4)
    five = module.promotion_rates(0.25, 5, 200, seed=4)
    assert one.at_holm < 0.5, one
    assert five.at_holm >= 0.9, five
