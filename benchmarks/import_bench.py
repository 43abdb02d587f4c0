"""Time `latticework import` of 100,000 people and 500,000 events into SQLite and PostgreSQL.

Generates a valid organisation from the default framework as canonical CSV
(a simple vectorised generator, so the benchmark stands on its own), runs the
real command in a subprocess, and prints wall time and peak memory (budget,
DESIGN §9: 20 s, all or nothing). Then times `load_dataset` on the result.

    .venv/bin/python benchmarks/import_bench.py [--people 100000] [--events-per-person 5]
        [--postgres URL | --no-postgres] [--keep DIR]

PostgreSQL defaults to $LATTICEWORK_TEST_POSTGRES_URL or the local test server;
the benchmark works in a schema of its own and drops it afterwards.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from latticework.framework import load_default_framework
from latticework.framework.model import Framework

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TODAY = date(2026, 1, 1)


def generate(n_people: int, events_per_person: int, seed: int = 7) -> dict[str, pd.DataFrame]:
    """A valid organisation: levels, paths, pay inside bands, a management tree, history."""
    fw = load_default_framework().framework
    rng = np.random.default_rng(seed)
    ranks = {g.id: g.rank for g in fw.grades}
    placements = list(fw.placements())
    # Weight lower grades more heavily, as a real organisation's pyramid does.
    weights = np.array(
        [
            (3.0 if p.track.kind == "ic" else 0.6) * 0.55 ** (ranks[p.level.grade] - 4)
            for p in placements
        ]
    )
    choice = rng.choice(len(placements), size=n_people, p=weights / weights.sum())
    level = np.array([placements[i].level.id for i in choice])
    discipline = np.array([placements[i].discipline.id for i in choice])
    track = np.array([placements[i].track.id for i in choice])
    grade = np.array([ranks[placements[i].level.grade] for i in choice])
    path = _paths(fw, level, rng)
    zones = np.array(["us", "eu", "uk"])
    zone = zones[rng.choice(3, size=n_people, p=[0.6, 0.25, 0.15])]
    currency = pd.Series(zone).map({z.id: z.currency for z in fw.zones}).to_numpy()
    band_min, band_max = _bands(fw, level, zone)
    base = np.round(band_min + rng.uniform(0.05, 0.95, n_people) * (band_max - band_min), -2)
    hire_days = rng.integers(0, (TODAY - date(2015, 1, 1)).days - 400, n_people)
    hire = pd.Timestamp("2015-01-01") + pd.to_timedelta(hire_days, unit="D")
    ids = np.array([f"P{i:07d}" for i in range(n_people)])
    manager = _managers(ids, track, grade, rng)
    people = pd.DataFrame(
        {
            "employee_id": ids,
            "name": np.char.add("Person ", np.arange(n_people).astype(str)),
            "discipline": discipline,
            "track": track,
            "level": level,
            "path": path,
            "team": np.char.add("team-", (np.arange(n_people) // 8).astype(str)),
            "manager_id": manager,
            "zone": zone,
            "hire_date": hire.strftime("%Y-%m-%d"),
            "base_salary": base,
            "currency": currency,
            "pay_period": "year",
            "fte": 1.0,
            "variable_pay": np.round(base * 0.1, -2),
            "gender": rng.choice(["woman", "man", "nonbinary"], n_people, p=[0.45, 0.5, 0.05]),
        }
    )
    return {"people": people, "events": _events(people, events_per_person, rng)}


def _paths(fw: Framework, level: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    open_paths = {lv: [p.id for p in fw.paths_for_level(lv)] for lv in np.unique(level)}
    pick = rng.random(len(level))
    return np.array(
        [
            open_paths[lv][int(u * len(open_paths[lv]))] if open_paths[lv] else ""
            for lv, u in zip(level, pick, strict=True)
        ]
    )


def _bands(fw: Framework, level: np.ndarray, zone: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    key = pd.Series(level) + "|" + pd.Series(zone)
    bands = {k: fw.band_for(*k.split("|")) for k in key.unique()}
    low = key.map({k: b.min for k, b in bands.items() if b}).to_numpy(dtype=float)
    high = key.map({k: b.max for k, b in bands.items() if b}).to_numpy(dtype=float)
    return low, high


def _managers(
    ids: np.ndarray, track: np.ndarray, grade: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Everyone reports to a manager of a higher grade (so the chain has no loops)."""
    manager = np.full(len(ids), "", dtype=object)
    managers = np.flatnonzero(track == "management")
    for g in range(4, 9):
        above = managers[grade[managers] > g]
        if len(above) == 0:
            continue
        at = np.flatnonzero(grade == g)
        manager[at] = ids[rng.choice(above, size=len(at))]
    return manager


