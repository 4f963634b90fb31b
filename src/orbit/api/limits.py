"""HTTP hardening as small ASGI middlewares (body size limit, security headers, Host check)
and the per-client rate limiter used by the costly endpoints (writes and analyses)."""
from __future__ import annotations

import json
import threading
import time
from collections import deque

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
    # everything the dashboard needs is served by this process: no CDN, no inline script
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                 b"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
]


class SecurityHeadersMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
                names = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = dict(message, headers=headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _too_large(send, limit: int) -> None:
    body = json.dumps({"error": {"code": "E413", "message": f"the request body is over the limit of {limit:,} bytes"}})
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body.encode()})


# request headers over this (all names and values) are refused with 431
MAX_HEADER_BYTES = 16 * 1024


class SizeLimitMiddleware:
    """Refuses bodies over `max_body` bytes (by Content-Length or while streaming) and
    header blocks over MAX_HEADER_BYTES."""

    def __init__(self, app, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if sum(len(k) + len(v) for k, v in scope.get("headers", [])) > MAX_HEADER_BYTES:
            body = json.dumps({"error": {"code": "E431", "message": "the request headers are too large"}})
            await send({"type": "http.response.start", "status": 431,
                        "headers": [(b"content-type", b"application/json"), (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body.encode()})
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    if int(value) > self.max_body:
                        return await _too_large(send, self.max_body)
                except ValueError:
                    return await _too_large(send, self.max_body)
        seen = 0
        refused = False

        async def limited_receive():
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    refused = True
                    raise _BodyTooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _BodyTooLarge:
            await _too_large(send, self.max_body)


class _BodyTooLarge(Exception):
    pass


# names a loopback server always answers to; others come from the bound host, the
# `[server] allowed_hosts` setting and `orbit serve --allow-host`
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str:
    """The name in a Host header, without its port: "[::1]:8000" -> "::1", "a.org:80" -> "a.org"."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostCheckMiddleware:
    """Refuses requests whose Host header names a host not in `allowed` (421, E421): a
    page on another site that points its own name at 127.0.0.1 (DNS rebinding) cannot
    read the store through the browser. "*" in `allowed` turns the check off."""

    def __init__(self, app, allowed):
        self.app = app
        self.allowed = {host_name(h) for h in allowed}
        self.any = "*" in self.allowed

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket") or self.any:
            return await self.app(scope, receive, send)
        host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
        if host_name(host) in self.allowed:
            return await self.app(scope, receive, send)
        body = json.dumps({"error": {"code": "E421", "message": f"the host {host[:100]!r} is not served here; "
                                     f"allowed: {', '.join(sorted(self.allowed))} (add one with --allow-host)"}})
        await send({"type": "http.response.start", "status": 421,
                    "headers": [(b"content-type", b"application/json"), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body.encode()})


class RateLimiter:
    """At most `per_minute` requests per client in any sliding 60-second window. `allow`
    records a request and says whether it is within the limit; a refused request is not
    counted. Thread-safe (sync endpoints run in a thread pool)."""

    WINDOW = 60.0

    def __init__(self, per_minute: int, clock=time.monotonic):
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        with self._lock:
            now = self._clock()
            q = self._seen.setdefault(client, deque())
            while q and now - q[0] > self.WINDOW:
                q.popleft()
            if len(q) >= self.per_minute:
                return False
            q.append(now)
            if len(self._seen) > 10_000:  # forget clients that have been quiet for a window
                for name in [c for c, times in self._seen.items() if not times or now - times[-1] > self.WINDOW]:
                    del self._seen[name]
            return True
