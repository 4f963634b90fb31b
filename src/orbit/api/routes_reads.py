"""Read routes over stored documents, events and clusters. Routes validate parameters and
shape rows; the SQL is in store/queries.py (and the store's read methods).

The read routes are coroutines, so FastAPI runs them on the event loop's thread instead of
handing each to its thread pool: every read is an indexed query bounded by its page (issue
19), and on a 2-CPU machine the hand-off cost more than the read (threads woken for each
request and the GIL passed back and forth at every row SQLite steps): the events mix at 50
clients went from 150-160 to about 440 requests/s (`bench/load_bench.py`). The price: a read
holds the others for its time, at most tens of milliseconds (a ranked window at 10M events
before the window index is built). Writes and analyses, which run the NLP pipeline for
seconds, stay in the pool.

Every answer carries ETag and Last-Modified from the store's write stamp (`cached_read`,
api/cache.py); /api/stats is also kept rendered until the next write. Lists of events and
documents are not kept: their URLs (filters, cursors) rarely repeat.
"""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Query, Request
from fastapi import Path as FastPath

from ..errors import OrbitError
from ..serialize import stored_event_dicts, with_date_source
from ..store import queries
from ..store.queries import EventFilter
from .cache import cached_read, json_response
from .views import cluster_json, document_summary, error

PAGE_MAX = 1000
MAX_ID = 2**62  # SQLite integers are 64-bit: larger cursors are refused, not overflowed


def read_routes(state, version: str) -> APIRouter:
    r = APIRouter()

    @r.get("/api/health")
    async def health():
        try:
            with state.snapshot() as (s, _):
                schema = s.schema_version
            return json_response({"status": "ok", "store": state.db_path, "schema_version": schema, "orbit": version})
        except OrbitError as err:
            return json_response({"status": "degraded", "error": err.message}, status=503)

    @r.get("/api/stats")
    async def stats(request: Request):
        return cached_read(state, request, lambda s: s.stats(), cache=True)

    @r.get("/api/documents")
    async def documents(request: Request, q: Optional[str] = Query(None, max_length=500),
                        limit: int = Query(50, ge=1, le=PAGE_MAX),
                        cursor: Optional[int] = Query(None, ge=0, le=MAX_ID)):
        def build(s):
            if q:
                return {"items": [document_summary(row) for row in s.search(q, limit)], "next_cursor": None}
            items = [document_summary(row) for row in queries.document_page(s.conn, cursor, limit)]
            return {"items": items, "next_cursor": items[-1]["id"] if len(items) == limit else None}

        return cached_read(state, request, build)

    @r.get("/api/documents/{doc_id}")
    async def document(request: Request, doc_id: str):
        def build(s):
            from ..corpus import Corpus

            corpus = Corpus.__new__(Corpus)  # a Corpus over this thread's open store (no second connection)
            corpus.store = s
            doc = corpus.document(doc_id[:500])
            if doc is None and doc_id.isdigit():
                # the dashboard links by row id; a document key always wins over it ("#N" is explicit)
                doc = corpus.document(f"#{doc_id[:18]}")
            if doc is None:
                return error(404, "E404", f"no document {doc_id[:80]!r}")
            return with_date_source(doc, s)

        return cached_read(state, request, build)

    @r.get("/api/search")
    async def search(request: Request, q: str = Query(..., min_length=1, max_length=500),
                     limit: int = Query(20, ge=1, le=PAGE_MAX)):
        return cached_read(state, request, lambda s: {"items": [document_summary(row) for row in s.search(q, limit)]})

    return r


def event_routes(state) -> APIRouter:
    r = APIRouter()

    @r.get("/api/events")
    async def events(request: Request, actor: Optional[str] = Query(None, max_length=15),
                     source: Optional[str] = Query(None, max_length=15),
                     target: Optional[str] = Query(None, max_length=15),
                     code: Optional[str] = Query(None, max_length=4), root: Optional[str] = Query(None, max_length=2),
                     quad: Optional[int] = Query(None, ge=1, le=4), since: Optional[str] = Query(None, max_length=10),
                     until: Optional[str] = Query(None, max_length=10),
                     doc: Optional[str] = Query(None, max_length=500),
                     text: Optional[str] = Query(None, max_length=500), all: bool = False,
                     limit: int = Query(100, ge=1, le=PAGE_MAX), cursor: Optional[int] = Query(None, ge=0, le=MAX_ID)):
        f = EventFilter(actor=actor, source=source, target=target, code=code, root=root, quad_class=quad,
                        since=since, until=until, document=doc, text=text, include_all=all, limit=limit + 1,
                        after_id=cursor)

        def build(s):
            rows = list(s.event_rows(f))
            more = len(rows) > limit
            rows = rows[:limit]
            return {"items": stored_event_dicts(rows), "next_cursor": rows[-1]["id"] if more else None}

        return cached_read(state, request, build)

    @r.get("/api/clusters")
    async def clusters(request: Request, source: Optional[str] = Query(None, max_length=3),
                       target: Optional[str] = Query(None, max_length=3),
                       root: Optional[str] = Query(None, max_length=2),
                       since: Optional[str] = Query(None, max_length=10),
                       until: Optional[str] = Query(None, max_length=10),
                       min_mentions: int = Query(1, ge=1, le=100_000), limit: int = Query(100, ge=1, le=PAGE_MAX),
                       cursor: Optional[int] = Query(None, ge=0, le=MAX_ID)):
        def build(s):
            rows = s.cluster_rows(source, target, root, since, until, min_mentions, limit + 1, cursor)
            more = len(rows) > limit
            rows = rows[:limit]
            return {"items": [cluster_json(row) for row in rows], "next_cursor": rows[-1]["id"] if more else None}

        return cached_read(state, request, build)

    @r.get("/api/clusters/{cluster_id}")
    async def cluster(request: Request, cluster_id: int = FastPath(..., ge=0, le=MAX_ID)):
        def build(s):
            row = queries.cluster_by_id(s.conn, cluster_id)
            if row is None:
                return error(404, "E404", f"no cluster {cluster_id}")
            rows = s.cluster_members(cluster_id)
            members = [dict(e, score=m["score"], reason=m["reason"], outlet=m["outlet"])
                       for e, m in zip(stored_event_dicts(rows), rows)]
            return dict(cluster_json(row), members=members)

        return cached_read(state, request, build)

    return r
