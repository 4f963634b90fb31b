"""Running the app with uvicorn, with one addition: slow clients are cut off.

uvicorn times out idle keep-alive connections but waits forever for a client that sends
its request headers or body a byte at a time (slowloris). `SlowClientProtocol` gives
every request a deadline for arriving in full; a client that misses it is disconnected.
"""
from __future__ import annotations

import asyncio
import errno
import json
import os
import socket
from typing import Optional

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..errors import PortUnavailable

# seconds a client has to deliver a whole request (headers and body); a real client
# sends a 2 MB article on loopback in milliseconds
REQUEST_READ_TIMEOUT = 15.0
HEADER_LIMIT_BYTES = 16 * 1024
LISTEN_BACKLOG = 2048  # uvicorn's own default


class SlowClientProtocol(H11Protocol):
    read_timeout = REQUEST_READ_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._deadline = self.loop.call_later(self.read_timeout, self._too_slow)

    def _too_slow(self) -> None:
        cycle = self.cycle
        receiving = cycle is None or getattr(cycle, "more_body", False)
        if receiving and not self.transport.is_closing():
            self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # the next request on this keep-alive connection gets a fresh deadline
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = self.loop.call_later(self.read_timeout, self._too_slow)

    def connection_lost(self, exc) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        super().connection_lost(exc)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or PortUnavailable saying which port and why."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as err:
        raise PortUnavailable(f"cannot listen on {host}:{port}: the host name does not resolve ({err.strerror})") \
            from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # not SO_REUSEPORT: a taken port stays taken
        sock.bind(address)
        sock.listen(LISTEN_BACKLOG)
    except OSError as err:
        sock.close()
        why = "another program is already listening on it" if err.errno == errno.EADDRINUSE else err.strerror
        raise PortUnavailable(f"cannot listen on {host}:{port}: {why} (errno {err.errno}); stop that program or "
                              f"choose another port with --port") from None
    sock.set_inheritable(True)
    return sock


def serve(app, host: str = "127.0.0.1", port: int = 8000, read_timeout: float = REQUEST_READ_TIMEOUT,
          sock: Optional[socket.socket] = None, workers: int = 1, app_args: Optional[dict] = None) -> None:
    """Serve `app` on host:port (or on `sock`, already bound). Raises PortUnavailable
    before anything starts when the port cannot be had.

    `workers` > 1: that many server processes share the one listening socket (uvicorn's
    supervisor restarts one that dies); each builds its own app from `app_args` (the
    keyword arguments of `create_app`, with "db_path"), so each has its own readers and
    cache over the one WAL store. An app object cannot be handed to another process."""
    sock = sock or bind(host, port)
    SlowClientProtocol.read_timeout = read_timeout
    options = dict(host=host, port=port, log_level="warning", http=SlowClientProtocol, timeout_keep_alive=5,
                   limit_concurrency=256, h11_max_incomplete_event_size=HEADER_LIMIT_BYTES, server_header=False)
    if workers <= 1:
        uvicorn.Server(uvicorn.Config(app, **options)).run(sockets=[sock])
        return
    from uvicorn.supervisors import Multiprocess

    # the workers are spawned (not forked): they read their arguments from the environment
    os.environ[APP_ARGS_ENV] = json.dumps(dict(app_args or {}, read_timeout=read_timeout))
    config = uvicorn.Config("orbit.api.server:worker_app", factory=True, workers=workers, **options)
    Multiprocess(config, sockets=[sock]).run()


APP_ARGS_ENV = "ORBIT_SERVE_APP_ARGS"


def worker_app():
    """The app of one worker process of `serve(..., workers=N)`, from APP_ARGS_ENV."""
    from ..settings import load_settings
    from .app import create_app

    args = json.loads(os.environ[APP_ARGS_ENV])
    SlowClientProtocol.read_timeout = args.pop("read_timeout", REQUEST_READ_TIMEOUT)
    db_path = args.pop("db_path")
    return create_app(db_path, load_settings(db_path=db_path), **args)
