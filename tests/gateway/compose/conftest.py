"""Fixtures for composition tests: real subgraphs served by uvicorn on free loopback ports."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import uvicorn

ServeAsgi = Callable[[object], str]


@pytest.fixture
def serve_asgi() -> Iterator[ServeAsgi]:
    """Start ASGI apps with uvicorn on free ports (one thread each); returns their base URL.
    Servers stop when the test ends."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app: object) -> str:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="off")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)
