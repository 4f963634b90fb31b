"""The HTTP API and the dashboard: `create_app(db_path, settings)` builds a FastAPI app.

Reads go through read-only store connections made per request (WAL lets them run while
an ingest writes); writes (POST /api/documents) go through one writer behind a lock and
need the token from ORBIT_TOKEN. Routes only parse and validate parameters; the work is
done by the store, the analysis functions and the pipeline.
"""
from __future__ import annotations

import hmac
import logging
import os
import threading
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from fastapi import Depends, FastAPI, File, Form, Header, Query, Request, UploadFile
from fastapi import Path as FastPath
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from ..errors import InputError, OrbitError, QueryError, StoreError
from ..settings import Settings, load_settings
from .limits import LOOPBACK_HOSTS, HostCheckMiddleware, RateLimiter, SecurityHeadersMiddleware, SizeLimitMiddleware
from ..serialize import with_date_source
from .docs import ASSETS_URL as DOCS_ASSETS_URL
from .docs import docs_page, swagger_ui_dir
from .views import cluster_json, document_summary, event_json, result_json

log = logging.getLogger(__name__)

# request bodies over this are refused (413); an article rarely exceeds 200 kB
MAX_BODY_BYTES = 2_000_000
# writes (ingest) per minute per client, to keep one client from flooding the store
WRITES_PER_MINUTE = 60
# analyses (POST /api/analyze, /api/analyze/file: the pipeline runs, nothing is stored) per
# minute per client, counted apart from writes: each one holds the pipeline
ANALYSES_PER_MINUTE = 60
PAGE_MAX = 1000
MAX_ID = 2**62  # SQLite integers are 64-bit: larger cursors are refused, not overflowed


class AnalyzeRequest(BaseModel):
    text: str = Field(..., min_length=1, max_length=MAX_BODY_BYTES)
    date: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    title: Optional[str] = Field(None, max_length=1000)


