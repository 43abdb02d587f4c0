"""Time the growth services on a generated organisation, in process (start-up excluded).

Builds (or reuses) an SQLite database of the demo organisation, then times:
the classifier on accomplishment bullets, one person's impact, readiness,
packet (Markdown and PDF), plan and moves, and team composition of everyone.

Run:  .venv/bin/python benchmarks/growth_bench.py [--people 100000] [--db PATH] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path


def timed(runs: int, work: Callable[[], object]) -> tuple[float, float, float]:
    """(median wall, max wall, median CPU) seconds of `runs` calls after one warm-up.

    CPU time is printed too because on a shared machine the wall clock mostly
    measures the other processes.
    """
    work()
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), max(walls), statistics.median(cpus)


def build(path: Path, people: int) -> str:
    from latticework.demo.generator import generate_organisation
    from latticework.framework import load_default_framework
    from latticework.services.data import import_dataset, upgrade_database
    from latticework.storage import UnitOfWork

    url = f"sqlite:///{path}"
    if path.exists():
        return url
    framework = load_default_framework().framework
    start = time.perf_counter()
    org = generate_organisation(framework, people=people, seed=1, as_of=date(2026, 11, 1))
    upgrade_database(url)
    with UnitOfWork(url) as uow:
        uow.frameworks.store(framework, [])
        import_dataset(uow, org, framework, today=date(2026, 11, 1))
        uow.commit()
    print(f"built {path} ({people:,} people) in {time.perf_counter() - start:.1f} s")
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = args.db or Path(f"/tmp/latticework-growth-bench-{args.people}.db")
    url = build(path, args.people)

    import sqlite3

    from latticework.framework import load_default_framework
    from latticework.growth.classify import AccomplishmentClassifier
    from latticework.reports.document import to_markdown, to_pdf
    from latticework.reports.growth_packet import packet_document
    from latticework.services import growth, growth_data
    from latticework.storage import UnitOfWork

    def person_data(employee_id: str) -> growth.GrowthData:
        with UnitOfWork(url) as uow:
            return growth_data.person_data(uow, employee_id)

    def team_data() -> growth.GrowthData:
        with UnitOfWork(url) as uow:
            return growth_data.team_data(uow)

    with sqlite3.connect(path) as connection:
        (employee_id,) = connection.execute(
            "SELECT employee_id FROM people WHERE status = 'active' AND level = 'E7' "
            "ORDER BY employee_id LIMIT 1"
        ).fetchone()
        headcount = connection.execute(
            "SELECT COUNT(*) FROM people WHERE status = 'active'"
        ).fetchone()[0]
    framework = load_default_framework().framework
    bullets_file = Path(__file__).parents[1] / "tests" / "growth" / "data" / "accomplishments.csv"
    bullets = [line.split('",')[0].strip('"') for line in bullets_file.read_text().splitlines()[1:]]
    classifier = AccomplishmentClassifier(framework, "engineering")

    def person(work: Callable[[growth.GrowthData], object]) -> Callable[[], object]:
        return lambda: work(person_data(employee_id))

    def packet_md(data: growth.GrowthData) -> str:
        return to_markdown(packet_document(growth.promotion_packet(data, employee_id), framework))

    def packet_pdf(data: growth.GrowthData) -> bytes:
        return to_pdf(packet_document(growth.promotion_packet(data, employee_id), framework))

    cases: list[tuple[str, Callable[[], object]]] = [
        (f"classify {len(bullets)} bullets", lambda: classifier.classify_all(bullets)),
        ("impact (load + statements)", person(lambda d: growth.impact_report(d, employee_id))),
        ("readiness", person(lambda d: growth.readiness(d, employee_id))),
        ("packet, Markdown", person(packet_md)),
        ("packet, PDF", person(packet_pdf)),
        ("plan (proposal)", person(lambda d: growth.development_plan(d, employee_id))),
        ("moves --to M9", person(lambda d: growth.lattice_moves(d, employee_id, "M9"))),
        ("teams (load + compose)", lambda: growth.team_composition(team_data())),
    ]
    print(f"growth services on {headcount:,} active people ({path}), {args.runs} runs each")
    print(f"{'work':<32} {'median':>9} {'max':>9} {'CPU':>9}")
    for name, work in cases:
        median, worst, cpu = timed(args.runs, work)
        print(f"{name:<32} {median * 1000:>7.0f}ms {worst * 1000:>7.0f}ms {cpu * 1000:>7.0f}ms")
    print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
