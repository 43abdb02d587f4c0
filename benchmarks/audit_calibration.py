"""Measure the audit's calibration: false alarms without disparities, detection with them.

Three studies, each printing a table for docs/audit-methods.md:

1. **Small cells.** The pay test of one small group against a larger one, with
   no true gap, simulated many times on a fixed design (zone dummies and
   tenure as controls): the share of p < 0.05 and of p < 0.05 / 80 (Holm's
   first cut-off in a report of about 80 tests), for the normal-reference HC3
   test the audit used before and the HC2 test with Bell–McCaffrey degrees of
   freedom it uses now, with equal and unequal error variances. The
   simulation is vectorised; its first replications are checked against the
   audit's own `log_pay_gaps`, so it measures the code that runs.
2. **Null organisations.** The demo generator with `Disparities.none()` at
   each size; an organisation *alarms* when any comparison in its report is
   significant after the report-wide correction. Printed: the family-wise
   false-alarm rate with its exact (Clopper–Pearson) 95 % interval, and which
   comparisons alarmed.
3. **Documented disparities.** The demo generator's defaults; per documented
   disparity, the share of organisations whose report finds it significant.
4. **Promotion periods.** The IC–manager promotion test at one grade shaped
   like G7 at 1,200 people, on one period and on five pooled periods: its size
   with no difference and its power at a quarter of the managers' chance.

    .venv/bin/python benchmarks/audit_calibration.py [--sizes 150,1200,10000]
        [--null-seeds 200] [--large-null-seeds 50] [--disparity-seeds 50]
        [--disparity-size 1200] [--cell-sims 40000] [--promotion-sims 4000] [--jobs 1]
        [--skip cells,promotion,null,disparities]

`--large-null-seeds` applies to sizes above 5,000 people, where one generated
and audited organisation takes several seconds on a shared machine.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date

AS_OF = date(2026, 6, 30)
NULL_SEED_BASE = 10_000
DISPARITY_SEED_BASE = 20_000
HOLM_FIRST_CUT = 0.05 / 80

# Each documented disparity of the demo generator and the comparison that must find it.
DOCUMENTED = {
    "IC pay gap at G8 (5 %)": "pay-parity.base.G8",
    "slower IC promotion from G7 (hazard x 0.25), time in level": "time-in-level.G7",
    "slower IC promotion from G7, one-year promotion rate": "advancement.track.G7",
    "ICs under-represented in strategic planning (x 0.4)": (
        "influence.strategic-planning.participation"
    ),
    "gender pay gap in engineering (4 %)": "demographic.gender.pay.engineering.female",
    "ICs calibrated down at G7 (0.6 points)": "calibration.change.track.G7",
    "ICs calibrated down at G8 (0.6 points)": "calibration.change.track.G8",
    "lower potential for women at equal rating (latent -0.6)": (
        "calibration.potential.gender.female"
    ),
}


@dataclass(frozen=True)
class OrgOutcome:
    seed: int
    people: int
    significant: tuple[str, ...]
    tests: int
    seconds: float


def audit_one(people: int, seed: int, disparities: bool) -> OrgOutcome:
    """Generate one demo organisation and audit it; the ids of significant comparisons."""
    from latticework.audit import run_audit
    from latticework.demo.disparities import Disparities
    from latticework.demo.generator import generate_organisation
    from latticework.framework import load_default_framework

    framework = load_default_framework().framework
    started = time.perf_counter()
    dataset = generate_organisation(
        framework,
        people=people,
        seed=seed,
        as_of=AS_OF,
        disparities=Disparities() if disparities else Disparities.none(),
    )
    report = run_audit(dataset, framework)
    significant = tuple(
        c.id
        for s in report.sections
        for c in s.comparisons
        if c.significant and c.family != "duplicate"
    )
    return OrgOutcome(seed, people, significant, report.tests, time.perf_counter() - started)


def clopper_pearson(hits: int, n: int) -> tuple[float, float]:
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(hits, n, alpha=0.05, method="beta")
    return float(low), float(high)


def run_many(people: int, seeds: Iterable[int], disparities: bool, jobs: int) -> list[OrgOutcome]:
    seeds = list(seeds)
    if jobs <= 1:
        return [audit_one(people, s, disparities) for s in seeds]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(audit_one, [people] * len(seeds), seeds, [disparities] * len(seeds)))


def null_study(people: int, seeds: int, jobs: int) -> list[OrgOutcome]:
    return run_many(people, range(NULL_SEED_BASE, NULL_SEED_BASE + seeds), False, jobs)


def disparity_study(people: int, seeds: int, jobs: int) -> list[OrgOutcome]:
    return run_many(people, range(DISPARITY_SEED_BASE, DISPARITY_SEED_BASE + seeds), True, jobs)


def false_alarm_rate(outcomes: list[OrgOutcome]) -> tuple[int, int]:
    return sum(1 for o in outcomes if o.significant), len(outcomes)


def detection_rates(outcomes: list[OrgOutcome]) -> dict[str, tuple[int, int]]:
    return {
        name: (sum(1 for o in outcomes if cid in o.significant), len(outcomes))
        for name, cid in DOCUMENTED.items()
    }


# --- small cells -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CellRates:
    label: str
    method: str
    at_05: float
    at_holm: float


def small_cell_rates(
    n_small: int, n_big: int, sims: int, spread: float, seed: int = 0
) -> list[CellRates]:
    """False-alarm rates of the small group's pay test with no true gap (see module doc)."""
    import numpy as np
    from scipy import stats

    from latticework.audit.stats import hc2_t

    rng = np.random.default_rng(seed)
    x, frame = _cell_design(n_small, n_big, rng)
    n, _k = x.shape
    pinv = np.linalg.pinv(x)
    leverage = np.einsum("ij,ji->i", x, pinv)
    sd = np.where(x[:, 1] == 1, spread, 1.0) * 0.06
    a = pinv[1]
    _, df = hc2_t(x, pinv, np.zeros(n), 1)  # the degrees of freedom depend on x only
    hc3 = np.empty(sims)
    hc2 = np.empty(sims)
    for start in range(0, sims, 5_000):
        stop = min(sims, start + 5_000)
        errors = rng.standard_normal((n, stop - start)) * sd[:, None]
        beta = (pinv @ errors)[1]
        resid_sq = (errors - x @ (pinv @ errors)) ** 2
        t3 = beta / np.sqrt((a**2 / (1 - leverage) ** 2) @ resid_sq)
        t2 = beta / np.sqrt((a**2 / (1 - leverage)) @ resid_sq)
        hc3[start:stop] = 2 * stats.norm.sf(np.abs(t3))
        hc2[start:stop] = 2 * stats.t.sf(np.abs(t2), df)
        if start == 0:
            _check_against_audit(frame, errors[:, :3], hc2[:3])
    label = f"{n_small} vs {n_big}" + (" (unequal variance)" if spread != 1 else "")
    return [
        CellRates(label, "HC3, normal (before)", float(np.mean(hc3 < 0.05)),
                  float(np.mean(hc3 < HOLM_FIRST_CUT))),
        CellRates(label, f"HC2, t({df:.1f}) Bell–McCaffrey (now)", float(np.mean(hc2 < 0.05)),
                  float(np.mean(hc2 < HOLM_FIRST_CUT))),
    ]  # fmt: skip


