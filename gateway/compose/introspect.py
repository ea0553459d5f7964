"""Fetching a live subgraph's SDL through ``_service { sdl }``, and resolving a config's sources."""

from __future__ import annotations

import asyncio

import httpx
import orjson

from gateway.compose.composer import SubgraphSource
from gateway.compose.config import ComposeConfig, SubgraphConfig
from gateway.compose.errors import ConfigError, IntrospectionError

SERVICE_QUERY = "query SubgraphSdl { _service { sdl } }"


async def fetch_subgraph_sdl(client: httpx.AsyncClient, url: str) -> str:
    """POST ``_service { sdl }`` to ``url``; raises ``IntrospectionError`` naming the URL."""
    try:
        response = await client.post(
            url,
            content=orjson.dumps({"query": SERVICE_QUERY}),
            headers={"content-type": "application/json", "accept": "application/json"},
        )
    except httpx.HTTPError as error:
        raise IntrospectionError(f"{url}: {type(error).__name__}: {error}") from error
    if response.status_code != 200:
        raise IntrospectionError(f"{url}: HTTP {response.status_code}")
    try:
        body = orjson.loads(response.content)
        sdl = body["data"]["_service"]["sdl"]
    except (orjson.JSONDecodeError, KeyError, TypeError) as error:
        raise IntrospectionError(f"{url}: no _service.sdl in the response") from error
    if not isinstance(sdl, str):
        raise IntrospectionError(f"{url}: _service.sdl is not a string")
    return sdl


async def _source(client: httpx.AsyncClient, entry: SubgraphConfig) -> SubgraphSource:
    if entry.sdl is not None:
        return SubgraphSource(entry.name, entry.routing_url, entry.sdl)
    if entry.file is not None:
        try:
            sdl = entry.file.read_text()
        except OSError as error:
            raise ConfigError(f'subgraph "{entry.name}": cannot read {entry.file}') from error
        return SubgraphSource(entry.name, entry.routing_url, sdl)
    assert entry.introspect_url is not None
    sdl = await fetch_subgraph_sdl(client, entry.introspect_url)
    return SubgraphSource(entry.name, entry.routing_url, sdl)


async def load_sources(config: ComposeConfig, client: httpx.AsyncClient) -> list[SubgraphSource]:
    """The SDL of every configured subgraph, in config order (live ones fetched concurrently)."""
    return list(await asyncio.gather(*(_source(client, entry) for entry in config.subgraphs)))
