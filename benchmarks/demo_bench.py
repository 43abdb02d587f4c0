"""Time the demo generator and `latticework demo`, with peak memory, at 1,200 and 100,000 people.

Each case runs in a fresh Python process so its peak memory (max RSS) is its
own. Cases:
  generate N      generate_organisation(default framework, N people, 5 years)
  demo-db N       generate + write an SQLite database through the import (DESIGN §9:
                  `demo` with 1,200 people ready in <= 10 s)
  export N        generate + write the canonical CSV files

Run:  .venv/bin/python benchmarks/demo_bench.py [--large 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

AS_OF = date(2026, 11, 28)


def run_case(case: str, people: int) -> dict[str, float]:
    """One measurement in this process; prints nothing."""
    from latticework.demo import generate_organisation
    from latticework.framework import load_default_framework

    framework = load_default_framework().framework
    started = time.perf_counter()
    dataset = generate_organisation(framework, people=people, seed=0, as_of=AS_OF)
    generated = time.perf_counter() - started
    rows = float(sum(len(f) for f in dataset.frames().values()))
    extra = 0.0
    with tempfile.TemporaryDirectory() as folder:
        if case == "demo-db":
            from latticework.demo.build import write_demo_database

            started = time.perf_counter()
            write_demo_database(f"sqlite:///{Path(folder) / 'demo.db'}", dataset, framework)
            extra = time.perf_counter() - started
        elif case == "export":
            from latticework.ingest.export import write_csv_files

            started = time.perf_counter()
            write_csv_files(dataset.frames(), Path(folder))
            extra = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"generate_s": generated, "extra_s": extra, "rows": rows, "peak_mb": peak_mb}


def measure(case: str, people: int) -> dict[str, float]:
    """Run one case in a child process and read its figures."""
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, __file__, "--case", case, "--people", str(people)],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, float] = json.loads(child.stdout.strip().splitlines()[-1])
    figures["process_s"] = time.perf_counter() - started
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the best is shown")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--people", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.people)))
        return

    cases = [
        ("generate", 1200),
        ("generate", args.large),
        ("demo-db", 1200),
        ("export", 1200),
        ("export", args.large),
    ]
    print(f"demo generator, default framework, 5 years of history, as of {AS_OF}")
    print(f"(best of {args.repeat} runs, each in a fresh process; peak = max RSS of that process)")
    header = f"{'case':<10}{'people':>9}{'rows':>11}{'generate':>10}{'write':>9}"
    print(header + f"{'process':>10}{'peak MB':>9}")
    for case, people in cases:
        runs = [measure(case, people) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["generate_s"] + r["extra_s"])
        write = f"{best['extra_s']:.2f} s" if case != "generate" else "-"
        print(
            f"{case:<10}{people:>9,}{int(best['rows']):>11,}{best['generate_s']:>8.2f} s"
            f"{write:>9}{best['process_s']:>8.2f} s{best['peak_mb']:>9.0f}"
        )


if __name__ == "__main__":
    main()
