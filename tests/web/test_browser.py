"""The dashboard in a real browser: Playwright drives Debian's chromium against `orbit serve`.

A session fixture builds a store from samples/ (and the seed article from ../shared, if it is
there), starts the server as a subprocess on a free port and opens one browser; every test gets
a fresh page and fails on any console error, uncaught exception or failed request. Screenshots
of the views are written to tests/screenshots/ (git-ignored).

Never run `playwright install`: the tests use /usr/bin/chromium (apt-get install chromium).
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
expect = sync_api.expect

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SEED = ROOT.parent / "shared" / "seed" / "blinken-central-asia.txt"
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWS = ["reader", "events", "dyad", "network", "map", "analyze"]


# ---------------------------------------------------------------------------------------- fixtures
def _run(args: list[str], timeout: float = 120) -> None:
    proc = subprocess.run([sys.executable, "-m", "orbit", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, f"orbit {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("web") / "web.db"
    _run(["ingest", str(SAMPLES), "--db", str(db), "--no-progress"])
    if SEED.is_file():
        _run(["ingest", str(SEED), "--date", "2023-02-28", "--db", str(db), "--no-progress"])
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(store, tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    env = dict(os.environ)
    env.pop("ORBIT_TOKEN", None)
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "orbit", "serve", "--db", str(store), "--port", str(port)],
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"orbit serve exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base}/api/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"orbit serve did not answer in 30 s:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        # load the server's pipeline (spaCy) in the background while the read-only views are tested
        threading.Thread(target=_warm_up, args=(base,), daemon=True).start()
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _warm_up(base: str) -> None:
    request = urllib.request.Request(f"{base}/api/analyze", data=b'{"text": "Germany praised France."}',
                                     headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(request, timeout=60).read()
    except OSError:
        pass  # the analyse test reports a broken endpoint itself


def api(base: str, path: str) -> dict:
    with urllib.request.urlopen(f"{base}/api/{path}", timeout=30) as r:
        return json.load(r)


@pytest.fixture(scope="session")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def page(browser, server):
    """A fresh page; the test fails if the page logs an error, throws, or a request fails."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(f"console.{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    pg.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} {r.failure}"))
    pg.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    pg.problems = problems
    yield pg
    context.close()
    assert not problems, "browser problems:\n" + "\n".join(problems)


def open_view(pg, hash_: str) -> None:
    view = hash_.lstrip("#").split("?")[0].split("/")[0]
    pg.goto(f"/{hash_}")
    pg.wait_for_selector(f"body[data-ready='{view}']", state="attached")


def shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"))


def inside(inner: dict, outer: dict) -> bool:
    """True if the box `inner` overlaps the visible box `outer` (both from bounding_box())."""
    return (inner["y"] + inner["height"] > outer["y"] and inner["y"] < outer["y"] + outer["height"]
            and inner["x"] + inner["width"] > outer["x"] and inner["x"] < outer["x"] + outer["width"])


# ---------------------------------------------------------------------------------------- every view
KEY_ELEMENTS = {
    "reader": ["[data-testid=doc-item]", "#reader-doc [data-testid=doc-text]", "#reader-doc [data-testid=legend]",
               "#reader-doc [data-testid=event-item]"],
    "events": ["[data-testid=event-filters]", "[data-testid=event-row]", "[data-testid=evidence-link]"],
    "dyad": ["#dyad-a", "#dyad-b", "[data-testid=dyad-svg]", "[data-testid=dyad-top-item]"],
    "network": ["[data-testid=network-svg]", "[data-testid=net-node]", "[data-testid=net-edge]"],
    "map": ["[data-testid=map-svg]", "[data-testid=country]"],
    "analyze": ["[data-testid=analyze-text]", "[data-testid=analyze-submit]"],
}


@pytest.mark.parametrize("view", VIEWS)
def test_view_renders(page, view):
    open_view(page, f"#{view}")
    expect(page.locator(f"#view-{view}")).to_be_visible()
    expect(page.locator(f"#tab-{view}")).to_have_class("active")
    for other in VIEWS:
        if other != view:
            expect(page.locator(f"#view-{other}")).to_be_hidden()
    for selector in KEY_ELEMENTS[view]:
        expect(page.locator(selector).first).to_be_attached()
    expect(page.locator("[data-testid=banner]")).to_be_hidden()
    expect(page.locator("[data-testid=stats]")).to_contain_text("documents")
    shot(page, view)


