"""Issue 19, the serving half: one event serializer, series and top lists in SQL equal to
the DataFrame versions, ETag/304 from the store's write stamp, an aggregate cache that a
write by another connection invalidates, one read connection per thread, reads on the
event loop, POST
/api/documents coding once, `orbit serve --workers N` and the non-loopback warning."""
from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from orbit.api import create_app
from orbit.serialize import event_dict, stored_event_dict, stored_event_dicts
from orbit.store import queries
from orbit.store.queries import EventFilter
from orbit.store.rows import event_from_row
from orbit.store.store import Store

from .conftest import TOKEN, free_port, start_server


@pytest.fixture()
def store_copy(api_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(api_db, db)
    return db


def app_client(db, **kw) -> TestClient:
    return TestClient(create_app(db, **kw), base_url="http://127.0.0.1")


def test_stored_events_serialize_as_model_events(api_db):
    with Store(api_db, readonly=True) as s:
        rows = list(s.event_rows(EventFilter(include_all=True)))
        assert rows
        for row, fast in zip(rows, stored_event_dicts(rows)):
            assert fast == stored_event_dict(row)
            model = event_dict(event_from_row(row))
            assert list(fast) == ["id", "document", *model]  # the same keys in the same order
            assert {k: v for k, v in fast.items() if k not in ("id", "document")} == model
            assert (fast["id"], fast["document"]) == (row["id"], row["document_id"])


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def test_series_and_top_lists_in_sql_equal_the_dataframes(api_db):
    from orbit.analysis import dyad_series, top_actors, top_dyads

    with Store(api_db, readonly=True) as s:
        for since, until in ((None, None), ("2024-01-01", "2024-06-30"), ("2023-02-10", "2024-05-20")):
            assert queries.top_dyads(s.conn, since, until, 50) == top_dyads(s, since, until, 50).to_dict("records")
            assert queries.top_actors(s.conn, since, until, 50) == top_actors(s, since, until, 50).to_dict("records")
        pairs = [(d["source"], d["target"]) for d in queries.top_dyads(s.conn, None, None, 4)] + [("USA", "XXX")]
        for a, b in pairs:
            for freq in ("day", "week", "month", "year"):
                for both in (False, True):
                    sql = queries.dyad_series(s.conn, a, b, freq, both_directions=both)
                    frame = dyad_series(s, a, b, freq, both_directions=both).to_dict("records")
                    assert [list(r) for r in sql] == [list(r) for r in frame]
                    assert all(_same(x[k], y[k]) for x, y in zip(sql, frame) for k in x), (a, b, freq, both)


def test_reads_carry_validators_and_answer_304(client):
    for path in ("/api/stats", "/api/events?limit=5", "/api/dyads", "/api/documents?limit=2"):
        r = client.get(path)
        tag = r.headers["etag"]
        assert r.status_code == 200 and tag.startswith('W/"') and r.headers["last-modified"].endswith("GMT")
        assert r.headers["cache-control"] == "no-cache"
        again = client.get(path, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
        assert client.get(path, headers={"If-None-Match": 'W/"0-0-x"'}).status_code == 200


def test_a_write_elsewhere_changes_the_tag_and_the_cached_aggregates(store_copy):
    c = app_client(store_copy)
    before = c.get("/api/stats")
    dyads = c.get("/api/dyads").json()
    assert c.get("/api/stats", headers={"If-None-Match": before.headers["etag"]}).status_code == 304
    # another connection (as another process would) removes the busiest document's events
    with Store(store_copy) as w:
        doc = w.conn.execute("SELECT document_id FROM events GROUP BY document_id ORDER BY count(*) DESC LIMIT 1"
                             ).fetchone()[0]
        old = [dict(r) for r in w.conn.execute("SELECT * FROM events WHERE document_id = ?", (doc,))]
        w.conn.execute("BEGIN")
        w._aggregate(old, -1)
        w.conn.execute("DELETE FROM events WHERE document_id = ?", (doc,))
        w.conn.execute("COMMIT")
    after = c.get("/api/stats", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    assert after.json()["events"] == before.json()["events"] - len(old)
    assert c.get("/api/dyads").json() != dyads
    with Store(store_copy, readonly=True) as s:
        assert c.get("/api/dyads").json()["items"] == queries.top_dyads(s.conn, None, None, 50)


def test_reads_keep_one_connection_per_thread(store_copy, monkeypatch):
    import orbit.store.store as store_module

    opened = []
    real = store_module.sqlite3.connect
    monkeypatch.setattr(store_module.sqlite3, "connect", lambda *a, **k: opened.append(1) or real(*a, **k))
    with app_client(store_copy) as c:  # one event loop and thread pool, as in a server
        for _ in range(30):
            assert c.get("/api/events?limit=3").status_code == 200
            assert c.get("/api/stats").status_code == 200
        state = c.app.state.orbit
        assert len(opened) == len(state._readers) <= 3  # the pool reuses a thread or two
        with state.snapshot() as (s, _):
            assert s.conn.execute("PRAGMA query_only").fetchone()[0] == 1


def test_reads_run_on_the_event_loop_not_in_the_thread_pool(store_copy, monkeypatch):
    """A read is cheaper than the hand-off to a pool thread (routes_reads.py); a write runs
    the pipeline for seconds and must not hold the event loop."""
    import fastapi.routing

    pooled = []
    real = fastapi.routing.run_in_threadpool

    async def recording(func, *args, **kwargs):
        pooled.append(getattr(func, "__name__", repr(func)))
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(fastapi.routing, "run_in_threadpool", recording)
    reads = ["/api/health", "/api/stats", "/api/documents", "/api/documents/1", "/api/search?q=talks",
             "/api/events?limit=3", "/api/clusters", "/api/clusters/1", "/api/actors", "/api/dyads",
             "/api/series?source=USA&target=RUS", "/api/network", "/api/places"]
    with app_client(store_copy) as c:
        for path in reads:
            assert c.get(path).status_code in (200, 404), path
        assert pooled == []
        c.post("/api/analyze", json={"text": "Russia criticised Ukraine on Monday."})
        assert pooled  # the analysis went to the pool


def test_posted_documents_are_coded_once(store_copy, monkeypatch):
    from orbit.pipeline import Pipeline

    calls = []
    real = Pipeline.analyse

    def counting(self, articles):
        for result in real(self, articles):
            calls.append(result.article.doc_id)
            yield result

    monkeypatch.setattr(Pipeline, "analyse", counting)
    c = app_client(store_copy, token=TOKEN)
    body = {"text": "Turkey and Greece held talks in Athens on Tuesday.", "date": "2024-02-06", "id": "once-1"}
    r = c.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["stored"] == 1 and out["doc_id"] == "once-1" and out["events"] >= 1
    assert calls == ["once-1"]
    again = c.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert again["already_stored"] == 1 and again["id"] == out["id"] and again["events"] == out["events"]
    assert calls == ["once-1"]  # already stored: found by its text's hash before any coding
    blank = c.post("/api/documents", json={"text": "   "}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert blank.status_code == 422 and "error" in blank.json()


def test_serve_with_workers(api_db):
    proc, base = start_server(api_db, "--workers", "2")
    try:
        with httpx.Client(base_url=base, timeout=30) as c:
            tags = {c.get("/api/stats").headers["etag"] for _ in range(20)}
            assert len(tags) == 1  # every worker derives the same tag from the one store
            assert all(c.get("/api/events", params={"limit": 3}).status_code == 200 for _ in range(10))
    finally:
        proc.terminate()
        proc.wait(20)


def _serve_stderr(db, host: str, env: dict) -> str:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "orbit", "serve", "--db", str(db), "--host", host,
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    try:
        lines = []
        deadline = time.time() + 60
        while time.time() < deadline:
            line = proc.stderr.readline()
            lines.append(line)
            if "dashboard and API on" in line or not line:
                break
        return "".join(lines)
    finally:
        proc.terminate()
        proc.wait(20)


def test_serve_warns_when_exposed_without_a_token(api_db):
    env = {k: v for k, v in os.environ.items() if k != "ORBIT_TOKEN"}
    exposed = _serve_stderr(api_db, "0.0.0.0", env)
    assert "warning" in exposed and "ORBIT_TOKEN" in exposed and "not a loopback address" in exposed
    assert "warning" not in _serve_stderr(api_db, "127.0.0.1", env)
    assert "warning" not in _serve_stderr(api_db, "0.0.0.0", dict(env, ORBIT_TOKEN=TOKEN))


def test_series_body_is_the_rows(client, api_db):
    """/api/series splices the rows SQLite rendered into its body: the same JSON as the rows
    (the Goldstein sum and mean to 15 significant digits)."""
    import math

    with Store(api_db, readonly=True) as s:
        (top,) = queries.top_dyads(s.conn, None, None, 1)
        for freq, both in (("day", False), ("month", True), ("week", False)):
            r = client.get(f"/api/series?source={top['source']}&target={top['target']}&freq={freq}&both={both}")
            rows = queries.dyad_series(s.conn, top["source"], top["target"], freq, both_directions=both)
            assert r.status_code == 200 and rows
            body = r.json()
            assert {k: body[k] for k in ("source", "target", "freq")} == {"source": top["source"],
                                                                         "target": top["target"], "freq": freq}
            assert [list(item) for item in body["items"]] == [list(row) for row in rows]
            for item, row in zip(body["items"], rows):
                assert {k: v for k, v in item.items() if not k.startswith("goldstein")} == \
                    {k: v for k, v in row.items() if not k.startswith("goldstein")}
                assert all(math.isclose(item[k], row[k], rel_tol=1e-14) for k in ("goldstein_sum", "goldstein_mean"))
    assert client.get("/api/series?source=U1A&target=RUS").status_code == 400
