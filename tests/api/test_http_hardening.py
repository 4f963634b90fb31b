"""Issue 17 (points 3, 4, 6) against the real server of the other API tests: huge ids are
4xx, not 500; a foreign Host header is refused; documents say where their date came from."""
from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time

import httpx
import pytest

from .conftest import free_port


def raw_get(base: str, path: str, host: str) -> tuple[int, bytes]:
    """A GET with exactly this Host header (as a DNS-rebinding page would send)."""
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.mark.parametrize("path", ["/api/clusters/99999999999999999999999", "/api/clusters/9223372036854775808",
                                  "/api/clusters/-1"])
def test_huge_cluster_ids_are_refused_not_overflowed(client, path):
    r = client.get(path)
    assert r.status_code == 422 and r.json()["error"]["code"] == "E422"


def test_a_cluster_id_in_range_that_does_not_exist_is_404(client):
    r = client.get("/api/clusters/4611686018427387904")
    assert r.status_code == 404 and r.json()["error"]["code"] == "E404"


def test_foreign_host_headers_are_refused(server):
    status, body = raw_get(server, "/api/stats", "evil.example.com")
    assert status == 421 and b"E421" in body and b"evil.example.com" in body
    status, _ = raw_get(server, "/api/documents", "attacker.test:8000")
    assert status == 421
    port = server.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
        status, _ = raw_get(server, "/api/stats", host)
        assert status == 200, host


def test_allow_host_adds_a_name(api_db):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "orbit", "serve", "--db", str(api_db), "--port", str(port),
                             "--allow-host", "orbit.internal"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert raw_get(base, "/api/health", f"orbit.internal:{port}")[0] == 200
        assert raw_get(base, "/api/health", "other.internal")[0] == 421
    finally:
        proc.terminate()
        proc.wait(10)


def test_documents_give_their_date_source(client, api_db):
    with sqlite3.connect(api_db) as conn:
        rows = conn.execute("SELECT id, doc_key, date_source FROM documents ORDER BY id").fetchall()
    listed = {d["id"]: d for d in client.get("/api/documents", params={"limit": 1000}).json()["items"]}
    for row_id, key, source in rows:
        assert source in ("given", "text", "today")
        assert listed[row_id]["date_source"] == source
        doc = client.get(f"/api/documents/{key}").json()
        assert doc["id"] == row_id and doc["date_source"] == source
        assert client.get(f"/api/documents/%23{row_id}").json()["doc_id"] == key


def test_analyze_of_an_undated_text_leaves_relative_dates_unresolved(client):
    r = client.post("/api/analyze", json={"text": "Russia criticized Ukraine on Friday over the border talks."})
    assert r.status_code == 200
    doc = r.json()
    assert doc["date_source"] == "today"
    assert {d["text"]: d["date"] for d in doc["dates"]}["Friday"] is None
    dated = client.post("/api/analyze", json={"text": "Russia criticized Ukraine on Friday over the border talks.",
                                              "date": "2018-03-10"}).json()
    assert dated["date_source"] == "given" and {d["text"]: d["date"] for d in dated["dates"]}["Friday"] == "2018-03-09"
