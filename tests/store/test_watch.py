"""`orbit watch` against feeds and pages served by a real loopback HTTP server."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from orbit.cli import cli
from orbit.errors import InputError
from orbit.feeds import PoliteFetcher
from orbit.store.store import Store

ARTICLE = ("<html><head><title>{title}</title></head><body><nav>Home | World</nav><article><h1>{title}</h1>"
           "<p>{body}</p><p>The talks were described by officials as constructive and more meetings are planned "
           "for the coming weeks, the ministry said in a statement.</p></article><footer>© News</footer></body></html>")
PAGES = {
    "/a1": ("Turkey and Greece hold talks", "Turkey and Greece held talks in Athens on Tuesday on maritime borders."),
    "/a2": ("Iran criticizes Israel", "Iran criticized Israel on Tuesday over strikes in Syria, officials said."),
    "/private/a3": ("Hidden", "Russia attacked Ukraine on Tuesday."),
}


def feed(base, items):
    entries = "".join(f"<item><title>{PAGES[p][0]}</title><link>{base}{p}</link>"
                      f"<pubDate>Tue, 06 Feb 2024 10:00:00 GMT</pubDate></item>" for p in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback News</title>{entries}</channel></rss>'


class Site:
    def __init__(self):
        self.hits: list[tuple[float, str]] = []
        self.items = ["/a1", "/private/a3"]
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                site.hits.append((time.monotonic(), self.path))
                base = f"http://127.0.0.1:{self.server.server_address[1]}"
                if self.path == "/robots.txt":
                    body, ctype = "User-agent: *\nDisallow: /private/\n", "text/plain"
                elif self.path == "/feed.xml":
                    body, ctype = feed(base, site.items), "application/rss+xml"
                elif self.path == "/huge":
                    body, ctype = "x" * 3_000_000, "text/html"
                elif self.path == "/slow":
                    time.sleep(3)
                    body, ctype = "late", "text/html"
                elif self.path in PAGES:
                    title, text = PAGES[self.path]
                    body, ctype = ARTICLE.format(title=title, body=text), "text/html"
                else:
                    self.send_error(404)
                    return
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture()
def site():
    s = Site()
    yield s
    s.close()


def test_watch_fetches_new_pages_politely(site, tmp_path):
    db = tmp_path / "orbit.db"
    res = CliRunner().invoke(cli, ["watch", site.base + "/feed.xml", "--db", str(db), "--polls", "1",
                                   "--rate", "0.3"])
    assert res.exit_code == 0, res.output
    with Store(db, readonly=True) as s:
        urls = {r[0] for r in s.conn.execute("SELECT url FROM documents")}
        errors = [dict(r) for r in s.errors()]
        assert urls == {site.base + "/a1"}
        assert any("robots.txt" in e["reason"] for e in errors)  # /private/ was not fetched
        events = {(r[0], r[1], r[2]) for r in s.conn.execute("SELECT source_country, target_country, root FROM events")}
        assert ("TUR", "GRC", "04") in events
        assert s.conn.execute("SELECT title FROM documents").fetchone()[0] == "Turkey and Greece hold talks"
    assert all(path != "/private/a3" for _, path in site.hits)
    # a second poll with one new entry fetches only the new page
    site.items = ["/a1", "/a2", "/private/a3"]
    before = len(site.hits)
    res = CliRunner().invoke(cli, ["watch", site.base + "/feed.xml", "--db", str(db), "--polls", "1"])
    assert res.exit_code == 0
    fetched = [p for _, p in site.hits[before:]]
    assert fetched.count("/a2") == 1 and "/a1" not in fetched
    with Store(db, readonly=True) as s:
        assert s.stats()["documents"] == 2


def test_fetcher_rate_limit_timeout_and_size(site):
    f = PoliteFetcher(max_bytes=1_000_000, timeout=1.0, min_interval=0.5)
    start = time.monotonic()
    f.get(site.base + "/a1")
    f.get(site.base + "/a2")
    # one request per host per interval: the second waits for it (timed on the client side,
    # since the server notes a hit only when a loaded machine gets round to it)
    assert time.monotonic() - start >= 0.5
    assert [p for _, p in site.hits if p in ("/a1", "/a2")] == ["/a1", "/a2"]
    with pytest.raises(InputError, match="over the limit"):
        f.get(site.base + "/huge")
    with pytest.raises(InputError, match="cannot fetch"):
        f.get(site.base + "/slow")
    with pytest.raises(InputError, match="HTTP 404"):
        f.get(site.base + "/nope")
    with pytest.raises(InputError, match="only http"):
        f.get("file:///etc/passwd")