# ---------------------------------------------------------------------------------------- reader
def test_reader_event_click_scrolls_to_evidence(page, server):
    docs = api(server, "documents?limit=100")["items"]
    doc = max(docs, key=lambda d: d["events"] or 0)
    open_view(page, f"#reader/{doc['id']}")
    expect(page.locator("[data-testid=doc-title]")).to_have_text(doc["title"])
    expect(page.locator(f"[data-testid=doc-item][data-id='{doc['id']}']")).to_have_class("doc-item active")
    items = page.locator("#reader-doc [data-testid=event-item]")
    n = items.count()
    assert n >= 1
    last = n - 1  # the last event is usually far down the text: it has to be scrolled to
    items.nth(last).locator("button").click()
    evidence = page.locator(f"#ev-{last}")
    expect(evidence).to_have_class("evidence active")
    expect(items.nth(last)).to_have_class("ev-item active")
    expect(evidence).to_be_in_viewport()
    box = page.locator("#reader-doc [data-testid=doc-text]").bounding_box()
    assert inside(evidence.bounding_box(), box), "the evidence span is not scrolled into the text pane"
    assert "?ev=" in page.url
    # only one event is active at a time
    items.nth(0).locator("button").click()
    expect(page.locator("#ev-0")).to_have_class("evidence active")
    if last:
        expect(evidence).not_to_have_class("evidence active")
    # the legend hides a layer
    page.locator("#reader-doc [data-layer=actors]").uncheck()
    expect(page.locator("#reader-doc [data-testid=doc-text]")).to_have_class("doc-text hide-actors")
    shot(page, "reader-event")


def test_reader_search(page, server):
    open_view(page, "#reader")
    page.fill("[data-testid=doc-search]", "Ethiopia")
    first = page.locator("[data-testid=doc-item]").first
    expect(first.locator(".snippet mark").first).to_be_visible()
    assert page.locator("[data-testid=doc-item]").count() < len(api(server, "documents?limit=100")["items"])


# ---------------------------------------------------------------------------------------- events
def test_events_filter_sort_and_evidence_link(page, server):
    open_view(page, "#events")
    rows = page.locator("[data-testid=event-row]")
    expect(rows.first).to_be_visible()
    top = api(server, "dyads?limit=1")["items"][0]
    page.fill("#f-source", top["source"].lower())
    page.click("#f-apply")
    page.wait_for_url(f"**#events?source={top['source']}")
    expect(rows).to_have_count(len(api(server, f"events?source={top['source']}&limit=100")["items"]))
    for text in rows.locator("td:nth-child(2)").all_inner_texts():
        assert text.startswith(top["source"])
    page.click("#f-reset")
    expect(rows).to_have_count(min(100, api(server, "stats")["asserted_events"]))
    # sort by Goldstein, descending first
    page.click("th[data-sort=goldstein]")
    expect(page.locator("th[data-sort=goldstein]")).to_have_attribute("aria-sort", "descending")
    values = [float(v) for v in rows.locator("td:nth-child(6)").all_inner_texts()]
    assert values == sorted(values, reverse=True)
    # the evidence link opens the reader with the event's span highlighted
    link = rows.first.locator("[data-testid=evidence-link]")
    href = link.get_attribute("href")
    assert href.startswith("#reader/") and "?ev=" in href
    link.click()
    active = page.locator("#reader-doc .evidence.active").first
    expect(active).to_be_visible()
    expect(active).to_be_in_viewport()
    start = int(href.split("?ev=")[1].split("&")[0])
    assert int(active.get_attribute("data-s")) == start
    shot(page, "events-evidence")


