"""The subgraph client (httpx over `Http1Transport`) against real servers on loopback."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest

from gateway.executor.client import subgraph_client
from gateway.executor.fetch import SubgraphResponse, send_operation
from tests.fixtures.federation.serving import LoopbackServers, free_port


class EchoApp:
    """Answers every request with its method, path, headers, body and client port as JSON;
    gzip-encoded when the request path is ``/gzip``."""

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
                "query": scope["query_string"].decode(),
                "headers": [[k.decode(), v.decode()] for k, v in scope["headers"]],
                "body": body.decode(),
                "port": scope["client"][1],
            }
        )
        headers = [(b"content-type", b"application/json"), (b"x-echo", b"1")]
        if scope["path"] == "/gzip":
            payload = gzip.compress(payload)
            headers.append((b"content-encoding", b"gzip"))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


class SilentApp:
    """Never answers; returns once the client disconnects."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        while (await receive())["type"] != "http.disconnect":
            pass


async def graphql_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b'{"data": {"a": 1}}'})


@pytest.fixture
def urls() -> Iterator[dict[str, str]]:
    apps = {"echo": EchoApp(), "silent": SilentApp(), "graphql": graphql_app}
    with LoopbackServers(apps) as served:
        yield {name: url.removesuffix("/graphql") for name, url in served.items()}


async def test_post_sends_the_given_request(urls: dict[str, str]) -> None:
    async with subgraph_client(timeout=5.0) as client:
        response = await client.post(
            f"{urls['echo']}/graphql?x=1",
            content=b"{}",
            headers={"content-type": "application/json", "x-tenant": "t1"},
        )
    echoed = response.json()
    headers = dict(echoed["headers"])
    assert response.status_code == 200
    assert response.headers["x-echo"] == "1"
    assert (echoed["method"], echoed["path"], echoed["query"]) == ("POST", "/graphql", "x=1")
    assert echoed["body"] == "{}"
    assert headers["x-tenant"] == "t1" and headers["content-length"] == "2"
    assert headers["host"] == urls["echo"].removeprefix("http://")


async def test_connections_are_reused_and_bodies_decoded(urls: dict[str, str]) -> None:
    async with subgraph_client(timeout=5.0) as client:
        ports = {
            (await client.post(f"{urls['echo']}/gzip", content=b"{}")).json()["port"]
            for _ in range(3)
        }
    assert len(ports) == 1


async def test_only_posts_are_sent(urls: dict[str, str]) -> None:
    async with subgraph_client(timeout=5.0) as client:
        with pytest.raises(httpx.UnsupportedProtocol):
            await client.get(f"{urls['echo']}/graphql")


async def test_send_operation_outcomes(urls: dict[str, str]) -> None:
    async with subgraph_client(timeout=5.0) as client:

        async def send(url: str, headers: dict[str, str] | None = None) -> SubgraphResponse:
            return await send_operation(
                client,
                service="s",
                url=url,
                body={"query": "{ a }"},
                headers=headers or {},
                timeout=0.3,
            )

        ok = await send(f"{urls['graphql']}/graphql")
        timed_out = await send(f"{urls['silent']}/graphql")
        refused = await send(f"http://127.0.0.1:{free_port()}/graphql")
        bad_url = await send("http://[not-a-host/graphql")
        bad_header = await send(f"{urls['graphql']}/graphql", {"x-name": "caf\u00e9 \u2603"})
        injected = await send(f"{urls['graphql']}/graphql", {"x-name": "a\r\nx-evil: 1"})
    assert (ok.data, ok.errors, ok.failure) == ({"a": 1}, [], None)
    assert timed_out.failure is not None
    assert timed_out.failure["message"] == "HTTP fetch failed from 's': request timed out"
    assert refused.failure is not None
    assert refused.failure["message"].startswith("HTTP fetch failed from 's': connection failed")
    # httpx accepts the malformed host and fails to resolve it; bad headers fail before sending.
    assert bad_url.failure is not None
    assert bad_url.failure["message"].startswith("HTTP fetch failed from 's': connection")
    for unsendable in (bad_header, injected):
        assert unsendable.failure is not None
        assert unsendable.failure["message"].startswith("HTTP fetch failed from 's': invalid")
