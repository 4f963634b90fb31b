"""Issue 17.8: /api/docs is served by orbit itself (swagger-ui-bundle), not from a CDN its
own Content-Security-Policy blocks; in a browser the page lists the API's operations."""
from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")


def test_api_docs_references_only_local_assets_that_are_served(server):
    page = httpx.get(server + "/api/docs", timeout=30)
    assert page.status_code == 200
    html = page.text
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs and not [r for r in refs if "//" in r], refs  # no other origin
    assert any(r.endswith("swagger-ui-bundle.js") for r in refs) and any(r.endswith("swagger-ui.css") for r in refs)
    for ref in refs:
        asset = httpx.get(server + ref, timeout=30)
        assert asset.status_code == 200, ref
        assert asset.content
    # the page's own policy allows its one inline script by hash, and nothing from elsewhere
    csp = page.headers["content-security-policy"]
    assert "'sha256-" in csp and "unsafe-inline" not in csp and "http" not in csp


def test_api_docs_renders_the_operations_in_a_browser(server):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
            page.goto(server + "/api/docs")
            page.wait_for_selector(".opblock", timeout=30_000)
            paths = page.locator(".opblock-summary-path").all_inner_texts()
        finally:
            browser.close()
    assert any("/api/events" in t for t in paths), paths
    assert not problems, problems
