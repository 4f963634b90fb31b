"""The aggregate tables recomputed from the events table in one pass each.

The store keeps these tables in step with the events incrementally, in each writing
transaction (Store._aggregate and the triggers of the migrations); this module is the
other way to the same numbers: bulk loaders (bench/query_bench.py fills millions of
events with the triggers' work deferred) call `rebuild`, and the tests compare the
incrementally kept tables with a rebuild on a copy of the same store.
"""
from __future__ import annotations

import sqlite3


def same_day(day: str) -> str:
    return day


def month_of(day: str) -> str:
    """The month row a day YYYY-MM-DD counts in: YYYY-MM-01."""
    return day[:7] + "-01"


def year_of(day: str) -> str:
    """The year row a day YYYY-MM-DD counts in: YYYY-01-01."""
    return day[:4] + "-01-01"


# the dyad tables by period: (table, period column, the period of a day YYYY-MM-DD)
DYAD_PERIODS = (("dyad_monthly", "month", month_of), ("dyad_yearly", "year", year_of), ("dyad_totals", None, None))
# the series tables' event counts by QuadClass and by CAMEO root
SERIES_QUADS = (1, 2, 3, 4)
SERIES_ROOTS = tuple(f"{r:02d}" for r in range(1, 21))
SERIES_SPLITS = ", ".join([f"q{q}" for q in SERIES_QUADS] + [f"r{r}" for r in SERIES_ROOTS])
SERIES_PERIODS = (("series_daily", "day", same_day), ("series_monthly", "month", month_of),
                  ("series_yearly", "year", year_of))
ACTOR_PERIODS = (("actor_daily", "day", same_day), ("actor_monthly", "month", month_of),
                 ("actor_yearly", "year", year_of), ("actor_totals", None, None))

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
    "dyad_yearly":
        "INSERT INTO dyad_yearly (year, source_country, target_country, events, cooperation, conflict, goldstein_sum) "
        "SELECT substr(month, 1, 4) || '-01-01', source_country, target_country, sum(events), sum(cooperation), "
        "sum(conflict), sum(goldstein_sum) FROM dyad_monthly GROUP BY substr(month, 1, 4), source_country, "
        "target_country",
    "actor_daily":
        "INSERT INTO actor_daily (day, country, as_source, as_target) SELECT day, country, sum(as_source), "
        "sum(as_target) FROM (SELECT day, source_country AS country, events AS as_source, 0 AS as_target "
        "FROM dyad_daily WHERE source_country != '' UNION ALL SELECT day, target_country, 0, events "
        "FROM dyad_daily WHERE target_country != '') GROUP BY day, country",
    "actor_monthly":
        "INSERT INTO actor_monthly (month, country, as_source, as_target) SELECT month, country, sum(as_source), "
        "sum(as_target) FROM (SELECT month, source_country AS country, events AS as_source, 0 AS as_target "
        "FROM dyad_monthly WHERE source_country != '' UNION ALL SELECT month, target_country, 0, events "
        "FROM dyad_monthly WHERE target_country != '') GROUP BY month, country",
    "actor_yearly":
        "INSERT INTO actor_yearly (year, country, as_source, as_target) SELECT substr(month, 1, 4) || '-01-01', "
        "country, sum(as_source), sum(as_target) FROM actor_monthly GROUP BY substr(month, 1, 4), country",
    "actor_totals":
        "INSERT INTO actor_totals (country, as_source, as_target) SELECT country, sum(as_source), sum(as_target) "
        "FROM actor_monthly GROUP BY country",
    "series_daily":
        f"INSERT INTO series_daily (source_country, target_country, day, events, goldstein_sum, {SERIES_SPLITS}) "
        "SELECT source_country, target_country, day, sum(events), sum(goldstein_sum), "
        + ", ".join([f"sum(CASE WHEN quad_class = {q} THEN events ELSE 0 END)" for q in SERIES_QUADS]
                    + [f"sum(CASE WHEN root = '{r}' THEN events ELSE 0 END)" for r in SERIES_ROOTS])
        + " FROM dyad_daily WHERE source_country != '' AND target_country != '' "
          "GROUP BY source_country, target_country, day",
    "series_monthly":
        f"INSERT INTO series_monthly (source_country, target_country, month, events, goldstein_sum, {SERIES_SPLITS}) "
        "SELECT source_country, target_country, substr(day, 1, 7) || '-01', sum(events), sum(goldstein_sum), "
        + ", ".join(f"sum({c})" for c in SERIES_SPLITS.split(", "))
        + " FROM series_daily GROUP BY source_country, target_country, substr(day, 1, 7)",
    "series_yearly":
        f"INSERT INTO series_yearly (source_country, target_country, year, events, goldstein_sum, {SERIES_SPLITS}) "
        "SELECT source_country, target_country, substr(month, 1, 4) || '-01-01', sum(events), sum(goldstein_sum), "
        + ", ".join(f"sum({c})" for c in SERIES_SPLITS.split(", "))
        + " FROM series_monthly GROUP BY source_country, target_country, substr(month, 1, 4)",
    # running sums inside a period (migration 013): month-to-date at each day, year-to-date at each month
    "running_daily":
        "INSERT INTO running_daily (source_country, target_country, day, events, cooperation, conflict, goldstein_sum) "
        "SELECT source_country, target_country, day, sum(events) OVER w, sum(q1 + q2) OVER w, sum(q3 + q4) OVER w, "
        "sum(goldstein_sum) OVER w FROM series_daily "
        "WINDOW w AS (PARTITION BY source_country, target_country, substr(day, 1, 7) ORDER BY day)",
    "running_monthly":
        "INSERT INTO running_monthly (source_country, target_country, month, events, cooperation, conflict, "
        "goldstein_sum) SELECT source_country, target_country, month, sum(events) OVER w, sum(q1 + q2) OVER w, "
        "sum(q3 + q4) OVER w, sum(goldstein_sum) OVER w FROM series_monthly "
        "WINDOW w AS (PARTITION BY source_country, target_country, substr(month, 1, 4) ORDER BY month)",
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


