"""A small HTTP/1.1 client for subgraph POSTs: keep-alive pool, httptools' C response parser.

Subgraph requests are the gateway's hottest I/O: several per client request. General clients
spend ~100 us of CPU per exchange in Python (aiohttp measured on loopback, httpx more); this
one writes one pre-formatted request and lets ``httptools`` (llhttp) parse the response, at a
fraction of that cost. It does exactly what the executor needs and no more: ``POST`` with a
body, ``http``/``https``, ``Content-Length``/chunked/close-delimited responses, ``gzip`` and
``deflate`` bodies (it never asks for them), no redirects, cookies, proxies or retries (a
request is sent at most once, so mutations are never repeated).

`Http1Pool.post` returns ``(status, headers, body)``; ``headers`` maps lower-cased names to
values (repeated headers joined with ``", "``). Errors are httpx's exception types, so
callers classify them as they would httpx's: ``ConnectTimeout``, ``ReadTimeout``,
``PoolTimeout``, ``ConnectError``, ``ReadError``, ``RemoteProtocolError``, ``DecodingError``;
``InvalidURL`` / ``ValueError`` (a header that is not ASCII or contains CR/LF) before anything
is sent. Timeouts follow httpx: ``connect``, ``read`` (longest silence while waiting for or
reading the response) and ``pool`` (waiting for a free connection).

Connections: at most ``max_connections`` exchanges at once (others wait, up to the ``pool``
timeout) and at most that many idle connections kept per origin. An idle connection is
reused (most recently used first) unless the server closed it or it has been idle for
``keepalive_expiry`` seconds (default 4: below the 5 s idle timeout of uvicorn and Node, so
the pool does not pick a connection the server is closing at that moment). A response the
server marks ``Connection: close`` (or one not fully received) closes its connection.
Credentials in a URL are refused (``InvalidURL``).
"""

from __future__ import annotations

import asyncio
import ssl
import zlib
from collections import deque
from collections.abc import Mapping
from urllib.parse import urlsplit

import httptools
import httpx

__all__ = ["Http1Pool"]

_Origin = tuple[str, str, int]
"""(scheme, host, port)."""

_MAX_URLS = 256
_FORBIDDEN_IN_HEADERS = ("\r", "\n")


