"""`Http1Pool` against raw scripted HTTP servers on loopback (framing, keep-alive, limits)."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import httpx
import pytest

from gateway.executor.http1 import Http1Pool
from tests.fixtures.federation.serving import free_port

TIMEOUT = httpx.Timeout(2.0)
Script = Callable[[bytes, int], bytes | None]
"""(request bytes, connection number) -> raw response bytes, or None to stay silent."""


@dataclass
class RawServer:
    """Answers each request (one read per request) with ``script``; counts connections and
    closes after answering when the response says ``Connection: close``."""

    script: Script
    url: str = ""
    connections: int = 0
    requests: list[bytes] = field(default_factory=list)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        number = self.connections
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                request = head + await reader.readexactly(length)
                self.requests.append(request)
                response = self.script(request, number)
                if response is None:
                    await reader.read()  # silent until the client goes away
                    return
                writer.write(response)
                await writer.drain()
                if b"connection: close" in response.lower():
                    return
        except (asyncio.IncompleteReadError, ConnectionError):
            return
        finally:
            writer.close()


@pytest.fixture
async def serve() -> AsyncIterator[Callable[[Script], Awaitable[RawServer]]]:
    servers: list[asyncio.Server] = []

    async def start(script: Script) -> RawServer:
        raw = RawServer(script)
        server = await asyncio.start_server(raw.handle, "127.0.0.1", 0)
        servers.append(server)
        raw.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/graphql"
        return raw

    yield start
    for server in servers:
        server.close()


def response(body: bytes, *headers: str) -> bytes:
    lines = "".join(f"{h}\r\n" for h in headers)
    return f"HTTP/1.1 200 OK\r\n{lines}\r\n".encode() + body


async def test_content_length_response_and_keep_alive(serve: Callable) -> None:
    raw = await serve(lambda _r, _n: response(b'{"a":1}', "Content-Length: 7", "X-A: 1", "X-A: 2"))
    pool = Http1Pool()
    for _ in range(3):
        status, headers, body = await pool.post(raw.url, b"{}", {"X-Id": "7"}, TIMEOUT)
        assert (status, body, headers["x-a"]) == (200, b'{"a":1}', "1, 2")
    await pool.aclose()
    assert raw.connections == 1
    assert raw.requests[0].startswith(b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:")
    assert b"\r\nX-Id: 7\r\nContent-Length: 2\r\n\r\n{}" in raw.requests[0]


async def test_chunked_and_gzip_bodies(serve: Callable) -> None:
    packed = gzip.compress(b'{"data":{}}')
    chunked = f"{len(packed):x}\r\n".encode() + packed + b"\r\n0\r\n\r\n"
    raw = await serve(
        lambda _r, _n: response(chunked, "Transfer-Encoding: chunked", "Content-Encoding: gzip")
    )
    pool = Http1Pool()
    assert await pool.post(raw.url, b"{}", {}, TIMEOUT) == (
        200,
        {"transfer-encoding": "chunked", "content-encoding": "gzip"},
        b'{"data":{}}',
    )
    await pool.aclose()


async def test_connection_close_and_close_delimited_body(serve: Callable) -> None:
    raw = await serve(lambda _r, _n: response(b"until the end", "Connection: close"))
    pool = Http1Pool()
    for _ in range(2):
        _, _, body = await pool.post(raw.url, b"{}", {}, TIMEOUT)
        assert body == b"until the end"
    await pool.aclose()
    assert raw.connections == 2


async def test_server_closing_an_idle_connection_is_not_reused(serve: Callable) -> None:
    raw = await serve(lambda _r, _n: response(b"ok", "Content-Length: 2", "Connection: close"))
    pool = Http1Pool()
    await pool.post(raw.url, b"{}", {}, TIMEOUT)
    await asyncio.sleep(0.05)
    assert (await pool.post(raw.url, b"{}", {}, TIMEOUT))[2] == b"ok"
    await pool.aclose()


async def test_expired_idle_connections_are_replaced(serve: Callable) -> None:
    raw = await serve(lambda _r, _n: response(b"ok", "Content-Length: 2"))
    pool = Http1Pool(keepalive_expiry=0.01)
    await pool.post(raw.url, b"{}", {}, TIMEOUT)
    await asyncio.sleep(0.05)
    await pool.post(raw.url, b"{}", {}, TIMEOUT)
    await pool.aclose()
    assert raw.connections == 2


async def test_read_timeout_and_truncated_response(serve: Callable) -> None:
    silent = await serve(lambda _r, _n: None)
    truncated = await serve(
        lambda _r, _n: response(b"abc", "Content-Length: 10", "Connection: close")
    )
    pool = Http1Pool()
    with pytest.raises(httpx.ReadTimeout):
        await pool.post(silent.url, b"{}", {}, httpx.Timeout(0.2))
    with pytest.raises(httpx.ReadError):
        await pool.post(truncated.url, b"{}", {}, TIMEOUT)
    await pool.aclose()


async def test_pool_timeout_when_every_connection_is_busy(serve: Callable) -> None:
    silent = await serve(lambda _r, _n: None)
    pool = Http1Pool(max_connections=1)
    busy = asyncio.ensure_future(pool.post(silent.url, b"{}", {}, httpx.Timeout(1.0)))
    await asyncio.sleep(0.05)
    with pytest.raises(httpx.PoolTimeout):
        await pool.post(silent.url, b"{}", {}, httpx.Timeout(1.0, pool=0.1))
    with pytest.raises(httpx.ReadTimeout):
        await busy
    await pool.aclose()


async def test_malformed_response_is_a_protocol_error(serve: Callable) -> None:
    raw = await serve(lambda _r, _n: b"NOT HTTP AT ALL\r\n\r\n")
    pool = Http1Pool()
    with pytest.raises(httpx.RemoteProtocolError):
        await pool.post(raw.url, b"{}", {}, TIMEOUT)
    await pool.aclose()


@pytest.mark.parametrize(
    "url",
    ["ftp://127.0.0.1/x", "/relative", "http://user:pw@127.0.0.1/x", "http://[::1/x"],
)
async def test_unsendable_urls(url: str) -> None:
    with pytest.raises(httpx.InvalidURL):
        await Http1Pool().post(url, b"{}", {}, TIMEOUT)


@pytest.mark.parametrize("headers", [{"x": "a\r\nb: c"}, {"x\n": "a"}, {"x": "caf\u00e9"}])
async def test_unsendable_headers(headers: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        await Http1Pool().post(f"http://127.0.0.1:{free_port()}/x", b"{}", headers, TIMEOUT)


async def test_refused_connection() -> None:
    with pytest.raises(httpx.ConnectError):
        await Http1Pool().post(f"http://127.0.0.1:{free_port()}/x", b"{}", {}, TIMEOUT)
