"""The production HTTP client for subgraph requests: an ``httpx.AsyncClient`` with a fast path.

`SubgraphClient` is an ``httpx.AsyncClient`` (so everything typed for one keeps working, and
tests keep plugging plain clients with ``httpx.ASGITransport`` or mock transports into the
executor instead) plus `SubgraphClient.post_bytes`, which sends through its own
`gateway.executor.http1.Http1Pool` and skips httpx's request/response models, URL parsing,
cookie jar, hooks and connection pool. `gateway.executor.fetch` uses ``post_bytes`` whenever
it is given a `SubgraphClient`; the ``httpx`` methods of the client remain ordinary httpx.

Why: under concurrency httpcore's pool rescans every pooled connection (a ``select`` per
connection) each time a request is queued or released, which cost the gateway most of its
CPU at 16+ concurrent requests, and httpx's models cost another ~15% (``bench.compare``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from .http1 import Http1Pool

__all__ = ["RawResponse", "SubgraphClient"]


@dataclass(frozen=True, slots=True)
class RawResponse:
    """A response as received: ``headers`` by lower-cased name; ``content`` is the body with
    any ``Content-Encoding`` removed."""

    status: int
    headers: Mapping[str, str]
    content: bytes


class SubgraphClient(httpx.AsyncClient):
    """``httpx.AsyncClient`` with the `post_bytes` fast path (contract: `Http1Pool`)."""

    def __init__(
        self,
        *,
        timeout: float | httpx.Timeout,
        max_connections: int = 200,
        keepalive_expiry: float = 4.0,
    ) -> None:
        super().__init__(timeout=timeout)
        self._http1 = Http1Pool(max_connections=max_connections, keepalive_expiry=keepalive_expiry)
        self._timeout_overrides: dict[float, httpx.Timeout] = {}

    async def post_bytes(
        self,
        url: str,
        content: bytes,
        headers: Mapping[str, str],
        timeout: float | None = None,
    ) -> RawResponse:
        """POST ``content`` with ``headers`` (``Host`` and ``Content-Length`` are set here);
        ``timeout`` (seconds) overrides the client's timeouts. Raises httpx's exceptions;
        ``ValueError`` or ``httpx.InvalidURL`` before sending for a header or URL that
        cannot be sent."""
        limits = self.timeout if timeout is None else self._timeout_override(timeout)
        status, response_headers, body = await self._http1.post(url, content, headers, limits)
        return RawResponse(status, response_headers, body)

    def _timeout_override(self, seconds: float) -> httpx.Timeout:
        limits = self._timeout_overrides.get(seconds)
        if limits is None:
            if len(self._timeout_overrides) > 16:  # per-request overrides are configuration: few
                self._timeout_overrides.clear()
            limits = self._timeout_overrides[seconds] = httpx.Timeout(seconds)
        return limits

    async def aclose(self) -> None:
        await self._http1.aclose()
        await super().aclose()