def _cell_design(n_small: int, n_big: int, rng):  # type: ignore[no-untyped-def]
    import numpy as np
    import pandas as pd

    n = n_small + n_big
    zone = rng.choice(np.array(["us", "eu", "uk"]), size=n, p=[0.6, 0.25, 0.15])
    zone[:2] = ["us", "eu"]
    frame = pd.DataFrame(
        {
            "g": np.r_[np.ones(n_small), np.zeros(n_big)],
            "zone": pd.Categorical(zone),
            "tenure_years": rng.exponential(4.0, n),
        }
    )
    from latticework.audit.stats import design_matrix

    x = design_matrix(frame, ["zone"], ["g", "tenure_years"]).to_numpy(dtype=float)
    return x, frame


def _check_against_audit(frame, errors, p_fast) -> None:  # type: ignore[no-untyped-def]
    """The vectorised p-values are the audit's own for the same data."""
    import numpy as np

    from latticework.audit.stats import log_pay_gaps

    for j in range(errors.shape[1]):
        data = frame.assign(pay=np.exp(11.0 + errors[:, j]))
        fit = log_pay_gaps(data, "pay", ["g"], ["zone"], ["tenure_years"])
        p = fit.estimates["g"].p_value
        assert p is not None
        assert math.isclose(p, p_fast[j], rel_tol=1e-6), (p, p_fast[j])


# --- pooled promotion periods ----------------------------------------------------------------

PROMOTION_CUT = 0.05 / 160  # Holm's first cut-off with the ~160 tests of today's demo report


@dataclass(frozen=True)
class PromotionRates:
    multiplier: float
    periods: int
    at_05: float
    at_holm: float


