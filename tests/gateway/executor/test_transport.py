"""`AiohttpTransport` against real servers on loopback: what httpx would send and receive."""

from __future__ import annotations

import gzip
from typing import Any

import httpx
import orjson
import pytest

from gateway.executor.transport import AiohttpTransport
from tests.fixtures.federation.serving import LoopbackServers, free_port


class EchoApp:
    """Answers every request with its method, path, headers, body and client port as JSON;
    gzip-encoded when the request path is ``/gzip``, with status 503 on ``/down``."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        payload = orjson.dumps(
            {
                "method": scope["method"],
                "path": scope["path"],
                "headers": [[k.decode(), v.decode()] for k, v in scope["headers"]],
                "body": body.decode(),
                "port": scope["client"][1],
            }
        )
        headers = [(b"content-type", b"application/json"), (b"x-echo", b"1")]
        if scope["path"] == "/gzip":
            payload = gzip.compress(payload)
            headers.append((b"content-encoding", b"gzip"))
        status = 503 if scope["path"] == "/down" else 200
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


class SilentApp:
    """Never answers; returns once the client disconnects."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        while (await receive())["type"] != "http.disconnect":
            pass


@pytest.fixture
def echo_url() -> Any:
    with LoopbackServers({"echo": EchoApp()}) as urls:
        yield urls["echo"].removesuffix("/graphql")


async def test_sends_exactly_what_httpx_built(echo_url: str) -> None:
    async with httpx.AsyncClient(transport=AiohttpTransport()) as client:
        response = await client.post(
            f"{echo_url}/graphql?x=1",
            content=b'{"query":"{ a }"}',
            headers={"content-type": "application/json", "x-tenant": "t1"},
        )
    echoed = response.json()
    headers = dict(echoed["headers"])
    assert response.status_code == 200
    assert response.headers["x-echo"] == "1"
    assert (echoed["method"], echoed["path"], echoed["body"]) == (
        "POST",
        "/graphql",
        '{"query":"{ a }"}',
    )
    assert headers["x-tenant"] == "t1"
    assert headers["content-type"] == "application/json"
    assert headers["content-length"] == "17"
    assert [name for name, _ in echoed["headers"]].count("content-length") == 1


async def test_keeps_connections_alive(echo_url: str) -> None:
    async with httpx.AsyncClient(transport=AiohttpTransport()) as client:
        ports = {
            (await client.post(f"{echo_url}/graphql", content=b"{}")).json()["port"]
            for _ in range(3)
        }
    assert len(ports) == 1


async def test_content_encoding_is_decoded_once(echo_url: str) -> None:
    async with httpx.AsyncClient(transport=AiohttpTransport()) as client:
        response = await client.post(f"{echo_url}/gzip", content=b"{}")
    assert response.json()["path"] == "/gzip"


async def test_error_status_is_a_response(echo_url: str) -> None:
    async with httpx.AsyncClient(transport=AiohttpTransport()) as client:
        response = await client.post(f"{echo_url}/down", content=b"{}")
    assert response.status_code == 503


async def test_read_timeout_becomes_httpx_timeout() -> None:
    with LoopbackServers({"silent": SilentApp()}) as urls:
        async with httpx.AsyncClient(transport=AiohttpTransport(), timeout=0.2) as client:
            with pytest.raises(httpx.ReadTimeout):
                await client.post(urls["silent"], content=b"{}")


async def test_refused_connection_becomes_connect_error() -> None:
    async with httpx.AsyncClient(transport=AiohttpTransport()) as client:
        with pytest.raises(httpx.ConnectError):
            await client.post(f"http://127.0.0.1:{free_port()}/graphql", content=b"{}")
