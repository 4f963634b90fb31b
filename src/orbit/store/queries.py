"""Event filters shared by the CLI, the Python API and the HTTP API, compiled to SQL, and
the HTTP API's other reads (document pages, top lists, dyad series, the map).

Every value reaches SQLite as a bound parameter; column names come only from the
fixed lists here. Bad values raise `QueryError` with a message that says what is wrong.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Optional


from ..errors import QueryError
from .aggregates import SERIES_SPLITS, SOURCE_SHIFT, TARGET_SHIFT, TOTAL, day_number, pair_base

CODE = re.compile(r"^[A-Za-z0-9-]{1,15}$")
CAMEO = re.compile(r"^\d{2,4}$")
COUNTRY = re.compile(r"^[A-Za-z]{3}$")
MAX_LIMIT = 100_000


# a document's row id, written "#N" wherever a document key is expected
ROW_REF = re.compile(r"#(\d{1,18})")


def row_ref(key: str) -> Optional[int]:
    """N for "#N" (a row id), None for a document key."""
    m = ROW_REF.fullmatch(key.strip())
    return int(m.group(1)) if m else None


@dataclass
class EventFilter:
    actor: Optional[str] = None  # a country (USA) or actor code prefix (USAGOV) on either side
    source: Optional[str] = None
    target: Optional[str] = None
    code: Optional[str] = None  # CAMEO code prefix: "04", "043", "0431"
    root: Optional[str] = None
    quad_class: Optional[int] = None
    since: Optional[str] = None  # YYYY-MM-DD (event day)
    until: Optional[str] = None
    document: Optional[str] = None  # document key, or "#N" for row id N
    text: Optional[str] = None  # full-text query over the documents
    include_all: bool = False  # also negated and hypothetical events
    min_confidence: Optional[float] = None
    limit: Optional[int] = None
    after_id: Optional[int] = None  # cursor: events with a larger id
    extra: dict = field(default_factory=dict)

    def validate(self) -> "EventFilter":
        for name in ("actor", "source", "target"):
            value = getattr(self, name)
            if value is not None and not CODE.match(value):
                raise QueryError(f"{name} must be a country or actor code such as USA or USAGOV, not {value!r}")
        if self.code is not None and not CAMEO.match(self.code):
            raise QueryError(f"code must be a CAMEO code of 2 to 4 digits, not {self.code!r}")
        if self.root is not None and not re.match(r"^\d{2}$", self.root):
            raise QueryError(f"root must be two digits (01..20), not {self.root!r}")
        if self.quad_class is not None and self.quad_class not in (1, 2, 3, 4):
            raise QueryError("quad class must be 1, 2, 3 or 4")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                try:
                    date.fromisoformat(value)
                except (TypeError, ValueError):
                    raise QueryError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None
        if self.limit is not None and not (0 < self.limit <= MAX_LIMIT):
            raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
        if self.text is not None and not self.text.strip():
            raise QueryError("the text query is empty")
        return self


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    from ..resources import iter_jsonl

    return frozenset(c for rec in iter_jsonl("actors/countries.jsonl") for c in (rec.get("cameo"), rec.get("iso3")) if c)


def _side(column_prefix: str, value: str) -> tuple[str, list]:
    value = value.upper()
    if value in country_codes():
        # a plain equality lets SQLite walk the country indexes in id order
        return f"{column_prefix}_country = ?", [value]
    # a code prefix as a range over the (upper-case) codes, which their index can search
    upper = value[:-1] + chr(ord(value[-1]) + 1)
    if COUNTRY.match(value):
        # a user-defined country, or a three-letter prefix such as IGO whose actors have no country
        return (f"({column_prefix}_country = ? OR ({column_prefix}_code >= ? AND {column_prefix}_code < ?))",
                [value, value, upper])
    return f"{column_prefix}_code >= ? AND {column_prefix}_code < ?", [value, upper]


def fts_query(text: str) -> str:
    """User text -> an FTS5 query of quoted terms (no FTS syntax reaches SQLite from users)."""
    terms = re.findall(r"\w+", text, flags=re.UNICODE)
    if not terms:
        raise QueryError("the text query has no words")
    return " ".join('"' + t.replace('"', "") + '"' for t in terms[:32])


def event_where(f: EventFilter, actor_side: Optional[str] = None) -> tuple[str, list]:
    """The WHERE clause; `actor_side` ("source" or "target") matches the actor on that side only."""
    f.validate()
    clauses, params = [], []
    # with a document or text filter the events come from the document's own index; a
    # unary + keeps SQLite from walking a broad index (a QuadClass, a root) instead
    e = "+e." if f.document or f.text else "e."
    if f.actor and actor_side:
        c, p = _side(f"{e}{actor_side}", f.actor)
        clauses.append(c)
        params += p
    elif f.actor:
        a, pa = _side(f"{e}source", f.actor)
        b, pb = _side(f"{e}target", f.actor)
        clauses.append(f"({a} OR {b})")
        params += pa + pb
    if f.source:
        c, p = _side(f"{e}source", f.source)
        clauses.append(c)
        params += p
    if f.target:
        c, p = _side(f"{e}target", f.target)
        clauses.append(c)
        params += p
    if f.code:
        # a prefix as a range (the codes are digits), which the cameo index can search; a
        # two-digit code is its root, whose (root, id) index also gives the id order
        if len(f.code) == 2 and not f.root:
            clauses.append(f"{e}root = ?")
            params.append(f.code)
        else:
            clauses.append(f"{e}cameo >= ? AND {e}cameo < ?")
            params += [f.code, f.code[:-1] + chr(ord(f.code[-1]) + 1)]
    if f.root:
        clauses.append(f"{e}root = ?")
        params.append(f.root)
    if f.quad_class:
        clauses.append(f"{e}quad_class = ?")
        params.append(f.quad_class)
    if f.since or f.until:
        # always both ends: SQLite searches the day index for a window, where a one-sided
        # range made it walk the whole table in id order
        clauses.append(f"{e}day >= ? AND {e}day <= ?")
        params += [f.since or "0000-01-01", f.until or "9999-12-31"]
    if f.document:
        n = row_ref(str(f.document))
        if n is None:
            clauses.append("d.doc_key = ?")
            params.append(str(f.document))
        else:  # "#N": row N, unless a document's key is literally "#N"
            clauses.append("(d.doc_key = ? OR (d.id = ? AND NOT EXISTS "
                           "(SELECT 1 FROM documents k WHERE k.doc_key = ?)))")
            params += [str(f.document), n, str(f.document)]
    if f.text:
        clauses.append("e.document_id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        params.append(fts_query(f.text))
    if f.min_confidence is not None:
        clauses.append("e.confidence >= ?")
        params.append(float(f.min_confidence))
    if f.after_id is not None or not clauses:
        # no filter but the modality: the id range lets SQLite walk the table from the cursor
        # and stop at the LIMIT (a plan that says so, instead of a table scan)
        clauses.append("e.id > ?")
        params.append(int(f.after_id or 0))
    if not f.include_all:
        clauses.insert(0, "e.negated = 0 AND e.hypothetical = 0")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


EVENT_COLUMNS = ("SELECT e.*, d.doc_key, d.title AS doc_title, d.url AS doc_url, d.date AS doc_date "
                 "FROM events e JOIN documents d ON d.id = e.document_id")


def limit_sql(limit: int) -> str:
    """` LIMIT n` with n written into the SQL: SQLite plans a literal limit (an index that
    stops after n rows) where a bound `LIMIT ?` can make it choose a scan of the table."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not (0 < limit <= MAX_LIMIT):
        raise QueryError(f"limit must be an integer between 1 and {MAX_LIMIT}")
    return f" LIMIT {limit}"