def test_events_cursor_paging(page, server):
    total = len(api(server, "events?all=true&limit=1000")["items"])
    open_view(page, "#events?all=1&limit=25")
    expect(page.locator("#f-all")).to_be_checked()
    rows = page.locator("[data-testid=event-row]")
    expect(rows).to_have_count(min(25, total))
    more = page.locator("[data-testid=event-more]")
    shown = min(25, total)
    while shown < total:
        expect(more).to_be_visible()
        more.click()
        shown = min(shown + 25, total)
        expect(rows).to_have_count(shown)
    expect(more).to_be_hidden()
    ids = [int(r.get_attribute("data-id")) for r in rows.all()]
    assert len(set(ids)) == total  # no row twice
    if total > len(api(server, "events?limit=1000")["items"]):
        expect(page.locator("tr.unasserted").first).to_be_attached()


# ---------------------------------------------------------------------------------------- dyad
def test_dyad_chart_usa_kaz(page, server):
    open_view(page, "#dyad")
    expect(page.locator("#dyad-a")).not_to_have_value("")  # defaults to the busiest dyad
    expect(page.locator("#dyad-chart rect.bar").first).to_be_attached()
    page.fill("#dyad-a", "usa")
    page.fill("#dyad-b", "kaz")
    page.click("#dyad-form button[type=submit]")
    page.wait_for_url("**#dyad?source=USA&target=KAZ&freq=month")
    expect(page.locator("[data-testid=dyad-title]")).to_contain_text("USA")
    have = api(server, "series?source=USA&target=KAZ&freq=month&both=true")["items"]
    if not have:
        pytest.skip("no USA-KAZ events in the store (../shared/seed is missing)")
    # the title changes at once, the chart only when both series have arrived: wait for
    # the chart of this dyad, not the busiest dyad's chart still on screen
    svg = page.locator("[data-testid=dyad-svg][data-dyad=USA-KAZ-month]")
    expect(svg).to_be_visible()
    bars = svg.locator("rect.bar")
    expect(bars.first).to_be_visible()
    assert bars.count() >= 1
    assert sum(int(b.get_attribute("data-value")) for b in bars.all()) == sum(r["events"] for r in have)
    expect(svg.locator("[data-testid=goldstein-line], circle.gold-dot").first).to_be_attached()
    expect(page.locator("#dyad-table tbody tr").first).to_be_visible()
    shot(page, "dyad")


# ---------------------------------------------------------------------------------------- network
def test_network_nodes_and_partners(page, server):
    open_view(page, "#network")
    net = api(server, "network")
    nodes = page.locator("[data-testid=net-node]")
    expect(nodes).to_have_count(len(net["nodes"]))
    expect(page.locator("[data-testid=net-edge]")).to_have_count(len([e for e in net["edges"] if e["source"] != e["target"]]))
    busiest = max(net["nodes"], key=lambda n: n["events"])
    page.locator(f"[data-testid=net-node][data-id={busiest['id']}]").click()
    expect(page.locator("[data-testid=network-selected]")).to_contain_text(busiest["id"])
    expect(page.locator("[data-testid=partner]").first).to_be_visible()
    # a date window that excludes everything empties the graph
    page.fill("#net-since", "1990-01-01")
    page.fill("#net-until", "1990-12-31")
    page.click("#net-form button[type=submit]")
    expect(page.locator("[data-testid=network-empty]")).to_be_visible()
    shot(page, "network-empty-window")


# ---------------------------------------------------------------------------------------- map
def test_map_countries_and_places(page, server):
    open_view(page, "#map")
    countries = page.locator("[data-testid=country]")
    assert countries.count() >= 150
    expect(page.locator("[data-testid=country][data-iso=KAZ].involved")).to_be_attached()
    places = api(server, "places")["places"]
    if places:
        markers = page.locator("[data-testid=place-marker]")
        expect(markers.first).to_be_attached()
        assert markers.count() == len([p for p in places if p["lat"] is not None])
        assert markers.first.get_attribute("aria-label").startswith(places[0]["name"])
    else:
        expect(page.locator("[data-testid=map-note]")).to_contain_text("No geocoded places")
    page.click("#map-zoom-in")
    assert page.locator("[data-testid=map-svg]").get_attribute("viewBox") != "0 0 960 500"
    shot(page, "map")


