"""CSRF prevention (6.6) and the header propagation rules."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from gateway.edge.csrf import CSRFMiddleware, is_preflighted
from gateway.edge.headers import check_propagation, subgraph_headers

REQUIRED = ("apollo-require-preflight", "x-apollo-operation-name")


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({b"content-type": b"application/json"}, True),
        ({b"content-type": b"application/json; charset=utf-8"}, True),
        ({b"content-type": b"text/plain"}, False),
        ({b"content-type": b"Text/Plain; charset=utf-8"}, False),
        ({b"content-type": b"application/x-www-form-urlencoded"}, False),
        ({b"content-type": b"multipart/form-data; boundary=x"}, False),
        ({b"content-type": b"nonsense"}, False),
        ({}, False),
        ({b"apollo-require-preflight": b"true"}, True),
        ({b"x-apollo-operation-name": b"Q", b"content-type": b"text/plain"}, True),
        ({b"apollo-require-preflight": b""}, False),
    ],
)
def test_preflight_rule(headers: dict[bytes, bytes], expected: bool) -> None:
    assert is_preflighted(headers, REQUIRED) is expected


async def _ok(request: Request) -> PlainTextResponse:
    return PlainTextResponse("ran")


async def test_middleware_blocks_before_the_app_runs() -> None:
    app = CSRFMiddleware(
        Starlette(routes=[Route("/graphql", _ok, methods=["GET", "POST"])]),
        path="/graphql",
        required_headers=REQUIRED,
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app), base_url="http://gateway.test"
    ) as client:
        simple_post = await client.post(
            "/graphql", content=b'{"query":"{a}"}', headers={"content-type": "text/plain"}
        )
        assert simple_post.status_code == 400
        assert simple_post.json()["errors"][0]["extensions"]["code"] == "CSRF_ERROR"
        bare_get = await client.get("/graphql?query=%7Ba%7D")
        assert bare_get.status_code == 400
        marked_get = await client.get(
            "/graphql?query=%7Ba%7D", headers={"apollo-require-preflight": "1"}
        )
        assert marked_get.text == "ran"
        json_post = await client.post("/graphql", json={"query": "{a}"})
        assert json_post.text == "ran"
        landing = await client.get("/graphql")  # no operation: e.g. the GraphiQL page
        assert landing.text == "ran"


def test_only_configured_safe_headers_and_the_verified_token_reach_subgraphs() -> None:
    received = [
        ("accept-language", "de"),
        ("x-tenant", "t1"),
        ("authorization", "Bearer client-supplied"),
        ("x-user-id", "admin"),
        ("cookie", "s=1"),
        ("connection", "keep-alive, x-tenant"),
        ("transfer-encoding", "chunked"),
        ("host", "gateway"),
    ]
    headers = subgraph_headers(
        received,
        propagate=("accept-language", "x-tenant", "x-user-id", "cookie", "transfer-encoding"),
        bearer_token="verified.jwt.token",
    )
    # x-tenant is named by the Connection header, so it is hop-by-hop for this request
    assert headers == {"accept-language": "de", "authorization": "Bearer verified.jwt.token"}
    assert subgraph_headers(received, propagate=(), bearer_token=None) == {}


def test_configuration_naming_forbidden_headers_is_reported() -> None:
    assert check_propagation(["Accept-Language", "Authorization", "X-User-Id", "x-auth-foo"]) == [
        "Authorization",
        "X-User-Id",
        "x-auth-foo",
    ]
