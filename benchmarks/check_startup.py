"""Time `latticework check` of the default framework, start-up included (budget 0.5 s).

Prints the wall time of the real command (median, p95, max over --runs), its
CPU time (which a busy machine hardly changes), the bare interpreter start-up,
and where the time goes inside one process (imports, loading the YAML,
linting), with the machine's load average: on a shared 2-core machine the load
explains most of the spread in wall time.

Run:  .venv/bin/python benchmarks/check_startup.py [--runs 20]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BUDGET_MS = 500

PHASES = """
import json, time
t0 = time.perf_counter()
import latticework.cli
t1 = time.perf_counter()
from latticework.framework import load_default_framework
from latticework.framework.lint import all_rules, lint
from latticework.reports.lint_report import lint_text
t2 = time.perf_counter()
loaded = load_default_framework()
t3 = time.perf_counter()
all_rules()
findings = lint(loaded)
lint_text(loaded, findings)
t4 = time.perf_counter()
print(json.dumps({"cli_import": t1 - t0, "framework_import": t2 - t1, "load": t3 - t2,
                  "lint": t4 - t3, "rules": len(all_rules()), "findings": len(findings)}))
"""


def _wall(command: list[str], runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall times of `runs` runs; when `cpu` is given, also collect each run's CPU time.

    CPU time (user + system of the child) hardly depends on what else the machine
    runs, so it shows the command's own cost when a shared machine is busy.
    """
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if cpu is not None:
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return sorted(times)


def _summary(times: list[float]) -> str:
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    return (
        f"median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {times[-1] * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    exe = shutil.which("latticework") or str(Path(sys.executable).with_name("latticework"))
    subprocess.run([exe, "check"], check=True, capture_output=True)  # warm the OS file cache
    load_before = os.getloadavg()[0]
    cpu: list[float] = []
    check = _wall([exe, "check"], args.runs, cpu)
    bare = _wall([sys.executable, "-c", "pass"], args.runs)
    phases = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", PHASES], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(min(args.runs, 10))
    ]
    load_after = os.getloadavg()[0]
    print(
        f"latticework check (default framework), {args.runs} runs, {os.cpu_count()} CPUs, "
        f"load average {load_before:.1f} -> {load_after:.1f}"
    )
    print(f"  check:       {_summary(check)} (budget {BUDGET_MS} ms)")
    print(f"  check CPU time (user + system): {_summary(sorted(cpu))}")
    print(f"  bare python: {_summary(bare)}")
    medians = {
        k: statistics.median(p[k] for p in phases) * 1000
        for k in phases[0]
        if k not in ("rules", "findings")
    }
    print(
        "  in-process medians: "
        + ", ".join(f"{name} {ms:.0f} ms" for name, ms in medians.items())
        + f" ({phases[0]['rules']} rules, {phases[0]['findings']} findings)"
    )
    verdict = "within" if statistics.median(check) * 1000 <= BUDGET_MS else "OVER"
    print(f"  median is {verdict} the {BUDGET_MS} ms budget")


if __name__ == "__main__":
    main()
