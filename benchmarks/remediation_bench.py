"""Time a remediation plan at 100,000 people: a track gap at one grade, the adjusted gender gap.

Budget: 10 s each on 2 cores. The organisation is the demo generator's, in
memory (the plan reads the audit's population, not the database). Two figures
per target: the plan alone (population, gap model, HiGHS), and the whole
`remediate` service work after loading (plan plus the two audit runs, before
and after, of the pay audits). Each is the median of --repeat runs, printed
with the process CPU time and the load average, since the machine is shared.

    .venv/bin/python benchmarks/remediation_bench.py [--people 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import date

from latticework.audit.population import build_population
from latticework.demo.generator import generate_organisation
from latticework.framework import load_default_framework
from latticework.remediation.plan import plan_remediation
from latticework.remediation.targets import parse_target
from latticework.services.remediation import remediate_dataset

AS_OF = date(2026, 6, 30)
TARGETS = ("track:G8", "gender")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    framework = load_default_framework().framework
    started = time.perf_counter()
    dataset = generate_organisation(framework, people=args.people, seed=0, as_of=AS_OF)
    print(f"generated {args.people:,} people in {time.perf_counter() - started:.1f} s")
    for text in TARGETS:
        target = parse_target(text)
        plan_times, service_times, cpu = [], [], []
        for _ in range(args.repeat):
            cpu_start, wall = time.process_time(), time.perf_counter()
            active = build_population(dataset.people, framework, AS_OF).active
            plan = plan_remediation(active, framework, target)
            plan_times.append(time.perf_counter() - wall)
            cpu.append(time.process_time() - cpu_start)
            wall = time.perf_counter()
            result = remediate_dataset(dataset, framework, target)
            service_times.append(time.perf_counter() - wall)
        print(
            f"{text:10} plan {statistics.median(plan_times):6.2f} s "
            f"(CPU {statistics.median(cpu):.2f} s; {len(plan.raises):,} raises of "
            f"{len(active):,} people; gap {plan.gap_before:+.2%} -> {plan.gap_after:+.2%}, "
            f"audit after {_after(result, plan.audit_ids[0]):+.2%}; cost {plan.cost:,.0f} "
            f"{plan.reference_currency} vs naive {plan.naive.cost:,.0f}) | plan + audit before "
            f"and after {statistics.median(service_times):6.2f} s | budget 10 s | load "
            f"{os.getloadavg()[0]:.1f}"
        )


def _after(result: object, comparison: str) -> float:
    from latticework.services.remediation import RemediationResult

    assert isinstance(result, RemediationResult)
    found = next(c for s in result.after.sections for c in s.comparisons if c.id == comparison)
    return float(found.estimate or 0.0)


if __name__ == "__main__":
    main()
