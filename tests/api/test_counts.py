"""The `counts` table behind /api/stats: built by migration 005 for an existing store, and
kept by triggers through inserts, re-coding and deletes."""
from __future__ import annotations

import re
import shutil
import sqlite3
from importlib import resources

from orbit.store.store import Store


def direct_counts(conn) -> dict:
    one = lambda sql: conn.execute(sql).fetchone()[0]
    out = {t: one(f"SELECT count(*) FROM {t}")
           for t in ("documents", "events", "actors", "quotes", "places", "runs", "clusters", "stories")}
    out["asserted_events"] = one("SELECT count(*) FROM events WHERE negated = 0 AND hypothetical = 0")
    out["events_by_root"] = {r[0]: r[1] for r in conn.execute(
        "SELECT root, count(*) FROM events WHERE negated = 0 AND hypothetical = 0 GROUP BY root ORDER BY root")}
    out["warnings"] = one("SELECT count(*) FROM errors WHERE code LIKE 'W%'")
    out["errors"] = one("SELECT count(*) FROM errors WHERE code NOT LIKE 'W%'")
    out["dict_versions"] = {r[0]: r[1] for r in conn.execute(
        "SELECT dict_version, count(*) FROM documents GROUP BY dict_version ORDER BY dict_version")}
    return out


def stats_counts(store: Store) -> dict:
    stats = store.stats()
    return {k: stats[k] for k in direct_counts(store.conn)}


def test_migration_builds_the_counts_of_an_older_store(api_db, tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(api_db, db)
    conn = sqlite3.connect(db, isolation_level=None)
    # back to schema 4: what migration 005 added goes away
    sql = (resources.files("orbit.store") / "migrations" / "005_counts.sql").read_text(encoding="utf-8")
    for kind, name in re.findall(r"CREATE (INDEX|TRIGGER) (\w+)", sql):
        conn.execute(f"DROP {kind} {name}")
    conn.execute("DROP TABLE counts")
    conn.execute("PRAGMA user_version = 4")
    conn.close()
    with Store(db) as s:
        assert s.schema_version >= 5
        assert stats_counts(s) == direct_counts(s.conn)


def test_counts_follow_recoding_and_deletes(api_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(api_db, db)
    with Store(db) as s:
        doc = s.conn.execute("SELECT document_id FROM events GROUP BY document_id ORDER BY count(*) DESC LIMIT 1"
                             ).fetchone()[0]
        s.conn.execute("BEGIN")
        s.conn.execute("UPDATE events SET negated = 1 - negated WHERE document_id = ?", (doc,))
        s.conn.execute("UPDATE documents SET dict_version = 'other' WHERE id = ?", (doc,))
        s.conn.execute("COMMIT")
        assert stats_counts(s) == direct_counts(s.conn)
        s.conn.execute("BEGIN")
        s.conn.execute("DELETE FROM cluster_members")
        s.conn.execute("DELETE FROM clusters")
        s.conn.execute("DELETE FROM documents WHERE id = ?", (doc,))
        s.conn.execute("DELETE FROM errors WHERE id = (SELECT min(id) FROM errors)")
        s.conn.execute("COMMIT")
        counts = stats_counts(s)
        assert counts == direct_counts(s.conn)
        assert counts["clusters"] == 0 and doc not in {r[0] for r in s.conn.execute("SELECT document_id FROM events")}
