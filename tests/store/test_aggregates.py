"""Issue 19: every aggregate table the store keeps in its writing transactions equals the
same table recomputed from the events (orbit.store.aggregates.rebuild, on a copy of the
store) after an ingest, a re-coding that changes the codes, and a re-coding that removes
a document's events; and the API reads that use them answer as the scans they replace."""
from __future__ import annotations

import json
import math
import sqlite3
from datetime import date
from importlib import resources

import pytest
from click.testing import CliRunner

from orbit.cli import cli
from orbit.model import Article, ArticleResult
from orbit.store import queries
from orbit.store.aggregates import REBUILDS, rebuild
from orbit.store.store import Store

from ..conftest import SAMPLES
from .test_store import corpus


def run(*args):
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res


def kept_tables(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Each aggregate table's rows in key order; REAL sums rounded (a recomputation adds the
    same values in another order, which can change the last bits)."""
    out = {}
    for table in REBUILDS:
        rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        out[table] = sorted(tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in rows)
    return out


def recomputed_tables(db) -> dict[str, list[tuple]]:
    copy = sqlite3.connect(":memory:", isolation_level=None)
    with sqlite3.connect(db) as conn:
        conn.backup(copy)
    rebuild(copy)
    return kept_tables(copy)


def check(db) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        kept = kept_tables(conn)
    assert kept == recomputed_tables(db)
    return kept


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "o.db"
    run("ingest", corpus(tmp_path), "--db", path, "--no-progress", "--no-cluster")
    run("ingest", SAMPLES, "--db", path, "--no-progress", "--no-cluster")
    quiet = corpus(tmp_path, [("q1", "2024-03-06", "The weather was mild in the valley all week.")], "quiet.jsonl")
    run("ingest", quiet, "--db", path, "--no-progress", "--no-cluster")  # a document without events
    return path


def test_aggregates_equal_their_recomputation_through_ingest_and_recoding(db, tmp_path):
    kept = check(db)
    assert all(kept[table] for table in REBUILDS), [t for t in REBUILDS if not kept[t]]
    # a re-coding that changes codes: 040 talks become 046
    verbs = tmp_path / "mine.jsonl"
    verbs.write_text('{"id": "hold-talks-mine", "verb": "hold", "object": ["talk"], "code": "046", "target": ["with"],'
                     ' "reciprocal": true}\n', encoding="utf-8")
    run("ingest", "--recode", "--db", db, "--verbs", verbs, "--no-progress", "--no-cluster")
    assert check(db) != kept
    # a re-coding that leaves a document no events: its rows leave every aggregate
    with Store(db) as s:
        doc = s.conn.execute("SELECT document_id, count(*) FROM events WHERE negated = 0 AND hypothetical = 0 "
                             "GROUP BY document_id ORDER BY 2 DESC LIMIT 1").fetchone()
        assert doc[1] > 0
        s.replace_results(doc[0], ArticleResult(article=Article(doc_id="x", text="x", date=date(2024, 3, 1))),
                          {"dict": "test", "orbit": "test"})
        assert s.conn.execute("SELECT count(*) FROM document_events WHERE document_id = ?", (doc[0],)).fetchone()[0] == 0
    check(db)


def test_document_page_counts_equal_counting_the_events(db):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        # the count the page made before document_events (one count over each document's events)
        counted = {r[0]: r[1] for r in conn.execute(
            "SELECT d.id, (SELECT count(*) FROM events e WHERE e.document_id = d.id AND e.negated = 0 "
            "AND e.hypothetical = 0) FROM documents d")}
        page = queries.document_page(conn, None, 100)
        assert {r["id"]: r["events"] for r in page} == counted
        assert 0 in counted.values() and max(counted.values()) > 1
        assert [r["id"] for r in queries.document_page(conn, page[2]["id"], 2)] == [page[3]["id"], page[4]["id"]]


@pytest.mark.parametrize("since, until, parts", [
    (None, None, queries.WindowParts(everything=True)),
    ("2023-01-01", "2023-12-31", queries.WindowParts(years=("2023-01-01", "2024-01-01"))),
    ("2024-02-01", "2024-02-29", queries.WindowParts(months=(("2024-02-01", "2024-03-01"),))),
    ("2024-02-03", "2024-02-28", queries.WindowParts(days=(("2024-02-03", "2024-02-28"),))),
    ("2021-03-15", None, queries.WindowParts(years=("2022-01-01", queries._END),
                                             months=(("2021-04-01", "2022-01-01"),),
                                             days=(("2021-03-15", "2021-03-31"),))),
    (None, "2022-06-30", queries.WindowParts(years=("0001-01-01", "2022-01-01"),
                                             months=(("2022-01-01", "2022-07-01"),))),
    ("2023-11-20", "2024-01-10", queries.WindowParts(months=(("2023-12-01", "2024-01-01"),),
                                                     days=(("2023-11-20", "2023-11-30"),
                                                           ("2024-01-01", "2024-01-10")))),
])
def test_windows_are_cut_into_years_months_and_days(since, until, parts):
    assert queries.window_parts(*queries.window(since, until)) == parts


WINDOWS = [(None, None), ("2024-01-01", "2024-12-31"), ("2024-03-01", "2024-03-31"), ("2024-03-01", "2024-03-03"),
           ("2024-02-15", "2025-06-30"), ("2023-12-15", None), (None, "2024-05-31"), ("2024-03-02", "2024-06-13"),
           ("2024-03-05", "2024-03-05"), ("2030-01-01", None), ("2024-05-01", "2024-03-01")]


@pytest.mark.parametrize("first, most, chunk", [(64, 3000, 2000), (1, 3000, 1), (1, 2, 2000)])
def test_window_top_lists_equal_the_daily_sums(db, monkeypatch, first, most, chunk):
    """Whatever periods a window is cut into (or one period's rows read in event order, or
    the dyads walked in all-time order in batches, stopping early or giving up, their sums
    asked for in chunks), the answer is the one the daily aggregates give for the same days
    (none for a window that ends before it starts)."""
    monkeypatch.setattr(queries, "WALK_FIRST", first)
    monkeypatch.setattr(queries, "WALK_MAX", most)
    monkeypatch.setattr(queries, "SUMS_CHUNK", chunk)
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        for since, until in WINDOWS:
            s, u = queries.window(since, until)
            daily = [dict(r) for r in conn.execute(
                "SELECT source_country AS source, target_country AS target, sum(events) AS events, "
                "sum(CASE WHEN quad_class <= 2 THEN events ELSE 0 END) AS cooperation, "
                "sum(CASE WHEN quad_class >= 3 THEN events ELSE 0 END) AS conflict, sum(goldstein_sum) AS goldstein_sum "
                "FROM dyad_daily WHERE day BETWEEN ? AND ? AND source_country != '' AND target_country != '' "
                "GROUP BY 1, 2 ORDER BY events DESC, source, target", (s, u))]
            for domestic in (False, True):
                want = [d for d in daily if domestic or d["source"] != d["target"]]
                for limit in (1, 2, 5, 1000):
                    got = queries.top_dyads(conn, since, until, limit, include_domestic=domestic)
                    assert [{**d, "goldstein_sum": round(d["goldstein_sum"], 9)} for d in got] == \
                        [{**d, "goldstein_sum": round(d["goldstein_sum"], 9)} for d in want[:limit]], (since, until)
            edges = queries.ranked_dyads(conn, since, until, 3, min_events=2)
            assert [(e["source"], e["target"]) for e in edges] == \
                [(d["source"], d["target"]) for d in daily if d["source"] != d["target"] and d["events"] >= 2][:3]
            actors = [dict(r) for r in conn.execute(
                "SELECT country, sum(a) AS as_source, sum(b) AS as_target, sum(a) + sum(b) AS events FROM ("
                "SELECT source_country AS country, events AS a, 0 AS b FROM dyad_daily WHERE day BETWEEN ? AND ? "
                "AND source_country != '' UNION ALL SELECT target_country, 0, events FROM dyad_daily "
                "WHERE day BETWEEN ? AND ? AND target_country != '') GROUP BY country ORDER BY events DESC, country",
                (s, u, s, u))]
            assert queries.top_actors(conn, since, until, 1000) == actors, (since, until)
        assert len(queries.top_dyads(conn, None, None, 1000)) > 5


def test_series_from_the_series_tables_equal_the_daily_aggregates(db):
    """The series read whole months from series_monthly and other days from series_daily;
    the CLI's DataFrame sums and pivots dyad_daily itself: the same numbers for any window."""
    import math

    from orbit.analysis import dyad_series

    with Store(db, readonly=True) as s:
        pairs = [(d["source"], d["target"]) for d in queries.top_dyads(s.conn, None, None, 3)]
        assert pairs
        for a, b in pairs:
            for since, until in WINDOWS:
                for freq in ("day", "week", "month", "year"):
                    for both in (False, True):
                        got = queries.dyad_series(s.conn, a, b, freq, since, until, both_directions=both)
                        want = dyad_series(s, a, b, freq, since, until, both_directions=both).to_dict("records")
                        assert [list(r) for r in got] == [list(r) for r in want]
                        for x, y in zip(got, want):
                            assert all(x[k] == y[k] for k in x if not k.startswith("goldstein")), (a, b, since, until)
                            assert math.isclose(x["goldstein_sum"], y["goldstein_sum"], abs_tol=1e-9)
        assert any(queries.dyad_series(s.conn, a, b, "month") for a, b in pairs)


