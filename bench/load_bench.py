"""Latency of the read endpoints under concurrent clients, on loopback, beside a minimal
reference app running the same SQL.

    .venv/bin/python bench/load_bench.py [--clients 1 10 50] [--requests 3000] [--seconds 60]
                                         [--db PATH] [--events 1000000] [--workers N]
                                         [--mix events|aggregates] [--reference] [--orbit-src DIR]

Starts `orbit serve` as a separate process on a free port over a store (by default a
synthetic one filled like bench/query_bench.py, built once and reused), then runs
--clients concurrent HTTP clients (each number in turn, against the same server), each
sending its next request as soon as the last one is answered, until --requests have been
sent or --seconds have passed. The `events` mix is the dashboard's typical event queries
(the newest page, one country, one dyad, one root code in a quarter, a cursor's next
page); `aggregates` mixes /api/stats, /api/dyads, /api/actors and /api/series.

--reference also serves the events mix from a bare ASGI app (no framework, one thread,
the SQL built by `orbit.store.queries.event_query`, rows dumped as they are): the ratio of
the two shows what orbit's own layer costs. --orbit-src DIR runs the server from another
checkout's src/ (to measure the code before a change on the same store and client).

The client speaks HTTP/1.1 over raw asyncio streams rather than through httpx: on a small
machine the load client shares the CPUs with the server, and httpx's own per-request
Python work took a large share of them. Each line gives the 1-minute load average at its
end (other work on the machine shows there). Not a test: the figures depend on the machine.
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


# the dashboard's requests, as templates over two countries a, b, a year y and the generator r
EVENT_QUERIES = (
    lambda a, b, y, r: "/api/events?limit=50",
    lambda a, b, y, r: f"/api/events?actor={a}&limit=50",
    lambda a, b, y, r: f"/api/events?source={a}&target={b}&limit=50",
    lambda a, b, y, r: f"/api/events?root={r.choice(ROOTS)}&since={y}-01-01&until={y}-03-31&limit=50",
    lambda a, b, y, r: f"/api/events?actor={a}&limit=50&cursor={r.randrange(1, 500_000)}",
)
AGGREGATE_QUERIES = (
    lambda a, b, y, r: "/api/stats",
    lambda a, b, y, r: f"/api/dyads?since={y}-01-01&until={y}-12-31&limit=20",
    lambda a, b, y, r: f"/api/actors?since={y}-01-01&until={y}-12-31&limit=20",
    lambda a, b, y, r: f"/api/series?source={a}&target={b}&freq=month",
)


def query_paths(rng: random.Random, templates: tuple):
    """An endless random mix of the given request templates."""
    while True:
        kind = rng.randrange(len(templates))
        a, b = rng.sample(COUNTRIES, 2)
        year = rng.randrange(2019, 2025)
        yield templates[kind](a, b, year, rng)


def event_paths(rng: random.Random):
    """An endless mix of event queries shaped like the dashboard's."""
    return query_paths(rng, EVENT_QUERIES)


def aggregate_paths(rng: random.Random):
    """An endless mix of the dashboard's aggregate reads."""
    return query_paths(rng, AGGREGATE_QUERIES)


MIXES = {"events": event_paths, "aggregates": aggregate_paths}


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One keep-alive GET; the status code. The body is read in full and dropped."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status


async def run_clients(port: int, mix: str, clients: int, total: int, seconds: float):
    rng = random.Random(11)
    paths = MIXES[mix](rng)
    latencies: list[float] = []
    errors: list[str] = []
    sent = 0
    deadline = time.perf_counter() + seconds

    async def client():
        nonlocal sent
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while sent < total and time.perf_counter() < deadline:
                sent += 1
                path = next(paths)
                t0 = time.perf_counter()
                try:
                    status = await _get(reader, writer, path)
                    if status != 200:
                        errors.append(f"{status} {path}")
                except (OSError, asyncio.IncompleteReadError, ValueError) as err:
                    errors.append(f"{type(err).__name__} {path}")
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                latencies.append(time.perf_counter() - t0)
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - started


def wait_until_up(port: int, proc: subprocess.Popen, timeout: float = 90) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not come up")


