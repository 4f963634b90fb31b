"""What one server process shares between requests: read connections (one per thread that
reads), the store's write stamp, the cache of rendered aggregates, the pipeline (loaded
on first use) and the one writer.

Reads: each thread that reads (the event loop's, where the read routes run, and any pool
thread that reads for a write or an analysis) keeps one read-only connection (`mode=ro`,
`query_only`) for its life instead of opening one per request (opening ran the schema
check and cost a file open and a few statements each time); WAL lets them all read while
a writer commits, so no lock is taken around reads.
"""
from __future__ import annotations

import dataclasses
import sqlite3
import threading
import weakref
from contextlib import contextmanager
from datetime import date
from typing import Iterator, Optional

from ..errors import InputError, QueryError, StoreError
from ..settings import Settings
from ..store.queries import store_version
from .cache import ResponseCache
from .limits import RateLimiter


class Refused(Exception):
    """A request refused with its own status and code (401, 403, 413, 429)."""

    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message


class ServerState:
    def __init__(self, db_path: str, settings: Settings, writes_per_minute: int, analyses_per_minute: int,
                 cache_entries: int = 256):
        self.db_path = db_path
        self.settings = settings
        self._local = threading.local()
        # every live thread's reader, to close them when the app stops. Weak: the server's
        # pool ends threads that stay idle (anyio: after 10 s), and the reader of an ended
        # thread must go with it (its connection closes when the thread-local is dropped)
        self._readers: weakref.WeakSet = weakref.WeakSet()
        self._readers_lock = threading.Lock()
        self.cache = ResponseCache(cache_entries)
        self._window_indexes = None
        self._window_indexes_lock = threading.Lock()
        self._pipeline = None
        # one coding at a time: spaCy's pipeline is shared by the threads and is not re-entrant
        self._pipeline_lock = threading.RLock()
        self._write_lock = threading.Lock()
        self.writes_per_minute = writes_per_minute
        self.analyses_per_minute = analyses_per_minute
        self._writes = RateLimiter(writes_per_minute)
        self._analyses = RateLimiter(analyses_per_minute)

    # ------------------------------------------------------------------ reads
    def reader(self):
        """This thread's read-only store, opened on its first request."""
        store = getattr(self._local, "store", None)
        if store is None:
            from ..store.store import Store

            store = Store(self.db_path, readonly=True)
            store.conn.execute("PRAGMA query_only = 1")
            self._local.store = store
            with self._readers_lock:
                self._readers.add(store)
        return store

    def drop_reader(self) -> None:
        """Forget this thread's reader (after an error that may have left it unusable)."""
        store = getattr(self._local, "store", None)
        self._local.store = None
        if store is not None:
            with self._readers_lock:
                self._readers.discard(store)
            try:
                store.close()
            except sqlite3.Error:
                pass

    def close_readers(self) -> None:
        with self._readers_lock:
            readers, self._readers = list(self._readers), weakref.WeakSet()
        for store in readers:
            try:
                store.close()
            except sqlite3.Error:
                pass

    @contextmanager
    def snapshot(self) -> Iterator[tuple]:
        """(store, version) inside one read transaction: the version (the store's write
        stamp, see migration 006) and everything read in the block come from the same
        committed state, so a cached body is never filed under a version it does not show."""
        store = self.reader()
        conn = store.conn
        try:
            conn.execute("BEGIN")
            version = store_version(conn)
        except sqlite3.DatabaseError as err:
            self.drop_reader()  # the next request opens a fresh connection
            raise StoreError(f"cannot read the store: {err}", path=self.db_path) from None
        try:
            yield store, version
        finally:
            try:
                conn.execute("COMMIT")  # ends the read: a held snapshot would stop WAL checkpoints
            except sqlite3.Error:
                self.drop_reader()

    @property
    def window_indexes(self):
        """The ranked dyads of arbitrary windows (/api/network, /api/dyads) from memory: the
        store's running sums, built in the background on first use and kept per write stamp
        (store/window_index.py; made on first use, so that NumPy is imported by a server
        that needs it, not by every one)."""
        with self._window_indexes_lock:
            if self._window_indexes is None:
                from ..store.window_index import WindowIndexes

                self._window_indexes = WindowIndexes(self.db_path)
            return self._window_indexes

    # ------------------------------------------------------------------ the pipeline
    def pipeline(self):
        with self._pipeline_lock:
            if self._pipeline is None:
                from ..pipeline import Pipeline

                self._pipeline = Pipeline(self.settings)
            return self._pipeline

    def analyze(self, text: str, day: Optional[str], title: Optional[str], kind: str = "text",
                name: Optional[str] = None):
        from ..extract.dates import undated_today
        from ..model import InputFailure, RawDocument

        raw = RawDocument(doc_id=name or "pasted", content=text, kind=kind, date=parse_day(day), title=title or "")
        with self._pipeline_lock:
            out = next(iter(self.pipeline().process([raw], today=undated_today())))
        if isinstance(out, InputFailure):
            raise InputError(out.reason)
        return out

    def check_write_rate(self, client: str) -> None:
        if not self._writes.allow(client):
            raise Refused(429, "E429", f"too many writes: at most {self.writes_per_minute} per minute")

    def check_analysis_rate(self, client: str) -> None:
        if not self._analyses.allow(client):
            raise Refused(429, "E429", f"too many analyses: at most {self.analyses_per_minute} per minute")

    def ingest(self, doc_key: str, text: str, day: Optional[str], title: Optional[str], url: Optional[str]) -> dict:
        """Clean, code and store one document, coding it once. `ingest` codes with the
        process's cached spaCy pipeline (the one `analyze` uses), so it runs under the
        pipeline lock; the document is cleaned first (no NLP) to refuse an unusable text
        before a run is recorded and to know its content hash."""
        from ..ingest import ingest, stand_in_day
        from ..model import InputFailure, RawDocument
        from ..pipeline import clean_items
        from ..store import queries
        from ..store.store import Store, content_hash

        raw = RawDocument(doc_id=doc_key, content=text, kind="text", date=parse_day(day), title=title or "", url=url)
        cleaned = next(iter(clean_items([raw], self.settings, stand_in_day())))
        if isinstance(cleaned, InputFailure):
            raise InputError(cleaned.reason)
        # in the server's thread, not a process pool of its own per request
        settings = dataclasses.replace(self.settings, workers=1)
        with self._pipeline_lock, self._write_lock:
            store = Store(self.db_path)
            try:
                report = ingest([raw], store, settings, args={"via": "api"}, command="api")
                row = queries.document_by_hash(store.conn, content_hash(cleaned.text))
                events = queries.document_event_count(store.conn, row["id"]) if row else 0
            finally:
                store.close()
        for failure in report.failures:
            raise InputError(failure.reason)
        return {"id": row["id"] if row else None, "doc_id": row["doc_key"] if row else None,
                "stored": report.stored, "already_stored": report.skipped, "events": events,
                "warnings": [{"code": w.code, "message": w.reason} for w in report.warnings]}


def parse_day(value: Optional[str]):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"date must be YYYY-MM-DD, not {value[:20]!r}") from None