def event_query(f: EventFilter) -> tuple[str, list]:
    if f.actor and f.limit:
        # "either side" as one OR makes SQLite merge both sides' rows and sort them all
        # (seconds for a frequent actor in 10M events); two id-ordered, limited halves
        # from the (country, id) indexes, then a union, stay in milliseconds
        halves, params = [], []
        limit = limit_sql(f.limit)
        for side in ("source", "target"):
            where, p = event_where(f, side)
            halves.append(f"SELECT id FROM (SELECT e.id FROM events e JOIN documents d ON d.id = e.document_id"
                          f"{where} ORDER BY e.id{limit})")
            params += p
        return f"{EVENT_COLUMNS} WHERE e.id IN ({' UNION '.join(halves)}) ORDER BY e.id{limit}", params
    where, params = event_where(f)
    if f.limit and _root_window(f):
        # the page's ids first, sorted from events_root_asserted (migration 015) without
        # fetching the window's rows, then those rows
        limit = limit_sql(f.limit)
        return (f"{EVENT_COLUMNS} WHERE e.id IN (SELECT e.id FROM events e{where} ORDER BY e.id{limit}) "
                f"ORDER BY e.id{limit}"), params
    sql = f"{EVENT_COLUMNS}{where} ORDER BY e.id"
    if f.limit:
        sql += limit_sql(f.limit)
    return sql, params


def _root_window(f: EventFilter) -> bool:
    """Asserted events of one root in a window, and nothing the partial index
    events_root_asserted (root, day, id) does not hold."""
    root = f.root or (f.code if f.code and len(f.code) == 2 else None)
    return bool(root and (f.since or f.until) and not (f.include_all or f.actor or f.source or f.target or f.quad_class
                                                        or f.document or f.text or f.min_confidence is not None
                                                        or (f.code and f.root)))


# ------------------------------------------------------------------ the HTTP API's other reads
# The reads the API makes besides the store's own read methods: the routes only validate
# and shape, so no SQL lives in api/ (tests/api/test_query_plans.py plans each one).
def store_version(conn) -> tuple[int, int]:
    """The store's write stamp (migration 006): (writes counted, Unix time of the last)."""
    row = conn.execute("SELECT n, at FROM store_version").fetchone()
    return (row[0], row[1]) if row else (0, 0)


def document_page(conn, cursor: Optional[int], limit: int) -> list:
    """The newest documents (before row id `cursor`), each with its asserted events (kept per
    document in document_events, migration 008: counting them here grew with the document)."""
    where, params = ("WHERE d.id < ?", [cursor]) if cursor is not None else ("", [])
    return conn.execute(
        f"SELECT d.id, d.doc_key, d.title, d.date, d.date_source, d.url, d.source, "
        f"coalesce((SELECT n.events FROM document_events n WHERE n.document_id = d.id), 0) AS events "
        f"FROM documents d {where} ORDER BY d.id DESC{limit_sql(limit)}", params).fetchall()