class DocumentRequest(AnalyzeRequest):
    url: Optional[str] = Field(None, max_length=2000)
    id: Optional[str] = Field(None, min_length=1, max_length=500, pattern=r"\S")


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def create_app(db_path: str | Path = "orbit.db", settings: Optional[Settings] = None,
               token: Optional[str] = None, max_body: int = MAX_BODY_BYTES,
               writes_per_minute: int = WRITES_PER_MINUTE, allowed_hosts: Iterable[str] = (),
               analyses_per_minute: int = ANALYSES_PER_MINUTE) -> FastAPI:
    """`allowed_hosts`: names the Host header may give besides localhost, 127.0.0.1, ::1 and
    `settings.allowed_hosts` (the bound host, when not one of those; "*" for any)."""
    settings = settings or load_settings()
    db_path = str(db_path)
    token = token if token is not None else os.environ.get("ORBIT_TOKEN") or None
    app = FastAPI(title="orbit", version=_version(), description="Political event data from news articles.",
                  docs_url=None, openapi_url="/api/openapi.json", redoc_url=None)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(SizeLimitMiddleware, max_body=max_body)
    app.add_middleware(HostCheckMiddleware, allowed=(*LOOPBACK_HOSTS, *settings.allowed_hosts, *allowed_hosts))
    state = _State(db_path, settings, writes_per_minute, analyses_per_minute)

    @app.exception_handler(QueryError)
    async def _query_error(request: Request, err: QueryError):
        return _error(400, err.code, err.message)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, err: InputError):
        return _error(422, err.code, err.message)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, err: StoreError):
        return _error(503, err.code, err.message)

    @app.exception_handler(OrbitError)
    async def _orbit_error(request: Request, err: OrbitError):
        return _error(400, err.code, err.message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, err: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return _error(500, "E999", "internal error (details are in the server log)")

    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, err: RequestValidationError):
        first = err.errors()[0] if err.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", []))
        return _error(422, "E422", f"invalid {where}: {first.get('msg', 'bad value')}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException):
        return _error(err.status_code, f"E{err.status_code}", str(err.detail))

    def store():
        s = state.reader()
        try:
            yield s
        finally:
            s.close()

    def require_token(authorization: Optional[str] = Header(None), x_orbit_token: Optional[str] = Header(None)):
        if not token:
            raise _Refused(403, "E403", "writes are disabled: start the server with ORBIT_TOKEN set")
        given = x_orbit_token or (authorization[7:] if authorization and authorization.startswith("Bearer ") else "")
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise _Refused(401, "E401", "a valid token is needed for writes (Authorization: Bearer TOKEN)")

    @app.exception_handler(_Refused)
    async def _refused(request: Request, err: "_Refused"):
        return _error(err.status, err.code, err.message)

    # ---------------------------------------------------------------- reads
    # Reads whose values are already JSON types (str, int, float, bool, None, lists and
    # dicts of them) are returned as a JSONResponse: FastAPI then skips jsonable_encoder,
    # which walked every value again and took 59% of an /api/events request. The bytes are
    # the same (JSONResponse is what FastAPI rendered them with). The DataFrame-backed
    # reads (actors, dyads, series) keep the encoder: their records hold NumPy numbers.
    @app.get("/api/health")
    def health():
        try:
            s = state.reader()
            version = s.schema_version
            s.close()
            return {"status": "ok", "store": db_path, "schema_version": version, "orbit": _version()}
        except OrbitError as err:
            return JSONResponse({"status": "degraded", "error": err.message}, status_code=503)

    @app.get("/api/stats")
    def stats(s=Depends(store)):
        return JSONResponse(s.stats())

    @app.get("/api/documents")
    def documents(q: Optional[str] = Query(None, max_length=500), limit: int = Query(50, ge=1, le=PAGE_MAX),
                  cursor: Optional[int] = Query(None, ge=0, le=MAX_ID), s=Depends(store)):
        if q:
            rows = s.search(q, limit)
            return JSONResponse({"items": [document_summary(r) for r in rows], "next_cursor": None})
        params: list = []
        where = ""
        if cursor is not None:
            where = "WHERE d.id < ?"
            params.append(cursor)
        rows = s.conn.execute(
            f"SELECT d.id, d.doc_key, d.title, d.date, d.date_source, d.url, d.source, (SELECT count(*) FROM events e "
            f"WHERE e.document_id = d.id AND e.negated = 0 AND e.hypothetical = 0) AS events "
            f"FROM documents d {where} ORDER BY d.id DESC LIMIT ?", params + [limit]).fetchall()
        items = [document_summary(r) for r in rows]
        return JSONResponse({"items": items, "next_cursor": items[-1]["id"] if len(items) == limit else None})

    @app.get("/api/documents/{doc_id}")
    def document(doc_id: str, s=Depends(store)):
        from ..corpus import Corpus

        corpus = Corpus.__new__(Corpus)
        corpus.store = s
        doc = corpus.document(doc_id[:500])
        if doc is None and doc_id.isdigit():
            # the dashboard links by row id; a document key always wins over it ("#N" is explicit)
            doc = corpus.document(f"#{doc_id[:18]}")
        if doc is None:
            return _error(404, "E404", f"no document {doc_id[:80]!r}")
        return with_date_source(doc, s)

    @app.get("/api/search")
    def search(q: str = Query(..., min_length=1, max_length=500), limit: int = Query(20, ge=1, le=PAGE_MAX),
               s=Depends(store)):
        return JSONResponse({"items": [document_summary(r) for r in s.search(q, limit)]})

    @app.get("/api/events")
    def events(actor: Optional[str] = Query(None, max_length=15), source: Optional[str] = Query(None, max_length=15),
               target: Optional[str] = Query(None, max_length=15), code: Optional[str] = Query(None, max_length=4),
               root: Optional[str] = Query(None, max_length=2), quad: Optional[int] = Query(None, ge=1, le=4),
               since: Optional[str] = Query(None, max_length=10), until: Optional[str] = Query(None, max_length=10),
               doc: Optional[str] = Query(None, max_length=500), text: Optional[str] = Query(None, max_length=500),
               all: bool = False, limit: int = Query(100, ge=1, le=PAGE_MAX),
               cursor: Optional[int] = Query(None, ge=0, le=MAX_ID), s=Depends(store)):
        from ..store.queries import EventFilter

        f = EventFilter(actor=actor, source=source, target=target, code=code, root=root, quad_class=quad,
                        since=since, until=until, document=doc, text=text, include_all=all, limit=limit + 1,
                        after_id=cursor)
        rows = list(s.event_rows(f))
        more = len(rows) > limit
        rows = rows[:limit]
        return JSONResponse({"items": [event_json(r) for r in rows], "next_cursor": rows[-1]["id"] if more else None})

    @app.get("/api/clusters")
    def clusters(source: Optional[str] = Query(None, max_length=3), target: Optional[str] = Query(None, max_length=3),
                 root: Optional[str] = Query(None, max_length=2), since: Optional[str] = Query(None, max_length=10),
                 until: Optional[str] = Query(None, max_length=10), min_mentions: int = Query(1, ge=1, le=100_000),
                 limit: int = Query(100, ge=1, le=PAGE_MAX), cursor: Optional[int] = Query(None, ge=0, le=MAX_ID),
                 s=Depends(store)):
        rows = s.cluster_rows(source, target, root, since, until, min_mentions, limit + 1, cursor)
        more = len(rows) > limit
        rows = rows[:limit]
        return JSONResponse({"items": [cluster_json(r) for r in rows], "next_cursor": rows[-1]["id"] if more else None})

    @app.get("/api/clusters/{cluster_id}")
    def cluster(cluster_id: int = FastPath(..., ge=0, le=MAX_ID), s=Depends(store)):
        row = s.conn.execute("SELECT * FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
        if row is None:
            return _error(404, "E404", f"no cluster {cluster_id}")
        members = [dict(event_json(m), score=m["score"], reason=m["reason"], outlet=m["outlet"])
                   for m in s.cluster_members(cluster_id)]
        return JSONResponse(dict(cluster_json(row), members=members))

    @app.get("/api/actors")
    def actors(since: Optional[str] = Query(None, max_length=10), until: Optional[str] = Query(None, max_length=10),
               limit: int = Query(50, ge=1, le=PAGE_MAX), s=Depends(store)):
        from ..analysis import top_actors

        return {"items": top_actors(s, since, until, limit).to_dict(orient="records")}

    @app.get("/api/dyads")
    def dyads(since: Optional[str] = Query(None, max_length=10), until: Optional[str] = Query(None, max_length=10),
              limit: int = Query(50, ge=1, le=PAGE_MAX), s=Depends(store)):
        from ..analysis import top_dyads

        return {"items": top_dyads(s, since, until, limit).to_dict(orient="records")}

    @app.get("/api/series")
    def series(source: str = Query(..., min_length=3, max_length=3), target: str = Query(..., min_length=3, max_length=3),
               freq: str = Query("month", pattern="^(day|week|month|year)$"),
               since: Optional[str] = Query(None, max_length=10), until: Optional[str] = Query(None, max_length=10),
               both: bool = False, s=Depends(store)):
        from ..analysis import dyad_series

        frame = dyad_series(s, source, target, freq, since, until, both_directions=both)
        return {"source": source.upper(), "target": target.upper(), "freq": freq,
                "items": frame.to_dict(orient="records")}

    @app.get("/api/network")
    def network(since: Optional[str] = Query(None, max_length=10), until: Optional[str] = Query(None, max_length=10),
                min_events: int = Query(1, ge=1, le=1_000_000), limit: int = Query(500, ge=1, le=5000),
                s=Depends(store)):
        from ..analysis.network import network_edges

        edges = network_edges(s, since, until, min_events, limit)
        nodes: dict[str, dict] = {}
        for e in edges:
            for side in ("source", "target"):
                n = nodes.setdefault(e[side], {"id": e[side], "events": 0, "cooperation": 0, "conflict": 0})
                n["events"] += e["events"]
                n["cooperation"] += e["cooperation"]
                n["conflict"] += e["conflict"]
        return JSONResponse({"nodes": list(nodes.values()), "edges": edges})

    @app.get("/api/places")
    def places(since: Optional[str] = Query(None, max_length=10), until: Optional[str] = Query(None, max_length=10),
               limit: int = Query(2000, ge=1, le=20_000), s=Depends(store)):
        from ..store.queries import EventFilter

        EventFilter(since=since, until=until).validate()
        rows = s.conn.execute(
            "SELECT p.name, p.country, p.lat, p.lon, p.geonameid, count(DISTINCT p.document_id) AS documents, "
            "count(*) AS mentions FROM places p JOIN documents d ON d.id = p.document_id "
            "WHERE p.lat IS NOT NULL AND d.date BETWEEN ? AND ? GROUP BY p.name, p.country, p.lat, p.lon "
            "ORDER BY mentions DESC LIMIT ?", (since or "0001-01-01", until or "9999-12-31", limit)).fetchall()
        events = s.conn.execute(
            "SELECT e.place_json, e.root, e.quad_class, e.id FROM events e WHERE e.place_json IS NOT NULL "
            "AND e.negated = 0 AND e.hypothetical = 0 AND e.day BETWEEN ? AND ? ORDER BY e.id DESC LIMIT ?",
            (since or "0001-01-01", until or "9999-12-31", limit)).fetchall()
        import json as _json

        return JSONResponse({"places": [dict(r) for r in rows],
                             "events": [dict(_json.loads(r["place_json"]), root=r["root"], quad_class=r["quad_class"],
                                             id=r["id"]) for r in events]})

    # ---------------------------------------------------------------- analysis and writes
    @app.post("/api/analyze")
    def analyze(request: Request, body: AnalyzeRequest):
        state.check_analysis_rate(request.client.host if request.client else "?")
        return result_json(state.analyze(body.text, body.date, body.title))

    @app.post("/api/analyze/file")
    async def analyze_file(request: Request, file: UploadFile = File(...),
                           date_: Optional[str] = Form(None, alias="date")):
        state.check_analysis_rate(request.client.host if request.client else "?")
        content = await _read_upload(file, max_body)
        kind = "html" if (file.filename or "").lower().endswith((".html", ".htm")) else "text"
        return result_json(state.analyze(content, date_, None, kind=kind, name=file.filename))

    @app.post("/api/documents", status_code=201, dependencies=[Depends(require_token)])
    def add_document(request: Request, body: DocumentRequest):
        state.check_write_rate(request.client.host if request.client else "?")
        return state.ingest(body)

    # ---------------------------------------------------------------- API docs (api/docs.py)
    swagger = swagger_ui_dir()
    if swagger is not None:
        app.mount(DOCS_ASSETS_URL, StaticFiles(directory=swagger), name="swagger-ui")

    @app.get("/api/docs", include_in_schema=False)
    def api_docs():
        return docs_page(app.openapi_url, f"{app.title} API", swagger is not None)

    # ---------------------------------------------------------------- dashboard
    static_dir = Path(str(resources.files("orbit").joinpath("web/static")))
    if static_dir.is_dir():
        app.mount("/static", StaticFiles(directory=static_dir), name="static")

        @app.get("/", include_in_schema=False)
        def index():
            page = static_dir / "index.html"
            if not page.is_file():
                return _error(404, "E404", "the dashboard is not installed")
            return FileResponse(page)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return RedirectResponse("/static/favicon.svg")

    return app


class _Refused(Exception):
    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message


class _State:
    """Shared server state: store path, the pipeline (loaded on first use), one writer."""

    def __init__(self, db_path: str, settings: Settings, writes_per_minute: int,
                 analyses_per_minute: int = ANALYSES_PER_MINUTE):
        self.db_path = db_path
        self.settings = settings
        self._pipeline = None
        self._pipeline_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self.writes_per_minute = writes_per_minute
        self.analyses_per_minute = analyses_per_minute
        self._writes = RateLimiter(writes_per_minute)
        self._analyses = RateLimiter(analyses_per_minute)

    def reader(self):
        from ..store.store import Store

        return Store(self.db_path, readonly=True)

    def pipeline(self):
        with self._pipeline_lock:
            if self._pipeline is None:
                from ..pipeline import Pipeline

                self._pipeline = Pipeline(self.settings)
            return self._pipeline

    def analyze(self, text: str, day: Optional[str], title: Optional[str], kind: str = "text",
                name: Optional[str] = None):
        from ..model import InputFailure, RawDocument

        raw = RawDocument(doc_id=name or "pasted", content=text, kind=kind, date=_parse_day(day), title=title or "")
        from ..extract.dates import undated_today

        pipeline = self.pipeline()
        with self._pipeline_lock:
            out = next(iter(pipeline.process([raw], today=undated_today())))
        if isinstance(out, InputFailure):
            raise InputError(out.reason)
        return out

    def check_write_rate(self, client: str) -> None:
        if not self._writes.allow(client):
            raise _Refused(429, "E429", f"too many writes: at most {self.writes_per_minute} per minute")

    def check_analysis_rate(self, client: str) -> None:
        if not self._analyses.allow(client):
            raise _Refused(429, "E429", f"too many analyses: at most {self.analyses_per_minute} per minute")

    def ingest(self, body: DocumentRequest) -> dict:
        from ..ingest import ingest
        from ..model import RawDocument
        from ..store.store import Store, content_hash

        result = self.analyze(body.text, body.date, body.title)
        with self._write_lock:
            store = Store(self.db_path)
            try:
                raw = RawDocument(doc_id=body.id or body.url or "api", content=body.text, kind="text",
                                  date=_parse_day(body.date), title=body.title or "", url=body.url)
                report = ingest([raw], store, self.settings, args={"via": "api"}, command="api")
                row = store.conn.execute("SELECT id, doc_key FROM documents WHERE content_hash = ?",
                                         (content_hash(result.article.text),)).fetchone()
            finally:
                store.close()
        return {"id": row["id"] if row else None, "doc_id": row["doc_key"] if row else None,
                "stored": report.stored, "already_stored": report.skipped, "events": len(result.events),
                "warnings": [{"code": w.code, "message": w.reason} for w in report.warnings]}


def _parse_day(value: Optional[str]):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"date must be YYYY-MM-DD, not {value[:20]!r}") from None


async def _read_upload(file: UploadFile, limit: int) -> str:
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise _Refused(413, "E413", f"the file is over the limit of {limit:,} bytes")
    from ..io.readers import decode_bytes

    return decode_bytes(data, file.filename or "upload")


def _version() -> str:
    from .. import __version__

    return __version__
