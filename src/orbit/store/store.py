"""The store: one SQLite file (WAL, FTS5) holding documents and everything coded from them.

One writer path, many readers: every write goes through `Store` methods that run in a
single transaction each (clustering too: `Store.write_clusters` runs the transaction and
`ClusterWrites` holds its SQL; analysis/clusters.py only decides), so an ingest killed at any moment leaves whole documents or
nothing; readers in other processes (CLI, API, dashboard) keep working during an ingest
thanks to WAL. Read methods return rows or model objects; `orbit.open(db).events()`
returns pandas DataFrames.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, TypeVar
from urllib.parse import urlparse

from ..errors import QueryError, StoreError
from ..model import ArticleResult, Event, InputFailure
from .aggregates import apply as apply_aggregates
from .queries import EventFilter, event_query, fts_query, row_ref
from .rows import day_of, document_row, event_from_row, event_row, insert_sql, result_rows
from .schema import check_readable, current_version, latest_version, migrate

# how long a writer waits for another writer's lock before giving up (ms)
BUSY_TIMEOUT_MS = 30_000
# A read-only connection reads the store through a memory map (up to SQLite's own limit,
# 2 GB in the usual builds) and keeps a larger page cache for the rest: the ranked dyads of a
# window look up a few rowids per dyad in the running sums (store/queries.py,
# _dyad_window_sums), and through read() and a 2 MB cache each look-up copied its pages
# again (600 dyads' window sums at 1M events: 8.9 -> 3.4 ms, best of 25).
READ_MMAP_BYTES = 1 << 31
READ_CACHE_KIB = 32_768
PER_DOCUMENT_TABLES = ("actors", "quotes", "amounts", "places", "dates")
T = TypeVar("T")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        if readonly:
            if not self.path.exists():
                raise StoreError(f"no store at {self.path}; create one with `orbit ingest`", path=str(self.path))
            self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                        check_same_thread=False)
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                            check_same_thread=False)
            except (OSError, sqlite3.Error) as err:
                raise StoreError(f"cannot open the store: {err}", path=str(self.path)) from None
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if readonly:
                check_readable(self.conn)
                self.conn.execute(f"PRAGMA mmap_size = {READ_MMAP_BYTES}")
                self.conn.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
            else:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                migrate(self.conn)
        except sqlite3.DatabaseError as err:
            self.conn.close()
            raise StoreError(f"not a usable orbit store: {err}", path=str(self.path)) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return current_version(self.conn)

    # ------------------------------------------------------------------ write path
    def _begin(self) -> None:
        if self.readonly:
            raise StoreError("the store was opened read-only")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                raise StoreError("the store is locked by another writer (gave up waiting); try again when it "
                                 "has finished", path=str(self.path)) from None
            raise StoreError(f"cannot write to the store: {err}", path=str(self.path)) from None

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: committed when the body ends, rolled back on any error
        (SQLite's own errors become StoreErrors that say what went wrong: full disk, lock)."""
        self._begin()
        try:
            yield
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as err:
            self._rollback()
            raise _write_error(err, str(self.path)) from None
        except BaseException:
            self._rollback()
            raise

    def begin_run(self, command: str, args: dict, versions: dict) -> int:
        self._begin()
        cur = self.conn.execute(
            "INSERT INTO runs (started_at, command, args_json, status, orbit_version, dict_version) "
            "VALUES (?, ?, ?, 'running', ?, ?)", (now(), command, json.dumps(args, default=str), versions["orbit"],
                                                   versions["dict"]))
        self.conn.execute("COMMIT")
        return cur.lastrowid

    def finish_run(self, run_id: int, status: str = "finished") -> None:
        try:
            self._begin()
            self.conn.execute("UPDATE runs SET finished_at = ?, status = ? WHERE id = ?", (now(), status, run_id))
            self.conn.execute("COMMIT")
        except (sqlite3.Error, StoreError):
            # recording the end of a run must not hide why the run ended (a full disk, a lock)
            self._rollback()

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        hashes = list(hashes)
        found: set[str] = set()
        for i in range(0, len(hashes), 500):
            chunk = hashes[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found |= {r[0] for r in self.conn.execute(
                f"SELECT content_hash FROM documents WHERE content_hash IN ({marks})", chunk)}
        return found

    def hash_keys(self, hashes: Iterable[str]) -> dict[str, str]:
        """content hash -> key of the stored document with that text, for the hashes stored."""
        hashes = list(hashes)
        found: dict[str, str] = {}
        for i in range(0, len(hashes), 500):
            chunk = hashes[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update({r[0]: r[1] for r in self.conn.execute(
                f"SELECT content_hash, doc_key FROM documents WHERE content_hash IN ({marks})", chunk)})
        return found

    def key_rows(self, keys: Iterable[str]) -> dict[str, list[int]]:
        """document key -> row ids of the stored documents with that key, for the keys stored."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, list[int]] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"SELECT doc_key, id FROM documents WHERE doc_key IN ({marks}) ORDER BY id",
                                       chunk):
                found.setdefault(r[0], []).append(r[1])
        return found

    def store_batch(self, results: list[ArticleResult], failures: list[InputFailure], run_id: Optional[int],
                    versions: dict, warnings: Iterable[InputFailure] = ()) -> tuple[int, int, int]:
        """Store a batch in one transaction: (documents stored, already stored, events stored).
        `warnings` (W... codes: items read with a caveat) go to the errors table too, but
        do not count as failed documents."""
        stored = skipped = n_events = 0
        with self._transaction():
            known = self.known_hashes(content_hash(r.article.text) for r in results)
            for r in results:
                h = content_hash(r.article.text)
                if h in known:
                    skipped += 1
                    continue
                known.add(h)
                doc_id = self._insert_document(r, h, run_id, versions)
                n_events += self._insert_results(r, doc_id, versions)
                stored += 1
            for f in (*failures, *warnings):
                self.conn.execute("INSERT INTO errors (run_id, item, code, reason, at) VALUES (?, ?, ?, ?, ?)",
                                  (run_id, f.item, f.code, f.reason, now()))
            if run_id is not None:
                self.conn.execute(
                    "UPDATE runs SET docs_stored = docs_stored + ?, docs_skipped = docs_skipped + ?, "
                    "docs_failed = docs_failed + ?, events_stored = events_stored + ? WHERE id = ?",
                    (stored, skipped, len(failures), n_events, run_id))
        return stored, skipped, n_events

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the transaction was already rolled back by SQLite itself

    def _insert_document(self, r: ArticleResult, h: str, run_id: Optional[int], versions: dict) -> int:
        row = document_row(r.article, h, run_id, versions, now())
        return self.conn.execute(insert_sql("documents", row), row).lastrowid

    def _insert_results(self, r: ArticleResult, doc_id: int, versions: dict) -> int:
        pub = r.article.date.isoformat()
        rows = [event_row(e, doc_id, pub, versions) for e in r.events]
        if rows:
            self.conn.executemany(insert_sql("events", rows[0]), rows)
            self._aggregate(rows, +1)
        for table, trows in result_rows(r, doc_id).items():
            if trows:
                self.conn.executemany(insert_sql(table, trows[0]), trows)
        return len(rows)

    def _aggregate(self, rows: list[dict], sign: int) -> None:
        """Keep the dyad and actor aggregates (daily, monthly, yearly, all-time) in step with the
        events just added (+1) or removed (-1), in the same transaction (store/aggregates.py)."""
        apply_aggregates(self.conn, rows, sign)

    def replace_results(self, document_id: int, r: ArticleResult, versions: dict) -> int:
        """Re-coding: swap a document's events and facts for new ones, atomically. The old
        events leave their clusters (counts are refreshed by the next clustering run)."""
        with self._transaction():
            self.conn.execute("INSERT OR IGNORE INTO stale_clusters (cluster_id) SELECT cluster_id FROM cluster_members "
                              "WHERE event_id IN (SELECT id FROM events WHERE document_id = ?)", (document_id,))
            old = [dict(row) for row in self.conn.execute(
                "SELECT day, source_country, target_country, root, quad_class, goldstein, negated, hypothetical "
                "FROM events WHERE document_id = ?", (document_id,))]
            self._aggregate(old, -1)
            self.conn.execute("DELETE FROM events WHERE document_id = ?", (document_id,))
            for table in PER_DOCUMENT_TABLES:
                self.conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))
            n = self._insert_results(r, document_id, versions)
            self.conn.execute("UPDATE documents SET dict_version = ?, orbit_version = ?, coded_at = ? WHERE id = ?",
                              (versions["dict"], versions["orbit"], now(), document_id))
        return n

    def write_clusters(self, assign: Callable[["ClusterWrites"], T], rebuild: bool = False) -> tuple[T, int]:
        """Clustering's transaction (analysis/clusters.py decides, the store writes): with
        `rebuild` the clusters and stories are cleared first; `assign` reads the pending
        events on this connection (it sees its own writes) and records each decision
        through the ClusterWrites it is given; then the clusters it touched, and those
        left stale by re-coding, are recounted and linked into stories. All of it commits
        or none. Returns what `assign` returned and the number of stories touched."""
        with self._transaction():
            writes = ClusterWrites(self.conn)
            if rebuild:
                writes.clear()
            writes.take_stale()
            out = assign(writes)
            stories = writes.finish()
        return out, stories

    # ------------------------------------------------------------------ reads
    def event_rows(self, f: Optional[EventFilter] = None) -> Iterator[sqlite3.Row]:
        sql, params = event_query(f or EventFilter())
        try:
            yield from self.conn.execute(sql, params)
        except sqlite3.OperationalError as err:
            raise QueryError(f"the query failed: {err}") from None

    def events(self, f: Optional[EventFilter] = None) -> Iterator[Event]:
        for row in self.event_rows(f):
            yield event_from_row(row)

    def documents_for_recode(self, dict_version: Optional[str] = None) -> Iterator[sqlite3.Row]:
        sql = ("SELECT id, doc_key, url, title, date, date_source, source, path, text, dict_version, run_id "
               "FROM documents")
        params: list = []
        if dict_version:
            sql += " WHERE dict_version != ?"
            params.append(dict_version)
        yield from self.conn.execute(sql + " ORDER BY id", params)

    def runs_with_arg(self, name: str, value) -> set[int]:
        """Ids of the runs whose recorded args give `name` the value `value` (for recode:
        how a run dated its documents)."""
        return {r[0] for r in self.conn.execute("SELECT id FROM runs WHERE json_valid(args_json) AND "
                                                "json_extract(args_json, '$.' || ?) = ?", (name, value))}

    def document(self, key: str) -> Optional[sqlite3.Row]:
        """A document by its key (the input's id: JSONL "id", file stem, URL), else by row
        id written `#N`. A bare number is a key like any other: "5" is never row 5. When
        several documents share a key (each stored with a W103 warning), the first."""
        key = str(key)
        row = self.conn.execute("SELECT * FROM documents WHERE doc_key = ? ORDER BY id LIMIT 1", (key,)).fetchone()
        if row is None:
            n = row_ref(key)
            if n is not None:
                row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (n,)).fetchone()
        return row

    def date_source(self, document_id: int) -> Optional[str]:
        """Where a stored document's date came from: given | text | today (it had none)."""
        row = self.conn.execute("SELECT date_source FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row[0] if row else None

    def document_facts(self, document_id: int) -> dict[str, list[sqlite3.Row]]:
        return {table: self.conn.execute(f"SELECT * FROM {table} WHERE document_id = ? ORDER BY id", (document_id,)).fetchall()
                for table in PER_DOCUMENT_TABLES}

    def search(self, text: str, limit: int = 20) -> list[sqlite3.Row]:
        if not (0 < limit <= 1000):
            raise QueryError("limit must be between 1 and 1000")
        return self.conn.execute(
            "SELECT d.id, d.doc_key, d.title, d.date, d.url, bm25(documents_fts) AS score, "
            "snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet "
            "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY score LIMIT ?", (fts_query(text), limit)).fetchall()

    def errors(self, run_id: Optional[int] = None, limit: int = 1000) -> list[sqlite3.Row]:
        if run_id is None:
            return self.conn.execute("SELECT * FROM errors ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return self.conn.execute("SELECT * FROM errors WHERE run_id = ? ORDER BY id LIMIT ?", (run_id, limit)).fetchall()

    def runs(self, limit: int = 20) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()

    # ------------------------------------------------------------------ clusters
    def cluster_rows(self, source: Optional[str] = None, target: Optional[str] = None, root: Optional[str] = None,
                     since: Optional[str] = None, until: Optional[str] = None, min_mentions: int = 1,
                     limit: int = 1000, after_id: Optional[int] = None) -> list[sqlite3.Row]:
        from .queries import EventFilter as _F

        _F(source=source, target=target, root=root, since=since, until=until).validate()
        clauses, params = ["mentions >= ?"], [min_mentions]
        for col, value in (("source_country", source), ("target_country", target)):
            if value:
                clauses.append(f"{col} = ?")
                params.append(value.upper())
        if root:
            clauses.append("root = ?")
            params.append(root)
        if since:
            clauses.append("last_day >= ?")
            params.append(since)
        if until:
            clauses.append("first_day <= ?")
            params.append(until)
        if after_id is not None:
            clauses.append("id > ?")
            params.append(after_id)
        if not (0 < limit <= 100_000):
            raise QueryError("limit must be between 1 and 100000")
        return self.conn.execute(f"SELECT * FROM clusters WHERE {' AND '.join(clauses)} ORDER BY id LIMIT ?",
                                 params + [limit]).fetchall()

    def cluster_members(self, cluster_id: int) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT cm.score, cm.reason, e.*, d.doc_key, d.title AS doc_title, d.url AS doc_url, d.source AS outlet "
            "FROM cluster_members cm JOIN events e ON e.id = cm.event_id JOIN documents d ON d.id = e.document_id "
            "WHERE cm.cluster_id = ? ORDER BY e.id", (cluster_id,)).fetchall()

    def stories(self, limit: int = 100) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM stories ORDER BY documents DESC, id LIMIT ?", (limit,)).fetchall()

    def stats(self) -> dict:
        """Counts from the `counts` table (kept by triggers in the writing transaction, see
        migration 005), so the figures cost a few index look-ups at any store size."""
        one = lambda sql: self.conn.execute(sql).fetchone()[0]
        counts: dict[str, dict[str, int]] = {}
        for kind, key, n in self.conn.execute("SELECT kind, key, n FROM counts ORDER BY kind, key"):
            counts.setdefault(kind, {})[key] = n
        rows = counts.get("rows", {})
        by_root = {k: n for k, n in counts.get("asserted_root", {}).items() if n > 0}
        return {
            "path": str(self.path),
            "schema_version": self.schema_version,
            "latest_schema_version": latest_version(),
            "documents": rows.get("documents", 0),
            "events": rows.get("events", 0),
            "asserted_events": sum(by_root.values()),
            "actors": rows.get("actors", 0),
            "quotes": rows.get("quotes", 0),
            "places": rows.get("places", 0),
            "errors": counts.get("errors", {}).get("E", 0),
            "warnings": counts.get("errors", {}).get("W", 0),
            "runs": rows.get("runs", 0),
            "clusters": rows.get("clusters", 0),
            "stories": rows.get("stories", 0),
            "first_date": one("SELECT min(date) FROM documents"),
            "last_date": one("SELECT max(date) FROM documents"),
            "events_by_root": by_root,
            "dict_versions": {k: n for k, n in counts.get("dict_version", {}).items() if n > 0},
        }

class ClusterWrites:
    """The writes of one clustering transaction (`Store.write_clusters` opens and ends it).
    Every cluster joined or created is remembered, to be recounted and linked into
    stories when the transaction finishes."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.touched: set[int] = set()

    def clear(self) -> None:
        """Forget every cluster and story (clustering from scratch)."""
        for sql in ("DELETE FROM cluster_members", "DELETE FROM clusters", "DELETE FROM stories",
                    "UPDATE documents SET story_id = NULL"):
            self.conn.execute(sql)

    def take_stale(self) -> None:
        """The clusters re-coding took events from (Store.replace_results) are recounted too."""
        self.touched |= {r[0] for r in self.conn.execute("SELECT cluster_id FROM stale_clusters")}
        self.conn.execute("DELETE FROM stale_clusters")

    def join(self, event_id: int, cluster_id: int, score: float, reason: str, day: str, reported: str,
             words: str, place: Optional[str]) -> None:
        """An event joins a cluster: its dates widen the cluster's, `words` replace its words."""
        self.conn.execute("INSERT INTO cluster_members (event_id, cluster_id, score, reason) VALUES (?, ?, ?, ?)",
                          (event_id, cluster_id, score, reason))
        self.conn.execute("UPDATE clusters SET first_day = min(first_day, ?), last_day = max(last_day, ?), "
                          "first_reported = min(first_reported, ?), last_reported = max(last_reported, ?), "
                          "words = ?, place_country = coalesce(place_country, ?) WHERE id = ?",
                          (day, day, reported, reported, words, place, cluster_id))
        self.touched.add(cluster_id)

    def create(self, event_id: int, *, source: str, target: str, root: str, root_group: str, cameo: str, day: str,
               reported: str, place: Optional[str], label: str, words: str, goldstein: float) -> int:
        """A new cluster with the event as its first mention; returns its id."""
        cid = self.conn.execute(
            "INSERT INTO clusters (source_country, target_country, root, root_group, cameo, first_day, last_day, "
            "first_reported, last_reported, mentions, documents, sources, place_country, label, words, goldstein) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?)",
            (source, target, root, root_group, cameo, day, day, reported, reported, place, label, words,
             goldstein)).lastrowid
        self.conn.execute("INSERT INTO cluster_members (event_id, cluster_id, score, reason) VALUES (?, ?, 1.0, ?)",
                          (event_id, cid, "first mention"))
        self.touched.add(cid)
        return cid

    def finish(self) -> int:
        """Recount the touched clusters and link their documents into stories; returns the stories touched."""
        self._refresh(self.touched)
        return self._link_stories(self.touched)

    def _refresh(self, ids: set[int]) -> None:
        """Recount mentions, documents and outlets of clusters; drop the ones left empty."""
        for cid in sorted(ids):
            rows = self.conn.execute(
                "SELECT e.cameo, e.document_id, coalesce(d.source, d.url, 'doc:' || d.id) AS outlet "
                "FROM cluster_members cm JOIN events e ON e.id = cm.event_id JOIN documents d ON d.id = e.document_id "
                "WHERE cm.cluster_id = ?", (cid,)).fetchall()
            if not rows:
                self.conn.execute("DELETE FROM clusters WHERE id = ?", (cid,))
                continue
            codes: dict[str, int] = {}
            for r in rows:
                codes[r["cameo"]] = codes.get(r["cameo"], 0) + 1
            cameo = sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            outlets = {_outlet_key(r["outlet"]) for r in rows}
            self.conn.execute("UPDATE clusters SET mentions = ?, documents = ?, sources = ?, cameo = ? WHERE id = ?",
                              (len(rows), len({r["document_id"] for r in rows}), len(outlets), cameo, cid))

    def _link_stories(self, clusters: set[int]) -> int:
        """Documents sharing a cluster belong to one story (union-find kept in documents.story_id)."""
        conn, touched = self.conn, 0
        for cid in sorted(clusters):
            docs = [r[0] for r in conn.execute(
                "SELECT DISTINCT e.document_id FROM cluster_members cm JOIN events e ON e.id = cm.event_id "
                "WHERE cm.cluster_id = ? ORDER BY e.document_id", (cid,))]
            if len(docs) < 2:
                continue
            marks = ",".join("?" * len(docs))
            stories = sorted({r[0] for r in conn.execute(f"SELECT story_id FROM documents WHERE id IN ({marks}) "
                                                         "AND story_id IS NOT NULL", docs)})
            if stories:
                story = stories[0]
                for other in stories[1:]:  # two stories turn out to be one
                    conn.execute("UPDATE documents SET story_id = ? WHERE story_id = ?", (story, other))
                    conn.execute("UPDATE clusters SET story_id = ? WHERE story_id = ?", (story, other))
                    conn.execute("DELETE FROM stories WHERE id = ?", (other,))
            else:
                story = conn.execute("INSERT INTO stories (documents) VALUES (0)").lastrowid
            conn.execute(f"UPDATE documents SET story_id = ? WHERE id IN ({marks})", [story, *docs])
            conn.execute("UPDATE clusters SET story_id = ? WHERE id = ?", (story, cid))
            row = conn.execute("SELECT count(*), min(date), max(date) FROM documents WHERE story_id = ?",
                               (story,)).fetchone()
            label = conn.execute("SELECT title FROM documents WHERE story_id = ? ORDER BY date, id LIMIT 1",
                                 (story,)).fetchone()
            conn.execute("UPDATE stories SET documents = ?, first_date = ?, last_date = ?, label = ? WHERE id = ?",
                         (row[0], row[1], row[2], label[0] if label else None, story))
            touched += 1
        return touched


def _outlet_key(outlet: str) -> str:
    """One outlet however it is written: a URL counts as its host."""
    if outlet.startswith("http"):
        return urlparse(outlet).netloc or outlet
    return outlet


def _write_error(err: sqlite3.OperationalError, path: str) -> StoreError:
    text = str(err)
    if "full" in text:
        return StoreError("the disk is full (or the store reached its size limit); nothing stored was lost: free "
                          "some space and run the same command again to finish", path=path)
    if "locked" in text or "busy" in text:
        return StoreError("the store is locked by another writer (gave up waiting); try again when it has finished",
                          path=path)
    return StoreError(f"writing to the store failed: {text}; run the same command again to finish", path=path)


def open_store(path: str | Path, readonly: bool = False) -> Store:
    return Store(path, readonly=readonly)


__all__ = ["Store", "ClusterWrites", "open_store", "content_hash", "day_of", "EventFilter", "row_ref"]
