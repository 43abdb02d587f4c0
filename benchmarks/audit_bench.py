"""Time the full `latticework audit` of 100,000 people with 5 years of history.

Budget: 5 s wall, 1.5 GB peak memory. The organisation is the demo generator's
(documented disparities included), written through the import path into
SQLite and, when a server answers, PostgreSQL. Each measured run is a fresh
Python process, so imports, loading from the database, the audit and the JSON
rendering are all counted, and the process reports its own peak memory.

For comparison it times an analyst's straightforward pandas + statsmodels
script that computes pay parity (OLS of log pay with HC3 errors per grade and
overall, base and total pay) and promotion parity (rates per grade and track
with Fisher's exact test) from CSV files, against latticework's pay-parity and
advancement audits on the same CSV files. It ends with a cProfile of the
audit in process.

    .venv/bin/python benchmarks/audit_bench.py [--people 100000] [--years 5] [--repeat 3]
        [--postgres URL | --no-postgres] [--keep DIR [--reuse]] [--vs-analyst]

`--vs-analyst` measures only the headline comparison: the full audit (a fresh
process reading SQLite, every audit, the JSON) against an analyst's pandas +
statsmodels + lifelines script that computes the core track-parity numbers
(per-grade pay by track, the adjusted pay gap with HC3 errors, promotion parity
with Fisher's exact test, Kaplan-Meier time in level by track) from the CSV
files. The script runs in its own virtual environment (`--analyst-venv`, made
on first use with pip: lifelines caps pandas below the version latticework
uses). The two alternate, run after run, so both see the same machine load; it
prints each median, the ratio (ours / analyst: at most 1.0 is the goal) and the
audit's peak memory.

Wall time depends on how busy the machine is; each figure is printed with the
process's CPU time and the load average, so runs on a shared machine can be read.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from datetime import date
from pathlib import Path

from latticework.demo.build import write_demo_database
from latticework.demo.generator import generate_organisation
from latticework.framework import load_default_framework

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
AS_OF = date(2026, 6, 30)

FULL_AUDIT = """
import json, resource, sys, time

def peak_mb():
    # VmHWM of this process image; ru_maxrss would carry over the parent's peak across exec.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
from datetime import date
from latticework.services.audit import audit_organisation
from latticework.reports.audit_json import audit_json
from latticework.storage import UnitOfWork
imported = time.perf_counter()
with UnitOfWork(sys.argv[1]) as uow:
    report = audit_organisation(uow, as_of=date.fromisoformat(sys.argv[2]))
audited = time.perf_counter()
text = audit_json(report)
done = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({
    "imports": imported - start, "load_and_audit": audited - imported,
    "render_json": done - audited, "total": done - start,
    "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": peak_mb(),
    "tests": report.tests, "findings": len(report.findings), "bytes": len(text),
}))
"""

OURS_FROM_CSV = """
import json, resource, sys, time

def peak_mb():
    # VmHWM of this process image; ru_maxrss would carry over the parent's peak across exec.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
from datetime import date
import pandas as pd
from latticework.audit import AuditOptions, run_audit
from latticework.framework import load_default_framework
from latticework.org.dataset import OrgDataset
folder = sys.argv[1]
people = pd.read_csv(f"{folder}/people.csv", parse_dates=["hire_date", "exit_date"])
events = pd.read_csv(f"{folder}/events.csv", parse_dates=["date"])
dataset = OrgDataset(people=people, events=events, as_of=date.fromisoformat(sys.argv[2]))
framework = load_default_framework().framework
report = run_audit(dataset, framework, AuditOptions(audits=("pay-parity", "advancement")))
done = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"total": done - start, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mb": peak_mb()}))
"""

# What an analyst would write by hand: formulas, a loop over grades, group-bys.
ANALYST_FROM_CSV = """
import json, resource, sys, time

def peak_mb():
    # VmHWM of this process image; ru_maxrss would carry over the parent's peak across exec.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy.stats import fisher_exact
folder, as_of = sys.argv[1], pd.Timestamp(sys.argv[2])
grade_of = json.load(open(f"{folder}/grades.json"))
people = pd.read_csv(f"{folder}/people.csv", parse_dates=["hire_date", "exit_date"])
events = pd.read_csv(f"{folder}/events.csv", parse_dates=["date"])
active = people[people["status"] != "exited"].copy()
period = {"year": 1.0, "month": 12.0, "hour": 2080.0}
annual = active["base_salary"] * active["pay_period"].fillna("year").map(period)
fte = active["fte"].fillna(1.0)
active["base"] = np.where(active["pay_period"].eq("hour"), annual, annual / fte)
active["total"] = active["base"] + (active["variable_pay"].fillna(0)
                                    + active["equity_annual"].fillna(0)) / fte
