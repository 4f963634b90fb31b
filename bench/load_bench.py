"""Latency of the events endpoint under concurrent clients, on loopback.

    .venv/bin/python bench/load_bench.py [--clients 1 50] [--requests 5000] [--seconds 120]
                                         [--db PATH] [--events 1000000]

Starts `orbit serve` as a separate process on a free port over a store (by default a
synthetic one filled like bench/query_bench.py, built once and reused), then runs
--clients concurrent HTTP clients (each number in turn, against the same server), each sending its next request as soon as the last
one is answered, until --requests have been sent or --seconds have passed. Requests
mix the dashboard's typical queries: the newest page, one country, one dyad, one root
code in a date window, and a cursor's next page. Prints p50/p90/p99/max latency,
requests/s and any errors. Not a test: the figures depend on the machine.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "TUR", "IND", "KAZ"]
ROOTS = [f"{i:02d}" for i in range(1, 21)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request_paths(rng: random.Random):
    """An endless mix of event queries shaped like the dashboard's."""
    while True:
        kind = rng.randrange(5)
        a, b = rng.sample(COUNTRIES, 2)
        year = rng.randrange(2019, 2025)
        if kind == 0:
            yield "/api/events?limit=50"
        elif kind == 1:
            yield f"/api/events?actor={a}&limit=50"
        elif kind == 2:
            yield f"/api/events?source={a}&target={b}&limit=50"
        elif kind == 3:
            yield f"/api/events?root={rng.choice(ROOTS)}&since={year}-01-01&until={year}-03-31&limit=50"
        else:
            yield f"/api/events?actor={a}&limit=50&cursor={rng.randrange(1, 500_000)}"


async def run_clients(base: str, clients: int, total: int, seconds: float) -> tuple[list[float], list[str], float]:
    import httpx

    rng = random.Random(11)
    paths = request_paths(rng)
    latencies: list[float] = []
    errors: list[str] = []
    sent = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(http: "httpx.AsyncClient"):
        nonlocal sent
        while sent < total and time.perf_counter() < deadline:
            sent += 1
            path = next(paths)
            t0 = time.perf_counter()
            try:
                r = await http.get(base + path)
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {path}")
            except httpx.HTTPError as err:
                errors.append(f"{type(err).__name__} {path}")
            latencies.append(time.perf_counter() - t0)

    started = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return latencies, errors, time.perf_counter() - started


def wait_until_up(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    import httpx

    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            raise SystemExit(f"orbit serve exited with {proc.returncode}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("orbit serve did not come up")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 50])
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--db", type=Path, default=Path("/tmp/orbit_load_bench.db"))
    ap.add_argument("--events", type=int, default=1_000_000, help="synthetic events when the store is new")
    args = ap.parse_args(argv)

    if not args.db.exists():
        from query_bench import fill

        fill(args.db, args.events)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    orbit = Path(sys.executable).with_name("orbit")
    proc = subprocess.Popen([str(orbit), "serve", "--db", str(args.db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ))
    import sqlite3

    events = sqlite3.connect(args.db).execute("SELECT max(id) FROM events").fetchone()[0] or 0
    print(f"store: {args.db} (about {events:,} events); loopback, {os.cpu_count()} CPUs, one server process")
    failed = 0
    try:
        wait_until_up(base, proc)
        for clients in args.clients:
            asyncio.run(run_clients(base, clients, 100, 30))  # warm the page cache and the server
            latencies, errors, elapsed = asyncio.run(run_clients(base, clients, args.requests, args.seconds))
            ms = sorted(x * 1000 for x in latencies)
            pct = lambda p: ms[min(len(ms) - 1, int(p / 100 * len(ms)))]
            print(f"/api/events, {clients} client(s): {len(ms)} requests in {elapsed:.1f} s = "
                  f"{len(ms) / elapsed:.0f} req/s; p50 {pct(50):.1f} ms  p90 {pct(90):.1f} ms  p99 {pct(99):.1f} ms  "
                  f"max {ms[-1]:.1f} ms  mean {statistics.fmean(ms):.1f} ms; errors: {len(errors)}"
                  + (f" (first: {errors[:3]})" if errors else ""), flush=True)
            failed += len(errors)
    finally:
        proc.terminate()
        proc.wait(10)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
