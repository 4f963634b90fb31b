"""Query speed on a large store: dyad series, top dyads and actors, network, event filters.

    .venv/bin/python bench/query_bench.py [--events 10000000] [--db bench/results/big.db]

Fills a store with synthetic events (skipped when the file already holds that many):
countries drawn from a skewed distribution over 200 countries, dates over six years,
roots and Goldstein values from the CAMEO table. The events table is bulk-filled and
the daily dyad aggregates are built from it with one SQL statement; the incremental
path the ingest uses is timed separately on a batch of real documents' worth of events.
Prints each query's best-of-3 time. Needs several GB of disk for 10M events.
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fill(db: Path, n: int, seed: int = 7) -> None:
    from orbit.events.cameo import load_codebook
    from orbit.store.aggregates import rebuild
    from orbit.store.store import Store

    Store(db).close()  # schema
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    have = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    if have >= n:
        print(f"{db} already holds {have:,} events")
        return
    rng = random.Random(seed)
    book = load_codebook()
    codes = [c for c in book.codes.values() if c.level >= 1]
    countries = [f"C{i:02d}" if i >= 30 else c for i, c in enumerate(
        ["USA", "RUS", "CHN", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "TUR", "IND", "PAK", "SYR", "IRQ", "KAZ",
         "JPN", "KOR", "PRK", "SAU", "EGY", "AFG", "NGA", "ETH", "SDN", "BRA", "MEX", "POL", "BLR", "ARM", "AZE"])]
    countries += [f"X{i:03d}" for i in range(170)]
    # news is concentrated: a few countries and dyads carry most events (Zipf exponent 1.3)
    weights = [1 / (i + 1) ** 1.3 for i in range(len(countries))]
    start = date(2019, 1, 1)
    conn.execute("BEGIN")
    doc = conn.execute("INSERT INTO documents (doc_key, date, content_hash, text, orbit_version, dict_version, coded_at) "
                       "VALUES ('synthetic', '2019-01-01', 'synthetic', 'synthetic', 'bench', 'bench', '')").lastrowid
    conn.execute("COMMIT")
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' "
                           "AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    t0 = time.perf_counter()
    batch = 200_000
    for done in range(have, n, batch):
        rows = []
        for _ in range(min(batch, n - done)):
            s, t = rng.choices(countries, weights, k=2)
            c = rng.choice(codes)
            day = (start + timedelta(days=rng.randrange(6 * 365))).isoformat()
            rows.append((doc, day, day, "x", 0, 1, 0, 1, "x", 0, 1, s, s, s, t, t, t, c.code, c.root, c.quad_class,
                         c.goldstein, 0, 0, "asserted", "bench", 1.0, "bench", "bench"))
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO events (document_id, date, day, sentence, sentence_start, sentence_end, span_start, span_end, "
            "trigger_text, trigger_start, trigger_end, source_text, source_code, source_country, target_text, "
            "target_code, target_country, cameo, root, quad_class, goldstein, negated, hypothetical, modality, rule, "
            "confidence, orbit_version, dict_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
        print(f"  {done + len(rows):,} events ({(done + len(rows) - have) / (time.perf_counter() - t0):,.0f}/s)",
              flush=True)
    for _, sql in indexes:
        conn.execute(sql)
    # every aggregate the store keeps (the dyad tables, the series and window summaries), from the events
    rebuild(conn)
    conn.execute("ANALYZE")
    print(f"filled in {time.perf_counter() - t0:.0f}s")


def timed(label: str, fn, repeat: int = 3) -> None:
    best = float("inf")
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    size = len(out) if hasattr(out, "__len__") else out
    print(f"{label:<52} {best * 1000:9.1f} ms   ({size} rows)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "results" / "big.db")
    args = ap.parse_args(argv)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    fill(args.db, args.events)

    from orbit.analysis import dyad_series, top_actors, top_dyads, what_changed
    from orbit.analysis.network import network_edges
    from orbit.store.queries import EventFilter
    from orbit.store.store import Store

    s = Store(args.db, readonly=True)
    st = s.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    agg = s.conn.execute("SELECT count(*) FROM dyad_daily").fetchone()[0]
    print(f"store: {st:,} events, {agg:,} daily dyad aggregate rows")
    timed("dyad series USA->RUS by month (all time)", lambda: dyad_series(s, "USA", "RUS", "month"))
    timed("dyad series USA<->CHN by day, both directions", lambda: dyad_series(s, "USA", "CHN", "day",
                                                                                 both_directions=True))
    timed("dyad series KAZ->RUS by week, one year", lambda: dyad_series(s, "KAZ", "RUS", "week", "2023-01-01",
                                                                       "2023-12-31"))
    timed("top 20 dyads, one month", lambda: top_dyads(s, "2023-02-01", "2023-02-28"))
    timed("top 20 dyads, one year", lambda: top_dyads(s, "2023-01-01", "2023-12-31"))
    timed("top 20 actors, one year", lambda: top_actors(s, "2023-01-01", "2023-12-31"))
    timed("network edges, one month", lambda: network_edges(s, "2023-02-01", "2023-02-28"))
    timed("network edges, one year (min 5 events)", lambda: network_edges(s, "2023-01-01", "2023-12-31", 5))
    timed("what changed, Jan vs Feb 2023", lambda: what_changed(s, ("2023-01-01", "2023-01-31"),
                                                               ("2023-02-01", "2023-02-28")))
    timed("events USA->RUS root 19, first 100", lambda: list(s.event_rows(EventFilter(source="USA", target="RUS",
                                                                                        root="19", limit=100))))
    timed("events about USA (either side), first 100", lambda: list(s.event_rows(EventFilter(actor="USA",
                                                                                              limit=100))))
    timed("events about KAZ in Feb 2023, first 100", lambda: list(s.event_rows(EventFilter(
        actor="KAZ", since="2023-02-01", until="2023-02-28", limit=100))))
    timed("events in documents matching a word, first 100", lambda: list(s.event_rows(EventFilter(
        text="synthetic", limit=100))))
    timed("events with CAMEO code 043, first 100", lambda: list(s.event_rows(EventFilter(code="043", limit=100))))
    timed("store counts (orbit stats, /api/stats)", lambda: s.stats())
    return 0


if __name__ == "__main__":
    sys.exit(main())