# ---------------------------------------------------------------------------------------- analyse
def test_analyze_seed_text(page):
    text_path = SEED if SEED.is_file() else SAMPLES / "visit_aid_germany_kazakhstan_2024-05-16.txt"
    open_view(page, "#analyze")
    page.fill("[data-testid=analyze-text]", text_path.read_text(encoding="utf-8"))
    page.fill("[data-testid=analyze-date]", "2023-02-28")
    page.click("[data-testid=analyze-submit]")
    page.wait_for_selector("#an-result[data-state=done]", timeout=60_000)
    result = page.locator("#an-result")
    triggers = result.locator("[data-testid=doc-text] .trigger")
    assert triggers.count() >= (10 if SEED.is_file() else 3)
    expect(result.locator("[data-testid=doc-text] .actor").first).to_be_visible()
    items = result.locator("[data-testid=event-item]")
    n = items.count()
    assert n >= (10 if SEED.is_file() else 3)
    k = n - 1
    items.nth(k).locator("button").click()
    evidence = page.locator(f"#aev-{k}")
    expect(evidence).to_have_class("evidence active")
    expect(evidence).to_be_in_viewport()
    assert inside(evidence.bounding_box(), result.locator("[data-testid=doc-text]").bounding_box())
    # the active trigger is inside the active evidence
    expect(result.locator(".trigger.active").first).to_be_visible()
    expect(page.locator("[data-testid=analyze-status]")).to_contain_text("events found")
    shot(page, "analyze-result")


def _span(text: str, part: str, start: int = 0) -> list[int]:
    i = text.index(part, start)
    return [i, i + len(part)]


def _event(text, source, trigger, target, quad, **extra):
    s, t, g = _span(text, source), _span(text, trigger), _span(text, target)
    ev = {"doc_id": "x", "sentence": text, "span": [min(s[0], t[0], g[0]), max(s[1], t[1], g[1])],
          "sentence_span": [0, len(text)], "trigger": {"text": trigger, "span": t},
          "source": {"text": source, "name": source, "code": "DEU", "country": "DEU", "role": None, "span": s},
          "target": {"text": target, "name": target, "code": "KAZ", "country": "KAZ", "role": None, "span": g},
          "cameo": "071", "root": "07", "quad_class": quad, "goldstein": 7.4,
          "plover": {"event": "AID", "mode": None, "context": []}, "negated": False, "hypothetical": False,
          "modality": "asserted", "date": "2024-05-16", "place": None, "rule": "test:rule", "confidence": 0.8}
    ev.update(extra)
    return ev


