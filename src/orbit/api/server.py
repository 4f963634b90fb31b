"""Running the app with uvicorn, with one addition: slow clients are cut off.

uvicorn times out idle keep-alive connections but waits forever for a client that sends
its request headers or body a byte at a time (slowloris). `SlowClientProtocol` gives
every request a deadline for arriving in full; a client that misses it is disconnected.
"""
from __future__ import annotations

import asyncio

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

# seconds a client has to deliver a whole request (headers and body); a real client
# sends a 2 MB article on loopback in milliseconds
REQUEST_READ_TIMEOUT = 15.0
HEADER_LIMIT_BYTES = 16 * 1024


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


def serve(app, host: str = "127.0.0.1", port: int = 8000, read_timeout: float = REQUEST_READ_TIMEOUT) -> None:
    SlowClientProtocol.read_timeout = read_timeout
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", http=SlowClientProtocol,
                            timeout_keep_alive=5, limit_concurrency=256,
                            h11_max_incomplete_event_size=HEADER_LIMIT_BYTES, server_header=False)
    uvicorn.Server(config).run()
