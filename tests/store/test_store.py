"""The store with real database files: ingest, idempotence, queries, exports, re-coding."""
from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

import orbit
from orbit.cli import cli
from orbit.errors import QueryError, SchemaError, StoreError
from orbit.store.queries import EventFilter
from orbit.store.store import Store

from ..conftest import SAMPLES, SEED, need_shared

ITEMS = [
    ("a1", "2024-03-01", "Russia attacked Ukraine on Monday, officials said."),
    ("a2", "2024-03-02", "Iran criticized Israel over the strikes."),
    ("a3", "2024-03-03", "China and Russia held talks in Beijing on Tuesday."),
    ("a4", "2024-03-04", "Japan pledged $50 million in aid to Ukraine."),
    ("a5", "2024-03-05", "The United States imposed sanctions on Russia."),
]


def corpus(tmp_path, items=ITEMS, name="c.jsonl"):
    f = tmp_path / name
    f.write_text("\n".join(json.dumps({"id": i, "date": d, "text": t}) for i, d, t in items) + "\n", encoding="utf-8")
    return f


def run(*args):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "orbit.db"
    res = run("ingest", str(corpus(tmp_path)), "--db", str(path), "--no-progress")
    assert res.exit_code == 0, res.output
    return path


def test_ingest_stores_documents_and_events(db):
    with Store(db, readonly=True) as s:
        st = s.stats()
        assert st["documents"] == 5 and st["events"] >= 5
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        row = s.conn.execute("SELECT orbit_version, dict_version FROM events LIMIT 1").fetchone()
        assert row["orbit_version"] and "-" in row["dict_version"]


def test_reingest_adds_nothing(db, tmp_path):
    res = run("ingest", str(corpus(tmp_path)), "--db", str(db), "--no-progress")
    assert res.exit_code == 0 and "0 document(s) stored, 5 already stored" in res.stderr
    with Store(db, readonly=True) as s:
        assert s.stats()["documents"] == 5


def test_same_text_under_another_id_is_the_same_document(db, tmp_path):
    f = corpus(tmp_path, [("other", "2024-03-01", ITEMS[0][2])], "dup.jsonl")
    run("ingest", str(f), "--db", str(db), "--no-progress")
    with Store(db, readonly=True) as s:
        assert s.stats()["documents"] == 5


def test_event_filters(db):
    c = orbit.open(str(db))
    assert set(c.events(source="RUS")["cameo"].str[:2]) >= {"19"}
    usa_rus = c.events(source="USA", target="RUS")
    # the sanctions (16; a coder may also give 17, CODING.md's ["16","17"]) and nothing of another pair
    assert "16" in set(usa_rus["root"]) and set(usa_rus["root"]) <= {"16", "17"}
    assert set(usa_rus["source_country"]) == {"USA"} and set(usa_rus["target_country"]) == {"RUS"}
    assert len(c.events(actor="UKR")) >= 2
    assert set(c.events(root="04")["source_country"]) >= {"CHN", "RUS"}
    assert len(c.events(since="2024-03-04")) >= 2
    assert c.events(since="2024-03-10").empty
    assert len(c.events(text="Beijing")) >= 1
    assert set(c.events(quad_class=4)["root"]) <= {"14", "15", "16", "17", "18", "19", "20"}


@pytest.mark.parametrize("bad", [dict(source="US' OR 1=1 --"), dict(code="04x"), dict(since="yesterday"),
                                 dict(limit=0), dict(root="4"), dict(quad_class=7)])
def test_bad_filters_are_refused(db, bad):
    with Store(db, readonly=True) as s:
        with pytest.raises(QueryError):
            list(s.event_rows(EventFilter(**bad)))


def test_text_query_is_not_fts_syntax(db):
    """FTS5 syntax in a user's text (quotes, brackets, OR, NEAR, *) is read as plain words."""
    with Store(db, readonly=True) as s:
        assert [r["doc_key"] for r in s.search('Beijing" (')] == ["a3"]  # the stray quote and bracket are dropped
        # OR and NEAR are words to find, not operators (as an OR, this would find a3): no text has all three
        assert s.search('Beijing" OR NEAR(') == []
        assert {r["doc_key"] for r in s.event_rows(EventFilter(text='attacked" *'))} == {"a1"}


def test_a_mapped_reader_sees_later_writes(db, tmp_path):
    """Issue 19: a read-only store reads through a memory map and a larger page cache (the
    ranked dyads' running-sum look-ups); it still sees every write committed after it
    opened (the server keeps one reader per thread for its life), its events and the
    aggregates alike, and answers as a reader without the map."""
    with Store(db, readonly=True) as reader:
        assert reader.conn.execute("PRAGMA mmap_size").fetchone()[0] > 0
        assert reader.conn.execute("PRAGMA cache_size").fetchone()[0] < -2000  # more than the 2 MB default
        before = reader.stats()["events"]
        more = [("b1", "2024-04-01", "Russia attacked Ukraine."), ("b2", "2024-04-02", "France praised Germany.")]
        res = run("ingest", str(corpus(tmp_path, more, "more.jsonl")), "--db", str(db), "--no-progress")
        assert res.exit_code == 0, res.output
        after = reader.stats()["events"]
        assert after > before
        plain = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        assert plain.execute("PRAGMA mmap_size").fetchone()[0] == 0
        for sql in ("SELECT count(*) FROM events", "SELECT * FROM dyad_daily ORDER BY 1, 2, 3, 4",
                    "SELECT * FROM pair_days ORDER BY k", "SELECT * FROM pair_months ORDER BY k"):
            assert [tuple(r) for r in reader.conn.execute(sql)] == plain.execute(sql).fetchall(), sql
        plain.close()


