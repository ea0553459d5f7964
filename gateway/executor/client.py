"""The production HTTP client for subgraph requests: one pooled ``httpx.AsyncClient`` whose
transport is `Http1Transport`.

httpx stays the client everywhere (requests, timeouts, errors, decoding, tests plugging
``httpx.ASGITransport`` or mock transports in its place); only the transport behind its
documented seam is ours. Why: under concurrency httpcore's pool rescans every pooled
connection (a ``select`` per connection) each time a request is queued or released, which cost
the gateway most of its CPU at 16+ concurrent requests (``bench.compare``). `Http1Pool` keeps
idle connections per origin in a deque and parses responses with httptools (llhttp).
"""

from __future__ import annotations

import httpx

from .http1 import Http1Pool

__all__ = ["Http1Transport", "subgraph_client"]

# Headers that describe the body as it came over the wire; `Http1Pool` has already decoded it.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


class Http1Transport(httpx.AsyncBaseTransport):
    """Sends httpx ``POST`` requests through an `Http1Pool` (contract in ``http1``'s docstring).

    Other methods raise ``httpx.UnsupportedProtocol``: subgraph requests are POSTs only.
    """

    def __init__(self, *, max_connections: int = 200, keepalive_expiry: float = 4.0) -> None:
        self._pool = Http1Pool(max_connections=max_connections, keepalive_expiry=keepalive_expiry)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "POST":
            raise httpx.UnsupportedProtocol(f"{request.method} is not sent to subgraphs")
        body = await request.aread()
        limits = request.extensions.get("timeout", {})
        timeout = httpx.Timeout(
            connect=limits.get("connect"),
            read=limits.get("read"),
            write=limits.get("write"),
            pool=limits.get("pool"),
        )
        headers = {name: value for name, value in request.headers.items()}
        status, response_headers, content = await self._pool.post(
            str(request.url), body, headers, timeout
        )
        kept = [(k, v) for k, v in response_headers.items() if k not in _WIRE_HEADERS]
        return httpx.Response(status, headers=kept, content=content, request=request)

    async def aclose(self) -> None:
        await self._pool.aclose()


def subgraph_client(
    *, timeout: float | httpx.Timeout, max_connections: int = 200
) -> httpx.AsyncClient:
    """The gateway's one pooled client for every subgraph request."""
    return httpx.AsyncClient(
        transport=Http1Transport(max_connections=max_connections), timeout=timeout
    )
