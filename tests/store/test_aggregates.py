"""Issue 19: every aggregate table the store keeps in its writing transactions equals the
same table recomputed from the events (orbit.store.aggregates.rebuild, on a copy of the
store) after an ingest, a re-coding that changes the codes, and a re-coding that removes
a document's events; and the API reads that use them answer as the scans they replace."""
from __future__ import annotations

import sqlite3
from datetime import date

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
