"""The aggregate tables recomputed from the events table in one pass each.

The store keeps these tables in step with the events incrementally, in each writing
transaction (Store._aggregate and the triggers of the migrations); this module is the
other way to the same numbers: bulk loaders (bench/query_bench.py fills millions of
events with the triggers' work deferred) call `rebuild`, and the tests compare the
incrementally kept tables with a rebuild on a copy of the same store.
"""
from __future__ import annotations

import sqlite3

# table -> the statement that refills it from the events (or from a table refilled before it)
REBUILDS: dict[str, str] = {
    "dyad_daily":
        "INSERT INTO dyad_daily (day, source_country, target_country, root, quad_class, events, goldstein_sum) "
        "SELECT day, coalesce(source_country, ''), coalesce(target_country, ''), root, min(quad_class), count(*), "
        "sum(goldstein) FROM events WHERE negated = 0 AND hypothetical = 0 "
        "GROUP BY coalesce(source_country, ''), coalesce(target_country, ''), day, root",
    "dyad_monthly":
        "INSERT INTO dyad_monthly (month, source_country, target_country, events, cooperation, conflict, "
        "goldstein_sum) SELECT substr(day, 1, 7) || '-01', source_country, target_country, sum(events), "
        "sum(CASE WHEN quad_class <= 2 THEN events ELSE 0 END), sum(CASE WHEN quad_class >= 3 THEN events ELSE 0 END), "
        "sum(goldstein_sum) FROM dyad_daily GROUP BY substr(day, 1, 7), source_country, target_country",
    "dyad_totals":
        "INSERT INTO dyad_totals (source_country, target_country, events, cooperation, conflict, goldstein_sum) "
        "SELECT source_country, target_country, sum(events), sum(cooperation), sum(conflict), sum(goldstein_sum) "
        "FROM dyad_monthly GROUP BY source_country, target_country",
    "document_events":
        "INSERT INTO document_events (document_id, events) SELECT document_id, count(*) FROM events "
        "WHERE negated = 0 AND hypothetical = 0 GROUP BY document_id",
}


def rebuild(conn: sqlite3.Connection, tables: tuple[str, ...] = tuple(REBUILDS)) -> None:
    """Empty and refill the given aggregate tables from the events, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in tables:
            conn.execute(f"DELETE FROM {table}")
            conn.execute(REBUILDS[table])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
