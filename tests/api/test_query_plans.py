"""Every read query the HTTP API issues is planned on indexes or maintained aggregates:
`EXPLAIN QUERY PLAN` of each one (with its own bound values, on a real store) must not
scan the events table. Run `python -m tests.api.test_query_plans DB` to check a big store.
"""
from __future__ import annotations

import re
import sqlite3
import sys

import pytest

# each request the API's read endpoints answer, with every filter /api/events offers
EVENT_FILTERS = [
    {}, {"all": "true"}, {"cursor": 3}, {"all": "true", "cursor": 3}, {"actor": "USA"}, {"actor": "USAGOV"},
    {"actor": "USA", "cursor": 5}, {"source": "USA"}, {"target": "RUS"}, {"source": "USA", "target": "KAZ"},
    {"source": "USAGOV"}, {"code": "04"}, {"code": "043"}, {"code": "0431"}, {"root": "04"}, {"quad": 1},
    {"since": "2023-01-01"}, {"since": "2023-01-01", "until": "2023-03-31"},
    {"root": "19", "since": "2023-01-01", "until": "2023-03-31"}, {"quad": 4, "since": "2023-01-01", "until": "2023-03-31"},
    {"actor": "KAZ", "since": "2023-02-01", "until": "2023-02-28"}, {"doc": "blinken-central-asia"}, {"doc": "#1"},
    {"text": "sanctions"}, {"text": "sanctions", "all": "true"}, {"text": "sanctions", "source": "USA"},
]
OTHER_READS = [
    "/api/stats", "/api/documents?limit=5", "/api/documents?limit=5&cursor=10", "/api/documents?q=sanctions",
    "/api/documents/1", "/api/search?q=sanctions", "/api/clusters?limit=5", "/api/clusters?source=USA",
    "/api/clusters/1", "/api/actors", "/api/actors?since=2023-01-01&until=2023-12-31", "/api/dyads",
    "/api/dyads?since=2023-01-01&until=2023-12-31", "/api/series?source=USA&target=RUS",
    "/api/series?source=USA&target=RUS&freq=day&both=true", "/api/network", "/api/places",
    "/api/places?since=2023-01-01&until=2023-12-31",
    # windows that are not one period (issue 19: cut into years, months and days; ranked
    # dyads walked in order of a bound), and series cut the same way
    "/api/dyads?since=2021-03-15", "/api/dyads?since=2023-11-20&until=2024-01-10", "/api/dyads?until=2022-06-30",
    "/api/actors?since=2021-03-15", "/api/network?since=2021-03-15&limit=3", "/api/dyads?since=2023-02-01&until=2023-02-28",
    "/api/series?source=USA&target=RUS&freq=year&since=2023-02-10&until=2024-11-20",
]
# aggregate tables that grow with the store's span of days (a scan of one would grow with it);
# the all-time totals (one row per dyad or country) may be walked
GROWING = {"dyad_daily", "dyad_monthly", "dyad_yearly", "actor_daily", "actor_monthly", "actor_yearly",
           "series_daily", "series_monthly", "series_yearly", "pair_days", "pair_months", "document_events"}
KEYWORDS = {"WHERE", "JOIN", "ON", "ORDER", "GROUP", "LIMIT", "LEFT", "INNER", "AS", "USING", "WHEN", "SET", "UNION"}


class RecordingConnection(sqlite3.Connection):
    """A connection that remembers each statement with the values bound to it."""

    log: list[tuple[str, tuple]] = []

    def execute(self, sql, params=()):
        RecordingConnection.log.append((sql, tuple(params) if not isinstance(params, dict) else params))
        return super().execute(sql, params)


def events_aliases(sql: str) -> set[str]:
    names = {"events"}
    for m in re.finditer(r"\bevents\s+(?:AS\s+)?([A-Za-z_]\w*)", sql, flags=re.I):
        if m.group(1).upper() not in KEYWORDS:
            names.add(m.group(1))
    return names