def _upsert(table: str, keys: tuple[str, ...], sums: tuple[str, ...]) -> str:
    """INSERT of one delta row that adds its `sums` columns to the row of the same `keys`."""
    columns = (*keys, *sums)
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET " + ", ".join(f"{c} = {c} + excluded.{c}" for c in sums))


def _delete_empty(table: str, keys: tuple[str, ...], empty: str) -> str:
    return f"DELETE FROM {table} WHERE {' AND '.join(f'{k} = ?' for k in keys)} AND {empty}"


def _keys(column) -> tuple[str, ...]:
    return ("source_country", "target_country") if column is None else (column, "source_country", "target_country")


_DYAD_SUMS = ("events", "cooperation", "conflict", "goldstein_sum")
_ACTOR_SUMS = ("as_source", "as_target")
_SERIES_SUMS = ("events", "goldstein_sum", *SERIES_SPLITS.split(", "))
# the statements of `apply`, written once: (table, upsert, delete of an emptied row)
_DAILY = ("INSERT INTO dyad_daily (day, source_country, target_country, root, quad_class, events, goldstein_sum) "
          "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_country, target_country, day, root) DO UPDATE SET "
          "events = events + excluded.events, goldstein_sum = goldstein_sum + excluded.goldstein_sum",
          _delete_empty("dyad_daily", ("day", "source_country", "target_country", "root"), "events <= 0"))
_DYADS = {table: (_upsert(table, _keys(column), _DYAD_SUMS), _delete_empty(table, _keys(column), "events <= 0"))
          for table, column, _ in DYAD_PERIODS}
_ACTORS = {table: (_upsert(table, ("country",) if column is None else (column, "country"), _ACTOR_SUMS),
                   _delete_empty(table, ("country",) if column is None else (column, "country"),
                                 "as_source <= 0 AND as_target <= 0"))
           for table, column, _ in ACTOR_PERIODS}
_SERIES = {table: (_upsert(table, ("source_country", "target_country", column), _SERIES_SUMS),
                   _delete_empty(table, ("source_country", "target_country", column), "events <= 0"))
           for table, column, _ in SERIES_PERIODS}


def _running(table: str, column: str, series: str) -> tuple[str, str, str]:
    """The statements keeping a running-sum table (migration 013) in step, each with named
    values s, t (the pair), k (the day or month), first (the period's first key), end (a key
    after the period's last) and the deltas e, co, cf, g: insert the row of k when it is
    missing, with the running sums of the pair's last row before it in the period (or zeros);
    add the deltas to it and every later row of the period; delete the row of k when its
    series row is gone (a removal emptied it)."""
    sums = "events, cooperation, conflict, goldstein_sum"
    pair = "source_country = :s AND target_country = :t"
    insert = (f"INSERT OR IGNORE INTO {table} (source_country, target_country, {column}, {sums}) "
              f"SELECT :s, :t, :k, {sums} FROM (SELECT 0 AS o, {sums} FROM (SELECT {sums} FROM {table} "
              f"WHERE {pair} AND {column} >= :first AND {column} < :k ORDER BY {column} DESC LIMIT 1) "
              f"UNION ALL SELECT 1, 0, 0, 0, 0.0) ORDER BY o LIMIT 1")
    update = (f"UPDATE {table} SET events = events + :e, cooperation = cooperation + :co, conflict = conflict + :cf, "
              f"goldstein_sum = goldstein_sum + :g WHERE {pair} AND {column} >= :k AND {column} < :end")
    delete = (f"DELETE FROM {table} WHERE {pair} AND {column} = :k AND NOT EXISTS "
              f"(SELECT 1 FROM {series} WHERE {pair} AND {column} = :k)")
    return insert, update, delete