def start(kind: str, args, port: int) -> subprocess.Popen:
    env = dict(os.environ)
    if kind == "reference":
        cmd = [sys.executable, __file__, "--serve-reference", "--db", str(args.db), "--port", str(port)]
    else:
        cmd = [sys.executable, "-m", "orbit", "serve", "--db", str(args.db), "--port", str(port)]
        if args.workers > 1:
            cmd += ["--workers", str(args.workers)]
    if args.orbit_src and kind == "orbit":
        env["PYTHONPATH"] = str(args.orbit_src) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def measure(kind: str, args) -> int:
    port = free_port()
    proc = start(kind, args, port)
    failed = 0
    label = kind if kind == "reference" else f"orbit ({args.workers} worker{'s' if args.workers > 1 else ''})"
    try:
        wait_until_up(port, proc)
        for clients in args.clients:
            asyncio.run(run_clients(port, args.mix, clients, 200, 30))  # warm the page cache and the server
            latencies, errors, elapsed = asyncio.run(run_clients(port, args.mix, clients, args.requests, args.seconds))
            ms = sorted(x * 1000 for x in latencies)
            pct = lambda p: ms[min(len(ms) - 1, int(p / 100 * len(ms)))]
            print(f"{label}, {args.mix}, {clients} client(s): {len(ms)} requests in {elapsed:.1f} s = "
                  f"{len(ms) / elapsed:.0f} req/s; p50 {pct(50):.1f} ms  p90 {pct(90):.1f} ms  p99 {pct(99):.1f} ms  "
                  f"max {ms[-1]:.1f} ms  mean {statistics.fmean(ms):.1f} ms; errors: {len(errors)}"
                  + (f" (first: {errors[:3]})" if errors else "") + f"; load average {os.getloadavg()[0]:.2f}",
                  flush=True)
            failed += len(errors)
    finally:
        proc.terminate()
        proc.wait(10)
    return failed


# ------------------------------------------------------------------ the reference app
def reference_app(db: Path):
    """A bare ASGI app answering /api/events with the same SQL as orbit and nothing else:
    no validation beyond EventFilter's, no middleware, rows dumped as SQLite returns them;
    its connection reads the store as orbit's read-only stores do (the same PRAGMAs)."""
    import sqlite3
    from urllib.parse import parse_qsl

    import orjson

    from orbit.store import store as orbit_store
    from orbit.store.queries import EventFilter, event_query

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    # the page cache and memory map orbit's own readers use (orbit.store.store), when it has them
    if hasattr(orbit_store, "READ_MMAP_BYTES"):
        conn.execute(f"PRAGMA mmap_size = {orbit_store.READ_MMAP_BYTES}")
        conn.execute(f"PRAGMA cache_size = -{orbit_store.READ_CACHE_KIB}")

    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            return await send({"type": "lifespan.shutdown.complete"})
        q = dict(parse_qsl(scope["query_string"].decode()))
        limit = int(q.get("limit", 100))
        f = EventFilter(actor=q.get("actor"), source=q.get("source"), target=q.get("target"), root=q.get("root"),
                        since=q.get("since"), until=q.get("until"), limit=limit + 1,
                        after_id=int(q["cursor"]) if "cursor" in q else None)
        rows = conn.execute(*event_query(f)).fetchall()
        body = orjson.dumps({"items": [dict(r) for r in rows[:limit]],
                             "next_cursor": rows[limit - 1]["id"] if len(rows) > limit else None})
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    return app


def serve_reference(db: Path, port: int) -> None:
    import uvicorn

    # h11, like orbit's server, so the ratio compares the layers above the HTTP parser
    uvicorn.run(reference_app(db), host="127.0.0.1", port=port, log_level="warning", http="h11")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 10, 50])
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--db", type=Path, default=Path("/tmp/orbit_load_bench.db"))
    ap.add_argument("--events", type=int, default=1_000_000, help="synthetic events when the store is new")
    ap.add_argument("--workers", type=int, default=1, help="orbit serve --workers")
    ap.add_argument("--mix", choices=sorted(MIXES), default="events")
    ap.add_argument("--reference", action="store_true", help="also measure the bare reference app (events mix)")
    ap.add_argument("--no-orbit", action="store_true", help="measure only the reference app")
    ap.add_argument("--orbit-src", type=Path, default=None, help="serve orbit from this src/ directory")
    ap.add_argument("--serve-reference", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.serve_reference:
        serve_reference(args.db, args.port)
        return 0

    if not args.db.exists():
        from query_bench import fill

        fill(args.db, args.events)
    import sqlite3

    events = sqlite3.connect(args.db).execute("SELECT max(id) FROM events").fetchone()[0] or 0
    print(f"store: {args.db} (about {events:,} events); loopback, {os.cpu_count()} CPUs"
          + (f"; orbit from {args.orbit_src}" if args.orbit_src else ""), flush=True)
    failed = 0
    if not args.no_orbit:
        failed += measure("orbit", args)
    if args.reference or args.no_orbit:
        failed += measure("reference", args)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