def full_scans(conn: sqlite3.Connection, sql: str, params) -> list[str]:
    """The plan lines that scan the events table (or all of one of its indexes), or one of
    the aggregate tables that grow with the days the store spans."""
    aliases = events_aliases(sql) | GROWING
    plan = [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    return [line for line in plan if (m := re.match(r"SCAN (\w+)", line)) and m.group(1) in aliases]


def record_reads(db_path, monkeypatch_connect) -> list[tuple[str, tuple]]:
    from fastapi.testclient import TestClient

    from orbit.api.app import create_app

    RecordingConnection.log = []
    monkeypatch_connect()
    client = TestClient(create_app(db_path), base_url="http://127.0.0.1")
    paths = [f"/api/events?{'&'.join(f'{k}={v}' for k, v in q.items())}" for q in EVENT_FILTERS] + OTHER_READS
    for path in paths:
        r = client.get(path)
        assert r.status_code in (200, 404), (path, r.status_code, r.text[:300])
    return [(sql, p) for sql, p in RecordingConnection.log
            if sql.lstrip().upper().startswith(("SELECT", "WITH")) and re.search(r"\bevents\b", sql)]


def check(db_path, monkeypatch_connect) -> list[str]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    problems = []
    seen = set()
    for sql, params in record_reads(db_path, monkeypatch_connect):
        if (sql, repr(params)) in seen:
            continue
        seen.add((sql, repr(params)))
        scans = full_scans(conn, sql, params)
        if scans:
            problems.append(f"{scans} in: {sql} {params}")
    return problems


def _patcher(monkeypatch):
    real = sqlite3.connect

    def connect(*args, **kwargs):
        kwargs.setdefault("factory", RecordingConnection)
        return real(*args, **kwargs)

    return lambda: monkeypatch.setattr("orbit.store.store.sqlite3.connect", connect)


def test_no_read_query_scans_the_events_table(api_db, monkeypatch):
    problems = check(api_db, _patcher(monkeypatch))
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_scan():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, root TEXT)")
    assert full_scans(conn, "SELECT * FROM events e WHERE e.root = ?", ("04",))
    conn.execute("CREATE INDEX events_root ON events(root)")
    assert not full_scans(conn, "SELECT * FROM events e WHERE e.root = ?", ("04",))
    conn.execute("CREATE TABLE series_daily (source_country TEXT, target_country TEXT, day TEXT, events INTEGER)")
    assert full_scans(conn, "SELECT * FROM series_daily WHERE day = ?", ("2024-01-01",))


def test_stats_counts_match_the_tables(api_db):
    from orbit.store.store import Store

    s = Store(api_db, readonly=True)
    try:
        stats = s.stats()
        one = lambda sql: s.conn.execute(sql).fetchone()[0]
        assert stats["events"] == one("SELECT count(*) FROM events") > 0
        assert stats["asserted_events"] == one("SELECT count(*) FROM events WHERE negated = 0 AND hypothetical = 0")
        assert stats["events_by_root"] == {r[0]: r[1] for r in s.conn.execute(
            "SELECT root, count(*) FROM events WHERE negated = 0 AND hypothetical = 0 GROUP BY root ORDER BY root")}
        for table in ("documents", "actors", "quotes", "places", "runs", "clusters", "stories"):
            assert stats[table] == one(f"SELECT count(*) FROM {table}"), table
        assert stats["warnings"] == one("SELECT count(*) FROM errors WHERE code LIKE 'W%'")
        assert stats["errors"] == one("SELECT count(*) FROM errors WHERE code NOT LIKE 'W%'")
        assert stats["dict_versions"] == {r[0]: r[1] for r in s.conn.execute(
            "SELECT dict_version, count(*) FROM documents GROUP BY dict_version")}
    finally:
        s.close()


if __name__ == "__main__":  # check another store, e.g. the load benchmark's
    mp = pytest.MonkeyPatch()
    found = check(sys.argv[1], _patcher(mp))
    mp.undo()
    print("\n".join(found) or "no scans of events")
    sys.exit(1 if found else 0)