def test_dyad_aggregates_follow_events(db):
    with Store(db, readonly=True) as s:
        agg = s.conn.execute("SELECT sum(events) FROM dyad_daily").fetchone()[0]
        asserted = s.conn.execute("SELECT count(*) FROM events WHERE negated = 0 AND hypothetical = 0").fetchone()[0]
        assert agg == asserted


def test_recode_replaces_events_atomically(db, tmp_path):
    verbs = tmp_path / "mine.jsonl"
    verbs.write_text('{"id": "hold-talks-mine", "verb": "hold", "object": ["talk"], "code": "046", "target": ["with"],'
                     ' "reciprocal": true}\n', encoding="utf-8")
    res = run("ingest", "--recode", "--db", str(db), "--verbs", str(verbs), "--no-progress")
    assert res.exit_code == 0, res.output
    with Store(db, readonly=True) as s:
        assert s.stats()["documents"] == 5
        codes = {r[0] for r in s.conn.execute("SELECT cameo FROM events")}
        assert "046" in codes and "040" not in codes
        agg = s.conn.execute("SELECT sum(events) FROM dyad_daily").fetchone()[0]
        asserted = s.conn.execute("SELECT count(*) FROM events WHERE negated = 0 AND hypothetical = 0").fetchone()[0]
        assert agg == asserted
        assert len({r[0] for r in s.conn.execute("SELECT dict_version FROM documents")}) == 1


def test_query_commands(db):
    res = run("events", "--db", str(db), "--dyad", "USA", "RUS", "--format", "jsonl")
    assert res.exit_code == 0 and json.loads(res.stdout.splitlines()[0])["root"] == "16"
    assert "a3" in run("search", "talks Beijing", "--db", str(db)).stdout
    assert run("show", "a1", "--db", str(db)).exit_code == 0
    assert "documents: 5" in run("stats", "--db", str(db)).stdout
    assert run("show", "nope", "--db", str(db)).exit_code == 2


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "gdelt", "plover", "tsv"])
def test_exports(db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    res = run("export", "--db", str(db), "--format", fmt, "-o", str(out))
    assert res.exit_code == 0, res.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines
    if fmt == "gdelt":
        assert all(len(line.split("\t")) == 61 for line in lines)
    if fmt == "plover":
        rec = json.loads(lines[0])
        assert {"id", "date", "actor", "recipient", "event"} <= set(rec)


def test_parquet_export(db, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert run("export", "--db", str(db), "--format", "parquet", "-o", str(out)).exit_code == 0
    table = pq.read_table(out)
    with Store(db, readonly=True) as s:
        assert table.num_rows == s.stats()["asserted_events"]


def test_reader_refuses_a_non_store(tmp_path):
    f = tmp_path / "x.db"
    sqlite3.connect(f).execute("CREATE TABLE t (x)")
    with pytest.raises(SchemaError):
        Store(f, readonly=True)
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.db", readonly=True)


def test_seed_and_samples_in_a_store(tmp_path):
    need_shared()
    db = tmp_path / "demo.db"
    assert run("ingest", str(SAMPLES), str(SEED.with_suffix(".txt")), "--db", str(db), "--no-progress").exit_code == 0
    c = orbit.open(str(db))
    assert len(c.documents()) == 7
    doc = c.document("blinken-central-asia")
    assert doc["events"] and doc["actors"]


@pytest.mark.parametrize("actor", ["RUS", "UKR", "USA", "IGO", "RUSGOV"])
def test_actor_pages_match_the_unlimited_query(db, actor):
    # a limited actor query is planned as a union of both sides: it must give the same rows
    with Store(db, readonly=True) as s:
        every = [r["id"] for r in s.event_rows(EventFilter(actor=actor, include_all=True))]
        for limit in (1, 2, 100):
            page = [r["id"] for r in s.event_rows(EventFilter(actor=actor, include_all=True, limit=limit))]
            assert page == every[:limit]
        if every:
            after = [r["id"] for r in s.event_rows(EventFilter(actor=actor, limit=100, include_all=True,
                                                              after_id=every[0]))]
            assert after == every[1:101]


def test_one_writer_path():
    """Only the store package writes: no INSERT, UPDATE or DELETE is written anywhere else in orbit."""
    import re
    from pathlib import Path

    src = Path(orbit.__file__).parent
    write = re.compile(r"""["']\s*(INSERT|UPDATE|DELETE|REPLACE)\s""", re.IGNORECASE)
    writers = [f"{p.relative_to(src)}:{n}" for p in src.rglob("*.py") if "store" not in p.relative_to(src).parts[:1]
               for n, line in enumerate(p.read_text("utf-8").splitlines(), 1) if write.search(line)]
    assert writers == []


def test_clustering_writes_are_one_transaction(db):
    """Store.write_clusters commits all of a clustering or nothing (a failure mid-way leaves no cluster)."""
    from orbit.analysis.clusters import cluster_pending

    with Store(db) as s:
        s.conn.execute("DELETE FROM cluster_members")
        s.conn.execute("DELETE FROM clusters")
        event = s.conn.execute("SELECT id FROM events LIMIT 1").fetchone()[0]

        def fail_midway(writes):
            writes.create(event, source="RUS", target="UKR", root="19", root_group="force", cameo="190",
                          day="2024-03-01", reported="2024-03-01", place=None, label="x", words="x", goldstein=-10)
            raise RuntimeError("stop")

        with pytest.raises(RuntimeError):
            s.write_clusters(fail_midway)
        assert s.conn.execute("SELECT count(*) FROM clusters").fetchone()[0] == 0
        result = cluster_pending(s)
        assert result["mentions"] == s.conn.execute("SELECT count(*) FROM cluster_members").fetchone()[0] > 0
        assert not s.conn.in_transaction
