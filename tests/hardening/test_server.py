"""Server hardening, each with a test: header and body limits, slow clients, token
comparison, no stack traces, security headers, CORS closed, bounded write rate."""
from __future__ import annotations

import hmac
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from orbit.api import create_app

from ..api.conftest import free_port


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("hard") / "orbit.db"
    subprocess.run([sys.executable, "-m", "orbit", "migrate", "--db", str(db)], check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "orbit", "serve", "--db", str(db), "--port", str(port),
                             "--read-timeout", "1.5"], env=dict(os.environ, ORBIT_TOKEN="t"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield port
    proc.terminate()
    proc.wait(10)


def _recv_all(sock, timeout) -> bytes:
    sock.settimeout(timeout)
    data = b""
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        return data + b"<timeout>"
    return data


def test_slow_headers_are_cut_off(slow_server):
    with socket.create_connection(("127.0.0.1", slow_server)) as s:
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")  # never finishes the headers
        started = time.monotonic()
        data = _recv_all(s, 6)
        assert not data.endswith(b"<timeout>") and time.monotonic() - started < 5


def test_slow_body_is_cut_off(slow_server):
    with socket.create_connection(("127.0.0.1", slow_server)) as s:
        s.sendall(b"POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1000\r\n\r\n{\"text\":")
        data = _recv_all(s, 6)
        assert not data.endswith(b"<timeout>")


def test_huge_headers_are_refused(slow_server):
    r = httpx.get(f"http://127.0.0.1:{slow_server}/api/health", headers={"X-Big": "a" * 40_000})
    assert r.status_code in (400, 431)


def test_server_still_answers_after_the_abuse(slow_server):
    assert httpx.get(f"http://127.0.0.1:{slow_server}/api/health").json()["status"] == "ok"


@pytest.fixture()
def app_client(tmp_path, monkeypatch):
    db = tmp_path / "orbit.db"
    from orbit.store.store import Store

    Store(db).close()
    app = create_app(db, token="secret", writes_per_minute=2)
    return TestClient(app, raise_server_exceptions=False, base_url="http://localhost")


def test_token_is_compared_in_constant_time(app_client, monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    r = app_client.post("/api/documents", json={"text": "Iran criticized Israel."},
                        headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401 and calls


def test_writes_are_rate_limited(app_client):
    headers = {"Authorization": "Bearer secret"}
    codes = [app_client.post("/api/documents", json={"text": f"Iran criticized Israel on day {i}."},
                             headers=headers).status_code for i in range(3)]
    assert codes == [201, 201, 429]


def test_no_stack_traces_in_responses(app_client, monkeypatch):
    from orbit.store.store import Store

    def boom(self):
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(Store, "stats", boom)
    r = app_client.get("/api/stats")
    assert r.status_code == 500 and r.json()["error"]["code"] == "E999"
    assert "secret internal detail" not in r.text and "Traceback" not in r.text


def test_cors_is_closed_by_default(app_client):
    pre = app_client.options("/api/events", headers={"Origin": "http://evil.example",
                                                     "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers
    r = app_client.get("/api/health", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_security_headers_everywhere(app_client):
    for path in ("/", "/api/health", "/api/does-not-exist"):
        r = app_client.get(path)
        assert r.headers.get("x-content-type-options") == "nosniff"
        assert "frame-ancestors 'none'" in r.headers.get("content-security-policy", "")
        assert "server" not in {k.lower() for k in r.headers}
