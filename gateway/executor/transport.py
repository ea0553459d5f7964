"""The production transport for subgraph requests: httpx's interface, aiohttp's connection pool.

`AiohttpTransport` is an ``httpx.AsyncBaseTransport``, so the executor keeps speaking
``httpx.AsyncClient`` and tests keep plugging in ``httpx.ASGITransport`` or mock transports.
It exists for speed: under concurrency httpcore's pool rescans every pooled connection (a
``select`` per connection) each time a request is queued or released, which cost the gateway
most of its CPU time at 16+ concurrent requests (see ``bench.compare``); aiohttp keeps idle
keep-alive connections per host in a queue and parses responses in C.

Contract: exactly the request httpx built is sent (method, URL, headers, body); the response
comes back undecoded (``auto_decompress=False``: httpx decodes ``Content-Encoding`` itself).
No cookies are kept and no proxy settings are read. Timeouts come from the request's httpx
timeout extension (``connect`` -> socket connect, ``read`` -> between reads, ``pool`` -> getting
a connection, connecting included). aiohttp failures become the matching httpx exceptions
(``ConnectTimeout``, ``ReadTimeout``, ``ConnectError``, ``ReadError``, ``TransportError``).
The aiohttp session is created on first use, on the running event loop.
"""

from __future__ import annotations

import aiohttp
import httpx

__all__ = ["AiohttpTransport"]

# aiohttp computes these from the body it sends; httpx's copies would be duplicates.
_SKIPPED_HEADERS = frozenset({b"host", b"content-length", b"transfer-encoding"})


class AiohttpTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 keep-alive transport; at most ``max_connections`` open connections in all,
    idle ones closed after ``keepalive_expiry`` seconds."""

    def __init__(self, *, max_connections: int = 200, keepalive_expiry: float = 15.0) -> None:
        self._max_connections = max_connections
        self._keepalive_expiry = keepalive_expiry
        self._session: aiohttp.ClientSession | None = None

    def _open_session(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=self._max_connections,
            limit_per_host=0,
            keepalive_timeout=self._keepalive_expiry,
            ttl_dns_cache=60,
        )
        return aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            skip_auto_headers=("User-Agent", "Accept-Encoding", "Content-Type"),
            timeout=aiohttp.ClientTimeout(total=None),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        session = self._session
        if session is None:
            session = self._session = self._open_session()
        headers = [
            (name.decode("latin-1"), value.decode("latin-1"))
            for name, value in request.headers.raw
            if name.lower() not in _SKIPPED_HEADERS
        ]
        try:
            async with session.request(
                request.method,
                str(request.url),
                data=request.content,
                headers=headers,
                timeout=_timeout(request),
                allow_redirects=False,
                compress=None,
            ) as response:
                content = await response.read()
                return httpx.Response(
                    response.status, headers=response.raw_headers, content=content
                )
        except aiohttp.ConnectionTimeoutError as exc:
            raise httpx.ConnectTimeout(str(exc) or "connect timed out", request=request) from exc
        except (TimeoutError, aiohttp.SocketTimeoutError) as exc:
            raise httpx.ReadTimeout(str(exc) or "read timed out", request=request) from exc
        except aiohttp.ClientConnectorError as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError) as exc:
            raise httpx.ReadError(str(exc) or type(exc).__name__, request=request) from exc
        except aiohttp.ClientError as exc:
            raise httpx.TransportError(str(exc) or type(exc).__name__, request=request) from exc

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def _timeout(request: httpx.Request) -> aiohttp.ClientTimeout:
    timeouts = request.extensions.get("timeout") or {}
    connect, read, pool = timeouts.get("connect"), timeouts.get("read"), timeouts.get("pool")
    return aiohttp.ClientTimeout(total=None, connect=pool, sock_connect=connect, sock_read=read)
