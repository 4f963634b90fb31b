"""The API's documentation page (`/api/docs`), served by this process: no CDN.

Swagger UI's files (Swagger UI 5, Apache-2.0, which reads the OpenAPI 3.1 that FastAPI
writes) come from the `fastapi-offline` package (MIT; it needs only FastAPI) and are mounted
at `ASSETS_URL`; the page is FastAPI's own Swagger UI page pointed at them. Its one inline
script (which starts Swagger UI) is allowed by its SHA-256 hash in the page's own
Content-Security-Policy, which otherwise is the one every response gets (limits.py):
no other inline script runs, and nothing loads from another origin.
"""
from __future__ import annotations

import base64
import hashlib
import logging
import re
from importlib import resources
from pathlib import Path
from typing import Optional

from fastapi.responses import HTMLResponse

log = logging.getLogger(__name__)

ASSETS_URL = "/api/docs/assets"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def swagger_ui_dir() -> Optional[Path]:
    """The folder holding swagger-ui-bundle.js and swagger-ui.css, or None if not installed."""
    try:
        folder = Path(str(resources.files("fastapi_offline").joinpath("static")))
    except ModuleNotFoundError:
        folder = None
    if folder is None or not (folder / "swagger-ui-bundle.js").is_file():
        log.warning("fastapi-offline is not installed: /api/docs links the OpenAPI document only")
        return None
    return folder


def docs_page(openapi_url: str, title: str, installed: bool) -> HTMLResponse:
    if not installed:
        return HTMLResponse(f"<!doctype html><title>{title}</title><p>Swagger UI is not installed "
                            f"(<code>pip install fastapi-offline</code>); the API is described by "
                            f"<a href='{openapi_url}'>{openapi_url}</a>.</p>")
    from fastapi.openapi.docs import get_swagger_ui_html

    page = get_swagger_ui_html(openapi_url=openapi_url, title=title,
                               swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
                               swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
                               swagger_favicon_url=f"{ASSETS_URL}/favicon.png")
    html = page.body.decode("utf-8")
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in INLINE_SCRIPT.findall(html))
    csp = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
           f"script-src 'self' {hashes}; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
           "form-action 'self'")
    return HTMLResponse(html, headers={"Content-Security-Policy": csp})
