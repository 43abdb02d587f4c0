"""Person, team and framework pages at 100,000 people under 20 concurrent clients
(budget: p95 ≤ 50 ms, DESIGN §9).

Builds the synthetic organisation once into an SQLite file (kept in
benchmarks/out/ for later runs), starts `latticework serve` on a free local
port, logs in as an HR user and as a manager (cookies, as a browser would), and
has 20 asyncio clients (httpx) fetch pages for a fixed time. Prints p50/p95/max
per page.

Run:  .venv/bin/python benchmarks/web_bench.py [--people 100000] [--seconds 20] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx

OUT = Path(__file__).resolve().parent / "out"
PASSWORD = "benchmark passphrase"
SEED = 7


def build_database(people: int) -> str:
    """The demo organisation of `people` people, with an HR and a manager account."""
    path = OUT / f"web-{people}.db"
    url = f"sqlite:///{path}"
    if path.exists():
        from latticework.services.data import upgrade_database

        upgrade_database(url)  # a file built by an older version gains the newer tables
        print(f"using {path}")
        return url
    from latticework.demo import generate_organisation
    from latticework.framework import load_default_framework
    from latticework.services import accounts
    from latticework.services.data import import_dataset, upgrade_database
    from latticework.storage.unit_of_work import UnitOfWork

    OUT.mkdir(exist_ok=True)
    started = time.perf_counter()
    framework = load_default_framework().framework
    org = generate_organisation(framework, people=people, seed=SEED, as_of=date(2026, 6, 30))
    upgrade_database(url)
    with UnitOfWork(url) as uow:
        report = import_dataset(uow, org, framework)
        report.raise_for_errors()
        uow.commit()
    with UnitOfWork(url) as uow:
        accounts.create_user(uow, "bench-hr", PASSWORD, "people")
        manager = _a_manager(uow.connection)
        accounts.create_user(uow, "bench-manager", PASSWORD, "manager", manager)
        uow.commit()
    print(f"built {path} ({people:,} people) in {time.perf_counter() - started:.1f} s")
    return url


def _a_manager(conn) -> str:  # type: ignore[no-untyped-def]
    """A second-line manager: a chain of tens of people, like most managers'."""
    import sqlalchemy as sa

    from latticework.storage.tables import people

    reports = sa.select(people.c.manager_id, sa.func.count().label("n")).group_by(
        people.c.manager_id
    )
    rows = conn.execute(reports.order_by(sa.desc("n")).limit(50)).all()
    return str(rows[len(rows) // 2].manager_id)


def sample_targets(url: str, n: int) -> tuple[list[str], list[str], list[str]]:
    """Random active people, teams, and the manager's own chain."""
    import sqlalchemy as sa

    from latticework.storage.tables import people, users
    from latticework.storage.unit_of_work import UnitOfWork

    rng = random.Random(SEED)
    with UnitOfWork(url) as uow:
        conn = uow.connection
        ids = list(conn.execute(sa.select(people.c.employee_id)).scalars())
        teams = sorted({t for t in conn.execute(sa.select(people.c.team)).scalars() if t})
        manager = conn.execute(
            sa.select(users.c.employee_id).where(users.c.username == "bench-manager")
        ).scalar_one()
        chain = uow.people.reporting_chain(manager)
    return rng.sample(ids, min(n, len(ids))), rng.sample(teams, min(n, len(teams))), chain


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LATTICEWORK_SECRET_KEY": "benchmark-secret-" + "b" * 40}
    command = [sys.executable, "-c", "from latticework.cli import main; main()", "serve"]
    command += ["--db", url, "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("the server did not start")


async def log_in(client: httpx.AsyncClient, username: str) -> None:
    page = await client.get("/login")
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match
    response = await client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": match.group(1)}
    )
    assert response.status_code == 303, response.text


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _server_pids(parent: int) -> list[int]:
    """The server process and its workers."""
    children = Path(f"/proc/{parent}/task/{parent}/children")
    text = children.read_text() if children.exists() else ""
    return [parent, *(int(p) for p in text.split())]


async def run(
    base_url: str,
    seconds: float,
    clients: int,
    targets: dict[str, list[str]],
    server_pid: int | None = None,
) -> None:
    timings: dict[str, list[float]] = {kind: [] for kind in targets}
    errors: dict[str, int] = dict.fromkeys(targets, 0)
    limits = httpx.Limits(max_connections=clients)

    async def client_loop(index: int) -> None:
        username = "bench-manager" if index % 4 == 0 else "bench-hr"
        async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as client:
            await log_in(client, username)
            rng = random.Random(index)
            if username == "bench-manager":
                kinds = ["person (manager)", "framework"]
            else:
                kinds = ["person (HR)", "team", "framework"]
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                kind = rng.choice(kinds)
                path = rng.choice(targets[kind])
                started = time.perf_counter()
                response = await client.get(path)
                elapsed = time.perf_counter() - started
                if response.status_code == 200:
                    timings[kind].append(elapsed)
                else:
                    errors[kind] += 1

    pids = _server_pids(server_pid) if server_pid else []
    server_cpu, client_cpu = _cpu_seconds(pids), time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(client_loop(i) for i in range(clients)))
    wall = time.perf_counter() - started
    server_cpu = _cpu_seconds(pids) - server_cpu
    client_cpu = time.process_time() - client_cpu
    total = sum(len(t) for t in timings.values())
    print(f"{clients} concurrent clients for {wall:.1f} s: {total:,} pages, {total / wall:.0f}/s")
    print(f"{'page':<18} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>7}")
    worst = 0.0
    for kind, values in timings.items():
        if not values:
            continue
        values.sort()
        p50 = statistics.median(values) * 1000
        p95 = values[max(0, round(0.95 * len(values)) - 1)] * 1000
        worst = max(worst, p95)
        print(
            f"{kind:<18} {len(values):>9,} {p50:>8.1f} {p95:>8.1f} "
            f"{values[-1] * 1000:>8.1f} {errors[kind]:>7}"
        )
    verdict = "within" if worst <= 50 else "OVER"
    print(f"worst p95 {worst:.1f} ms: {verdict} the 50 ms budget")
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (1, 5, 15 min)")
    if pids:
        # The load generator runs on the same cores as the server: its share is not the app's.
        print(
            f"CPU use: server {server_cpu / wall:.2f} cores "
            f"({server_cpu / max(total, 1) * 1000:.2f} ms per page), "
            f"load generator {client_cpu / wall:.2f} cores "
            f"({client_cpu / max(total, 1) * 1000:.2f} ms per page)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    url = build_database(args.people)
    person_ids, teams, chain = sample_targets(url, 500)
    from urllib.parse import quote

    targets = {
        "person (HR)": [f"/people/{quote(i)}" for i in person_ids],
        "person (manager)": [f"/people/{quote(i)}" for i in chain] or ["/framework"],
        "team": [f"/teams/{quote(t, safe='')}" for t in teams],
        "framework": ["/framework?discipline=" + d for d in ("engineering", "design", "product")]
        + ["/framework/levels/E8", "/framework/levels/M8?path=people-leadership"],
    }
    port = free_port()
    server = start_server(url, port, args.workers)
    try:
        print(f"{args.people:,} people; server with {args.workers} worker(s); warming up")
        asyncio.run(run(f"http://127.0.0.1:{port}", 3, args.clients, targets))
        print("measuring")
        asyncio.run(
            run(f"http://127.0.0.1:{port}", args.seconds, args.clients, targets, server.pid)
        )
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