def test_highlight_every_span_kind(page):
    """All annotation kinds, with a span that crosses a quote, keep the text intact (served by a stub)."""
    text = ('Germany pledged $5 million to Kazakhstan on Monday. "We stand with Astana," said '
            'Annalena Baerbock in Berlin.')
    doc = {
        "doc_id": "stub", "title": "Stub", "date": "2024-05-16", "url": None, "text": text,
        "actors": [
            {"name": "Germany", "country": "DEU", "role": None, "code": "DEU", "type": "country", "office": None,
             "mentions": [{"text": "Germany", "span": _span(text, "Germany")}]},
            {"name": "Kazakhstan", "country": "KAZ", "role": None, "code": "KAZ", "type": "country", "office": None,
             "mentions": [{"text": "Kazakhstan", "span": _span(text, "Kazakhstan")},
                          {"text": "Astana", "span": _span(text, "Astana")}]},
            {"name": "Annalena Baerbock", "country": "DEU", "role": "GOV", "code": "DEUGOV", "type": "person",
             "office": "Foreign Minister", "mentions": [{"text": "Annalena Baerbock", "span": _span(text, "Annalena Baerbock")}]},
        ],
        "events": [
            _event(text, "Germany", "pledged", "Kazakhstan", 2),
            # its evidence (stand .. Baerbock) crosses the end of the quote
            dict(_event(text, "Annalena Baerbock", "stand", "Astana", 1, hypothetical=True, modality="hypothetical"),
                 span=[_span(text, "stand")[0], _span(text, "Annalena Baerbock")[1]]),
        ],
        "quotes": [{"text": '"We stand with Astana,"', "span": _span(text, '"We stand with Astana,"'), "kind": "direct",
                    "speaker": {"name": "Annalena Baerbock", "country": "DEU", "role": "GOV", "code": "DEUGOV"}}],
        "amounts": [{"text": "$5 million", "value": 5_000_000, "unit": "USD", "counts": None,
                     "span": _span(text, "$5 million")}],
        "places": [{"text": "Astana", "name": "Astana", "country": "KAZ", "lat": 51.18, "lon": 71.45,
                    "geonameid": 1526273, "span": _span(text, "Astana")},
                   {"text": "Berlin", "name": "Berlin", "country": "DEU", "lat": 52.52, "lon": 13.40,
                    "geonameid": 2950159, "span": _span(text, "Berlin")}],
        "dates": [{"text": "Monday", "date": "2024-05-13", "span": _span(text, "Monday")}],
    }
    page.route("**/api/analyze", lambda route: route.fulfill(status=200, content_type="application/json",
                                                              body=json.dumps(doc)))
    open_view(page, "#analyze")
    page.fill("[data-testid=analyze-text]", text)
    page.click("[data-testid=analyze-submit]")
    page.wait_for_selector("#an-result[data-state=done]")
    box = page.locator("#an-result [data-testid=doc-text]")
    assert box.text_content() == text  # the highlighting keeps every character, in order
    expect(box.locator(".actor.t-country")).to_have_count(3)
    expect(box.locator(".actor.t-person")).to_have_count(1)
    expect(box.locator(".quote")).to_have_count(1)
    expect(box.locator(".amount")).to_have_text("$5 million")
    expect(box.locator(".date")).to_have_text("Monday")
    expect(box.locator(".place")).to_have_count(2)
    expect(box.locator(".trigger")).to_have_count(2)
    expect(box.locator(".trigger.q2")).to_have_text("pledged")
    expect(box.locator(".trigger.hypothetical")).to_have_text("stand")
    pieces = box.locator('.evidence[data-ev="1"]')
    assert pieces.count() >= 2  # split where it crosses the quote
    assert "".join(pieces.all_text_contents()) == text[doc["events"][1]["span"][0]:doc["events"][1]["span"][1]]
    # clicking a trigger in the text selects its event
    box.locator(".trigger.hypothetical").click()
    expect(page.locator("#an-result [data-testid=event-item][data-ev='1']")).to_have_class("ev-item unasserted active")
    for piece in pieces.all():
        expect(piece).to_have_class(re.compile(r"\bactive\b"))
    expect(page.locator("#aev-1")).to_have_class("evidence active")
    shot(page, "analyze-stub")


def test_map_markers_from_places(page):
    """Place markers and event dots, from a stubbed /api/places (place extraction may not fill the store yet)."""
    places = {"places": [
        {"name": "Astana", "country": "KAZ", "lat": 51.18, "lon": 71.45, "geonameid": 1526273, "documents": 2, "mentions": 5},
        {"name": "Ankara", "country": "TUR", "lat": 39.92, "lon": 32.85, "geonameid": 323786, "documents": 1, "mentions": 1},
    ], "events": [
        {"name": "Astana", "country": "KAZ", "lat": 51.18, "lon": 71.45, "root": "04", "quad_class": 1, "id": 1},
        {"name": "Ankara", "country": "TUR", "lat": 39.92, "lon": 32.85, "root": "19", "quad_class": 4, "id": 2},
    ]}
    page.route("**/api/places*", lambda route: route.fulfill(status=200, content_type="application/json",
                                                              body=json.dumps(places)))
    open_view(page, "#map")
    markers = page.locator("[data-testid=place-marker]")
    expect(markers).to_have_count(2)
    expect(page.locator("[data-testid=event-marker].q4")).to_have_count(1)
    big, small = (float(markers.nth(i).get_attribute("r")) for i in range(2))
    assert big > small  # sized by mentions
    markers.first.hover(force=True)  # an event dot may sit on top of it: its tooltip names the place too
    expect(page.locator("#tooltip")).to_be_visible()
    expect(page.locator("#tooltip")).to_contain_text("Astana")
    expect(markers.first).to_have_attribute("aria-label", re.compile(r"^Astana, Kazakhstan"))
    expect(page.locator("[data-testid=place-item]")).to_have_count(2)
    page.locator("[data-testid=place-item] button").first.click()  # zooms to the place
    assert page.locator("[data-testid=map-svg]").get_attribute("viewBox") != "0 0 960 500"
    expect(page.locator("[data-testid=map-note]")).to_contain_text("2 places")
    shot(page, "map-places")
