"""Faults with real processes: kill -9 during an ingest, a reader during an ingest, bad inputs."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from orbit.errors import StoreError
from orbit.store.store import Store

SENTENCES = ["{a} accused {b} of shelling border villages on Monday.", "{a} and {b} held talks on trade.",
             "{a} pledged humanitarian aid to {b}.", "{a} imposed sanctions on {b}.", "{a} criticized {b} sharply."]
COUNTRIES = ["Russia", "Ukraine", "China", "Japan", "Iran", "Israel", "Turkey", "Greece", "India", "Pakistan"]


def make_corpus(path, n):
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
            text = " ".join(s.format(a=a, b=b) for s in SENTENCES) + f" Report number {i}."
            fh.write(json.dumps({"id": f"doc{i}", "date": "2024-05-01", "text": text}) + "\n")


def orbit_cmd(*args):
    return [sys.executable, "-m", "orbit", *args]


def count_docs(db) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        conn.close()
        return n
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_kill_9_then_resume_stores_every_document_once(tmp_path):
    corpus, db = tmp_path / "c.jsonl", tmp_path / "orbit.db"
    make_corpus(corpus, 120)
    proc = subprocess.Popen(orbit_cmd("ingest", str(corpus), "--db", str(db), "--commit-every", "5", "--no-progress"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while count_docs(db) < 20 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = count_docs(db)
    assert 0 < partial < 120
    done = subprocess.run(orbit_cmd("ingest", str(corpus), "--db", str(db), "--no-progress"), capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with Store(db, readonly=True) as s:
        keys = [r[0] for r in s.conn.execute("SELECT doc_key FROM documents")]
        assert len(keys) == len(set(keys)) == 120
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # every stored document has its events: none was stored half
        empty = s.conn.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                               "(SELECT 1 FROM events e WHERE e.document_id = d.id)").fetchone()[0]
        assert empty == 0
        statuses = [r["status"] for r in s.runs()]
        assert statuses[0] == "finished" and "running" in statuses  # the killed run never finished


@pytest.mark.slow
def test_a_reader_keeps_working_during_an_ingest(tmp_path):
    corpus, db = tmp_path / "c.jsonl", tmp_path / "orbit.db"
    make_corpus(corpus, 80)
    subprocess.run(orbit_cmd("migrate", "--db", str(db)), check=True, capture_output=True)
    proc = subprocess.Popen(orbit_cmd("ingest", str(corpus), "--db", str(db), "--commit-every", "4", "--no-progress"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = []
    reader = Store(db, readonly=True)
    while proc.poll() is None:
        seen.append(reader.conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        list(reader.conn.execute("SELECT * FROM events ORDER BY id DESC LIMIT 50"))
        time.sleep(0.02)
    assert proc.returncode == 0, proc.stderr.read()
    seen.append(reader.conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    assert seen == sorted(seen) and seen[-1] == 80
    assert len(set(seen)) > 2  # the reader saw the store grow


def test_a_locked_store_waits_then_reports(tmp_path, monkeypatch):
    import orbit.store.store as store_module

    db = tmp_path / "orbit.db"
    Store(db).close()
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    s = Store(db)
    s.conn.execute("PRAGMA busy_timeout = 200")
    with pytest.raises(StoreError, match="locked by another writer"):
        s.begin_run("test", {}, {"orbit": "x", "dict": "y"})
    blocker.execute("ROLLBACK")
    assert s.begin_run("test", {}, {"orbit": "x", "dict": "y"}) > 0


def test_disk_full_mid_ingest_keeps_the_store_whole_and_resumable(tmp_path):
    """A full disk, simulated by SQLite's own page limit on the writer's connection."""
    from orbit.errors import StoreError
    from orbit.ingest import ingest
    from orbit.io import iter_documents
    from orbit.settings import load_settings

    corpus, db = tmp_path / "c.jsonl", tmp_path / "orbit.db"
    make_corpus(corpus, 40)
    settings = load_settings(commit_every=5)
    store = Store(db)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 30}")
    with pytest.raises(StoreError, match="disk is full"):
        ingest(iter_documents([corpus], settings), store, settings)
    store.close()
    with Store(db, readonly=True) as s:
        partial = s.stats()["documents"]
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        empty = s.conn.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                               "(SELECT 1 FROM events e WHERE e.document_id = d.id)").fetchone()[0]
        assert empty == 0 and partial < 40
    ingest(iter_documents([corpus], settings), Store(db), settings)  # space freed: the same command finishes
    with Store(db, readonly=True) as s:
        keys = [r[0] for r in s.conn.execute("SELECT doc_key FROM documents")]
        assert len(keys) == len(set(keys)) == 40


@pytest.mark.slow
def test_repeated_kills_at_random_points(tmp_path):
    import random

    corpus, db = tmp_path / "c.jsonl", tmp_path / "orbit.db"
    make_corpus(corpus, 100)
    rng = random.Random(7)
    for _ in range(3):
        target = count_docs(db) + rng.randint(3, 20)
        proc = subprocess.Popen(orbit_cmd("ingest", str(corpus), "--db", str(db), "--commit-every", "3",
                                          "--no-progress"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while count_docs(db) < target and time.time() < deadline and proc.poll() is None:
            time.sleep(0.02)
        time.sleep(rng.random() * 0.3)  # somewhere inside the next batch
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    subprocess.run(orbit_cmd("ingest", str(corpus), "--db", str(db), "--no-progress"), check=True,
                   capture_output=True, timeout=600)
    with Store(db, readonly=True) as s:
        keys = [r[0] for r in s.conn.execute("SELECT doc_key FROM documents")]
        assert len(keys) == len(set(keys)) == 100
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        agg = s.conn.execute("SELECT coalesce(sum(events), 0) FROM dyad_daily").fetchone()[0]
        asserted = s.conn.execute("SELECT count(*) FROM events WHERE negated = 0 AND hypothetical = 0").fetchone()[0]
        assert agg == asserted  # the aggregates were never left half-updated
