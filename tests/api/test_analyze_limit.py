"""POST /api/analyze is rate-limited per client like the writes (429, E429), on a real server."""
from __future__ import annotations

import httpx
import pytest

from orbit.api.app import ANALYSES_PER_MINUTE
from orbit.api.limits import RateLimiter

from .conftest import start_server


@pytest.fixture(scope="module")
def own_server(api_db):
    """A server of its own: this test spends the analysis budget, which the shared server's
    other tests need."""
    proc, base = start_server(api_db)
    yield base
    proc.terminate()
    proc.wait(10)


def test_analyze_is_rate_limited_per_client(own_server):
    with httpx.Client(base_url=own_server, timeout=60) as c:
        codes = [c.post("/api/analyze", json={"text": f"Iran criticized Israel on day {i}."}).status_code
                 for i in range(ANALYSES_PER_MINUTE)]
        assert codes == [200] * ANALYSES_PER_MINUTE
        refused = c.post("/api/analyze", json={"text": "Iran criticized Israel."})
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "E429"
        # the file variant shares the analysis budget; reads are not limited
        assert c.post("/api/analyze/file", files={"file": ("a.txt", b"Iran criticized Israel.")}).status_code == 429
        assert c.get("/api/stats").status_code == 200


def test_rate_limiter_window_slides():
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert [limiter.allow("a"), limiter.allow("a"), limiter.allow("a"), limiter.allow("b")] == [True, True, False, True]
    now[0] = 61.0
    assert limiter.allow("a")
