"""`CoalescingHttpToolsProtocol`: one write per event-loop turn, same bytes, real uvicorn."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn

from gateway.edge.coalesce import CoalescingHttpToolsProtocol, _CoalescingTransport


class RecordingTransport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: Any) -> None:
        self.writes.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_write_buffer_size(self) -> int:
        return 7


async def test_writes_of_one_turn_become_one_write() -> None:
    inner = RecordingTransport()
    transport = _CoalescingTransport(inner, asyncio.get_running_loop())
    transport.write(b"HTTP/1.1 200 OK\r\n\r\n")
    transport.writelines([b"ab", bytearray(b"c")])
    assert inner.writes == []
    await asyncio.sleep(0)
    assert inner.writes == [b"HTTP/1.1 200 OK\r\n\r\nabc"]
    transport.write(b"more")
    transport.close()
    assert inner.writes[-1] == b"more" and inner.closed
    assert transport.get_write_buffer_size() == 7  # everything else is the real transport's
    await asyncio.sleep(0)
    assert len(inner.writes) == 2


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    headers = [(b"content-type", b"application/octet-stream")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    if scope["path"] == "/stream":
        for part in (b"one ", b"two ", b"three"):
            await send({"type": "http.response.body", "body": part, "more_body": True})
            await asyncio.sleep(0.01)
        await send({"type": "http.response.body", "body": b""})
    elif scope["path"] == "/big":
        await send({"type": "http.response.body", "body": b"x" * 4_000_000})
    else:
        await send({"type": "http.response.body", "body": body})


@pytest.fixture
def base_url() -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        app, http=CoalescingHttpToolsProtocol, lifespan="off", log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        threading.Event().wait(0.01)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)


def test_responses_over_one_connection(base_url: str) -> None:
    with httpx.Client(base_url=base_url) as client:
        for n in range(5):
            assert client.post("/echo", content=b"body %d" % n).content == b"body %d" % n
        assert client.get("/stream").content == b"one two three"
        assert len(client.get("/big").content) == 4_000_000
        assert client.post("/echo", content=b"after").content == b"after"