def test_series_as_json_are_the_rows(db):
    """`dyad_series_json` (the API's rendering, written by SQLite) parses back to
    `dyad_series`'s rows, for every period, direction and window: the same keys in the same
    order, the same integers, the Goldstein sum and mean to 15 significant digits."""

    with Store(db, readonly=True) as s:
        pairs = [(d["source"], d["target"]) for d in queries.top_dyads(s.conn, None, None, 3)] + [("USA", "XXX")]
        n_rows = 0
        for a, b in pairs:
            for since, until in WINDOWS:
                for freq in ("day", "week", "month", "year"):
                    for both in (False, True):
                        rows = queries.dyad_series(s.conn, a, b, freq, since, until, both_directions=both)
                        got = queries.dyad_series_json(s.conn, a, b, freq, since, until, both_directions=both)
                        parsed = json.loads(got)
                        assert [list(r) for r in parsed] == [list(r) for r in rows]
                        for x, y in zip(parsed, rows):
                            assert all(x[k] == y[k] for k in x if not k.startswith("goldstein")), (a, b, freq)
                            assert all(math.isclose(x[k], y[k], rel_tol=1e-14) for k in ("goldstein_sum",
                                                                                           "goldstein_mean"))
                        n_rows += len(rows)
        assert n_rows > 100
        assert queries.dyad_series_json(s.conn, "USA", "XXX", "day") == b"[]"


