"""`AiohttpTransport` and `SubgraphClient` against real servers on loopback."""

from __future__ import annotations

import gzip
from typing import Any

import httpx
import orjson
import pytest

from gateway.executor.fetch import SubgraphResponse, send_operation
from gateway.executor.transport import AiohttpTransport, SubgraphClient
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


async def test_post_bytes_sends_exactly_the_given_request(echo_url: str) -> None:
    async with SubgraphClient(timeout=5.0) as client:
        response = await client.post_bytes(
            f"{echo_url}/graphql", b"{}", {"content-type": "application/json", "x-tenant": "t1"}
        )
    echoed = orjson.loads(response.content)
    assert response.status == 200
    assert response.headers["X-Echo"] == "1"
    assert (echoed["method"], echoed["path"], echoed["body"]) == ("POST", "/graphql", "{}")
    assert sorted(name for name, _ in echoed["headers"]) == [
        "content-length",
        "content-type",
        "host",
        "x-tenant",
    ]


async def test_post_bytes_reuses_connections_and_decodes(echo_url: str) -> None:
    async with SubgraphClient(timeout=5.0) as client:
        ports = {
            orjson.loads((await client.post_bytes(f"{echo_url}/gzip", b"{}", {})).content)["port"]
            for _ in range(3)
        }
    assert len(ports) == 1


async def test_client_keeps_the_httpx_interface(echo_url: str) -> None:
    async with SubgraphClient(timeout=5.0) as client:
        response = await client.post(f"{echo_url}/graphql", content=b"{}")
    assert response.json()["method"] == "POST"


def ok_graphql_app() -> Any:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        while (await receive()).get("more_body"):
            pass
        start = {"type": "http.response.start", "status": 200}
        start["headers"] = [(b"content-type", b"application/json")]
        await send(start)
        await send({"type": "http.response.body", "body": b'{"data": {"a": 1}}'})

    return app


async def test_send_operation_fast_path_outcomes() -> None:
    with LoopbackServers({"ok": ok_graphql_app(), "silent": SilentApp()}) as urls:
        async with SubgraphClient(timeout=5.0) as client:

            async def send(url: str, headers: dict[str, str] | None = None) -> SubgraphResponse:
                return await send_operation(
                    client,
                    service="s",
                    url=url,
                    body={"query": "{ a }"},
                    headers=headers or {},
                    timeout=0.3,
                )

            ok = await send(urls["ok"])
            timed_out = await send(urls["silent"])
            refused = await send(f"http://127.0.0.1:{free_port()}/graphql")
            bad_url = await send("http://[not-a-host/graphql")
            bad_header = await send(urls["ok"], {"x-name": "caf\u00e9 \u2603"})
    assert (ok.data, ok.errors, ok.failure) == ({"a": 1}, [], None)
    assert timed_out.failure is not None
    assert timed_out.failure["message"] == "HTTP fetch failed from 's': request timed out"
    assert refused.failure is not None
    assert refused.failure["message"].startswith("HTTP fetch failed from 's': connection failed")
    for unsendable in (bad_url, bad_header):
        assert unsendable.failure is not None
        assert unsendable.failure["message"].startswith("HTTP fetch failed from 's': invalid")