class _Connection(asyncio.Protocol):
    """One HTTP/1.1 connection; one exchange at a time."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.idle_since = 0.0
        self._parser = httptools.HttpResponseParser(self)
        self._response: asyncio.Future[tuple[int, dict[str, str], bytes]] | None = None
        self._headers: dict[str, str] = {}
        self._body: list[bytes] = []
        self._headers_done = False
        self._framed = False  # Content-Length or chunked: the parser sees the end itself
        self._keep_alive = False
        self._last_activity = 0.0
        self._timer: asyncio.TimerHandle | None = None
        self._read_timeout: float | None = None

    # -- asyncio.Protocol -------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self._last_activity = self._loop.time()
        if self._response is None or self._response.done():
            # Bytes nobody asked for: the connection is unusable.
            self.close()
            return
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(httpx.RemoteProtocolError(f"invalid HTTP response ({exc})"))

    def eof_received(self) -> bool | None:
        return False  # close the transport; connection_lost follows

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self._response is None or self._response.done():
            return
        if self._headers_done and not self._framed:
            self._complete()  # a close-delimited body ends with the connection
            return
        reason = str(exc) if exc else "the server closed the connection"
        self._fail(httpx.ReadError(reason))

    # -- httptools callbacks --------------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        previous = self._headers.get(key)
        self._headers[key] = text if previous is None else f"{previous}, {text}"

    def on_headers_complete(self) -> None:
        self._headers_done = True
        self._framed = "content-length" in self._headers or "chunked" in self._headers.get(
            "transfer-encoding", ""
        )

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        self._keep_alive = self._parser.should_keep_alive()
        self._complete()

    # -- exchanges ------------------------------------------------------------------------

    async def exchange(
        self, request: bytes, read_timeout: float | None
    ) -> tuple[int, dict[str, str], bytes]:
        """Send ``request``; the response once fully received."""
        assert self.transport is not None
        self._response = self._loop.create_future()
        self._headers, self._body = {}, []
        self._headers_done = self._framed = self._keep_alive = False
        self._last_activity = self._loop.time()
        self._read_timeout = read_timeout
        if read_timeout is not None:
            self._timer = self._loop.call_at(self._last_activity + read_timeout, self._check_idle)
        self.transport.write(request)
        try:
            return await self._response
        finally:
            self._response = None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    @property
    def reusable(self) -> bool:
        return not self.closed and self._keep_alive

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    def _check_idle(self) -> None:
        assert self._read_timeout is not None
        deadline = self._last_activity + self._read_timeout
        if self._loop.time() >= deadline:
            self._timer = None
            self._fail(httpx.ReadTimeout("read timed out"))
        else:
            self._timer = self._loop.call_at(deadline, self._check_idle)

    def _complete(self) -> None:
        if self._response is None or self._response.done():
            return
        self._response.set_result(
            (self._parser.get_status_code(), self._headers, b"".join(self._body))
        )

    def _fail(self, error: Exception) -> None:
        self.close()
        if self._response is not None and not self._response.done():
            self._response.set_exception(error)


class Http1Pool:
    """Keep-alive connections per origin; see the module docstring for the contract."""

    def __init__(self, *, max_connections: int = 200, keepalive_expiry: float = 4.0) -> None:
        if max_connections < 1:
            raise ValueError("max_connections must be at least 1")
        self._slots: asyncio.Semaphore | None = None
        self._max_connections = max_connections
        self._keepalive_expiry = keepalive_expiry
        self._idle: dict[_Origin, deque[_Connection]] = {}
        self._urls: dict[str, tuple[_Origin, bytes]] = {}
        self._ssl: ssl.SSLContext | None = None

    async def post(
        self, url: str, body: bytes, headers: Mapping[str, str], timeout: httpx.Timeout
    ) -> tuple[int, dict[str, str], bytes]:
        origin, head = self._target(url)
        request = _format_request(head, headers, body)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._max_connections)
        if self._slots.locked():  # only then is waiting (and its timer) needed
            try:
                await asyncio.wait_for(self._slots.acquire(), timeout.pool)
            except TimeoutError:
                raise httpx.PoolTimeout("no free connection in time") from None
        else:
            await self._slots.acquire()
        connection: _Connection | None = None
        try:
            connection = self._idle_connection(origin) or await self._connect(origin, timeout)
            status, response_headers, content = await connection.exchange(request, timeout.read)
        finally:
            if connection is not None:
                self._release(origin, connection)
            self._slots.release()
        return status, response_headers, _decoded(response_headers, content)

    async def aclose(self) -> None:
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()

    def _target(self, url: str) -> tuple[_Origin, bytes]:
        """(origin, ``POST <path> HTTP/1.1`` + ``Host`` lines) for ``url``, memoised."""
        known = self._urls.get(url)
        if known is not None:
            return known
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise httpx.InvalidURL(f"invalid URL {url!r} ({exc})") from exc
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise httpx.InvalidURL(f"not an absolute http(s) URL: {url!r}")
        if "@" in parts.netloc:
            raise httpx.InvalidURL(f"credentials in subgraph URLs are not supported: {url!r}")
        default_port = 443 if parts.scheme == "https" else 80
        host = parts.hostname
        host_header = parts.netloc
        path = parts.path or "/"
        if parts.query:
            path = f"{path}?{parts.query}"
        if any(ch in path or ch in host_header for ch in (*_FORBIDDEN_IN_HEADERS, " ")):
            raise httpx.InvalidURL(f"invalid URL {url!r}")
        head = f"POST {path} HTTP/1.1\r\nHost: {host_header}\r\n".encode("ascii", "strict")
        entry = ((parts.scheme, host, port or default_port), head)
        if len(self._urls) >= _MAX_URLS:
            self._urls.clear()
        self._urls[url] = entry
        return entry

    def _idle_connection(self, origin: _Origin) -> _Connection | None:
        connections = self._idle.get(origin)
        if not connections:
            return None
        loop_time = asyncio.get_running_loop().time()
        while connections:
            connection = connections.pop()
            if not connection.closed and loop_time - connection.idle_since < self._keepalive_expiry:
                return connection
            connection.close()
        return None

    async def _connect(self, origin: _Origin, timeout: httpx.Timeout) -> _Connection:
        scheme, host, port = origin
        loop = asyncio.get_running_loop()
        context = None
        if scheme == "https":
            if self._ssl is None:
                self._ssl = ssl.create_default_context()
            context = self._ssl
        try:
            _, protocol = await asyncio.wait_for(
                loop.create_connection(
                    lambda: _Connection(loop),
                    host,
                    port,
                    ssl=context,
                    server_hostname=host if context else None,
                ),
                timeout.connect,
            )
        except TimeoutError:
            raise httpx.ConnectTimeout(f"connecting to {host}:{port} timed out") from None
        except OSError as exc:
            raise httpx.ConnectError(str(exc) or type(exc).__name__) from exc
        return protocol

    def _release(self, origin: _Origin, connection: _Connection) -> None:
        if not connection.reusable:
            connection.close()
            return
        idle = self._idle.setdefault(origin, deque())
        if len(idle) >= self._max_connections:
            connection.close()
            return
        connection.idle_since = asyncio.get_running_loop().time()
        idle.append(connection)


def _format_request(head: bytes, headers: Mapping[str, str], body: bytes) -> bytes:
    lines = []
    for name, value in headers.items():
        lowered = name.lower()
        if lowered in ("host", "content-length", "transfer-encoding", "connection"):
            continue
        if any(ch in name or ch in value for ch in _FORBIDDEN_IN_HEADERS):
            raise ValueError(f"header {name!r} contains a line break")
        lines.append(f"{name}: {value}\r\n")
    lines.append(f"Content-Length: {len(body)}\r\n\r\n")
    # str.encode("ascii") raises UnicodeEncodeError (a ValueError), as httpx does.
    return head + "".join(lines).encode("ascii") + body


def _decoded(headers: Mapping[str, str], content: bytes) -> bytes:
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        return content
    try:
        if encoding == "gzip":
            return zlib.decompress(content, zlib.MAX_WBITS | 16)
        if encoding == "deflate":
            try:
                return zlib.decompress(content)
            except zlib.error:
                return zlib.decompress(content, -zlib.MAX_WBITS)
    except zlib.error as exc:
        raise httpx.DecodingError(f"invalid {encoding} body ({exc})") from exc
    raise httpx.DecodingError(f"unsupported content encoding {encoding!r}")
