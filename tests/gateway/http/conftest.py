"""An in-process gateway over the fixture graph (``graph.py``), reached through httpx.

`GatewayHarness` builds the app with chosen settings, routes subgraph fetches to the
in-process fixture subgraphs (which record every request), runs the lifespan, and offers an
``httpx.AsyncClient`` on the gateway plus a token issuer whose JWKS the gateway trusts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from gateway.edge.authorizer import PolicyHook
from gateway.http import create_app
from gateway.settings import Settings
from gateway.supergraph import load_supergraph
from tests.gateway.edge.issuer import AUDIENCE, ISSUER, Issuer
from tests.gateway.edge.redis_server import redis_url
from tests.gateway.http.graph import SUPERGRAPH, RecordingSubgraph, subgraph_apps

__all__ = ["GatewayHarness", "MakeGateway", "redis_url"]


class RoutingTransport(httpx.AsyncBaseTransport):
    """Sends each request to the in-process ASGI app serving its host."""

    def __init__(self, apps: Mapping[str, Any]) -> None:
        self._transports = {
            f"{name}.fixture.invalid": httpx.ASGITransport(app) for name, app in apps.items()
        }

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._transports[request.url.host].handle_async_request(request)


class GatewayHarness:
    def __init__(self, client: httpx.AsyncClient, subgraphs: dict[str, RecordingSubgraph]):
        self.client = client
        self.subgraphs = subgraphs

    async def post(
        self, body: Any, *, headers: Mapping[str, str] | None = None, token: str | None = None
    ) -> httpx.Response:
        all_headers = {"content-type": "application/json", **(headers or {})}
        if token is not None:
            all_headers["authorization"] = f"Bearer {token}"
        return await self.client.post("/graphql", content=orjson.dumps(body), headers=all_headers)

    def subgraph_queries(self, name: str) -> list[str]:
        return [request.get("query", "") for request in self.subgraphs[name].requests]

    def reset(self) -> None:
        for app in self.subgraphs.values():
            app.reset()


MakeGateway = Callable[..., AbstractAsyncContextManager[GatewayHarness]]


@pytest.fixture(scope="session")
def issuer() -> Issuer:
    return Issuer()


@pytest.fixture
def jwks_file(issuer: Issuer, tmp_path: Path) -> Path:
    path = tmp_path / "jwks.json"
    path.write_bytes(orjson.dumps(issuer.jwks()))
    return path


@pytest.fixture
def make_gateway(jwks_file: Path) -> MakeGateway:
    """``async with make_gateway(**settings) as gw:`` a running gateway (lifespan entered)."""

    @asynccontextmanager
    async def make(
        policy_hook: PolicyHook | None = None,
        jwks_transport: httpx.AsyncBaseTransport | None = None,
        **overrides: Any,
    ) -> AsyncIterator[GatewayHarness]:
        options: dict[str, Any] = {
            "jwks_file": None if "jwks_url" in overrides else str(jwks_file),
            "jwt_issuer": ISSUER,
            "jwt_audiences": [AUDIENCE],
        }
        options.update(overrides)
        settings = Settings.from_mapping(options)
        subgraphs = subgraph_apps()
        supergraph = load_supergraph(SUPERGRAPH.read_text(encoding="utf-8"))
        app = create_app(
            settings,
            supergraph,
            policy_hook=policy_hook,
            subgraph_transport=RoutingTransport(subgraphs),
            jwks_transport=jwks_transport,
        )
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app, client=("203.0.113.7", 5555))
            async with httpx.AsyncClient(
                transport=transport, base_url="http://gateway.test"
            ) as client:
                yield GatewayHarness(client, subgraphs)

    return make
