"""The HTTP API and the dashboard: `create_app(db_path, settings)` builds a FastAPI app.

The routes live in route modules (routes_reads, routes_aggregates, routes_writes) over
store/queries.py; this module wires them to the shared server state (api/state.py:
one read-only connection per worker thread, the write stamp and response cache of
api/cache.py, the pipeline and the one writer), the hardening middlewares and the error
shape. Writes (POST /api/documents) need the token from ORBIT_TOKEN.
"""
from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from ..errors import InputError, OrbitError, QueryError, StoreError
from ..settings import Settings, load_settings
from .docs import ASSETS_URL as DOCS_ASSETS_URL
from .docs import docs_page, swagger_ui_dir
from .limits import LOOPBACK_HOSTS, HostCheckMiddleware, SecurityHeadersMiddleware, SizeLimitMiddleware
from .routes_aggregates import aggregate_routes
from .routes_reads import MAX_ID, PAGE_MAX, event_routes, read_routes  # noqa: F401 - re-exported
from .routes_writes import MAX_BODY_BYTES, AnalyzeRequest, DocumentRequest, write_routes  # noqa: F401
from .state import Refused, ServerState
from .views import error as _error

log = logging.getLogger(__name__)

# writes (ingest) per minute per client, to keep one client from flooding the store
WRITES_PER_MINUTE = 60
# analyses (POST /api/analyze, /api/analyze/file: the pipeline runs, nothing is stored) per
# minute per client, counted apart from writes: each one holds the pipeline
ANALYSES_PER_MINUTE = 60
# rendered aggregate responses kept per process (api/cache.py); 0 turns the cache off
CACHE_ENTRIES = 256
# threads running the sync routes (writes, analyses) per server process (see lifespan in create_app)
THREADS = 8


def create_app(db_path: str | Path = "orbit.db", settings: Optional[Settings] = None,
               token: Optional[str] = None, max_body: int = MAX_BODY_BYTES,
               writes_per_minute: int = WRITES_PER_MINUTE, allowed_hosts: Iterable[str] = (),
               analyses_per_minute: int = ANALYSES_PER_MINUTE, cache_entries: int = CACHE_ENTRIES) -> FastAPI:
    """`allowed_hosts`: names the Host header may give besides localhost, 127.0.0.1, ::1 and
    `settings.allowed_hosts` (the bound host, when not one of those; "*" for any)."""
    settings = settings or load_settings()
    db_path = str(db_path)
    token = token if token is not None else os.environ.get("ORBIT_TOKEN") or None
    state = ServerState(db_path, settings, writes_per_minute, analyses_per_minute, cache_entries)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        import anyio.to_thread

        # the sync routes (writes, analyses, pages) run in this pool; the reads run on the
        # event loop (routes_reads.py). A few threads, where anyio's default 40 made
        # concurrent requests take turns on the GIL
        anyio.to_thread.current_default_thread_limiter().total_tokens = int(os.environ.get("ORBIT_THREADS", THREADS))
        yield
        state.close_readers()

    app = FastAPI(title="orbit", version=_version(), description="Political event data from news articles.",
                  docs_url=None, openapi_url="/api/openapi.json", redoc_url=None, lifespan=lifespan)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(SizeLimitMiddleware, max_body=max_body)
    app.add_middleware(HostCheckMiddleware, allowed=(*LOOPBACK_HOSTS, *settings.allowed_hosts, *allowed_hosts))
    app.state.orbit = state
    _error_handlers(app)
    app.include_router(read_routes(state, _version()))
    app.include_router(event_routes(state))
    app.include_router(aggregate_routes(state))
    app.include_router(write_routes(state, token, max_body))
    _pages(app)
    return app


def _error_handlers(app: FastAPI) -> None:
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException as StarletteHTTPException

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

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, err: RequestValidationError):
        first = err.errors()[0] if err.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", []))
        return _error(422, "E422", f"invalid {where}: {first.get('msg', 'bad value')}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException):
        return _error(err.status_code, f"E{err.status_code}", str(err.detail))

    @app.exception_handler(Refused)
    async def _refused(request: Request, err: Refused):
        return _error(err.status, err.code, err.message)


def _pages(app: FastAPI) -> None:
    """The API docs page (api/docs.py) and the dashboard."""
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


def _version() -> str:
    from .. import __version__

    return __version__