active["grade"] = active["level"].map(grade_of)
active["tenure"] = (as_of - active["hire_date"]).dt.days / 365.25
active["ic"] = (active["track"] == "ic").astype(int)
parallel = ["G6", "G7", "G8", "G9"]
data = active[active["grade"].isin(parallel)].dropna(subset=["performance_rating"])
results = {}
for pay in ("base", "total"):
    data = data.assign(ln_pay=np.log(data[pay]))
    fit = smf.ols("ln_pay ~ ic + C(grade) + C(zone) + C(discipline) + tenure + performance_rating",
                  data).fit(cov_type="HC3")
    results[(pay, "all")] = (np.expm1(fit.params["ic"]), fit.pvalues["ic"])
    for g in parallel:
        sub = data[data["grade"] == g]
        fit = smf.ols("ln_pay ~ ic + C(zone) + C(discipline) + tenure + performance_rating",
                      sub).fit(cov_type="HC3")
        results[(pay, g)] = (np.expm1(fit.params["ic"]), fit.pvalues["ic"])
start_day = as_of - pd.DateOffset(years=1)
moves = events[events["to_level"].notna() & (events["date"] <= start_day)]
level_at_start = moves.sort_values("date").groupby("employee_id")["to_level"].last()
present = people[(people["hire_date"] <= start_day)
                 & (people["exit_date"].isna() | (people["exit_date"] > start_day))]
cohort = present[["employee_id", "track"]].assign(
    level=present["employee_id"].map(level_at_start).fillna(present["level"]))
cohort["grade"] = cohort["level"].map(grade_of)
promoted = events[(events["type"] == "promotion") & (events["date"] > start_day)
                  & (events["date"] <= as_of)]["employee_id"].unique()
cohort["promoted"] = cohort["employee_id"].isin(promoted)
rates = cohort.groupby(["grade", "track"])["promoted"].agg(["sum", "count"])
for g in ["G6", "G7", "G8"]:
    ic, mg = rates.loc[(g, "ic")], rates.loc[(g, "management")]
    p = fisher_exact([[ic["sum"], ic["count"] - ic["sum"]], [mg["sum"], mg["count"] - mg["sum"]]])
    results[("promotion", g)] = (ic["sum"] / ic["count"] / (mg["sum"] / mg["count"]), p.pvalue)
done = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"total": done - start, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mb": peak_mb(), "g8_base_gap": results[("base", "G8")][0]}))
"""


# The analyst's script for --vs-analyst: the core track-parity numbers, as one would write
# them with pandas, statsmodels and lifelines, reading the CSV files latticework exports.
ANALYST_LIFELINES = ANALYST_FROM_CSV.replace(
    """done = time.perf_counter()""",
    """from lifelines import KaplanMeierFitter
# Time in level: each promotion closes a spell; the current level is a censored spell.
spells = events[events["type"] == "promotion"].sort_values(["employee_id", "date"])
spells = spells.assign(start=spells.groupby("employee_id")["date"].shift())
spells = spells.dropna(subset=["start"])
spells = spells.merge(people[["employee_id", "track"]], on="employee_id")
current = active.assign(start=active["level_start_date"].astype("datetime64[ns]"))
durations = pd.concat([
    pd.DataFrame({"track": spells["track"], "years": (spells["date"] - spells["start"]).dt.days
                  / 365.25, "promoted": 1}),
    pd.DataFrame({"track": current["track"], "years": (as_of - current["start"]).dt.days
                  / 365.25, "promoted": 0}),
])
durations = durations[durations["years"] > 0]
for track, group in durations.groupby("track"):
    km = KaplanMeierFitter().fit(group["years"], group["promoted"])
    results[("km-median", track)] = (km.median_survival_time_, None)
