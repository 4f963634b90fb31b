"""Each read endpoint's median time alone, in process and uncached, on one or more stores side by side.

    .venv/bin/python bench/endpoint_bench.py STORE [STORE ...] [--repeat 15] [--bodies DIR] [--loopback]

For every store, builds `create_app(store, cache_entries=0)` (no rendered-body cache, so
every request runs its SQL and renders its JSON) and sends each endpoint of ENDPOINTS
--repeat times through Starlette's in-process test client, after one warm-up request; the
table gives the median in milliseconds per store (columns: the stores' event counts) and
the 1-minute load average when each store's column was measured. Before the first
endpoint, the app's window index (store/window_index.py, the ranked dyads of arbitrary
windows) is started and waited for, and its build time goes to stderr. The stores are bench/
query_bench.py's synthetic ones (its `fill`), so the countries and years below exist.

--loopback measures the same requests over HTTP on loopback instead, as a client of the
dashboard sees them: `orbit serve` (orbit from PYTHONPATH) runs as its own process over the
store and one keep-alive connection sends each request; every request carries a query
parameter of its own (`_n=N`, which the API ignores) so that none is answered from the
server's cache of rendered aggregates. Before the first endpoint a ranked request starts the
server's window index, and the bench waits until the server process has used no CPU for a
second (its build is over). This leaves out the test client's own cost (its
thread hand-offs and httpx: about 1.5-2.5 ms a request on this machine).

--bodies DIR writes each response body to DIR/<store name>/<endpoint number>.json, to
compare two versions of orbit on the same store (run once with each version's src on
PYTHONPATH); `--compare DIR_A DIR_B` then says, body by body, whether the two are the same
bytes, and if not which fields differ (floats by their largest relative difference).
Not a test: times depend on the machine.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

# the dashboard's reads, and the windows that used to sum many rows (closed at one end, a year, all time)
ENDPOINTS = (
    "/api/stats",
    "/api/documents?limit=50",
    "/api/events?limit=50",
    "/api/events?source=USA&target=RUS&limit=50",
    "/api/dyads?limit=20",
    "/api/dyads?since=2023-01-01&until=2023-12-31&limit=20",
    "/api/dyads?since=2021-03-15&limit=20",
    "/api/dyads?until=2022-06-30&limit=20",
    "/api/dyads?since=2023-02-01&until=2023-02-28&limit=20",
    "/api/actors?limit=20",
    "/api/actors?since=2023-01-01&until=2023-12-31&limit=20",
    "/api/actors?since=2021-03-15&limit=20",
    "/api/series?source=USA&target=RUS&freq=month",
    "/api/series?source=USA&target=RUS&freq=day",
    "/api/series?source=USA&target=CHN&freq=week&since=2023-01-01&until=2023-12-31",
    "/api/series?source=USA&target=CHN&freq=year&both=true",
    "/api/network",
    "/api/network?since=2023-01-01&until=2023-12-31",
    "/api/places?since=2023-01-01&until=2023-12-31",
    "/api/clusters?limit=50",
    "/api/search?q=synthetic",
    # arbitrary windows (the dashboard's date inputs): a short one across a new year, the API's default page
    "/api/dyads?since=2023-11-20&until=2024-01-10&limit=20",
    "/api/actors?since=2023-11-20&until=2024-01-10&limit=20",
    "/api/dyads?since=2021-03-15",
    "/api/network?since=2021-03-15",
    # the network's other arbitrary windows (issue 19): closed over four years, 17 months and 7
    # weeks, open at the start (500 edges each, the API's default page)
    "/api/network?since=2020-06-10&until=2024-09-20",
    "/api/network?since=2022-03-10&until=2023-08-20",
    "/api/network?since=2023-11-20&until=2024-01-10",
    "/api/network?until=2022-06-30",
)


def medians(db: Path, repeat: int, bodies: Path | None) -> dict[str, float]:
    import warnings

    warnings.simplefilter("ignore")  # starlette's test client asks for httpx2
    from fastapi.testclient import TestClient

    from orbit.api.app import create_app

    out: dict[str, float] = {}
    app = create_app(db, cache_entries=0)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        wait_for_window_index(app, client, db)
        for i, path in enumerate(ENDPOINTS):
            first = client.get(path)
            if first.status_code != 200:
                raise SystemExit(f"{path} on {db}: {first.status_code} {first.text[:200]}")
            if bodies is not None:
                folder = bodies / db.stem
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{i:02d}.json").write_bytes(first.content)
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                client.get(path)
                times.append(time.perf_counter() - t0)
            out[path] = statistics.median(times) * 1000
    return out


def wait_for_window_index(app, client, db: Path) -> None:
    """Start the server's window index (store/window_index.py: the ranked dyads of arbitrary
    windows, built in the background on the first such request) and wait until it is built,
    so that every endpoint is measured as a server answers once it has it; its build time
    goes to stderr. (An orbit without the index: nothing to wait for.)"""
    indexes = getattr(app.state.orbit, "window_indexes", None)
    if indexes is None:
        return
    started = time.perf_counter()
    client.get("/api/network?since=2021-03-15&until=2021-04-20")
    while indexes.building and time.perf_counter() - started < 600:
        time.sleep(0.01)
    took = f"built in {time.perf_counter() - started:.2f} s" if indexes.builds else "none (the walk answers)"
    print(f"window index of {db}: {took}", file=sys.stderr, flush=True)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid: int, db: Path, quiet: float = 1.0, limit: float = 600) -> None:
    """Wait until the server has used no CPU for `quiet` seconds: its window index is built
    in a background thread after the first ranked request, and a server process cannot be
    asked whether it is done, so its CPU clock says so. The wait goes to stderr."""
    started = time.perf_counter()
    last, still = cpu_seconds(pid), time.perf_counter()
    while time.perf_counter() - started < limit:
        time.sleep(0.25)
        now = cpu_seconds(pid)
        if now - last > 0.02:
            last, still = now, time.perf_counter()
        elif time.perf_counter() - still >= quiet:
            break
    print(f"server of {db} idle after {time.perf_counter() - started - quiet:.1f} s", file=sys.stderr, flush=True)


def loopback_medians(db: Path, repeat: int) -> dict[str, float]:
    """Each endpoint's median over HTTP on loopback from a separate `orbit serve` process,
    none of them answered from its cache (see --loopback)."""
    import asyncio

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from argparse import Namespace

    import load_bench

    port = load_bench.free_port()
    proc = load_bench.start("orbit", Namespace(db=db, workers=1, orbit_src=None), port)
    out: dict[str, float] = {}

    async def start_window_index():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            await load_bench._get(reader, writer, "/api/network?since=2021-03-15&until=2021-04-20&_n=0")
        finally:
            writer.close()

    async def run():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        n = 0
        try:
            for path in ENDPOINTS:
                times = []
                for i in range(repeat + 1):
                    n += 1
                    t0 = time.perf_counter()
                    status = await load_bench._get(reader, writer, f"{path}{'&' if '?' in path else '?'}_n={n}")
                    if status != 200:
                        raise SystemExit(f"{path} on {db}: {status}")
                    if i:  # the first is the warm-up
                        times.append(time.perf_counter() - t0)
                out[path] = statistics.median(times) * 1000
        finally:
            writer.close()

    try:
        load_bench.wait_until_up(port, proc)
        asyncio.run(start_window_index())
        wait_until_idle(proc.pid, db)
        asyncio.run(run())
    finally:
        proc.terminate()
        proc.wait(10)
    return out


def differences(a, b, path: str = "") -> tuple[list[str], float]:
    """Fields of two JSON values that differ (floats aside), and the floats' largest relative difference."""
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            return [f"{path}: keys {list(a)} != {list(b)}"], 0.0
        found = [differences(a[k], b[k], f"{path}.{k}") for k in a]
        return [d for f, _ in found for d in f], max((r for _, r in found), default=0.0)
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)}"], 0.0
        found = [differences(x, y, f"{path}[{i}]") for i, (x, y) in enumerate(zip(a, b))]
        return [d for f, _ in found for d in f], max((r for _, r in found), default=0.0)
    if isinstance(a, float) and isinstance(b, float):
        return [], abs(a - b) / max(abs(a), abs(b), 1e-300)
    return ([] if a == b else [f"{path}: {a!r} != {b!r}"]), 0.0


