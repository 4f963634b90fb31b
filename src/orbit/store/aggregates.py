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

# the running sums' integer keys (migration 014): a pair's rows lie in [pair_base, pair_base + PERIOD_END)
SOURCE_SHIFT, TARGET_SHIFT = 45, 27
PERIOD_END = 1 << TARGET_SHIFT  # above every YYYYMMDD
# a pair's total, kept under the last key of its range in pair_months (after every month)
TOTAL = PERIOD_END - 1
MAX_COUNTRY_ID = (1 << (SOURCE_SHIFT - TARGET_SHIFT)) - 1
# the key of a day or month (YYYY-MM-DD) of the pair whose country_ids rows are a and b
_PAIR_KEY = f"(a.id << {SOURCE_SHIFT}) + (b.id << {TARGET_SHIFT}) + CAST(replace({{period}}, '-', '') AS INTEGER)"


def pair_base(source_id: int, target_id: int) -> int:
    """The key of a pair's rows before its day (or month) is added (migration 014)."""
    return (source_id << SOURCE_SHIFT) + (target_id << TARGET_SHIFT)


def day_number(day: str) -> int:
    """YYYY-MM-DD -> YYYYMMDD, the period part of a running-sum key (in date order)."""
    return int(day[:4] + day[5:7] + day[8:10])


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
    # the countries' ids in the running sums' keys (migration 014): given once, so a rebuild
    # only adds the missing ones (rebuild never empties this table); the countries of pairs
    # with both sides known, as the writer gives them ("Italy said" alone has no running sums)
    "country_ids":
        "INSERT OR IGNORE INTO country_ids (country) SELECT country FROM (SELECT source_country AS country "
        "FROM series_daily WHERE source_country != '' AND target_country != '' UNION SELECT target_country "
        "FROM series_daily WHERE source_country != '' AND target_country != '') ORDER BY country",
    # running sums (migration 014): month-to-date at each day, everything up to each month
    "pair_days":
        "INSERT INTO pair_days (k, events, cooperation, conflict, goldstein_sum) "
        f"SELECT {_PAIR_KEY.format(period='r.day')}, r.e, r.co, r.cf, r.g FROM (SELECT source_country AS s, "
        "target_country AS t, day, sum(events) OVER w AS e, sum(q1 + q2) OVER w AS co, sum(q3 + q4) OVER w AS cf, "
        "sum(goldstein_sum) OVER w AS g FROM series_daily "
        "WINDOW w AS (PARTITION BY source_country, target_country, substr(day, 1, 7) ORDER BY day)) r "
        "JOIN country_ids a ON a.country = r.s JOIN country_ids b ON b.country = r.t",
    "pair_months":
        "INSERT INTO pair_months (k, events, cooperation, conflict, goldstein_sum) "
        f"SELECT {_PAIR_KEY.format(period='r.month')}, r.e, r.co, r.cf, r.g FROM (SELECT source_country AS s, "
        "target_country AS t, month, sum(events) OVER w AS e, sum(q1 + q2) OVER w AS co, sum(q3 + q4) OVER w AS cf, "
        "sum(goldstein_sum) OVER w AS g FROM series_monthly "
        "WINDOW w AS (PARTITION BY source_country, target_country ORDER BY month) "
        f"UNION ALL SELECT source_country, target_country, '{TOTAL}', sum(events), sum(q1 + q2), sum(q3 + q4), "
        "sum(goldstein_sum) FROM series_monthly GROUP BY source_country, target_country) r "
        "JOIN country_ids a ON a.country = r.s JOIN country_ids b ON b.country = r.t",
    "document_events":
        "INSERT INTO document_events (document_id, events) SELECT document_id, count(*) FROM events "
        "WHERE negated = 0 AND hypothetical = 0 GROUP BY document_id",
}


# refilled by adding what is missing, never emptied: the running sums' keys hold the ids
KEPT = frozenset({"country_ids"})