done = time.perf_counter()""",
).replace(
    """people = pd.read_csv(f"{folder}/people.csv", parse_dates=["hire_date", "exit_date"])""",
    """people = pd.read_csv(f"{folder}/people.csv",
                     parse_dates=["hire_date", "exit_date", "level_start_date"])""",
)


def vs_analyst(url: str, folder: Path, repeat: int, analyst_venv: Path) -> None:
    """The full audit against the analyst's script, alternately, with the ratio."""
    python = _analyst_python(analyst_venv)
    ours: list[dict[str, float]] = []
    theirs: list[dict[str, float]] = []
    for _ in range(repeat):
        ours.append(_child(FULL_AUDIT, url, AS_OF.isoformat()))
        theirs.append(_child(ANALYST_LIFELINES, str(folder), AS_OF.isoformat(), python=python))
    wall = statistics.median(r["total"] for r in ours)
    analyst = statistics.median(r["total"] for r in theirs)
    cpu = statistics.median(r["cpu"] for r in ours)
    analyst_cpu = statistics.median(r["cpu"] for r in theirs)
    peak = max(r["peak_mb"] for r in ours)
    loads = [r["load"] for r in ours + theirs]
    our_runs = ", ".join(f"{r['total']:.2f}" for r in ours)
    their_runs = ", ".join(f"{r['total']:.2f}" for r in theirs)
    print(f"\nfull audit vs the analyst's script, alternately, median of {repeat}:")
    print(
        f"  latticework audit (SQLite, every audit, JSON): wall {wall:.2f} s, CPU {cpu:.2f} s, "
        f"peak {peak:.0f} MB; runs {our_runs}"
    )
    print(
        f"  analyst (pandas + statsmodels + lifelines, CSV): wall {analyst:.2f} s, "
        f"CPU {analyst_cpu:.2f} s; runs {their_runs}"
    )
    print(
        f"  ratio ours / analyst: wall {wall / analyst:.2f}, CPU {cpu / analyst_cpu:.2f} "
        f"(goal <= 1.0); audit goal 2.5 s / 700 MB: "
        f"{'met' if wall <= 2.5 and peak <= 700 else 'MISSED'}; "
        f"load average {min(loads):.1f}-{max(loads):.1f}"
    )