def promotion_rates(
    multiplier: float, periods: int, sims: int, seed: int = 0, rate: float = 0.15
) -> PromotionRates:
    """Share of simulated grades where the IC–manager promotion test rejects.

    One grade over `periods` yearly periods, shaped like G7 at 1,200 people: 100
    ICs and 45 managers at the start, 15 and 7 arriving each period, each promoted
    (and gone) with chance `rate` a period — ICs at `multiplier` times it. The
    audit's own `stratified_odds` tests the period tables (Fisher for one period,
    CMH stratified by period for several), so this measures the code that runs.
    """
    import numpy as np

    from latticework.audit.stats import stratified_odds

    rng = np.random.default_rng(seed)
    hits_05 = hits_holm = 0
    for _ in range(sims):
        ics, managers, tables = 100, 45, []
        for _ in range(periods):
            a = int(rng.binomial(ics, rate * multiplier))
            b = int(rng.binomial(managers, rate))
            tables.append([[a, ics - a], [b, managers - b]])
            ics, managers = ics - a + 15, managers - b + 7
        est, _ = stratified_odds(tables)
        p = est.p_value if est is not None and est.p_value is not None else 1.0
        hits_05 += p < 0.05
        hits_holm += p < PROMOTION_CUT
    return PromotionRates(multiplier, periods, hits_05 / sims, hits_holm / sims)


# --- report ----------------------------------------------------------------------------------


def _pct(hits: int, n: int) -> str:
    low, high = clopper_pearson(hits, n)
    return f"{hits}/{n} = {100 * hits / n:.1f} % (95 % CI {100 * low:.1f}–{100 * high:.1f} %)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="150,1200,10000")
    parser.add_argument("--null-seeds", type=int, default=200)
    parser.add_argument("--large-null-seeds", type=int, default=50)
    parser.add_argument("--disparity-seeds", type=int, default=50)
    parser.add_argument("--disparity-size", type=int, default=1200)
    parser.add_argument("--cell-sims", type=int, default=40_000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--promotion-sims", type=int, default=4_000)
    parser.add_argument(
        "--skip", default="", help="comma-separated: cells, promotion, null, disparities"
    )
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    print(f"audit calibration · {os.cpu_count()} CPUs · load {os.getloadavg()[0]:.1f}")

    if "cells" not in skip:
        print(f"\n## Small cells: no true gap, {args.cell_sims:,} simulations per row")
        print(f"| groups | test | p < 0.05 | p < {HOLM_FIRST_CUT:.6f} (Holm, 80 tests) |")
        print("| --- | --- | --- | --- |")
        for n_small, n_big in ((5, 50), (5, 500), (7, 40), (10, 100), (20, 200)):
            for spread in (1.0, 2.0):
                for r in small_cell_rates(n_small, n_big, args.cell_sims, spread):
                    print(f"| {r.label} | {r.method} | {100 * r.at_05:.2f} % | "
                          f"{r.at_holm / HOLM_FIRST_CUT:.2f} × nominal |")  # fmt: skip
            sys.stdout.flush()

    if "promotion" not in skip:
        sims = args.promotion_sims
        print(f"\n## Promotion rate test at one grade (G7-like), {sims:,} simulations per row")
        print(f"| IC chance x | periods | p < 0.05 | p < {PROMOTION_CUT:.6f} (Holm, 160 tests) |")
        print("| --- | --- | --- | --- |")
        for multiplier in (1.0, 0.25):
            for periods in (1, 5):
                r = promotion_rates(multiplier, periods, sims)
                print(f"| {multiplier} | {periods} | {100 * r.at_05:.2f} % | "
                      f"{100 * r.at_holm:.2f} % |")  # fmt: skip
        sys.stdout.flush()

    if "null" not in skip:
        print("\n## Organisations without disparities: family-wise false alarms")
        print("| people | organisations | with any significant finding | s per organisation |")
        print("| --- | --- | --- | --- |")
        for size in (int(s) for s in args.sizes.split(",")):
            seeds = args.null_seeds if size <= 5_000 else args.large_null_seeds
            started = time.perf_counter()
            outcomes = null_study(size, seeds, args.jobs)
            hits, n = false_alarm_rate(outcomes)
            per = (time.perf_counter() - started) / n
            print(f"| {size:,} | {n} | {_pct(hits, n)} | {per:.1f} |")
            alarms = Counter(cid for o in outcomes for cid in o.significant)
            if alarms:
                print(f"|   | alarmed comparisons: {dict(alarms)} | | |")
            sys.stdout.flush()

    if "disparities" not in skip:
        size = args.disparity_size
        outcomes = disparity_study(size, args.disparity_seeds, args.jobs)
        print(f"\n## Documented disparities at {size:,} people: detection (significant after "
              "correction)")  # fmt: skip
        print("| disparity | detected |")
        print("| --- | --- |")
        for name, (hits, n) in detection_rates(outcomes).items():
            print(f"| {name} | {_pct(hits, n)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