def _events(people: pd.DataFrame, per_person: int, rng: np.random.Generator) -> pd.DataFrame:
    """A hire, then pay changes on distinct later dates (strictly before TODAY)."""
    n = len(people)
    hire = pd.to_datetime(people["hire_date"]).to_numpy()
    span = (np.datetime64(TODAY) - hire).astype("timedelta64[D]").astype(int) - 1
    offsets = np.sort(rng.uniform(0, 1, (n, per_person - 1)), axis=1)
    days = np.floor(offsets * span[:, None]).astype(int) + np.arange(1, per_person)[None, :]
    days = np.minimum(days, span[:, None])
    base = people["base_salary"].to_numpy()
    frames = [
        pd.DataFrame(
            {
                "employee_id": people["employee_id"],
                "date": people["hire_date"],
                "type": "hire",
                "to_level": people["level"],
                "new_base": np.round(base * 0.85, -2),
            }
        )
    ]
    for k in range(per_person - 1):
        when = pd.to_datetime(hire + days[:, k].astype("timedelta64[D]"))
        frames.append(
            pd.DataFrame(
                {
                    "employee_id": people["employee_id"],
                    "date": when.strftime("%Y-%m-%d"),
                    "type": "pay_change",
                    "old_base": np.round(base * (0.85 + 0.03 * k), -2),
                    "new_base": np.round(base * (0.88 + 0.03 * k), -2),
                }
            )
        )
    events = pd.concat(frames, ignore_index=True)
    return events.drop_duplicates(["employee_id", "date", "type"])


def write_csv(frames: dict[str, pd.DataFrame], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        frame.to_csv(folder / f"{name}.csv", index=False)


def run_import(folder: Path, url: str) -> tuple[float, float, str]:
    """Wall seconds and peak resident memory (MiB) of `latticework import` in a subprocess."""
    command = [str(Path(sys.executable).parent / "latticework"), "import", str(folder), "--db", url]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode != 0:
        raise SystemExit(f"import failed ({done.returncode}):\n{done.stdout[-3000:]}{done.stderr}")
    return wall, peak_kib / 1024, done.stdout


def time_load(url: str) -> tuple[float, int, int]:
    from latticework.storage import UnitOfWork, load_dataset

    with UnitOfWork(url) as uow:
        started = time.perf_counter()
        dataset = load_dataset(uow.connection)
        seconds = time.perf_counter() - started
    return seconds, len(dataset.people), len(dataset.events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--events-per-person", type=int, default=5)
    parser.add_argument("--postgres", default=os.environ.get("LATTICEWORK_TEST_POSTGRES_URL"))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--keep", type=Path, help="write the CSV files here and keep them")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch) / "org"
        started = time.perf_counter()
        frames = generate(args.people, args.events_per_person)
        write_csv(frames, folder)
        print(
            f"generated {len(frames['people']):,} people and {len(frames['events']):,} events "
            f"as CSV in {time.perf_counter() - started:.1f} s"
        )
        targets = [("SQLite", f"sqlite:///{Path(scratch) / 'bench.db'}", None)]
        if not args.no_postgres:
            targets.append(_postgres_target(args.postgres or DEFAULT_POSTGRES))
        for name, url, cleanup in targets:
            try:
                wall, peak, _ = run_import(folder, url)
                again, _, _ = run_import(folder, url)
                load, n_people, n_events = time_load(url)
                print(
                    f"{name:<10} import {wall:5.1f} s wall, peak {peak:6.0f} MiB (budget 20 s); "
                    f"re-import (nothing changes) {again:5.1f} s; "
                    f"load_dataset {load:4.2f} s for {n_people:,} people + {n_events:,} events"
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