def _analyst_python(venv: Path) -> str:
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"making the analyst's environment in {venv} (pandas, statsmodels, lifelines)")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "pandas", "statsmodels",
             "lifelines", "scipy"],
            check=True,
        )  # fmt: skip
    return str(python)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", default=os.environ.get("LATTICEWORK_TEST_POSTGRES_URL"))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--keep", type=Path, help="Keep the databases and CSV files here.")
    parser.add_argument(
        "--reuse", action="store_true", help="Reuse the SQLite file and CSV files in --keep."
    )
    parser.add_argument(
        "--vs-analyst",
        action="store_true",
        help="Only the full audit against the analyst's pandas + statsmodels + lifelines script.",
    )
    parser.add_argument(
        "--analyst-venv",
        type=Path,
        default=Path(__file__).resolve().parent.parent / ".venv-analyst",
        help="The analyst script's virtual environment (made on first use).",
    )
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="lw-audit-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    framework = load_default_framework().framework
    sqlite_url = f"sqlite:///{folder / 'audit-bench.db'}"
    reusable = (folder / "audit-bench.db").exists() and (folder / "people.csv").exists()
    if args.vs_analyst and args.reuse and reusable:
        print(f"reusing {folder}")  # nothing to generate: the comparison reads only these
        vs_analyst(sqlite_url, folder, args.repeat, args.analyst_venv)
        return
    started = time.perf_counter()
    dataset = generate_organisation(
        framework, people=args.people, years=args.years, seed=0, as_of=AS_OF
    )
    print(
        f"demo organisation: {len(dataset.people):,} people ever employed, "
        f"{len(dataset.events):,} events, {len(dataset.participation):,} participation "
        f"records, {args.years} years, generated in {time.perf_counter() - started:.1f} s"
    )
    if args.reuse and reusable:
        print(f"reusing {folder}")
    else:
        _write_csv(dataset, framework, folder)
        started = time.perf_counter()
        write_demo_database(sqlite_url, dataset, framework, replace=True)
        print(f"written to SQLite in {time.perf_counter() - started:.1f} s")
    if args.vs_analyst:
        del dataset
        gc.collect()
        vs_analyst(sqlite_url, folder, args.repeat, args.analyst_venv)
        return
    targets = [("SQLite", sqlite_url)]
    schema = None
    postgres = None if args.no_postgres else (args.postgres or DEFAULT_POSTGRES)
    if postgres:
        schema, pg_url = _postgres_schema(postgres)
        if pg_url:
            started = time.perf_counter()
            write_demo_database(pg_url, dataset, framework, replace=True)
            print(f"written to PostgreSQL in {time.perf_counter() - started:.1f} s")
            targets.append(("PostgreSQL", pg_url))
    del dataset  # the measured processes should not compete with this one for memory
    gc.collect()
    try:
        print("\nfull audit (fresh process: imports + load + every audit + JSON), "
              f"median of {args.repeat}:")  # fmt: skip
        for name, url in targets:
            runs = [_child(FULL_AUDIT, url, AS_OF.isoformat()) for _ in range(args.repeat)]
            best = sorted(runs, key=lambda r: r["total"])[len(runs) // 2]
            verdict = "within" if best["total"] <= 5 and best["peak_mb"] <= 1536 else "OVER"
            all_runs = ", ".join(f"{r['total']:.2f}" for r in runs)
            print(
                f"  {name:10} total {best['total']:.2f} s (imports {best['imports']:.2f}, "
                f"load + audit {best['load_and_audit']:.2f}, JSON {best['render_json']:.2f}); "
                f"peak {best['peak_mb']:.0f} MB; {best['tests']} tests, "
                f"{best['findings']} findings; CPU {best['cpu']:.2f} s; load average "
                f"{best['load']:.1f}; {verdict} budget (5 s, 1.5 GB); all runs {all_runs} s"
            )
        print("\npay + promotion parity from the same CSV files (fresh process, median):")
        for name, code in (("latticework", OURS_FROM_CSV), ("analyst script", ANALYST_FROM_CSV)):
            runs = [_child(code, str(folder), AS_OF.isoformat()) for _ in range(args.repeat)]
            median = statistics.median(r["total"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            peak = max(r["peak_mb"] for r in runs)
            load = statistics.median(r["load"] for r in runs)
            print(
                f"  {name:15} wall {median:.2f} s, CPU {cpu:.2f} s, peak {peak:.0f} MB "
                f"(load average {load:.1f})"
            )
        _profile(sqlite_url)
    finally:
        if schema and postgres:
            _drop_schema(postgres, schema)


def _write_csv(dataset, framework, folder: Path) -> None:  # type: ignore[no-untyped-def]
    dataset.people.to_csv(folder / "people.csv", index=False)
    dataset.events.to_csv(folder / "events.csv", index=False)
    grades = {p.level.id: p.level.grade for p in framework.placements()}
    (folder / "grades.json").write_text(json.dumps(grades))


def _child(code: str, *argv: str, python: str = sys.executable) -> dict[str, float]:
    result = subprocess.run(
        [python, "-c", textwrap.dedent(code), *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    figures["load"] = os.getloadavg()[0]
    return figures


def _profile(url: str) -> None:
    from latticework.services.audit import audit_organisation
    from latticework.storage import UnitOfWork

    with UnitOfWork(url) as uow:  # warm: imports are not what this profile is about
        audit_organisation(uow, as_of=AS_OF)
    profiler = cProfile.Profile()
    started, cpu = time.perf_counter(), time.process_time()
    profiler.enable()
    with UnitOfWork(url) as uow:
        audit_organisation(uow, as_of=AS_OF)
    profiler.disable()
    print(
        f"\nprofile of load + audit in process (warm): wall {time.perf_counter() - started:.2f} s, "
        f"CPU {time.process_time() - cpu:.2f} s, load average {os.getloadavg()[0]:.1f}"
    )
    for order, limit, restrict in (("cumulative", 25, "latticework"), ("tottime", 12, "")):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats(order)
        if restrict:
            stats.print_stats(restrict, limit)
        else:
            stats.print_stats(limit)
        lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
        start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls"))
        print(f"  top by {order}:")
        shorter = [re.sub(r"\S*/(src|site-packages)/", "", ln) for ln in lines[start:]]
        print("\n".join("    " + ln for ln in shorter))


def _postgres_schema(server: str) -> tuple[str | None, str | None]:
    try:
        import psycopg

        conninfo = server.replace("postgresql+psycopg://", "postgresql://")
        schema = f"lw_audit_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'CREATE SCHEMA "{schema}"')
    except Exception as exc:
        print(f"PostgreSQL not measured: {exc.__class__.__name__} at {server}")
        return None, None
    separator = "&" if "?" in server else "?"
    return schema, f"{server}{separator}options=-csearch_path%3D{schema}"


def _drop_schema(server: str, schema: str) -> None:
    import psycopg

    from latticework.storage.engine import dispose_engines

    dispose_engines()
    conninfo = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


if __name__ == "__main__":
    main()
