"""Our composed supergraph is served by other gateways: Hive Gateway (a real process) and our
own engine, both answering a query that crosses two live Strawberry subgraphs."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from fixtures.federation.gateways import HIVE_GATEWAY, hive_gateway
from strawberry_subgraphs import catalog_app, stock_app

from gateway.compose import SubgraphSource, compose
from gateway.compose.cli import write_atomically
from gateway.compose.introspect import fetch_subgraph_sdl

QUERY = "{ products { upc name inStock } }"
EXPECTED = {
    "products": [
        {"upc": "1", "name": "Chair", "inStock": True},
        {"upc": "2", "name": "Desk", "inStock": False},
    ]
}


def _sources(catalog: str, stock: str) -> list[SubgraphSource]:
    async def fetch() -> list[SubgraphSource]:
        async with httpx.AsyncClient() as client:
            return [
                SubgraphSource(name, url, await fetch_subgraph_sdl(client, url))
                for name, url in (("catalog", catalog), ("stock", stock))
            ]

    return asyncio.run(fetch())


@pytest.mark.node
@pytest.mark.skipif(not HIVE_GATEWAY.exists(), reason="tools/node/node_modules absent")
def test_hive_gateway_serves_our_supergraph(tmp_path: Path, serve_asgi) -> None:
    catalog = serve_asgi(catalog_app()) + "/graphql"
    stock = serve_asgi(stock_app()) + "/graphql"
    supergraph_file = tmp_path / "supergraph.graphql"
    write_atomically(supergraph_file, compose(_sources(catalog, stock)))
    with hive_gateway(supergraph_file) as gateway:
        assert gateway.execute(QUERY) == {"data": EXPECTED}