def rebuild(conn: sqlite3.Connection, tables: tuple[str, ...] = tuple(REBUILDS)) -> None:
    """Empty and refill the given aggregate tables from the events, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in tables:
            if table not in KEPT:
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


def _running(table: str, series: str, column: str) -> tuple[str, str, str]:
    """The statements keeping a running-sum table (migration 014) in step, each with named
    values k (the row's key), first (the first key its sums carry from: the month's 1st for
    a day, the pair's first key for a month), end (a key after the last row the row's
    events reach), the deltas e, co, cf, g, and s, t, p (the pair and the day or month, for
    the series row): insert the row of k when it is missing, with the sums of the pair's
    last row in [first, k) (or zeros); add the deltas to it and every later row before end;
    delete the row of k when its series row is gone (a removal emptied it, so its sums
    equal the row before it)."""
    sums = "events, cooperation, conflict, goldstein_sum"
    insert = (f"INSERT OR IGNORE INTO {table} (k, {sums}) "
              f"SELECT :k, {sums} FROM (SELECT 0 AS o, {sums} FROM (SELECT {sums} FROM {table} "
              f"WHERE k >= :first AND k < :k ORDER BY k DESC LIMIT 1) "
              f"UNION ALL SELECT 1, 0, 0, 0, 0.0) ORDER BY o LIMIT 1")
    update = (f"UPDATE {table} SET events = events + :e, cooperation = cooperation + :co, conflict = conflict + :cf, "
              f"goldstein_sum = goldstein_sum + :g WHERE k >= :k AND k < :end")
    delete = (f"DELETE FROM {table} WHERE k = :k AND NOT EXISTS (SELECT 1 FROM {series} "
              f"WHERE source_country = :s AND target_country = :t AND {column} = :p)")
    return insert, update, delete


# (table, period of a day, the first and the end offsets of what a row carries and reaches
# from the day, its statements): a day row carries from its month's 1st and reaches its
# month's end (YYYYMM32); a month row carries everything of the pair before it and reaches
# every later month
_RUNNING = (("pair_days", same_day, lambda day: day_number(day[:8] + "01"), lambda day: day_number(day[:8] + "32"),
             _running("pair_days", "series_daily", "day")),
            ("pair_months", month_of, lambda day: 0, lambda day: PERIOD_END,
             _running("pair_months", "series_monthly", "month")))
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
    tables, totals = _running_rows(conn, running) if running else ([], [])
    _apply_running(conn, tables, totals, sign)
    if sign > 0:
        return
    # rows emptied by the removal go, looked up by key (a scan per re-coded document would
    # grow with the store)
    conn.executemany(_DAILY[1], daily_empty)
    for table, keys in empties.items():
        if keys:
            conn.executemany(statements[table][1], keys)
    for (_, _, delete), rows in tables:
        conn.executemany(delete, rows)
    conn.executemany("DELETE FROM pair_months WHERE k = :k AND events <= 0", totals)  # no events left


def _country_ids(conn: sqlite3.Connection, countries: set[str]) -> dict[str, int]:
    """The ids of `countries` in the running sums' keys, given to new ones (migration 014)."""
    conn.executemany("INSERT OR IGNORE INTO country_ids (country) VALUES (?)", [(c,) for c in sorted(countries)])
    marks = ", ".join("?" * len(countries))
    ids = dict(conn.execute(f"SELECT country, id FROM country_ids WHERE country IN ({marks})", sorted(countries)))
    if max(ids.values()) > MAX_COUNTRY_ID:  # the keys' parts would overlap
        raise ValueError(f"more than {MAX_COUNTRY_ID} countries: the running sums' keys cannot hold them")
    return ids


def _running_rows(conn: sqlite3.Connection, running: dict) -> tuple[list, list]:
    """Per running-sum table, its statements and each touched row's values: {k, first, end,
    s, t, p, e, co, cf, g} with the batch's deltas summed by row; and each touched pair's
    total row {k, first}."""
    ids = _country_ids(conn, {c for s, t, _ in running for c in (s, t)})
    out = []
    for _, period, first, end, statements in _RUNNING:
        by_key: dict[int, dict] = {}
        for (s, t, day), delta in running.items():
            base = pair_base(ids[s], ids[t])
            p = period(day)
            row = by_key.setdefault(base + day_number(p), {"k": base + day_number(p), "first": base + first(day),
                                                           "end": base + end(day), "s": s, "t": t, "p": p,
                                                           "e": 0, "co": 0, "cf": 0, "g": 0.0})
            row["e"] += delta[0]
            row["co"] += delta[1]
            row["cf"] += delta[2]
            row["g"] += delta[3]
        out.append((statements, list(by_key.values())))
    # each pair's total (pair_months, under TOTAL): the month rows' update reaches it
    totals = [{"k": base + TOTAL, "first": base}
              for base in dict.fromkeys(pair_base(ids[s], ids[t]) for s, t, _ in running)]
    return out, totals


def _apply_running(conn: sqlite3.Connection, tables: list, totals: list, sign: int) -> None:
    """Add the known pairs' deltas (`_running_rows`) to the running sums (migration 014):
    every row is inserted (from the pair's running sums before the batch) before any delta
    is added, so each row ends with the sums of everything it carries; a new pair's total
    first, while its last row is still the one before the batch."""
    if sign > 0:
        conn.executemany(_RUNNING[1][4][0], totals)
        for (insert, _, _), rows in tables:
            conn.executemany(insert, rows)
    for (_, update, _), rows in tables:
        conn.executemany(update, rows)
