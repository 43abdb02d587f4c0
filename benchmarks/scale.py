"""The scaling curve: build, import and audit 10k, 100k, 300k and 1,000,000 people.

For each size it generates the demo organisation (five years of history) and
writes it as canonical CSV files (step *build*), imports them with the real
`latticework import` (step *import*, all or nothing) and runs the full
`latticework audit --format json` (step *audit*: imports, reading, every audit,
the JSON). Every step is a fresh process, timed from outside with its own CPU
time and peak memory (`wait4`), so the figures are what a user's command costs.
Sizes from `--postgres-from` up go to PostgreSQL (a schema of its own, dropped
afterwards); the others to an SQLite file. It ends with the cost per 1,000
people of each step between successive sizes: flat means linear.

    .venv/bin/python benchmarks/scale.py [--sizes 10000,100000,300000,1000000]
        [--postgres URL] [--postgres-from 1000000] [--keep DIR]

On a shared machine the CPU time is the honest figure; the load average is
printed with every step.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
AS_OF = date(2026, 6, 30)

BUILD = """
import sys
from datetime import date
from pathlib import Path
from latticework.demo import generate_organisation
from latticework.framework import load_default_framework
from latticework.ingest.export import write_csv_files
framework = load_default_framework().framework
dataset = generate_organisation(
    framework, people=int(sys.argv[2]), years=5, seed=0, as_of=date.fromisoformat(sys.argv[3])
)
written = write_csv_files(dataset.frames(), Path(sys.argv[1]))
print(";".join(f"{path.stem}={rows}" for path, rows in written))
"""


@dataclass(frozen=True)
class Step:
    wall: float
    cpu: float
    peak_mib: float
    load: float
    output: str


def _run(command: list[str], ok: tuple[int, ...] = (0,)) -> Step:
    """One process, timed from outside: wall, its own CPU and peak resident memory."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as output:
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read()
    if code not in ok:
        raise SystemExit(f"{' '.join(command[:3])} … failed ({code}):\n{text[-3000:]}")
    return Step(
        wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.getloadavg()[0], text
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,300000,1000000")
    parser.add_argument("--postgres", default=os.environ.get("LATTICEWORK_TEST_POSTGRES_URL"))
    parser.add_argument(
        "--postgres-from",
        type=int,
        default=1_000_000,
        help="Sizes from this up are imported into and audited on PostgreSQL.",
    )
    parser.add_argument("--keep", type=Path, help="Keep the CSV files and databases here.")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    latticework = str(Path(sys.executable).parent / "latticework")
    root = args.keep or Path(tempfile.mkdtemp(prefix="lw-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {date.today()}")
    print(f"{'people':>9} {'step':<7} {'wall s':>7} {'CPU s':>7} {'peak MiB':>9} {'load':>5}  rows")
    curve: dict[str, list[tuple[int, float, float]]] = {"build": [], "import": [], "audit": []}
    try:
        for size in sizes:
            folder = root / f"org-{size}"
            url, cleanup = _database(size, root, args)
            try:
                build = _run([sys.executable, "-c", textwrap.dedent(BUILD), str(folder),
                              str(size), AS_OF.isoformat()])  # fmt: skip
                rows = build.output.strip().splitlines()[-1]
                _print(size, "build", build, rows.replace(";", ", "))
                # From 300,000 people events and assessments pass the import's documented
                # 2,000,000-row limit per file: raise it the documented way.
                mapping = root / f"mapping-{size}.yaml"
                mapping.write_text(
                    f"limits: {{max_rows: {size * 30}, max_cells: {size * 30 * 15}}}\n"
                )
                imported = _run(
                    [latticework, "import", str(folder), "--db", url, "--mapping", str(mapping)]
                )
                _print(size, "import", imported, "PostgreSQL" if "postgresql" in url else "SQLite")
                out = folder / "audit.json"
                audit = _run(
                    [latticework, "audit", "--db", url, "--as-of", AS_OF.isoformat(),
                     "--format", "json", "--out", str(out)]
                )  # fmt: skip
                _print(size, "audit", audit, f"{out.stat().st_size:,} bytes of JSON")
                for name, step in (("build", build), ("import", imported), ("audit", audit)):
                    curve[name].append((size, step.cpu, step.peak_mib))
            finally:
                if cleanup is not None:
                    cleanup()
                if args.keep is None:
                    shutil.rmtree(folder, ignore_errors=True)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    _print_slopes(curve)


def _print(size: int, name: str, step: Step, note: str) -> None:
    print(
        f"{size:>9,} {name:<7} {step.wall:>7.2f} {step.cpu:>7.2f} {step.peak_mib:>9.0f} "
        f"{step.load:>5.1f}  {note}",
        flush=True,
    )


def _print_slopes(curve: dict[str, list[tuple[int, float, float]]]) -> None:
    print("\nCPU seconds and peak MiB per 1,000 people, between successive sizes:")
    for name, points in curve.items():
        parts = []
        for (n0, cpu0, mem0), (n1, cpu1, mem1) in itertools.pairwise(points):
            per_k = (cpu1 - cpu0) / (n1 - n0) * 1000
            mem_k = (mem1 - mem0) / (n1 - n0) * 1000
            parts.append(f"{n0:,}->{n1:,}: {per_k:.3f} s, {mem_k:.2f} MiB")
        print(f"  {name:<7} " + ("; ".join(parts) or "(one size only)"))


def _database(size: int, root: Path, args: argparse.Namespace) -> tuple[str, object]:
    if size < args.postgres_from:
        path = root / f"scale-{size}.db"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}", None
    import psycopg

    server = args.postgres or DEFAULT_POSTGRES
    schema = f"lw_scale_{uuid.uuid4().hex[:8]}"
    conninfo = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    url = f"{server}{'&' if '?' in server else '?'}options=-csearch_path%3D{schema}"

    def drop() -> None:
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')

    return url, drop


if __name__ == "__main__":
    main()