EVENT_SQL = ("INSERT INTO events (document_id, date, day, sentence, sentence_start, sentence_end, span_start, span_end, "
             "trigger_text, trigger_start, trigger_end, source_text, source_code, source_country, target_text, "
             "target_code, target_country, cameo, root, quad_class, goldstein, negated, hypothetical, modality, rule, "
             "confidence, orbit_version, dict_version) VALUES (?, ?, ?, 'x', 0, 1, 0, 1, 'x', 0, 1, ?, ?, ?, ?, ?, "
             "?, ?, ?, ?, ?, ?, ?, 'asserted', 'test', 1.0, 'test', 'test')")


def random_windows(rng, first: date, last: date, n: int) -> list[tuple]:
    """Windows over [first, last] and beyond: random ones, single days, open ends, the
    first and last days of months and years, windows crossing one or more new years."""
    from datetime import timedelta

    span = (last - first).days
    edges = [date(y, m, 1) for y in range(first.year, last.year + 1) for m in range(1, 13)]
    edges += [d - timedelta(days=1) for d in edges]
    days = lambda: first + timedelta(days=rng.randrange(-20, span + 20))  # noqa: E731
    out = [(None, None), (None, last.isoformat()), (first.isoformat(), None), ("2021-02-28", "2021-03-01"),
           ("2020-12-31", "2021-01-01"), ("2020-01-01", "2020-12-31"), ("2020-02-29", "2020-02-29")]
    for _ in range(n):
        a, b = sorted([rng.choice(edges) if rng.random() < 0.3 else days(), days()])
        kind = rng.random()
        if kind < 0.1:
            out.append((a.isoformat(), a.isoformat()))
        elif kind < 0.2:
            out.append((None, b.isoformat()))
        elif kind < 0.3:
            out.append((a.isoformat(), None))
        else:
            out.append((a.isoformat(), b.isoformat()))
    return out


