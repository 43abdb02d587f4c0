"""Time `latticework import` of 100,000 people and 500,000 events into SQLite and PostgreSQL.

Generates the demo organisation (`latticework.demo`, five years of
history), writes it as canonical CSV with the exporter, runs the real command
in a subprocess and prints wall time and peak memory (budget, DESIGN §9:
20 s, all or nothing). It imports twice (the second import must change
nothing), then times `load_dataset` on the result.

    .venv/bin/python benchmarks/import_bench.py [--people 100000] [--all-tables]
        [--postgres URL | --no-postgres] [--keep DIR]

PostgreSQL defaults to $LATTICEWORK_TEST_POSTGRES_URL or the local test server;
the benchmark works in a schema of its own and drops it afterwards. Wall time
and CPU time are both printed: on a machine shared with other work the CPU
time is what the import itself costs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from latticework.framework import load_default_framework
from latticework.ingest.export import write_csv_files
from latticework.org.columns import TABLES

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
AS_OF = date(2026, 1, 1)


def generate(n_people: int, tables: list[str], seed: int = 7) -> dict[str, pd.DataFrame]:
    """The demo organisation (headcount `n_people` on AS_OF, five years of history)."""
    from latticework.demo import generate_organisation

    framework = load_default_framework().framework
    dataset = generate_organisation(framework, people=n_people, seed=seed, as_of=AS_OF)
    return {name: frame for name, frame in dataset.frames().items() if name in tables}


@dataclass(frozen=True)
class Run:
    """One `latticework import` in a subprocess."""

    wall: float
    cpu: float
    """User + system CPU seconds: the honest figure on a machine shared with other work."""
    peak_mib: float


def run_import(folder: Path, url: str) -> Run:
    """Time the real command; peak memory is the child's maximum resident set size."""
    command = [str(Path(sys.executable).parent / "latticework"), "import", str(folder), "--db", url]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as output:
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, text=True)
        # wait4 gives this child's own resource usage (peak memory, CPU), not a running max.
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            output.seek(0)
            raise SystemExit(f"import failed ({child.returncode}):\n{output.read()[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def time_load(url: str) -> tuple[float, float, int, int]:
    """Wall and CPU seconds of `load_dataset` in this process (pandas already imported)."""
    from latticework.storage import UnitOfWork, load_dataset

    with UnitOfWork(url) as uow:
        started, cpu = time.perf_counter(), time.process_time()
        dataset = load_dataset(uow.connection)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return seconds, cpu, len(dataset.people), len(dataset.events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument(
        "--all-tables",
        action="store_true",
        help="also import participation, impact, assessments and roles (default: people, events)",
    )
    parser.add_argument("--postgres", default=os.environ.get("LATTICEWORK_TEST_POSTGRES_URL"))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--keep", type=Path, help="write the CSV files here and keep them")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch) / "org"
        started = time.perf_counter()
        tables = list(TABLES) if args.all_tables else ["people", "events"]
        frames = generate(args.people, tables)
        written = write_csv_files(frames, folder)
        counts = ", ".join(f"{rows:,} {path.stem}" for path, rows in written)
        print(f"generated {counts} as CSV in {time.perf_counter() - started:.1f} s")
        targets = [("SQLite", f"sqlite:///{Path(scratch) / 'bench.db'}", None)]
        if not args.no_postgres:
            targets.append(_postgres_target(args.postgres or DEFAULT_POSTGRES))
        for name, url, cleanup in targets:
            try:
                first = run_import(folder, url)
                again = run_import(folder, url)
                load, load_cpu, n_people, n_events = time_load(url)
                print(
                    f"{name:<10} import {first.wall:5.1f} s wall ({first.cpu:4.1f} s CPU), "
                    f"peak {first.peak_mib:5.0f} MiB (budget 20 s); "
                    f"re-import, nothing changes: {again.wall:4.1f} s ({again.cpu:4.1f} s CPU); "
                    f"load_dataset {load:4.2f} s ({load_cpu:4.2f} s CPU) "
                    f"for {n_people:,} people + {n_events:,} events"
                )
            finally:
                if cleanup is not None:
                    cleanup()


def _postgres_target(server: str) -> tuple[str, str, object]:
    import psycopg

    from latticework.storage.engine import dispose_engine

    schema = f"lw_bench_{uuid.uuid4().hex[:8]}"
    conninfo = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    url = f"{server}{'&' if '?' in server else '?'}options=-csearch_path%3D{schema}"

    def drop() -> None:
        dispose_engine(url)
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')

    return "PostgreSQL", url, drop


if __name__ == "__main__":
    main()
