"""The production HTTP client for subgraph requests: httpx's interface, aiohttp's pool.

`SubgraphClient` is an ``httpx.AsyncClient`` (so everything typed for one keeps working, and
tests keep plugging plain clients with ``httpx.ASGITransport`` or mock transports into the
executor instead) whose transport is `AiohttpTransport`, plus `SubgraphClient.post_bytes`: a
POST that skips httpx's request/response models, URL parsing, cookie jar and event hooks.
`gateway.executor.fetch` uses ``post_bytes`` when it is given a `SubgraphClient`.

Why: under concurrency httpcore's pool rescans every pooled connection (a ``select`` per
connection) each time a request is queued or released, which cost the gateway most of its CPU
at 16+ concurrent requests, and httpx's models cost another ~15% (``bench.compare``). aiohttp
keeps idle keep-alive connections per host in a queue and parses responses in C.

Contract, both ways in: the method, URL, headers and body given are sent (aiohttp adds
``Host`` and ``Content-Length``, no ``Accept``, ``User-Agent`` or ``Accept-Encoding``); redirects
are not followed; no cookies are kept; no proxy settings are read. Timeouts follow httpx's
``connect`` (socket connect), ``read`` (between reads) and ``pool`` (getting a connection,
connecting included). Failures raise the httpx exceptions httpx would (``ConnectTimeout``,
``ReadTimeout``, ``ConnectError``, ``ReadError``, ``TransportError``; ``InvalidURL`` or
``ValueError`` before anything is sent when the URL or a header cannot be sent). The aiohttp
session is created on first use, on the running event loop, and closed with the client.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass

import aiohttp
import httpx
import yarl

__all__ = ["AiohttpTransport", "RawResponse", "SubgraphClient"]

# aiohttp computes these from the body it sends; httpx's copies would be duplicates.
_SKIPPED_HEADERS = frozenset({"host", "content-length", "transfer-encoding"})


@dataclass(frozen=True, slots=True)
class RawResponse:
    """A response as received: ``headers`` look names up case-insensitively; ``content`` is
    the body with any ``Content-Encoding`` removed."""

    status: int
    headers: Mapping[str, str]
    content: bytes


class _Pool:
    """The aiohttp session and the exception mapping both entry points share."""

    def __init__(self, max_connections: int, keepalive_expiry: float) -> None:
        self._max_connections = max_connections
        self._keepalive_expiry = keepalive_expiry
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(
                    limit=self._max_connections,
                    limit_per_host=0,
                    keepalive_timeout=self._keepalive_expiry,
                    ttl_dns_cache=60,
                ),
                cookie_jar=aiohttp.DummyCookieJar(),
                skip_auto_headers=("Accept", "User-Agent", "Accept-Encoding", "Content-Type"),
                timeout=aiohttp.ClientTimeout(total=None),
            )
        return self._session

    @asynccontextmanager
    async def post(
        self,
        url: str | yarl.URL,
        content: bytes,
        headers: list[tuple[str, str]],
        timeout: httpx.Timeout,
        *,
        decompress: bool,
        request: httpx.Request | None = None,
    ) -> AsyncIterator[aiohttp.ClientResponse]:
        """POST; yields the response (body not yet read) with aiohttp errors mapped."""
        try:
            async with self.session().request(
                "POST",
                url,
                data=content,
                headers=headers,
                timeout=aiohttp.ClientTimeout(
                    total=None,
                    connect=timeout.pool,
                    sock_connect=timeout.connect,
                    sock_read=timeout.read,
                ),
                allow_redirects=False,
                auto_decompress=decompress,
            ) as response:
                yield response
        except aiohttp.ConnectionTimeoutError as exc:
            raise httpx.ConnectTimeout(str(exc) or "connect timed out", request=request) from exc
        except (TimeoutError, aiohttp.SocketTimeoutError) as exc:
            raise httpx.ReadTimeout(str(exc) or "read timed out", request=request) from exc
        except aiohttp.ClientConnectorError as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError) as exc:
            raise httpx.ReadError(str(exc) or type(exc).__name__, request=request) from exc
        except aiohttp.InvalidURL as exc:
            raise httpx.InvalidURL(str(exc)) from exc
        except aiohttp.ClientError as exc:
            raise httpx.TransportError(str(exc) or type(exc).__name__, request=request) from exc

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


class AiohttpTransport(httpx.AsyncBaseTransport):
    """httpx transport over aiohttp: at most ``max_connections`` open connections in all,
    idle ones closed after ``keepalive_expiry`` seconds. Only POST is supported (all the
    gateway sends); the body comes back undecoded for httpx to decode."""

    def __init__(self, *, max_connections: int = 200, keepalive_expiry: float = 15.0) -> None:
        self._pool = _Pool(max_connections, keepalive_expiry)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "POST":
            raise httpx.UnsupportedProtocol("only POST is supported", request=request)
        headers = [
            (name.decode("latin-1"), value.decode("latin-1"))
            for name, value in request.headers.raw
            if name.decode("latin-1").lower() not in _SKIPPED_HEADERS
        ]
        timeout = httpx.Timeout(None, **(request.extensions.get("timeout") or {}))
        url = yarl.URL(str(request.url), encoded=True)
        async with self._pool.post(
            url, request.content, headers, timeout, decompress=False, request=request
        ) as response:
            content = await response.read()
            return httpx.Response(response.status, headers=response.raw_headers, content=content)

    async def aclose(self) -> None:
        await self._pool.aclose()


class SubgraphClient(httpx.AsyncClient):
    """``httpx.AsyncClient`` over `AiohttpTransport`, with the `post_bytes` fast path."""

    def __init__(
        self,
        *,
        timeout: float | httpx.Timeout,
        max_connections: int = 200,
        keepalive_expiry: float = 15.0,
    ) -> None:
        transport = AiohttpTransport(
            max_connections=max_connections, keepalive_expiry=keepalive_expiry
        )
        super().__init__(transport=transport, timeout=timeout)
        self._pool = transport._pool

    async def post_bytes(
        self,
        url: str,
        content: bytes,
        headers: Mapping[str, str],
        timeout: float | None = None,
    ) -> RawResponse:
        """POST ``content`` with exactly ``headers``; ``timeout`` (seconds) overrides the
        client's timeouts. Raises ``ValueError`` for a header httpx could not send (not
        ASCII) and ``httpx.InvalidURL`` for a URL it could not parse, before sending."""
        pairs = []
        for name, value in headers.items():
            name.encode("ascii")  # UnicodeEncodeError is a ValueError, as in httpx
            value.encode("ascii")
            if name.lower() not in _SKIPPED_HEADERS:
                pairs.append((name, value))
        limits = self.timeout if timeout is None else httpx.Timeout(timeout)
        try:
            target = yarl.URL(url)
        except ValueError as exc:
            raise httpx.InvalidURL(str(exc)) from exc
        if not target.absolute or target.scheme not in ("http", "https"):
            raise httpx.InvalidURL(f"not an absolute http(s) URL: {url!r}")
        async with self._pool.post(target, content, pairs, limits, decompress=True) as response:
            body = await response.read()
            return RawResponse(response.status, response.headers, body)
