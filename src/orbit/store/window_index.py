"""The ranked dyads of any window from an in-memory copy of the running sums (issue 19).

`queries.ranked_dyads` walks the dyads of an arbitrary window (not one month, one year or
all time) in SQLite: a few rowid searches of the running sums (pair_days, pair_months,
migration 014) for each dyad that may enter the page, 10-36 ms at 1M events for a page of
500 edges, most of it in per-dyad statements and Python rows. Here the same two tables are
read once into NumPy arrays laid out by period (`WindowIndex`), and a window's sums of
EVERY known pair come from the same look-ups done for all pairs at once, each a contiguous
read (a row of a months x pairs grid, or the rows of one month), then a signed sum. The
page is ranked by NumPy (events descending, then source, then target, as the SQL): about
1-3 ms for any window, flat with the store's size.

Exact, not approximate: the look-ups are `queries.running_lookups`, the ones the SQL walk
joins, added in the same order to the same stored values, so events, cooperation and
conflict are the same integers and goldstein_sum the same float, bit for bit.

An index holds the store's state at one write stamp (`store_version`, migration 006) and is
used only for a read of that same stamp: a write makes it stale and the walk answers until
a new one is built. `WindowIndexes` keeps one per process (the server's), built in a
background thread when a request finds none current and the store has been quiet for a
moment (no rebuild after every write of an ingest). Its size: 28 bytes per pair_days row
and 20 per (pair, month) of the store's span (about 50 MB at 1M events); its build reads
every running-sum row (bench/endpoint_bench.py prints its time).
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import Optional

import numpy as np

from ..errors import StoreError
from .aggregates import PERIOD_END, SOURCE_SHIFT, TARGET_SHIFT, TOTAL
from .queries import running_lookups, store_version

log = logging.getLogger(__name__)

# a pair's key base: the key with its period part (the low TARGET_SHIFT bits) cleared
_PERIOD_MASK = np.int64(PERIOD_END - 1)
_COUNTRY_MASK = (1 << (SOURCE_SHIFT - TARGET_SHIFT)) - 1
_RANKED = ("source", "target", "events", "cooperation", "conflict", "goldstein_sum")


@dataclass(frozen=True)
class RunningRows:
    """One running-sum table's rows in key order: keys (int64), counts (int64, one row per
    key: events, cooperation, conflict) and goldstein_sum (float64)."""
    keys: np.ndarray
    counts: np.ndarray
    goldstein: np.ndarray

    @property
    def nbytes(self) -> int:
        return self.keys.nbytes + self.counts.nbytes + self.goldstein.nbytes


# one running-sum row as read
_ROW = np.dtype([("k", np.int64), ("events", np.int64), ("cooperation", np.int64), ("conflict", np.int64),
                 ("goldstein_sum", np.float64)])


def _read_rows(conn: sqlite3.Connection, table: str) -> RunningRows:
    cursor = conn.cursor()
    cursor.row_factory = None
    # rowid order (k is the table's INTEGER PRIMARY KEY): the keys come sorted. Each row
    # goes straight into the array (no list of millions of tuples in between)
    rows = np.fromiter(cursor.execute(f"SELECT k, events, cooperation, conflict, goldstein_sum FROM {table} "
                                      "ORDER BY k"), dtype=_ROW)
    counts = np.stack([rows["events"], rows["cooperation"], rows["conflict"]], axis=1)
    return RunningRows(rows["k"].copy(), counts, rows["goldstein_sum"].copy())


class WindowIndex:
    """The running sums of one store at one write stamp (`version`), laid out for the ranked
    dyads of any window. Built by `WindowIndex.build(conn)` inside one read transaction.

    A look-up of `queries.running_lookups` done for every pair at once by a search per pair
    touched memory at random (about 100 ns a miss, 24,000 pairs, four look-ups: 17 ms at 1M
    events), so the rows are laid out by period instead, and each look-up reads one
    contiguous stretch:
    - "the pair's last month row before month M" for all pairs is one row of a dense grid
      (months x pairs) of each pair's pair_months sums carried forward to every month;
    - "the pair's last day row in a month before day D" comes from that month's pair_days
      rows, kept month by month in (pair, day) order: the last row of each pair before D.
    """

    def __init__(self, version: tuple[int, int], days: RunningRows, months: RunningRows, countries: dict[int, str]):
        self.version = version
        # the pairs: every pair has its total row in pair_months (key base + TOTAL)
        is_total = (months.keys & _PERIOD_MASK) == TOTAL
        bases = months.keys[is_total] - TOTAL  # sorted, as the keys are
        self.pairs = len(bases)
        self.totals, self.total_goldstein = months.counts[is_total], months.goldstein[is_total]
        source_ids = (bases >> SOURCE_SHIFT).tolist()
        target_ids = ((bases >> TARGET_SHIFT) & _COUNTRY_MASK).tolist()
        self.sources = [countries[i] for i in source_ids]
        self.targets = [countries[i] for i in target_ids]
        self.domestic = np.array([s == t for s, t in zip(self.sources, self.targets)], dtype=bool)
        # each pair's place in (source, target) order: the ranking's tie-break, as SQLite's
        # ORDER BY source_country, target_country (code point order, as numpy's strings)
        by_name = np.lexsort((np.array(self.targets, dtype=str), np.array(self.sources, dtype=str))) \
            if self.pairs else np.empty(0, dtype=np.int64)
        self.name_rank = np.empty(self.pairs, dtype=np.int64)
        self.name_rank[by_name] = np.arange(self.pairs)
        self._grid_months(bases, months, is_total)
        self._days_by_month(bases, days)

    def _grid_months(self, bases: np.ndarray, months: RunningRows, is_total: np.ndarray) -> None:
        """grid_counts[j] and grid_goldstein[j] (j = month index - first_month): every pair's
        sums of its last pair_months row before month first_month + j (zeros before its
        first), for j = 0 .. the month after the last one."""
        keys = months.keys[~is_total]
        pair = np.searchsorted(bases, keys & ~_PERIOD_MASK)
        month = _month_index(keys & _PERIOD_MASK)
        self.first_month = int(month.min()) if len(month) else 0
        width = int(month.max()) - self.first_month + 2 if len(month) else 1
        if width * self.pairs > MAX_GRID_CELLS:
            raise ValueError(f"the month grid would hold {width * self.pairs:,} cells (at most {MAX_GRID_CELLS:,})")
        # the row index seen from each (month, pair): a row counts from the month after its
        # own; within a pair the rows' indexes grow with the month, so the running maximum
        # down the months is the pair's last row so far
        rows = np.flatnonzero(~is_total)
        seen = np.full((width, self.pairs), -1, dtype=np.int64)
        seen[month - self.first_month + 1, pair] = np.arange(len(rows))
        np.maximum.accumulate(seen, axis=0, out=seen)
        # a row of zeros after the month rows, for the (month, pair) cells before the pair's first
        seen[seen < 0] = len(rows)
        counts = np.concatenate([months.counts[rows], np.zeros((1, 3), dtype=np.int64)]).astype(_count_type(months.counts))
        self.grid_counts = counts[seen]
        self.grid_goldstein = np.append(months.goldstein[rows], 0.0)[seen]

    def _days_by_month(self, bases: np.ndarray, days: RunningRows) -> None:
        """The pair_days rows month by month, each month's in (pair, day) order: day_pair,
        day_number (YYYYMMDD), day_counts, day_goldstein (these two with a row of zeros
        after the last); a month's rows are
        [day_month_start[i], day_month_start[i + 1]) for YYYYMM day_months[i]."""
        period = days.keys & _PERIOD_MASK
        # by month; a stable sort keeps the key order (pair, then day) within each month
        order = np.argsort((period // 100).astype(np.int32), kind="stable")
        self.day_pair = np.searchsorted(bases, days.keys[order] & ~_PERIOD_MASK).astype(np.int32)
        self.day_number = period[order].astype(np.int32)
        # and a row of zeros after them (index len(order)): the row of a pair with none
        self.day_counts = np.concatenate([days.counts[order], np.zeros((1, 3), dtype=np.int64)]) \
            .astype(_count_type(days.counts))
        self.day_goldstein = np.append(days.goldstein[order], 0.0)
        self.day_months, starts = np.unique(self.day_number // 100, return_index=True)
        self.day_month_start = np.append(starts, len(order))

    @classmethod
    def build(cls, conn: sqlite3.Connection) -> "WindowIndex":
        """Read the running sums and their write stamp from one snapshot of the store (in the
        caller's read transaction, or in one of its own)."""
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            version = store_version(conn)
            countries = dict(conn.execute("SELECT id, country FROM country_ids").fetchall())
            days, months = _read_rows(conn, "pair_days"), _read_rows(conn, "pair_months")
        finally:
            if own:
                conn.execute("COMMIT")
        return cls(version, days, months, countries)

    @property
    def nbytes(self) -> int:
        """The arrays' memory (the pairs' names aside)."""
        return sum(a.nbytes for a in vars(self).values() if isinstance(a, np.ndarray))

    def _months_before(self, month_first: int) -> Found:
        """Every pair's last pair_months row before the month whose 1st is `month_first`
        (YYYYMM01): its row of the grid."""
        j = min(max(_month_index(month_first) - self.first_month, 0), len(self.grid_counts) - 1)
        return Found(self.grid_counts[j], self.grid_goldstein[j], None)

    def _month_so_far(self, month_first: int, day: int) -> Found:
        """Every pair's last pair_days row in [month_first, day) (YYYYMMDD; one month): the
        last of each pair's rows of that month before `day` (the row of zeros for a pair
        with none)."""
        at = np.full(self.pairs, len(self.day_number), dtype=np.int64)
        i = np.searchsorted(self.day_months, month_first // 100)
        if i < len(self.day_months) and self.day_months[i] == month_first // 100:
            start, end = self.day_month_start[i], self.day_month_start[i + 1]
            before = start + np.flatnonzero(self.day_number[start:end] < day)
            if len(before):
                pair = self.day_pair[before]
                # a pair's rows are consecutive and in day order: its last one before `day`
                # is where the next row taken is another pair's (or there is none)
                last = before[np.append(pair[1:] != pair[:-1], True)]
                at[self.day_pair[last]] = last
        return Found(self.day_counts, self.day_goldstein, at)

    def _lookups(self, since: str, until: str) -> list[tuple[str, "Found"]]:
        """The look-ups of `queries.running_lookups` for [since, until] (a pair's total, its
        last month row before a month, its last day row of a month before a day), each with
        its sign, in the SQL's order."""
        out = []
        for sign, (table, low, high) in running_lookups(since, until):
            if table == "pair_months" and low == TOTAL and high is None:
                out.append((sign, Found(self.totals, self.total_goldstein, None)))  # every pair has one
            elif table == "pair_months" and low == 0:
                out.append((sign, self._months_before(high)))
            elif table == "pair_days" and high // 100 == low // 100:
                out.append((sign, self._month_so_far(low, high)))
            else:
                raise ValueError(f"a look-up the index does not keep: {table} [{low}, {high})")
        return out

    def window_sums(self, since: str, until: str) -> tuple[np.ndarray, np.ndarray]:
        """Every pair's counts (events, cooperation, conflict: int64, one row per pair) and
        goldstein_sum (float64) in [since, until] (ISO days, open ends as `queries.window`
        closes them)."""
        return _sums(self._lookups(since, until), np.arange(self.pairs))

    def ranked(self, since: str, until: str, limit: int, include_domestic: bool = False,
               min_events: int = 1) -> list[dict]:
        """`queries.ranked_dyads` of the window [since, until] (ISO days, as `queries.window`
        gives them): the pairs with at least `min_events` (and at least one) events, domestic
        ones only with `include_domestic`, most events first, ties by source and target.
        Every pair's events decide the page; the other sums are added for the page's pairs
        only (the same look-ups, the same order)."""
        if since > until:
            return []  # an empty window
        lookups = self._lookups(since, until)
        if not lookups:
            return []
        events = _signed_sum([(sign, found.events()) for sign, found in lookups])
        keep = events >= max(min_events, 1)
        if not include_domestic:
            keep &= ~self.domestic
        chosen = np.flatnonzero(keep)
        if len(chosen) > limit:
            # only pairs at or above the page's last count can be on it: rank those alone
            floor = np.partition(events[chosen], len(chosen) - limit)[len(chosen) - limit]
            chosen = chosen[events[chosen] >= floor]
        page = chosen[np.lexsort((self.name_rank[chosen], -events[chosen]))][:limit]
        counts, goldstein = _sums(lookups, page)
        page = page.tolist()
        rows = zip([self.sources[i] for i in page], [self.targets[i] for i in page],
                   *counts.T.tolist(), goldstein.tolist())
        return [dict(zip(_RANKED, r)) for r in rows]


@dataclass(frozen=True)
class Found:
    """A look-up's rows for every pair: pair p's sums are counts[p] and goldstein[p] when
    `at` is None (the rows are the pairs'), else counts[at[p]] and goldstein[at[p]]."""
    counts: np.ndarray
    goldstein: np.ndarray
    at: Optional[np.ndarray]

    def events(self) -> np.ndarray:
        return self.counts[:, 0] if self.at is None else self.counts[self.at, 0]

    def of(self, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        rows = pairs if self.at is None else self.at[pairs]
        return self.counts[rows], self.goldstein[rows]


def _signed_sum(terms: list[tuple[str, np.ndarray]]) -> np.ndarray:
    """The SQL's sum of signed terms: + a + b - c - d, left to right (counts as int64: the
    grid's may be int32), so that the Goldstein floats round as they do in SQLite."""
    total = None
    for sign, v in terms:
        if v.dtype != np.float64:
            v = v.astype(np.int64)
        total = (-v if sign else v) if total is None else (total - v if sign else total + v)
    return total


def _sums(lookups: list[tuple[str, Found]], pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The counts (int64, one row per pair) and goldstein_sum of `pairs` (indexes)."""
    if not lookups:
        return np.zeros((len(pairs), 3), dtype=np.int64), np.zeros(len(pairs), dtype=np.float64)
    found = [(sign, f.of(pairs)) for sign, f in lookups]
    return (_signed_sum([(sign, counts) for sign, (counts, _) in found]),
            _signed_sum([(sign, goldstein) for sign, (_, goldstein) in found]))


def _month_index(period):
    """YYYYMMDD (an int or an int64 array) -> months since year 0 (year * 12 + month - 1)."""
    return (period // 10000) * 12 + (period // 100) % 100 - 1


def _count_type(counts: np.ndarray):
    """int32 when every count fits (a pair's running sums never exceed its total), else int64."""
    return np.int32 if not len(counts) or int(np.abs(counts).max()) < 2**31 else np.int64


# the most cells (pairs x months) of the month grid, about 20 bytes each: a store spanning
# decades with tens of thousands of pairs gets no index (the walk answers)
MAX_GRID_CELLS = 10_000_000


# the index is rebuilt only when the store's last write is at least this old: an ingest
# writes every few moments, and each build reads every running-sum row (about 1.5 s at 1M
# events); while the store is being written, the walk answers
QUIET_SECONDS = 2.0
# no index over more running-sum rows than this (a build reads them all; about 28 bytes each
# kept): the walk answers
MAX_ROWS = 40_000_000


class WindowIndexes:
    """The process's window index of one store (the server's): `for_snapshot(conn)` gives the
    index of the snapshot `conn` reads, or None (and then builds one in a background
    thread, on a connection of its own, when the store is quiet and no build is running)."""

    def __init__(self, db_path: str, background: bool = True, quiet_seconds: float = QUIET_SECONDS,
                 max_rows: int = MAX_ROWS):
        self.db_path = str(db_path)
        self.background = background
        self.quiet_seconds = quiet_seconds
        self.max_rows = max_rows
        self._index: Optional[WindowIndex] = None
        self._building = False
        self._refused: Optional[tuple[int, int]] = None  # a version whose build failed or was too big
        self._lock = threading.Lock()
        self.builds = 0  # indexes built (for tests and the benchmark)

    @property
    def building(self) -> bool:
        """Whether a build is running."""
        return self._building

    def for_snapshot(self, conn: sqlite3.Connection) -> Optional[WindowIndex]:
        """The index of the state `conn` reads (its write stamp, read in the caller's
        transaction), or None: the caller walks the window instead."""
        version = store_version(conn)
        index = self._index
        if index is not None and index.version == version:
            return index
        with self._lock:
            if self._building or version == self._refused or time.time() - version[1] < self.quiet_seconds:
                return None
            self._building = True
        if not self.background:
            self._build()
            index = self._index
            return index if index is not None and index.version == version else None
        threading.Thread(target=self._build, name="orbit-window-index", daemon=True).start()
        return None

    def _build(self) -> None:
        from .store import Store

        store = None
        version = None
        try:
            store = Store(self.db_path, readonly=True)  # a connection of the build's own
            conn = store.conn
            conn.execute("BEGIN")
            version = store_version(conn)
            rows = sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("pair_days", "pair_months"))
            if rows > self.max_rows:
                log.info("no window index: %d running-sum rows (at most %d)", rows, self.max_rows)
                self._refused = version
                return
            started = time.perf_counter()
            index = WindowIndex.build(conn)
            log.info("window index of %s at %s: %d rows, %.1f MB, %.2f s", self.db_path, index.version, rows,
                     index.nbytes / 1e6, time.perf_counter() - started)
            with self._lock:
                if self._index is None or index.version >= self._index.version:
                    self._index = index
                self.builds += 1
        except (sqlite3.Error, StoreError, KeyError, ValueError) as err:  # a store gone, too big: the walk answers
            log.warning("no window index of %s: %s", self.db_path, err)
            self._refused = version
        finally:
            if store is not None:
                store.close()
            with self._lock:
                self._building = False
