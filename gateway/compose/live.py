"""Live composition: compose from running subgraphs and re-compose when their schemas change.

``SupergraphPoller.compose_now`` introspects every subgraph (``_service { sdl }``) and composes,
raising on failure (start-up). ``SupergraphPoller.poll`` then re-fetches every ``interval``
seconds; when any SDL changed it re-composes and hands the new supergraph SDL to a callback. A
fetch, composition or callback failure is logged and the last good supergraph stays in force.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import httpx

from gateway.compose.composer import SubgraphSource, compose
from gateway.compose.errors import CompositionError, IntrospectionError
from gateway.compose.introspect import fetch_subgraph_sdl

__all__ = ["LiveSubgraph", "SupergraphPoller", "parse_subgraph_args"]

logger = logging.getLogger(__name__)

OnSupergraph = Callable[[str], Awaitable[None] | None]


@dataclass(frozen=True, slots=True)
class LiveSubgraph:
    """A running subgraph: its name and the URL that serves both ``_service`` and queries."""

    name: str
    url: str


def parse_subgraph_args(values: Sequence[str]) -> list[LiveSubgraph]:
    """``["accounts=http://…", …]`` -> subgraphs; ``ValueError`` names a malformed entry."""
    subgraphs: list[LiveSubgraph] = []
    for value in values:
        name, separator, url = value.partition("=")
        if not separator or not name.strip() or not url.strip():
            raise ValueError(f'--subgraph "{value}": expected NAME=URL')
        if any(s.name == name.strip() for s in subgraphs):
            raise ValueError(f'--subgraph "{name}" is given more than once')
        subgraphs.append(LiveSubgraph(name.strip(), url.strip()))
    if not subgraphs:
        raise ValueError("at least one --subgraph NAME=URL is needed")
    return subgraphs


def _fingerprint(sources: Sequence[SubgraphSource]) -> str:
    digest = hashlib.sha256()
    for source in sources:
        for part in (source.name, source.url, source.sdl):
            digest.update(part.encode())
            digest.update(b"\0")
    return digest.hexdigest()


class SupergraphPoller:
    """Composes ``subgraphs`` (in order) from their live SDL; remembers the last good result."""

    def __init__(self, subgraphs: Sequence[LiveSubgraph], client: httpx.AsyncClient) -> None:
        self._subgraphs = tuple(subgraphs)
        self._client = client
        self._seen: str | None = None  # fingerprint of the SDLs last composed (or tried)
        self.supergraph: str | None = None  # the last good supergraph SDL

    async def _fetch(self) -> list[SubgraphSource]:
        sdls = await asyncio.gather(
            *(fetch_subgraph_sdl(self._client, s.url) for s in self._subgraphs)
        )
        return [
            SubgraphSource(s.name, s.url, sdl) for s, sdl in zip(self._subgraphs, sdls, strict=True)
        ]

    async def compose_now(self) -> str:
        """Fetch and compose; raises ``IntrospectionError`` or ``CompositionError``."""
        sources = await self._fetch()
        self._seen = _fingerprint(sources)
        self.supergraph = compose(sources)
        return self.supergraph

    async def refresh(self, on_supergraph: OnSupergraph) -> bool:
        """One poll step: ``True`` when a changed schema composed and ``on_supergraph`` took
        it. Never raises for fetch, composition or callback failures (they are logged)."""
        try:
            sources = await self._fetch()
        except IntrospectionError as error:
            logger.warning("live composition: subgraph unavailable, keeping supergraph: %s", error)
            return False
        fingerprint = _fingerprint(sources)
        if fingerprint == self._seen:
            return False
        self._seen = fingerprint
        try:
            supergraph = compose(sources)
        except CompositionError as error:
            logger.error("live composition failed, keeping the last good supergraph:\n%s", error)
            return False
        if supergraph == self.supergraph:
            return False
        try:
            outcome = on_supergraph(supergraph)
            if outcome is not None:
                await outcome
        except Exception:
            logger.exception("live composition: new supergraph rejected, keeping the last one")
            return False
        self.supergraph = supergraph
        logger.info("live composition: new supergraph in service (%d subgraphs)", len(sources))
        return True

    async def poll(self, interval: float, on_supergraph: OnSupergraph) -> None:
        """Call ``refresh`` every ``interval`` seconds until cancelled."""
        while True:
            await asyncio.sleep(interval)
            await self.refresh(on_supergraph)