def cluster_by_id(conn, cluster_id: int):
    return conn.execute("SELECT * FROM clusters WHERE id = ?", (cluster_id,)).fetchone()


def document_by_hash(conn, content_hash: str):
    return conn.execute("SELECT id, doc_key FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()


def document_event_count(conn, document_id: int) -> int:
    """All events of a document, negated and hypothetical ones included (as coded)."""
    return conn.execute("SELECT count(*) FROM events WHERE document_id = ?", (document_id,)).fetchone()[0]


def window(since: Optional[str], until: Optional[str]) -> tuple[str, str]:
    """[since, until] as ISO dates, open ends closed with the earliest and latest days."""
    try:
        s = date.fromisoformat(since).isoformat() if since else "0001-01-01"
        u = date.fromisoformat(until).isoformat() if until else "9999-12-31"
    except ValueError:
        raise QueryError("dates must be YYYY-MM-DD") from None
    return s, u


def place_rows(conn, since: Optional[str], until: Optional[str], limit: int) -> tuple[list, list]:
    """The map: places named in documents of the window (by mentions) and the newest placed
    asserted events of the window."""
    s, u = window(since, until)
    places = conn.execute(
        "SELECT p.name, p.country, p.lat, p.lon, p.geonameid, count(DISTINCT p.document_id) AS documents, "
        "count(*) AS mentions FROM places p JOIN documents d ON d.id = p.document_id "
        "WHERE p.lat IS NOT NULL AND d.date BETWEEN ? AND ? GROUP BY p.name, p.country, p.lat, p.lon "
        f"ORDER BY mentions DESC{limit_sql(limit)}", (s, u)).fetchall()
    events = conn.execute(
        "SELECT e.place_json, e.root, e.quad_class, e.id FROM events e WHERE e.place_json IS NOT NULL "
        "AND e.negated = 0 AND e.hypothetical = 0 AND e.day BETWEEN ? AND ? ORDER BY e.id DESC"
        f"{limit_sql(limit)}", (s, u)).fetchall()
    return places, events


# Top lists and series read the dyad aggregates (dyad_daily, dyad_monthly, dyad_yearly,
# dyad_totals and the per-country actor_* tables), which the store keeps in step with the
# events. analysis/series.py runs the CLI's queries and returns DataFrames; these return
# plain rows for the API (no pandas per request).
WINDOW_COLUMNS = "(source_country, target_country, events, cooperation, conflict, goldstein_sum)"
_DYAD_COLUMNS = "SELECT source_country, target_country, events, cooperation, conflict, goldstein_sum"
_DAILY = ("SELECT source_country, target_country, events, CASE WHEN quad_class <= 2 THEN events ELSE 0 END, "
          "CASE WHEN quad_class >= 3 THEN events ELSE 0 END, goldstein_sum FROM dyad_daily")
# after every period key (an open end)
_END = "9999-99-99"


@dataclass(frozen=True)
class WindowParts:
    """A window [since, until] cut into the coarsest periods the aggregates keep: whole
    years [first, end), whole months [first, end) on either side of them, and the days of
    the partial months at either end [first, last]; or all time."""
    everything: bool = False
    years: Optional[tuple[str, str]] = None
    months: tuple[tuple[str, str], ...] = ()
    days: tuple[tuple[str, str], ...] = ()

    def single(self) -> Optional[tuple[str, Optional[str]]]:
        """("all", None), ("year", YYYY-01-01) or ("month", YYYY-MM-01) when the window is exactly
        one such period (its rows need no summing), else None."""
        if self.everything:
            return "all", None
        if self.days:
            return None
        if self.years and not self.months and self.years[1] == _next_year(self.years[0]):
            return "year", self.years[0]
        if not self.years and len(self.months) == 1 and self.months[0][1] == _next_month(self.months[0][0]):
            return "month", self.months[0][0]
        return None


def _next_month(first: str) -> str:
    y, m = int(first[:4]), int(first[5:7])
    if y >= 9999 and m == 12:
        return _END
    return f"{y + 1:04d}-01-01" if m == 12 else f"{y:04d}-{m + 1:02d}-01"


def _next_year(first: str) -> str:
    return _END if int(first[:4]) >= 9999 else f"{int(first[:4]) + 1:04d}-01-01"


def window_parts(since: str, until: str) -> WindowParts:
    """[since, until] (ISO days, as `window` gives them) in years, months and days."""
    if since <= "0001-01-01" and until >= "9999-12-31":
        return WindowParts(everything=True)
    first_month = since if since[8:] == "01" else _next_month(since[:8] + "01")
    if until >= "9999-12-31":
        after_months = _END
    else:
        nxt = _next_month(until[:8] + "01")
        after_months = nxt if (date.fromisoformat(until) + timedelta(days=1)).isoformat() == nxt else until[:8] + "01"
    if first_month >= after_months:  # less than one whole month: days only
        return WindowParts(days=((since, until),))
    days = []
    if since < first_month:
        days.append((since, (date.fromisoformat(first_month) - timedelta(days=1)).isoformat()))
    if after_months != _END and after_months <= until:
        days.append((after_months, until))
    first_year = first_month if first_month[5:] == "01-01" else _next_year(first_month[:4] + "-01-01")
    after_years = _END if after_months == _END else after_months[:4] + "-01-01"
    if first_year >= after_years:
        return WindowParts(months=((first_month, after_months),), days=tuple(days))
    months = tuple(m for m in ((first_month, first_year), (after_years, after_months)) if m[0] < m[1])
    return WindowParts(years=(first_year, after_years), months=months, days=tuple(days))


def window_rows(since: str, until: str) -> tuple[str, list]:
    """A subquery of WINDOW_COLUMNS rows covering [since, until]: the all-time totals when
    the window is open at both ends; else whole years from the yearly totals, whole months
    from the monthly ones, the partial months at either end from the daily aggregates."""
    parts = window_parts(since, until)
    if parts.everything:
        return f"{_DYAD_COLUMNS} FROM dyad_totals", []
    sql, params = [], []
    if parts.years:
        sql.append(f"{_DYAD_COLUMNS} FROM dyad_yearly WHERE year >= ? AND year < ?")
        params += list(parts.years)
    for first, end in parts.months:
        sql.append(f"{_DYAD_COLUMNS} FROM dyad_monthly WHERE month >= ? AND month < ?")
        params += [first, end]
    for first, last in parts.days:
        sql.append(f"{_DAILY} WHERE day BETWEEN ? AND ?")
        params += [first, last]
    return " UNION ALL ".join(sql), params


def ranked_dyads(conn, since: Optional[str], until: Optional[str], limit: int, include_domestic: bool = False,
                 min_events: int = 1, indexes=None) -> list[dict]:
    """Dyads of the window with at least `min_events` events, most events first (ties by
    source and target). A window of exactly one year, one month or all time reads that
    period's rows through its (period, events) index and stops at the limit; any other is
    ranked from the process's in-memory window index when `indexes` (a
    window_index.WindowIndexes) has one of the snapshot `conn` reads, else walked
    (`_walk_ranked_dyads`), or, when that would take too long, summed from the rows of
    `window_rows`."""
    domestic = "" if include_domestic else " AND source_country != target_country"
    known = "source_country != '' AND target_country != ''"
    parts = window_parts(*window(since, until))
    single = parts.single()
    if single:
        kind, period = single
        table, where, params = {"all": ("dyad_totals", "", []), "year": ("dyad_yearly", "year = ? AND ", [period]),
                                "month": ("dyad_monthly", "month = ? AND ", [period])}[kind]
        enough = " AND events >= ?" if min_events > 1 else ""
        return [dict(r) for r in conn.execute(
            f"SELECT source_country AS source, target_country AS target, events, cooperation, conflict, goldstein_sum "
            f"FROM {table} WHERE {where}{known}{domestic}{enough} "
            f"ORDER BY events DESC, source_country, target_country{limit_sql(limit)}",
            params + ([min_events] if enough else []))]
    index = indexes.for_snapshot(conn) if indexes is not None else None
    if index is not None:
        return index.ranked(*window(since, until), limit, include_domestic, min_events)
    if not parts.everything:
        ranked = _walk_ranked_dyads(conn, *window(since, until), limit, include_domestic, min_events)
        if ranked is not None:
            return ranked
    rows_sql, params = window_rows(*window(since, until))
    enough = " HAVING sum(events) >= ?" if min_events > 1 else ""
    return [dict(r) for r in conn.execute(
        f"WITH w{WINDOW_COLUMNS} AS ({rows_sql}) SELECT source_country AS source, target_country AS target, "
        f"sum(events) AS events, sum(cooperation) AS cooperation, sum(conflict) AS conflict, "
        f"sum(goldstein_sum) AS goldstein_sum FROM w WHERE {known}{domestic} "
        f"GROUP BY source_country, target_country{enough} ORDER BY events DESC, source, target{limit_sql(limit)}",
        params + ([min_events] if enough else []))]


# dyads examined by _walk_ranked_dyads before it gives up (the whole window is summed instead):
# 3000 gave up on a 7-week window of the 1M-event benchmark store (pages tied at 6 events),
# whose walk to the end sums 1,584 dyads in 22 ms where summing the window took 31 ms
WALK_MAX = 6000
# the fewest dyads the walk takes in a batch (the first is the page and a quarter, the next
# steps a quarter of the page, doubling)
WALK_FIRST = 64
_RANKED = ("source", "target", "events", "cooperation", "conflict", "goldstein_sum")


def _walk_ranked_dyads(conn, since: str, until: str, limit: int, include_domestic: bool,
                       min_events: int) -> Optional[list[dict]]:
    """The ranked dyads of a window that is not one period, without summing every dyad of it
    (which grew with the store: 96 ms at 1M events, 660 ms at 10M for a window open at one
    end). Dyads are taken in descending order of counts that bound their window counts, in
    growing batches, and each new dyad's window sums come from the running sums at the
    window's ends (pair_months and pair_days, migration 014): a few rowid searches per dyad
    (`_dyad_window_sums`). The bounds: a window inside at most three calendar months, or else
    two calendar years, reads each of those periods' dyads in order (the (period, events) indexes of
    dyad_monthly and dyad_yearly), and a dyad not yet seen in any of them counts at most the
    sum of the counts last read from each (the threshold algorithm); a longer window reads
    the all-time counts (dyad_totals). Once the page is full and its last count exceeds that
    bound, no dyad left can enter it (ties included: they would have to exceed, not equal).
    Each batch's new dyads are summed in order of their own bound (their counts in the lists,
    `_sum_by_bound`), and one whose bound is below the page's last count is not summed.
    None when that would take more than WALK_MAX dyads (a short window in a busy store, where
    summing the whole window costs less), known once the page is full."""
    if since > until:
        return []  # an empty window
    if 2 * limit > WALK_MAX:
        return None  # a page this long is most of the dyads: summing the window costs less
    domestic = "" if include_domestic else " AND source_country != target_country"
    known = f"source_country != '' AND target_country != ''{domestic}"
    closed = since > "0001-01-01" and until < "9999-12-31"
    first, last = int(since[:4]) * 12 + int(since[5:7]) - 1, int(until[:4]) * 12 + int(until[5:7]) - 1
    if closed and last - first <= 2:
        periods = [("dyad_monthly", "month", f"{m // 12:04d}-{m % 12 + 1:02d}-01") for m in range(first, last + 1)]
    elif closed and last // 12 - first // 12 <= 1:
        periods = [("dyad_yearly", "year", f"{y:04d}-01-01") for y in range(first // 12, last // 12 + 1)]
    else:
        periods = []
    if periods:
        lists = [conn.execute(f"SELECT source_country, target_country, events FROM {table} WHERE {column} = ? AND "
                              f"{known} ORDER BY events DESC, source_country, target_country", (key,))
                 for table, column, key in periods]
        counts = [(f"SELECT count(*) FROM {table} WHERE {column} = ? AND events >= ?", (key,))
                  for table, column, key in periods]
    else:
        return _walk_totals(conn, since, until, limit, known, min_events)
    seen: set[tuple[str, str]] = set()
    best: list[tuple] = []
    ids = country_ids(conn)  # read once for every batch
    bounds = [None] * len(lists)  # the count last read from each list (0 once it is exhausted)
    # the first batch a little over the page (most of it is the page), then growing steps:
    # each dyad taken costs its look-ups, so the walk takes few past the ones it needs
    taken, size, step = 0, max(limit + limit // 4, WALK_FIRST), max(limit // 4, WALK_FIRST)

    try:
        while True:
            batches = []
            for i, pending in enumerate(lists):
                if bounds[i] == 0:
                    batches.append({})
                    continue
                batch = pending.fetchmany(size)
                taken += len(batch)
                bounds[i] = batch[-1][2] if len(batch) == size else 0
                batches.append({(b[0], b[1]): b[2] for b in batch})
            # each new dyad's bound: its count in the lists it came from in this round, and in
            # the others at most the count last read from them (it was not above it there)
            if len(batches) == 1:
                # one list: its rows come in bound order already
                fresh = [(pair, n) for pair, n in batches[0].items() if pair not in seen]
            else:
                merged: dict[tuple[str, str], int] = {}
                for batch in batches:
                    for pair in batch:
                        if pair not in seen and pair not in merged:
                            merged[pair] = sum(b.get(pair, bounds[j]) for j, b in enumerate(batches))
                fresh = sorted(merged.items(), key=_SECOND, reverse=True)
            seen.update(pair for pair, _ in fresh)
            best = _sum_by_bound(conn, best, fresh, since, until, ids, limit, min_events)
            bound = sum(bounds)
            if bound < min_events or (len(best) == limit and best[-1][2] > bound):
                return [dict(zip(_RANKED, r)) for r in best]
            if len(best) == limit:
                # a dyad that could still enter the page counts at least its last count / the
                # number of lists in one of them: when there are too many such dyads (a short
                # window), summing the whole window costs less
                floor = -(-best[-1][2] // len(lists))
                need = sum(conn.execute(sql, (*key, floor)).fetchone()[0] for sql, key in counts)
                if need > WALK_MAX:
                    return None
            elif taken >= WALK_MAX:
                return None
            size, step = step, step * 2
    finally:
        for pending in lists:
            pending.close()


def _walk_totals(conn, since: str, until: str, limit: int, known: str, min_events: int) -> Optional[list[dict]]:
    """`_walk_ranked_dyads` over one list, the all-time totals (a dyad's window count is at
    most its total), with each batch's dyads taken and summed inside SQLite: the batch is
    the list's next `size` rows in descending order of their totals (those that can still
    reach the page's last count, or min_events), their keys come from country_ids and their
    window sums from the running sums at the window's ends in the same statement
    (`_window_lookups`); only the sums and totals come back. The last total read bounds
    every dyad not read: the walk stops when it cannot reach the page's last count (ties
    included), or when the list is read to its end; it gives up as `_walk_ranked_dyads` does.
    (Read into Python row by row, the list and the dyads' keys cost about as much as the
    look-ups themselves: 2.9 of 6.8 ms for a window open at one end at 1M events.)"""
    lookups = _window_lookups(since, until)
    if lookups is None:
        return []
    joins, columns, params = lookups
    cursor = conn.cursor()
    cursor.row_factory = None
    best: list[tuple] = []
    offset, size, step = 0, max(limit + limit // 4, WALK_FIRST), max(limit // 4, WALK_FIRST)
    while True:
        floor = best[-1][2] if len(best) == limit else min_events
        rows = cursor.execute(
            f"WITH r(s, t, n) AS (SELECT source_country, target_country, events FROM dyad_totals WHERE {known} "
            f"AND events >= ? ORDER BY events DESC, source_country, target_country LIMIT {int(size)} "
            f"OFFSET {int(offset)}), c(s, t, n, p) AS (SELECT r.s, r.t, r.n, (x.id << {SOURCE_SHIFT}) + "
            f"(y.id << {TARGET_SHIFT}) FROM r LEFT JOIN country_ids x ON x.country = r.s "
            f"LEFT JOIN country_ids y ON y.country = r.t) SELECT s, t, {columns}, n FROM c{joins}",
            [floor, *params]).fetchall()
        best = _page(best + [r[:6] for r in rows if r[2] >= min_events], limit)
        offset += size
        # the last total read bounds every dyad not read (none is left after a short batch)
        bound = min(r[6] for r in rows) if len(rows) == size else 0
        if bound < min_events or (len(best) == limit and best[-1][2] > bound):
            return [dict(zip(_RANKED, r)) for r in best]
        if offset >= 2 * size and len(best) == limit:
            # a long walk: when too many dyads could still enter the page (a short window),
            # summing the window costs less
            need = cursor.execute("SELECT count(*) FROM dyad_totals WHERE events >= ?", (best[-1][2],)).fetchone()[0]
            if need > WALK_MAX:
                return None
        if offset >= WALK_MAX:
            return None
        size, step = step, step * 2


def _sum_by_bound(conn, best: list[tuple], pending: list[tuple], since: str, until: str, ids: dict, limit: int,
                  min_events: int) -> list[tuple]:
    """`best` (the page so far, in page order) with the dyads of `pending` ((pair, bound on
    its window count), highest bound first) summed in: first the most promising ones, as
    many as the page lacks, then those whose bound still reaches the page's last count (or
    min_events): a dyad that cannot enter the page is not summed."""
    while pending:
        full = len(best) == limit
        floor = best[-1][2] if full else min_events
        pending = [(pair, bound) for pair, bound in pending if bound >= floor]
        if not pending:
            break
        # the page's lack and a quarter page more (some turn out empty in the window); on a
        # full page, the upper half while many are left (their sums raise the page's last
        # count), then the rest
        take = max(limit - len(best) + limit // 4 if not full else len(pending) // 2 if len(pending) > limit // 2
                   else len(pending), WALK_FIRST)
        chunk, pending = pending[:take], pending[take:]
        best += [r for r in _dyad_window_sums(conn, [pair for pair, _ in chunk], since, until, ids)
                 if r[2] >= min_events]
        best = _page(best, limit)
    return best


_SECOND = itemgetter(1)
_PAIR = itemgetter(0, 1)
_EVENTS = itemgetter(2)


def _page(rows: list[tuple], limit: int) -> list[tuple]:
    """The first `limit` ranked-dyad rows (source, target, events, ...): most events first,
    ties by source and target (two sorts in C: sort is stable, also in reverse)."""
    rows.sort(key=_PAIR)
    rows.sort(key=_EVENTS, reverse=True)
    return rows[:limit]


# pairs per query of _dyad_window_sums (one bound value each, well under SQLite's 32,766)
SUMS_CHUNK = 2000


def _before(day: str) -> list[tuple[str, int, int]]:
    """The running-sum look-ups (migration 014) that make up everything of a pair before
    `day`: (table, low, high), each the pair's last row with a key in [base + low, base +
    high): its last month row before `day`'s month (everything up to that month's end) and,
    after the 1st, its last day row of that month before `day` (the month so far)."""
    month = day[:8] + "01"
    out = [("pair_months", 0, day_number(month))]
    return out + ([("pair_days", day_number(month), day_number(day))] if day > month else [])


def country_ids(conn) -> dict[str, int]:
    """Each country's id in the running sums' keys (migration 014)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return dict(cursor.execute("SELECT country, id FROM country_ids"))


def running_lookups(since: str, until: str) -> list[tuple[str, tuple[str, int, Optional[int]]]]:
    """The running-sum look-ups (migration 014) whose signed sum is a pair's sums in [since,
    until] (ISO days, open ends as `window` closes them), in the order they are added:
    (sign "" or "-", (table, low, high)). Everything of the pair before the day after
    `until` (or all of it: its total row, high None: an exact key) less everything before
    `since` (`_before`: two look-ups each, the ones both share left out). Empty when nothing
    can be in the window. The SQL walk (`_window_lookups`) and the in-memory index
    (window_index.py) both add them in this order, so their Goldstein sums are the same
    floats."""
    after = None if until >= "9999-12-31" else (date.fromisoformat(until) + timedelta(days=1)).isoformat()
    start = None if since <= "0001-01-01" else since
    plus = _before(after) if after else [("pair_months", TOTAL, None)]
    minus = _before(start) if start else []
    shared = set(plus) & set(minus)  # the same look-up on both sides cancels
    return [("", x) for x in plus if x not in shared] + [("-", x) for x in minus if x not in shared]


def _window_lookups(since: str, until: str) -> Optional[tuple[str, str, list]]:
    """The running-sum look-ups of a window's sums (`running_lookups`) for pairs whose key
    base is `c.p`: (the LEFT JOINs, the four sums' columns events, cooperation, conflict,
    goldstein_sum, their bound values); None for no look-ups (nothing can be in the window)."""
    lookups = running_lookups(since, until)
    if not lookups:
        return None
    joins, params = [], []
    for i, (_, (table, low, high)) in enumerate(lookups):
        if high is None:
            joins.append(f" LEFT JOIN {table} j{i} ON j{i}.k = c.p + ?")
            params.append(low)
            continue
        # the last key in the range as ORDER BY ... LIMIT 1: one search (max() read the range)
        joins.append(f" LEFT JOIN {table} j{i} ON j{i}.k = "
                     f"(SELECT k FROM {table} WHERE k >= c.p + ? AND k < c.p + ? ORDER BY k DESC LIMIT 1)")
        params += [low, high]
    columns = ", ".join(" ".join(f"{sign or '+'} coalesce(j{i}.{name}, 0)" for i, (sign, _) in enumerate(lookups))
                        + f" AS {name}" for name in ("events", "cooperation", "conflict", "goldstein_sum"))
    return "".join(joins), columns, params


def _dyad_window_sums(conn, pairs: list[tuple[str, str]], since: str, until: str,
                      ids: Optional[dict[str, int]] = None) -> list[tuple]:
    """(source, target, events, cooperation, conflict, goldstein_sum) in [since, until] (ISO
    days, open ends as `window` closes them) for each pair that has events in it: everything
    of the pair before the day after `until` (or all of it: its total row) less
    everything before `since` (`_before`: two look-ups each, the ones both share left out).
    One row per pair, each look-up two rowid searches on the pair's integer key (its last key
    in a range, then that row): at most eight searches a pair, whatever the window and
    however full the store."""
    if len(pairs) > SUMS_CHUNK:
        return [r for i in range(0, len(pairs), SUMS_CHUNK)
                for r in _dyad_window_sums(conn, pairs[i:i + SUMS_CHUNK], since, until, ids)]
    ids = country_ids(conn) if ids is None else ids
    # a pair with a country that has no id has no running sums, so no events
    bases = {pair_base(ids[s], ids[t]): (s, t) for s, t in pairs if s in ids and t in ids}
    lookups = _window_lookups(since, until)
    if not bases or lookups is None:
        return []
    joins, columns, params = lookups
    params = list(bases) + params
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(f"WITH c(p) AS (VALUES {', '.join(['(?)'] * len(bases))}) SELECT c.p, {columns} FROM c"
                          + joins, params).fetchall()
    return [(*bases[r[0]], *r[1:]) for r in rows if r[1] > 0]


def top_dyads(conn, since: Optional[str], until: Optional[str], limit: int,
              include_domestic: bool = False, indexes=None) -> list[dict]:
    return ranked_dyads(conn, since, until, limit, include_domestic, indexes=indexes)


def actor_window_rows(since: str, until: str) -> tuple[str, list]:
    """A subquery of (country, as_source, as_target) rows covering [since, until] from the
    per-country totals: all time, or whole years, whole months and the days of the partial
    months at either end (at most one row per country and period)."""
    parts = window_parts(since, until)
    if parts.everything:
        return "SELECT country, as_source, as_target FROM actor_totals", []
    sql, params = [], []
    if parts.years:
        sql.append("SELECT country, as_source, as_target FROM actor_yearly WHERE year >= ? AND year < ?")
        params += list(parts.years)
    for first, end in parts.months:
        sql.append("SELECT country, as_source, as_target FROM actor_monthly WHERE month >= ? AND month < ?")
        params += [first, end]
    for first, last in parts.days:
        sql.append("SELECT country, as_source, as_target FROM actor_daily WHERE day BETWEEN ? AND ?")
        params += [first, last]
    return " UNION ALL ".join(sql), params


def top_actors(conn, since: Optional[str], until: Optional[str], limit: int) -> list[dict]:
    """Countries by asserted events as source plus as target in the window (ties by country)."""
    rows_sql, params = actor_window_rows(*window(since, until))
    return [dict(r) for r in conn.execute(
        f"WITH w(country, as_source, as_target) AS ({rows_sql}) SELECT country, sum(as_source) AS as_source, "
        "sum(as_target) AS as_target, sum(as_source) + sum(as_target) AS events FROM w "
        f"GROUP BY country ORDER BY events DESC, country{limit_sql(limit)}", params)]


PERIODS = {"day": "day",
           "week": "date(day, '-' || ((strftime('%w', day) + 6) % 7) || ' days')",  # weeks start on Monday
           "month": "substr(day, 1, 7) || '-01'",
           "year": "substr(day, 1, 4) || '-01-01'"}
# the same periods of a series_monthly row's month (YYYY-MM-01)
MONTH_PERIODS = {"month": "month", "year": "substr(month, 1, 4) || '-01-01'"}


_SPLITS = tuple(SERIES_SPLITS.split(", "))
# the columns of a series row, in the order of analysis.dyad_series: period, events,
# Goldstein sum and mean, q1..q4, r01..r20
SERIES_NAMES = ("period", "events", "goldstein_sum", "goldstein_mean", *_SPLITS)


# a series row as JSON text, written by SQLite: the period is a date the query made (nothing
# in it needs escaping); the Goldstein sum and mean as printf's %!.15g (15 significant digits:
# Goldstein values have one decimal, so a day's sum is exact at that precision, where the
# shortest round-trip form of the float sum would show its binary residue, -24.800000000000004)
_SERIES_ROW = ('{"period":"%s","events":%d,"goldstein_sum":%!.15g,"goldstein_mean":%!.15g'
               + "".join(f',"{c}":%d' for c in _SPLITS) + "}")


def _series_query(source: str, target: str, freq: str, since: Optional[str], until: Optional[str],
                  both_directions: bool, as_json: bool = False) -> tuple[str, list]:
    """The SQL of a dyad series (see `dyad_series`): one row per period, oldest first, its
    columns named as in SERIES_NAMES, or with `as_json` one column, the row as JSON text
    (_SERIES_ROW). The select list is the outermost one: SQLite runs a subquery around a
    daily series of thousands of rows as a co-routine, which doubled its time."""
    for name, value in (("source", source), ("target", target)):
        if not value or not COUNTRY.match(value):
            raise QueryError(f"{name} must be a three-letter country code such as USA, not {value!r}")
    if freq not in PERIODS:
        raise QueryError(f"frequency must be one of {', '.join(PERIODS)}, not {freq!r}")
    a, b = source.upper(), target.upper()
    s, u = window(since, until)
    pairs = [(a, b), (b, a)] if both_directions else [(a, b)]
    columns = f"events, goldstein_sum, {SERIES_SPLITS}"
    parts, params = [], []
    pair = "source_country = ? AND target_country = ?"
    for src, tgt in pairs:
        spans = [(s, u)]
        if freq in ("month", "year"):
            cut = window_parts(s, u)
            whole = [cut.years] if cut.years else []
            whole += list(cut.months)
            if cut.everything:
                whole = [("0001-01-01", _END)]
            for first, end in whole:
                parts.append(f"SELECT {MONTH_PERIODS[freq]} AS period, {columns} FROM series_monthly "
                             f"WHERE {pair} AND month >= ? AND month < ?")
                params += [src, tgt, first, end]
            spans = list(cut.days)
        for first, last in spans:
            parts.append(f"SELECT {PERIODS[freq]} AS period, {columns} FROM series_daily "
                         f"WHERE {pair} AND day BETWEEN ? AND ?")
            params += [src, tgt, first, last]
    if len(parts) == 1 and freq == "day":
        # one row per day already: no sums, straight from the table in key order
        values = ("day", "events", "goldstein_sum", "goldstein_sum / events", *_SPLITS)
        source_rows, tail = f"series_daily WHERE {pair} AND day BETWEEN ? AND ?", "ORDER BY day"
    else:
        values = ("period", "sum(events)", "sum(goldstein_sum)", "sum(goldstein_sum) / sum(events)",
                  *(f"sum({c})" for c in _SPLITS))
        source_rows, tail = f"({' UNION ALL '.join(parts)})", "GROUP BY period ORDER BY period"
    if as_json:
        # as bytes: the rows are joined into the response body without decoding and encoding them
        select = f"CAST(printf('{_SERIES_ROW}', {', '.join(values)}) AS BLOB)"
    else:
        select = ", ".join(f"{v} AS {name}" for v, name in zip(values, SERIES_NAMES))
    return f"SELECT {select} FROM {source_rows} {tail}", params


def dyad_series(conn, source: str, target: str, freq: str = "month", since: Optional[str] = None,
                until: Optional[str] = None, both_directions: bool = False) -> list[dict]:
    """Per period, oldest first: events, Goldstein sum and mean, events by QuadClass (q1..q4)
    and by CAMEO root (r01..r20), for source -> target (and target -> source). One query over
    the pair's series rows (migration 010): whole months from series_monthly when the
    period is a month or a year, every other day from series_daily; summed by period."""
    sql, params = _series_query(source, target, freq, since, until, both_directions)
    # plain tuples zipped with the names (faster than sqlite3.Row and a dict built per row)
    cursor = conn.cursor()
    cursor.row_factory = None
    return [dict(zip(SERIES_NAMES, r)) for r in cursor.execute(sql, params)]


def dyad_series_json(conn, source: str, target: str, freq: str = "month", since: Optional[str] = None,
                     until: Optional[str] = None, both_directions: bool = False) -> bytes:
    """`dyad_series` as the JSON array the API sends, each row rendered by SQLite (_SERIES_ROW):
    no Python value for each of a row's 29 columns and no dict per row (a daily series of six
    years is 2,190 rows, and most of its time went there)."""
    sql, params = _series_query(source, target, freq, since, until, both_directions, as_json=True)
    cursor = conn.cursor()
    cursor.row_factory = None
    return b"[" + b",".join([row for row, in cursor.execute(sql, params)]) + b"]"
