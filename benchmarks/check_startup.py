"""Time `latticework check` of the default framework, start-up included (budget 0.5 s).

Run:  .venv/bin/python benchmarks/check_startup.py [--runs 20]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    exe = shutil.which("latticework") or str(Path(sys.executable).with_name("latticework"))
    subprocess.run([exe, "check"], check=True, capture_output=True)  # warm the OS file cache
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run([exe, "check"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(f"latticework check (default framework), {args.runs} runs")
    print(
        f"  median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {times[-1] * 1000:.0f} ms (budget 500 ms)"
    )


if __name__ == "__main__":
    main()
