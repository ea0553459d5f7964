"""Hive Gateway over the fixture graphs: one gateway process per fixture per test module."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from fixtures.federation.gateways import HIVE_GATEWAY, hive_gateway
from fixtures.federation.graphs import load_fixture
from fixtures.federation.harness import FixtureDeployment


@pytest.fixture(scope="module")
def hive_deployment(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], FixtureDeployment]]:
    """``get(name)``: the fixture's subgraphs on loopback behind a Hive Gateway, started on
    first use and kept for the rest of the test module."""
    if not HIVE_GATEWAY.exists():
        pytest.skip("tools/node/node_modules absent (make test installs Hive Gateway)")
    deployments: dict[str, FixtureDeployment] = {}
    with ExitStack() as stack:

        def get(name: str) -> FixtureDeployment:
            if name not in deployments:
                workdir: Path = tmp_path_factory.mktemp(f"hive-{name}")
                deployment = FixtureDeployment(load_fixture(name), workdir, hive_gateway)
                deployments[name] = stack.enter_context(deployment)
            return deployments[name]

        yield get