# (table, period of a day, the period's first key, a key after its last (days sort below
# "-32", months below "-13"), its statements)
_RUNNING = (("running_daily", same_day, lambda day: day[:8] + "01", lambda day: day[:8] + "32",
             _running("running_daily", "day", "series_daily")),
            ("running_monthly", month_of, year_of, lambda day: day[:5] + "13",
             _running("running_monthly", "month", "series_monthly")))
_SPLIT_INDEX = {**{f"q{q}": i for i, q in enumerate(SERIES_QUADS)},
                **{f"r{r}": len(SERIES_QUADS) + i for i, r in enumerate(SERIES_ROOTS)}}


def apply(conn: sqlite3.Connection, rows: list[dict], sign: int) -> None:
    """Add (+1) or remove (-1) the asserted ones of `rows` (event rows: day, source_country,
    target_country, root, quad_class, goldstein, negated, hypothetical) to or from every dyad,
    actor and series aggregate, inside the caller's transaction; rows a removal empties are
    deleted. One executemany per table, in the events' order (so each row's sums add up in
    the same order as one statement per event would)."""
    asserted = [e for e in rows if not (e["negated"] or e["hypothetical"])]
    if not asserted:
        return
    statements = {**_DYADS, **_ACTORS, **_SERIES}
    daily, daily_empty = [], []
    # the known pairs' deltas by (source, target, day): [events, cooperation, conflict, goldstein]
    running: dict[tuple[str, str, str], list] = {}
    deltas: dict[str, list] = {table: [] for table in statements}
    empties: dict[str, list] = {table: [] for table in statements}
    for e in asserted:
        source, target, day = e["source_country"] or "", e["target_country"] or "", e["day"]
        goldstein = sign * e["goldstein"]
        daily.append((day, source, target, e["root"], e["quad_class"], sign, goldstein))
        daily_empty.append((day, source, target, e["root"]))
        coop = sign if e["quad_class"] <= 2 else 0
        for table, column, period in DYAD_PERIODS:
            keys = (source, target) if column is None else (period(day), source, target)
            deltas[table].append((*keys, sign, coop, sign - coop, goldstein))
            empties[table].append(keys)
        for country, side in ((source, (sign, 0)), (target, (0, sign))):
            if country:
                for table, column, period in ACTOR_PERIODS:
                    keys = (country,) if column is None else (period(day), country)
                    deltas[table].append((*keys, *side))
                    empties[table].append(keys)
        if source and target:
            splits = [0] * len(_SPLIT_INDEX)
            for name in (f"q{e['quad_class']}", f"r{e['root']}"):
                if name in _SPLIT_INDEX:
                    splits[_SPLIT_INDEX[name]] = sign
            for table, column, period in SERIES_PERIODS:
                keys = (source, target, period(day))
                deltas[table].append((*keys, sign, goldstein, *splits))
                empties[table].append(keys)
            delta = running.setdefault((source, target, day), [0, 0, 0, 0.0])
            delta[0] += sign
            delta[1] += coop
            delta[2] += sign - coop
            delta[3] += goldstein
    conn.executemany(_DAILY[0], daily)
    for table, params in deltas.items():
        if params:
            conn.executemany(statements[table][0], params)
    _apply_running(conn, running, sign)
    if sign > 0:
        return
    # rows emptied by the removal go, looked up by key (a scan per re-coded document would
    # grow with the store)
    conn.executemany(_DAILY[1], daily_empty)
    for table, keys in empties.items():
        if keys:
            conn.executemany(statements[table][1], keys)
    for table, period, _, _, (_, _, delete) in _RUNNING:
        conn.executemany(delete, [{"s": s, "t": t, "k": k} for s, t, k in
                                  dict.fromkeys((s, t, period(day)) for s, t, day in running)])


def _apply_running(conn: sqlite3.Connection, running: dict, sign: int) -> None:
    """Add the known pairs' deltas by day to the running sums (migration 013): every row is
    inserted (from the pair's running sums before the batch) before any delta is added, so
    each row ends with the sums of everything before it in its period."""
    for table, period, first, end, (insert, update, _) in _RUNNING:
        by_key: dict[tuple[str, str, str], list] = {}
        for (s, t, day), delta in running.items():
            total = by_key.setdefault((s, t, period(day)), [0, 0, 0, 0.0, day])
            for i in range(4):
                total[i] += delta[i]
        if sign > 0:
            conn.executemany(insert, [{"s": s, "t": t, "k": k, "first": first(v[4])}
                                      for (s, t, k), v in by_key.items()])
        conn.executemany(update, [{"s": s, "t": t, "k": k, "end": end(v[4]), "e": v[0], "co": v[1], "cf": v[2],
                                   "g": v[3]} for (s, t, k), v in by_key.items()])
