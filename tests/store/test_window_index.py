"""Issue 19: the ranked dyads of any window from the in-memory window index
(store/window_index.py) equal the SQL walk's (`queries.ranked_dyads` without an index) and
counting the events, for random windows (closed, open at either end, empty, one day, across
new years), every page length, minimum count and with or without domestic pairs; and an
index is never used for a store state other than the one it was built from."""
from __future__ import annotations

import random
import sqlite3
import threading
import time
from datetime import date

import numpy as np
import pytest

from orbit.store import queries
from orbit.store.aggregates import apply
from orbit.store.window_index import WindowIndex, WindowIndexes

from .test_aggregates import EVENT_SQL, counted_dyads, random_store, random_windows

COUNTRIES = [f"C{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(20)]
RANKED_INTS = ("source", "target", "events", "cooperation", "conflict")


def counted_page(conn, since, until, limit, min_events, domestic) -> list[tuple]:
    want = sorted(counted_dyads(conn, since, until).items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [(k, v) for k, v in want if v[0] >= min_events and (domestic or k[0] != k[1])][:limit]


def as_counted(rows: list[dict]) -> list[tuple]:
    return [((d["source"], d["target"]), (d["events"], d["cooperation"], d["conflict"], round(d["goldstein_sum"], 6)))
            for d in rows]


@pytest.fixture(scope="module")
def skewed(tmp_path_factory):
    """About 300 pairs of 20 countries with skewed counts (pages end in ties), events over
    two years and a bit, some removed again (re-codings)."""
    path = tmp_path_factory.mktemp("wi") / "w.db"
    random_store(path, COUNTRIES, date(2019, 11, 20), date(2022, 2, 10), 48, 7,
                 weights=[1 / (i + 1) for i in range(20)])
    return path


def test_the_index_ranks_every_window_as_the_walk_and_as_counting_the_events(skewed):
    rng = random.Random(19)
    windows = random_windows(rng, date(2019, 11, 20), date(2022, 2, 10), 60)
    windows += [("2021-03-01", "2021-02-28"), ("2030-01-01", "2030-02-01"), ("2010-01-01", "2010-12-31"),
                ("2021-01-31", "2021-02-01"), ("2019-12-31", "2020-01-01"), ("2021-06-15", "2021-06-15")]
    walked = 0
    with sqlite3.connect(skewed) as conn:
        conn.row_factory = sqlite3.Row
        index = WindowIndex.build(conn)
        assert index.pairs > 250 and index.domestic.any()
        for since, until in windows:
            s, u = queries.window(since, until)
            for limit in (1, 3, 10, 40, 120, 5000):
                for min_events in (1, 3):
                    for domestic in (False, True):
                        got = index.ranked(s, u, limit, domestic, min_events)
                        assert as_counted(got) == counted_page(conn, since, until, limit, min_events, domestic), \
                            (since, until, limit, min_events, domestic)
                        if queries.window_parts(s, u).single():
                            continue  # one period: ranked_dyads reads that period's rows
                        walk = queries._walk_ranked_dyads(conn, s, u, limit, domestic, min_events)
                        if walk is not None:
                            # the same look-ups added in the same order: the same floats too
                            assert got == walk, (since, until, limit, min_events, domestic)
                            walked += 1
                        else:  # summed from the window's rows: the Goldstein sums in another order
                            plain = queries.ranked_dyads(conn, since, until, limit, domestic, min_events)
                            assert [tuple(d[k] for k in RANKED_INTS) for d in got] == \
                                [tuple(d[k] for k in RANKED_INTS) for d in plain]
                            assert all(abs(a["goldstein_sum"] - b["goldstein_sum"]) < 1e-9 for a, b in zip(got, plain))
    assert walked > 1000


def test_ties_at_the_page_end_break_by_source_then_target(tmp_path):
    """Many pairs with the same count: the page is the first ones in (source, target) order,
    whatever order the countries got their ids in (here: the reverse of their names)."""
    path = tmp_path / "t.db"
    random_store(path, ["ZZZ", "MMM"], date(2021, 1, 1), date(2021, 1, 5), 1, 3)
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.row_factory = sqlite3.Row
        doc = conn.execute("SELECT id FROM documents").fetchone()[0]
        rows = [{"day": "2021-03-10", "source_country": s, "target_country": t, "root": "04", "quad_class": 1,
                 "goldstein": 1.0, "negated": 0, "hypothetical": 0}
                for s in ("YYY", "BBB", "AAA", "XXX") for t in ("QQQ", "CCC", "AAA") if s != t]
        conn.execute("BEGIN")
        conn.executemany(EVENT_SQL, [(doc, r["day"], r["day"], r["source_country"], r["source_country"],
                                      r["source_country"], r["target_country"], r["target_country"],
                                      r["target_country"], "040", "04", 1, 1.0, 0, 0) for r in rows])
        apply(conn, rows, +1)
        conn.execute("COMMIT")
        index = WindowIndex.build(conn)
        for limit in (1, 4, 7, 11, 50):
            want = counted_page(conn, "2021-03-01", "2021-03-20", limit, 1, False)
            assert as_counted(index.ranked("2021-03-01", "2021-03-20", limit)) == want
            assert [d["source"] for d in index.ranked("2021-03-01", "2021-03-20", limit)][:1] == ["AAA"]


def add_events(path, n: int, seed: int, first: date, days: int) -> None:
    """n asserted events between new and old pairs, through the store's incremental path."""
    from datetime import timedelta

    rng = random.Random(seed)
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.row_factory = sqlite3.Row
        doc = conn.execute("SELECT id FROM documents").fetchone()[0]
        rows = []
        for _ in range(n):
            s, t = rng.choice(COUNTRIES + ["NEW", "OTH"]), rng.choice(COUNTRIES[:3] + ["NEW"])
            day = (first + timedelta(days=rng.randrange(days))).isoformat()
            rows.append({"day": day, "source_country": s, "target_country": t, "root": "19", "quad_class": 4,
                         "goldstein": -10.0, "negated": 0, "hypothetical": 0})
        conn.execute("BEGIN")
        conn.executemany(EVENT_SQL, [(doc, r["day"], r["day"], r["source_country"], r["source_country"],
                                      r["source_country"], r["target_country"], r["target_country"],
                                      r["target_country"], "190", "19", 4, -10.0, 0, 0) for r in rows])
        apply(conn, rows, +1)
        conn.execute("COMMIT")


WINDOWS = [("2020-03-15", "2021-08-20"), ("2021-11-20", "2022-01-10"), ("2020-06-10", None), (None, "2021-06-30"),
           ("2021-02-14", "2021-02-14")]


def ranked_with(indexes, path, since, until, limit=40) -> tuple[list[dict], object]:
    """The ranked dyads through `indexes` in one read transaction, and the index it used."""
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        conn.execute("BEGIN")
        used = indexes.for_snapshot(conn)
        got = queries.ranked_dyads(conn, since, until, limit, indexes=indexes)
        conn.execute("COMMIT")
        return got, used


def test_a_write_makes_the_index_stale_and_the_next_quiet_read_rebuilds_it(tmp_path):
    path = tmp_path / "s.db"
    random_store(path, COUNTRIES[:8], date(2020, 1, 1), date(2021, 12, 31), 12, 5)
    indexes = WindowIndexes(path, background=False, quiet_seconds=0)
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        for since, until in WINDOWS:
            got, used = ranked_with(indexes, path, since, until)
            assert used is not None and as_counted(got) == counted_page(conn, since, until, 40, 1, False)
        assert indexes.builds == 1  # one index for every read of one state
    for round_ in range(3):
        add_events(path, 300, round_, date(2020, 6, 1), 600)  # new countries and pairs too
        with sqlite3.connect(path) as conn:
            conn.row_factory = sqlite3.Row
            for since, until in WINDOWS:
                got, used = ranked_with(indexes, path, since, until)
                assert used is not None and used.version == queries.store_version(conn)
                assert as_counted(got) == counted_page(conn, since, until, 40, 1, False), (round_, since, until)
        assert indexes.builds == 2 + round_
    assert {"NEW", "OTH"} & {d["source"] for d in got}


def test_while_the_store_is_written_the_walk_answers(tmp_path):
    """A store written within the quiet time gets no new index: the old one is never used
    for the new state, the walk answers (and equals counting the events)."""
    path = tmp_path / "q.db"
    random_store(path, COUNTRIES[:6], date(2020, 1, 1), date(2021, 12, 31), 8, 9)
    indexes = WindowIndexes(path, background=False, quiet_seconds=0)
    assert ranked_with(indexes, path, *WINDOWS[0])[1] is not None
    indexes.quiet_seconds = 3600
    add_events(path, 200, 1, date(2021, 1, 1), 300)
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        for since, until in WINDOWS:
            got, used = ranked_with(indexes, path, since, until)
            assert used is None
            assert as_counted(got) == counted_page(conn, since, until, 40, 1, False)
    assert indexes.builds == 1


def test_the_index_is_built_in_the_background_and_then_used(tmp_path):
    path = tmp_path / "b.db"
    random_store(path, COUNTRIES[:6], date(2020, 1, 1), date(2021, 12, 31), 8, 11)
    indexes = WindowIndexes(path, quiet_seconds=0)
    assert ranked_with(indexes, path, *WINDOWS[1])[1] is None  # the first read starts the build
    deadline = time.time() + 30
    while indexes.builds == 0 and time.time() < deadline:
        time.sleep(0.02)
    got, used = ranked_with(indexes, path, *WINDOWS[1])
    assert used is not None and indexes.builds == 1
    with sqlite3.connect(path) as conn:
        assert as_counted(got) == counted_page(conn, *WINDOWS[1], 40, 1, False)
    assert not [t for t in threading.enumerate() if t.name == "orbit-window-index"]


def test_a_store_too_big_for_the_index_is_walked(tmp_path):
    path = tmp_path / "m.db"
    random_store(path, COUNTRIES[:6], date(2020, 1, 1), date(2021, 12, 31), 4, 13)
    indexes = WindowIndexes(path, background=False, quiet_seconds=0, max_rows=10)
    got, used = ranked_with(indexes, path, *WINDOWS[0])
    assert used is None and indexes.builds == 0
    with sqlite3.connect(path) as conn:
        assert as_counted(got) == counted_page(conn, *WINDOWS[0], 40, 1, False)


def test_an_empty_store_has_an_empty_index(tmp_path):
    from orbit.store.store import Store

    path = tmp_path / "e.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        index = WindowIndex.build(conn)
    assert index.pairs == 0 and index.ranked("2020-01-05", "2021-03-01", 10) == []
    counts, goldstein = index.window_sums("0001-01-01", "2021-03-01")
    assert counts.shape == (0, 3) and goldstein.dtype == np.float64


def test_the_api_answers_from_the_index_as_from_the_walk(tmp_path):
    """/api/network and /api/dyads of arbitrary windows through the server's index equal the
    walk's answers, before and after a write (the write's events are in the next answer)."""
    import warnings

    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from orbit.analysis.network import network_edges
    from orbit.api.app import create_app
    from orbit.store.store import Store

    path = tmp_path / "a.db"
    random_store(path, COUNTRIES[:10], date(2020, 1, 1), date(2021, 12, 31), 12, 17)
    app = create_app(path, cache_entries=0)
    indexes = app.state.orbit.window_indexes
    indexes.background, indexes.quiet_seconds = False, 0
    urls = [("/api/network", "edges", {"since": "2020-03-15", "until": "2021-08-20", "limit": 30}),
            ("/api/network", "edges", {"since": "2021-11-20", "until": "2022-01-10", "min_events": 2}),
            ("/api/network", "edges", {"since": "2020-06-10"}),
            ("/api/dyads", "items", {"since": "2020-02-10", "until": "2021-02-01", "limit": 15})]
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for written in (False, True):
            if written:
                add_events(path, 400, 3, date(2021, 11, 25), 40)
            with Store(path, readonly=True) as store:
                for url, key, params in urls:
                    got = client.get(url, params=params).json()[key]
                    if url == "/api/network":
                        want = network_edges(store, params["since"], params.get("until"), params.get("min_events", 1),
                                             params.get("limit", 500))
                    else:
                        want = queries.top_dyads(store.conn, params["since"], params["until"], params["limit"])
                    assert got == want and got, (url, params, written)
            assert indexes.builds == 1 + written