def assert_ranked_pages(conn, counted_on, since, until, limits) -> None:
    """Every page of the ranked dyads of a window, at each length, minimum and with or
    without domestic pairs, equals counting the events (on `counted_on`)."""
    want = sorted(counted_dyads(counted_on, since, until).items(), key=lambda kv: (-kv[1][0], kv[0]))
    for limit in limits:
        for min_events in (1, 3):
            for domestic in (False, True):
                got = queries.ranked_dyads(conn, since, until, limit, include_domestic=domestic,
                                           min_events=min_events)
                page = [(k, v) for k, v in want if v[0] >= min_events and (domestic or k[0] != k[1])][:limit]
                assert [((d["source"], d["target"]), (d["events"], d["cooperation"], d["conflict"],
                                                      round(d["goldstein_sum"], 6))) for d in got] == \
                    page, (since, until, limit, min_events, domestic)


def counted_dyads(conn, since, until) -> dict:
    s, u = queries.window(since, until)
    return {(r[0], r[1]): (r[2], r[3], r[4], round(r[5], 6)) for r in conn.execute(
        "SELECT source_country, target_country, count(*), sum(quad_class <= 2), sum(quad_class >= 3), sum(goldstein) "
        "FROM events WHERE negated = 0 AND hypothetical = 0 AND day BETWEEN ? AND ? AND source_country != '' "
        "AND target_country != '' GROUP BY 1, 2", (s, u))}


def random_store(path, countries: list, first: date, last: date, batches: int, seed: int, weights=None):
    """A store whose events (spread over [first, last], 10% negated, 5% hypothetical, pairs
    drawn from `countries` with `weights`) are added in random batches through the store's
    incremental path (aggregates.apply), a random fifth of them removed again every fourth
    batch (a re-coding)."""
    import random
    from datetime import timedelta

    from orbit.store.aggregates import apply

    rng = random.Random(seed)
    Store(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    doc = conn.execute("INSERT INTO documents (doc_key, date, content_hash, text, orbit_version, dict_version, "
                       "coded_at) VALUES ('r', '2020-01-01', 'r', 'r', 't', 't', '')").lastrowid
    for batch in range(batches):
        rows = []
        for _ in range(rng.randrange(1, 250)):
            s, t = rng.choices(countries, weights)[0], rng.choices(countries, weights)[0]
            root = rng.randrange(1, 21)
            quad = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4  # CAMEO's QuadClass of the root
            day = (first + timedelta(days=rng.randrange((last - first).days + 1))).isoformat()
            rows.append({"day": day, "source_country": s, "target_country": t, "root": f"{root:02d}",
                         "quad_class": quad, "goldstein": rng.choice([-10.0, -4.4, -0.1, 0.0, 1.9, 3.4, 7.0]),
                         "negated": int(rng.random() < 0.1), "hypothetical": int(rng.random() < 0.05)})
        conn.execute("BEGIN")
        conn.executemany(EVENT_SQL, [(doc, r["day"], r["day"], r["source_country"], r["source_country"],
                                      r["source_country"], r["target_country"], r["target_country"],
                                      r["target_country"], r["root"] + "0", r["root"], r["quad_class"], r["goldstein"],
                                      r["negated"], r["hypothetical"]) for r in rows])
        apply(conn, rows, +1)
        if batch % 4 == 3:  # a removal: a random share of the events so far leave
            # drawn by the seeded rng (SQLite's random() made the stores, and so the tests'
            # counts, differ from run to run)
            gone = [dict(r) for r in conn.execute(
                "SELECT id, day, source_country, target_country, root, quad_class, goldstein, negated, hypothetical "
                "FROM events ORDER BY id") if rng.random() < 0.2]
            apply(conn, gone, -1)
            conn.executemany("DELETE FROM events WHERE id = ?", [(r["id"],) for r in gone])
        conn.execute("COMMIT")
    conn.close()
    return rng


def check_window_sums(conn, rng, first: date, last: date, n: int) -> None:
    """For n random windows (and the fixed ones of random_windows), each pair's window sums
    (`_dyad_window_sums`) and the ranked dyads equal counting the events."""
    pairs = [tuple(r) for r in conn.execute("SELECT DISTINCT source_country, target_country FROM series_daily")]
    for since, until in random_windows(rng, first, last, n):
        want = counted_dyads(conn, since, until)
        got = {(r[0], r[1]): (r[2], r[3], r[4], round(r[5], 6))
               for r in queries._dyad_window_sums(conn, pairs, *queries.window(since, until))}
        assert got == want, (since, until)
        ranked = queries.ranked_dyads(conn, since, until, 7, include_domestic=True)
        order = sorted(want.items(), key=lambda kv: (-kv[1][0], kv[0]))[:7]
        assert [((d["source"], d["target"]), d["events"]) for d in ranked] == \
            [(k, v[0]) for k, v in order], (since, until)


def test_running_sums_through_random_writes_and_removals_equal_counting_the_events(tmp_path):
    """Issue 19: the ranked dyads of any window are the running sums (migration 014) at its
    ends. Events spread over three years are added in random batches through the store's
    incremental path (aggregates.apply), some removed again (a re-coding); every kept table
    equals its recomputation, and for 150 random windows (single days, edges of months and
    years, open ends, crossing years) each pair's window sums, and the ranked dyads, equal
    counting the events."""
    path = tmp_path / "r.db"
    first, last = date(2019, 12, 20), date(2022, 1, 10)
    rng = random_store(path, ["USA", "RUS", "CHN", "UKR", "KAZ", None], first, last, 40, 19)
    check(path)
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        assert conn.execute("SELECT count(*) FROM pair_days").fetchone()[0] > 500
        # pairs with many days in a month and many months (the running sums carry)
        assert conn.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM pair_days "
                            "GROUP BY k / 100)").fetchone()[0] >= 4
        assert conn.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM pair_months "
                            "GROUP BY k >> 27)").fetchone()[0] >= 20
        check_window_sums(conn, rng, first, last, 150)


