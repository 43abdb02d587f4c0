"""Time the EU Pay Transparency computations on a large employer, in process.

The demo organisation of `--people` people is generated once; every person is
put in one legal entity so that the Article 9 report, 200 Article 7 letters and
the Article 10 assessment (with a justification decomposed in every category)
run on the whole workforce. Database reads are not timed here (they are the
audit's: benchmarks/audit_bench.py); this measures the Directive's own work.

    .venv/bin/python benchmarks/eu_bench.py [--people 100000] [--repeat 3]

Each figure is printed with CPU time and the load average, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import date

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from latticework.compliance.article7 import information_letter
    from latticework.compliance.article9 import article9_report
    from latticework.compliance.article10 import Justification, joint_assessment
    from latticework.compliance.pay import directive_pay
    from latticework.demo import generate_organisation
    from latticework.framework import load_default_framework
    from latticework.org.dataset import add_derived_pay

    framework = load_default_framework().framework
    as_of = date(2026, 12, 1)
    started = time.perf_counter()
    dataset = generate_organisation(framework, people=args.people, seed=1, as_of=as_of)
    people = add_derived_pay(dataset.people.assign(legal_entity="bench"), framework)
    print(f"generated {args.people:,} people in {time.perf_counter() - started:.1f} s")

    def timed(name: str, work: object) -> None:
        walls, cpus = [], []
        for _ in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            work()  # type: ignore[operator]
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        load = os.getloadavg()[0]
        print(
            f"{name:<44} median {statistics.median(walls):7.3f} s wall, "
            f"{statistics.median(cpus):7.3f} s CPU (load {load:.1f})"
        )

    pay = directive_pay(people, framework)
    active = people[people["status"] == "active"]
    ids = active["employee_id"].to_numpy()[np.linspace(0, len(active) - 1, 200).astype(int)]
    pay = pay.assign(
        tenure=(
            (np.datetime64(as_of) - active["hire_date"].to_numpy()).astype("timedelta64[D]")
            .astype(float) / 365.25
        )
    )  # fmt: skip
    categories = sorted(pay["category"].dropna().unique())
    register = [Justification(c, "tenure", "bench") for c in categories]
    timed("directive_pay (four pay measures)", lambda: directive_pay(people, framework))
    timed(
        "Art. 9 report (a)-(g), annual and hourly",
        lambda: article9_report(pay, legal_entity="bench", year=2026, currency="", min_group=5),
    )
    timed(
        "200 Art. 7 letters",
        lambda: [
            information_letter(
                pay,
                str(i),
                framework,
                legal_entity="bench",
                currency="",
                min_group=5,
                people=active,
            )
            for i in ids
        ],
    )
    timed(
        "Art. 10 assessment, one decomposition/category",
        lambda: joint_assessment(
            pay, legal_entity="bench", year=2026, as_of=as_of, currency="", min_group=5,
            justifications=register, reported_gaps={}, submitted_on=None,
        ),
    )  # fmt: skip


if __name__ == "__main__":
    main()
