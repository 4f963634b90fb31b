"""The HTTP API against a real running server."""
from __future__ import annotations

import itertools

import pytest

from .conftest import TOKEN


def test_health_and_openapi(client):
    assert client.get("/api/health").json()["status"] == "ok"
    spec = client.get("/api/openapi.json").json()
    assert "/api/events" in spec["paths"] and "/api/analyze" in spec["paths"]


def test_events_pagination_is_complete_and_disjoint(client):
    seen, cursor = [], None
    for _ in range(100):
        params = {"limit": 7, **({"cursor": cursor} if cursor is not None else {})}
        page = client.get("/api/events", params=params).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    everything = [e["id"] for e in client.get("/api/events", params={"limit": 1000}).json()["items"]]
    assert seen == everything and len(seen) == len(set(seen)) and len(seen) > 7


def test_event_filters(client):
    usa = client.get("/api/events", params={"source": "USA"}).json()["items"]
    assert usa and all(e["source"]["country"] == "USA" or e["source"]["code"].startswith("USA") for e in usa)
    asserted = client.get("/api/events", params={"limit": 1000}).json()["items"]
    everything = client.get("/api/events", params={"limit": 1000, "all": "true"}).json()["items"]
    assert all(not (e["negated"] or e["hypothetical"]) for e in asserted) and len(everything) > len(asserted)
    roots = {e["root"] for e in client.get("/api/events", params={"root": "04"}).json()["items"]}
    assert roots == {"04"}


def test_documents_search_clusters_series_network(client):
    docs = client.get("/api/documents", params={"limit": 3}).json()
    assert len(docs["items"]) == 3 and docs["next_cursor"] is not None
    doc = client.get(f"/api/documents/{docs['items'][0]['id']}").json()
    assert doc["text"] and "events" in doc
    assert client.get("/api/search", params={"q": "sanctions"}).json()["items"]
    clusters = client.get("/api/clusters", params={"limit": 5}).json()["items"]
    assert clusters and client.get(f"/api/clusters/{clusters[0]['id']}").json()["members"]
    top = client.get("/api/dyads").json()["items"][0]
    series = client.get("/api/series", params={"source": top["source"], "target": top["target"], "freq": "day"}).json()
    assert sum(p["events"] for p in series["items"]) >= 1
    net = client.get("/api/network").json()
    assert net["nodes"] and net["edges"]


def test_missing_things_are_404(client):
    assert client.get("/api/documents/999999").status_code == 404
    assert client.get("/api/clusters/999999").status_code == 404
    assert client.get("/api/no/such/route").status_code == 404


def test_analyze_a_pasted_text(client):
    r = client.post("/api/analyze", json={"text": "Iran criticized Israel on Monday.", "date": "2024-04-10"})
    assert r.status_code == 200
    assert [(e["source"]["country"], e["target"]["country"], e["root"]) for e in r.json()["events"]] == [("IRN", "ISR", "11")]
    bad = client.post("/api/analyze", json={"text": ""})
    assert bad.status_code == 422 and "error" in bad.json()


def test_writes_need_the_token(client):
    body = {"text": "Turkey and Greece held talks in Athens on Tuesday.", "date": "2024-02-06", "id": "api-1"}
    assert client.post("/api/documents", json=body).status_code == 401
    assert client.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201 and ok.json()["stored"] == 1
    again = client.post("/api/documents", json=body, headers={"X-Orbit-Token": TOKEN})
    assert again.status_code == 201 and again.json()["already_stored"] == 1


def test_oversize_bodies_are_refused(client):
    big = {"text": "word " * 60_000}
    r = client.post("/api/analyze", json=big)
    assert r.status_code == 413 and r.json()["error"]["code"] == "E413"


INJECTIONS = ["' OR 1=1 --", "\" OR \"\"=\"", "1; DROP TABLE events", "../../etc/passwd", "<script>alert(1)</script>",
              "%00", "NEAR(", "*", "\\", "😀" * 50, "x" * 5000, "-1", "9" * 40]
PARAMS = {"/api/events": ["actor", "source", "target", "code", "root", "quad", "since", "until", "doc", "text", "limit",
                          "cursor", "all"],
          "/api/clusters": ["source", "target", "root", "since", "until", "min_mentions", "limit", "cursor"],
          "/api/documents": ["q", "limit", "cursor"], "/api/search": ["q", "limit"],
          "/api/series": ["source", "target", "freq", "since", "until"], "/api/network": ["since", "until", "min_events"],
          "/api/places": ["since", "until", "limit"], "/api/actors": ["since", "until", "limit"]}


@pytest.mark.parametrize("path,param", [(p, q) for p, qs in PARAMS.items() for q in qs])
def test_injection_attempts_never_cause_a_server_error(client, path, param):
    base = {"source": "USA", "target": "KAZ"} if path == "/api/series" else {}
    for value in INJECTIONS:
        r = client.get(path, params={**base, param: value})
        assert r.status_code < 500, (path, param, value, r.text[:200])
        assert "Traceback" not in r.text
        if r.status_code >= 400:
            assert "error" in r.json()
    for value in INJECTIONS[:4]:
        r = client.get(f"/api/documents/{value}")
        assert r.status_code in (404, 400, 422) or r.status_code == 200


def test_the_store_is_intact_after_the_attacks(client):
    assert client.get("/api/stats").json()["events"] > 0


def test_dashboard_is_served_with_security_headers(client):
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    assert "access-control-allow-origin" not in r.headers


def test_static_path_traversal_is_refused(client):
    for path in ["/static/../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e/api/app.py"]:
        r = client.get(path)
        assert r.status_code in (400, 404) and "root:" not in r.text