def test_migration_014_fills_the_running_sums_of_an_older_store(tmp_path):
    """A store at schema 13 (running sums under text keys) upgrades on open: the integer-keyed
    tables equal their recomputation and answer every window as counting the events."""
    path = tmp_path / "old.db"
    first, last = date(2020, 11, 1), date(2021, 3, 10)
    rng = random_store(path, ["USA", "RUS", "CHN", "FRA", None], first, last, 12, 14)
    conn = sqlite3.connect(path, isolation_level=None)
    for table in ("pair_days", "pair_months", "country_ids"):
        conn.execute(f"DROP TABLE {table}")
    old = (resources.files("orbit.store") / "migrations" / "013_running_sums.sql").read_text(encoding="utf-8")
    conn.executescript(old)
    conn.execute("PRAGMA user_version = 13")
    conn.close()
    with Store(path) as s:
        assert s.schema_version >= 14
    kept = check(path)
    assert kept["pair_days"] and kept["pair_months"] and kept["country_ids"]
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name IN ('running_daily', 'running_monthly')"
                                ).fetchall()
        check_window_sums(conn, rng, first, last, 40)


@pytest.mark.parametrize("first_batch", [4, 64])
def test_the_walk_over_many_dyads_equals_counting_the_events(tmp_path, monkeypatch, first_batch):
    """The ranked dyads of about 300 pairs with skewed counts: the walk takes the all-time (or a
    period's) order in a first batch and growing steps, skipping dyads whose count cannot
    reach the page, and its pages equal the order of the counted events for every page
    length, minimum count and window."""
    path = tmp_path / "w.db"
    countries = [f"C{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(20)]
    first, last = date(2019, 11, 20), date(2022, 2, 10)
    rng = random_store(path, countries, first, last, 48, 7, weights=[1 / (i + 1) for i in range(20)])
    monkeypatch.setattr(queries, "WALK_FIRST", first_batch)
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        assert conn.execute("SELECT count(*) FROM dyad_totals").fetchone()[0] > 250
        taken = []
        sums = queries._dyad_window_sums
        monkeypatch.setattr(queries, "_dyad_window_sums", lambda *a: taken.append(len(a[1])) or sums(*a))
        for since, until in random_windows(rng, first, last, 25):
            assert_ranked_pages(conn, conn, since, until, (1, 3, 10, 40, 120))
        assert len(taken) > 100 and max(taken) > 60  # the walk ran, in batches of several sizes


def test_a_root_in_a_window_pages_as_counting_the_events(tmp_path):
    """/api/events with a root and a window (the dashboard's root in a quarter) takes its
    page's ids from the partial index of asserted events (migration 015): every page, cursor
    and code form equals the asserted events of the root in the window in id order, and the
    plan reads that index (or, after a cursor, the root's ids), never the whole table."""
    from orbit.store.queries import EventFilter, event_query

    path = tmp_path / "e.db"
    first, last = date(2020, 1, 1), date(2021, 12, 31)
    random_store(path, ["USA", "RUS", "CHN", None], first, last, 24, 15)
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        windows = [("2020-01-01", "2020-03-31"), ("2021-02-10", "2021-02-10"), (None, "2020-06-30"), ("2021-07-01", None)]
        for root in ("01", "14", "19"):
            for since, until in windows:
                s, u = queries.window(since, until)
                want = [r[0] for r in conn.execute(
                    "SELECT id FROM events WHERE negated = 0 AND hypothetical = 0 AND root = ? AND day BETWEEN ? AND ? "
                    "ORDER BY id", (root, s, u))]
                for f in (EventFilter(root=root, since=since, until=until, limit=7),
                          EventFilter(code=root, since=since, until=until, limit=7),
                          EventFilter(root=root, since=since, until=until, limit=7, after_id=want[3] if len(want) > 3
                                      else None)):
                    sql, params = event_query(f)
                    got = [r["id"] for r in conn.execute(sql, params)]
                    cursor = f.after_id or 0
                    assert got == [i for i in want if i > cursor][:7], (root, since, until, f)
                    plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
                    # (after a cursor SQLite may walk the root's ids from it instead)
                    assert ("events_root_asserted" in plan or f.after_id) and "SCAN e" not in plan, plan
        assert sum(1 for r in conn.execute("SELECT 1 FROM events WHERE root = '14' AND day <= '2020-03-31'")) > 7


class _Recording:
    """A connection whose cursors remember each statement with its values (the walk runs its
    statements on a cursor of its own)."""

    def __init__(self, conn):
        self.conn, self.log = conn, []

    def execute(self, sql, params=()):
        self.log.append((sql, tuple(params)))
        return self.conn.execute(sql, params)

    def cursor(self):
        outer = self

        class Cursor:
            def __init__(self):
                self.cursor = outer.conn.cursor()

            def __setattr__(self, name, value):
                if name == "row_factory":
                    return setattr(self.cursor, name, value)
                object.__setattr__(self, name, value)

            def execute(self, sql, params=()):
                outer.log.append((sql, tuple(params)))
                return self.cursor.execute(sql, params)

        return Cursor()


@pytest.mark.parametrize("first_batch", [1, 64])
def test_the_walk_over_the_totals_in_sql_equals_counting_the_events(tmp_path, monkeypatch, first_batch):
    """Issue 19: a window bounded by the all-time totals (open at one end, or longer than two
    calendar years) is walked in batches whose dyads are taken, keyed and summed in one
    statement each (`_walk_totals`): every page length, minimum count and window equals the
    counted events, over several batches (first batch of 1) or one; and each statement it
    runs searches the running sums by key and scans no table that grows with the store."""
    from ..api.test_query_plans import full_scans

    path = tmp_path / "t.db"
    countries = [f"C{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(16)]
    first, last = date(2019, 11, 20), date(2022, 2, 10)
    random_store(path, countries, first, last, 24, 23, weights=[1 / (i + 1) for i in range(16)])
    monkeypatch.setattr(queries, "WALK_FIRST", first_batch)
    windows = [("2020-03-15", None), (None, "2021-06-30"), ("2019-12-03", "2022-01-20"), (None, None),
               ("2021-02-28", None), (None, "2019-12-31"), ("2023-01-01", None)]
    with sqlite3.connect(path) as plain:
        plain.row_factory = sqlite3.Row
        conn = _Recording(plain)
        walked = []
        real = queries._walk_totals
        monkeypatch.setattr(queries, "_walk_totals", lambda *a: walked.append(a[1:3]) or real(*a))
        for since, until in windows:
            assert_ranked_pages(conn, plain, since, until, (1, 4, 30, 200))
        assert len(walked) >= 5 * 16  # the open and long windows took the totals walk
        statements = {(sql, params) for sql, params in conn.log if "FROM dyad_totals" in sql and "pair_" in sql}
        assert statements
        for sql, params in statements:
            assert not full_scans(plain, sql, params), sql
            plan = " ".join(r[3] for r in plain.execute("EXPLAIN QUERY PLAN " + sql, params))
            assert "SEARCH pair_months USING INTEGER PRIMARY KEY" in plan, plan