def compare(before: Path, after: Path) -> None:
    import json

    for one in sorted(before.glob("*.json")):
        other = after / one.name
        path = ENDPOINTS[int(one.stem)] if int(one.stem) < len(ENDPOINTS) else one.stem
        if one.read_bytes() == other.read_bytes():
            print(f"{path}: same bytes")
            continue
        fields, rel = differences(json.loads(one.read_bytes()), json.loads(other.read_bytes()))
        print(f"{path}: {len(fields)} fields differ {fields[:3]}; floats differ by at most {rel:.1e} (relative)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stores", type=Path, nargs="*")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--bodies", type=Path, default=None, help="write each response body under this folder")
    ap.add_argument("--loopback", action="store_true", help="over HTTP on loopback from `orbit serve`, uncached")
    ap.add_argument("--compare", type=Path, nargs=2, metavar=("DIR_A", "DIR_B"),
                    help="compare the bodies two --bodies runs wrote for one store")
    args = ap.parse_args(argv)
    if args.compare:
        compare(*args.compare)
        return 0
    if not args.stores:
        ap.error("give one or more stores (or --compare)")
    columns, loads = [], []
    for db in args.stores:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            events = conn.execute("SELECT max(id) FROM events").fetchone()[0] or 0
        name = f"{events / 1e6:g}M" if events >= 1e6 else f"{events / 1e3:g}k"
        columns.append((name, loopback_medians(db, args.repeat) if args.loopback
                        else medians(db, args.repeat, args.bodies)))
        loads.append(os.getloadavg()[0])
        print(f"measured {db} ({events:,} events), load average {loads[-1]:.2f}", file=sys.stderr, flush=True)
    import orbit

    how = "over HTTP on loopback from `orbit serve`" if args.loopback else "in process"
    print(f"median ms of {args.repeat}, {how}, uncached; orbit from {Path(orbit.__file__).parent}")
    print(f"| endpoint | {' | '.join(name for name, _ in columns)} |")
    print(f"|---|{'---:|' * len(columns)}")
    for path in ENDPOINTS:
        print(f"| `{path}` | {' | '.join(f'{col[path]:.1f}' for _, col in columns)} |")
    print(f"| load average (1 min) | {' | '.join(f'{x:.2f}' for x in loads)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
