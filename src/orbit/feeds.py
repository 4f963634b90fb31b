"""RSS/Atom feeds: feed files for `orbit ingest`, and polite polling for `orbit watch`.

A feed entry becomes a document from its own content (ingest of a feed file) or from the
article page it links to (watch). Fetching is polite: robots.txt is honoured, one
request per host per `min_interval` seconds, timeouts and a size limit on every response.
"""
from __future__ import annotations

import calendar
import logging
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator, Optional, Union
from urllib.parse import urlparse

from .errors import BadRecord, InputError, InputTooLarge, UnreadableInput
from .model import InputFailure, RawDocument
from .settings import Settings

log = logging.getLogger(__name__)

USER_AGENT = "orbit-event-coder/0.1 (+https://example.invalid/orbit)"
Item = Union[RawDocument, InputFailure]


def _entry_date(entry) -> Optional[date]:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc).date()
    return None


def _entry_content(entry) -> tuple[str, str]:
    """(content, kind): the fullest body an entry carries."""
    for c in entry.get("content", []) or []:
        if c.get("value"):
            return c["value"], "html" if "html" in (c.get("type") or "") else "text"
    summary = entry.get("summary") or entry.get("description") or ""
    return summary, "html" if "<" in summary else "text"


def feed_entries(data: bytes, origin: str, settings: Settings, need_content: bool = True) -> Iterator[Item]:
    """Documents from the entries of a feed (their own content, no fetching). With
    `need_content=False` (watch, which fetches each page) an entry may have no body."""
    import feedparser

    if len(data) > settings.max_bytes:
        yield InputFailure(origin, InputTooLarge.code, f"the feed is {len(data):,} bytes, over the limit")
        return
    if b"<!ENTITY" in data[:65536].upper():
        # entity declarations are how "billion laughs" expansion attacks work; feeds never need them
        yield InputFailure(origin, BadRecord.code, "the feed declares XML entities (refused: entity expansion attack)")
        return
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        reason = str(getattr(parsed, "bozo_exception", "not a feed"))[:200]
        yield InputFailure(origin, BadRecord.code, f"the feed cannot be parsed: {reason}")
        return
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#{n}"
        content, kind = _entry_content(entry)
        title = entry.get("title")
        if not content.strip() and need_content:
            yield InputFailure(where, BadRecord.code, "the feed entry has no content")
            continue
        if not isinstance(title, (str, type(None))):
            title = None
        yield RawDocument(doc_id=entry.get("id") or entry.get("link") or where, content=content, kind=kind,
                          date=_entry_date(entry), title=title, url=entry.get("link"),
                          source=(parsed.feed.get("title") if isinstance(parsed.feed.get("title"), str) else None),
                          path=where)


def read_feed_file(path: Path, settings: Settings) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as err:
        yield InputFailure(str(path), UnreadableInput.code, f"cannot read the feed: {err.strerror}")
        return
    yield from feed_entries(data, str(path), settings)


@dataclass
class PoliteFetcher:
    """HTTP GET with robots.txt, a per-host interval, a timeout and a size limit."""

    max_bytes: int = 5_000_000
    timeout: float = 15.0
    min_interval: float = 1.0
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict)

    def allowed(self, url: str) -> bool:
        parts = urlparse(url)
        base = f"{parts.scheme}://{parts.netloc}"
        rp = self._robots.get(base)
        if rp is None:
            rp = urllib.robotparser.RobotFileParser()
            try:
                body = self._get(base + "/robots.txt", check_robots=False).decode("utf-8", "replace")
                rp.parse(body.splitlines())
            except InputError:
                rp.parse([])  # no robots.txt: everything is allowed
            self._robots[base] = rp
        return rp.can_fetch(USER_AGENT, url)

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            delay = self.min_interval - (time.monotonic() - last)
            if delay > 0:
                time.sleep(delay)
        self._last[host] = time.monotonic()

    def _get(self, url: str, check_robots: bool = True) -> bytes:
        if urlparse(url).scheme not in ("http", "https"):
            raise UnreadableInput(f"only http and https URLs are fetched: {url[:80]}")
        if check_robots and not self.allowed(url):
            raise UnreadableInput("robots.txt does not allow fetching this page", path=url)
        self._wait(urlparse(url).netloc)
        req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                data = resp.read(self.max_bytes + 1)
        except urllib.error.HTTPError as err:
            raise UnreadableInput(f"HTTP {err.code} fetching the page", path=url) from None
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            raise UnreadableInput(f"cannot fetch the page: {getattr(err, 'reason', err)}", path=url) from None
        if len(data) > self.max_bytes:
            raise InputTooLarge(f"the page is over the limit of {self.max_bytes:,} bytes", path=url)
        return data

    def get(self, url: str) -> bytes:
        return self._get(url)


def watch_once(feed_urls: list[str], fetcher: PoliteFetcher, seen_urls: set[str], settings: Settings) -> Iterator[Item]:
    """One poll: new entries of each feed, as documents from their article pages."""
    for feed_url in feed_urls:
        try:
            data = fetcher.get(feed_url)
        except InputError as err:
            yield InputFailure(feed_url, err.code, err.message)
            continue
        for item in feed_entries(data, feed_url, settings, need_content=False):
            if isinstance(item, InputFailure):
                yield item
                continue
            url = item.url
            if not url or url in seen_urls:
                continue
            seen_urls.add(url)
            try:
                page = fetcher.get(url).decode("utf-8", "replace")
            except InputError as err:
                yield InputFailure(url, err.code, err.message)
                continue
            yield RawDocument(doc_id=url, content=page, kind="html", date=item.date, title=item.title, url=url,
                              source=item.source, path=url)
