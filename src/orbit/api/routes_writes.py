"""Routes that run the pipeline: analyses (nothing stored) and ingest (needs the token)."""
from __future__ import annotations

import hmac
from typing import Optional

from fastapi import APIRouter, Depends, File, Form, Header, Request, UploadFile
from pydantic import BaseModel, Field

from ..serialize import result_dict
from .cache import json_response
from .state import Refused

# request bodies over this are refused (413); an article rarely exceeds 200 kB
MAX_BODY_BYTES = 2_000_000


class AnalyzeRequest(BaseModel):
    text: str = Field(..., min_length=1, max_length=MAX_BODY_BYTES)
    date: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    title: Optional[str] = Field(None, max_length=1000)


class DocumentRequest(AnalyzeRequest):
    url: Optional[str] = Field(None, max_length=2000)
    id: Optional[str] = Field(None, min_length=1, max_length=500, pattern=r"\S")


def write_routes(state, token: Optional[str], max_body: int) -> APIRouter:
    r = APIRouter()

    def require_token(authorization: Optional[str] = Header(None), x_orbit_token: Optional[str] = Header(None)):
        if not token:
            raise Refused(403, "E403", "writes are disabled: start the server with ORBIT_TOKEN set")
        given = x_orbit_token or (authorization[7:] if authorization and authorization.startswith("Bearer ") else "")
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise Refused(401, "E401", "a valid token is needed for writes (Authorization: Bearer TOKEN)")

    @r.post("/api/analyze")
    def analyze(request: Request, body: AnalyzeRequest):
        state.check_analysis_rate(_client(request))
        return json_response(result_dict(state.analyze(body.text, body.date, body.title)))

    @r.post("/api/analyze/file")
    async def analyze_file(request: Request, file: UploadFile = File(...),
                           date_: Optional[str] = Form(None, alias="date")):
        state.check_analysis_rate(_client(request))
        content = await _read_upload(file, max_body)
        kind = "html" if (file.filename or "").lower().endswith((".html", ".htm")) else "text"
        from starlette.concurrency import run_in_threadpool

        # the pipeline runs in a worker thread: on the event loop it would stop every other request
        result = await run_in_threadpool(state.analyze, content, date_, None, kind, file.filename)
        return json_response(result_dict(result))

    @r.post("/api/documents", status_code=201, dependencies=[Depends(require_token)])
    def add_document(request: Request, body: DocumentRequest):
        state.check_write_rate(_client(request))
        out = state.ingest(body.id or body.url or "api", body.text, body.date, body.title, body.url)
        return json_response(out, status=201)

    return r


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


async def _read_upload(file: UploadFile, limit: int) -> str:
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise Refused(413, "E413", f"the file is over the limit of {limit:,} bytes")
    from ..io.readers import decode_bytes

    return decode_bytes(data, file.filename or "upload")
