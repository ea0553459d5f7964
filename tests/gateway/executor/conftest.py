"""Executor test fixtures: the running "shop" subgraphs (see shop.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from gateway.executor import Subgraphs
from tests.fixtures.federation.subgraph import SubgraphApp
from tests.gateway.executor.shop import SPECS, Shop, mounted_client, urls


@pytest.fixture
async def shop() -> AsyncIterator[Shop]:
    apps = {name: SubgraphApp(spec) for name, spec in SPECS.items()}
    async with mounted_client(apps) as client:
        yield Shop(apps, Subgraphs(client=client, urls=urls(apps)))
