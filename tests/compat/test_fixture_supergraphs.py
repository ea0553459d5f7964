"""The checked-in fixture supergraphs are what the reference composer builds today."""

from __future__ import annotations

import pytest
from fixtures.federation.compose import compose_fixture
from fixtures.federation.gateways import REPO_ROOT
from fixtures.federation.graphs import FIXTURE_NAMES, load_fixture

pytestmark = pytest.mark.node


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_supergraph_is_freshly_composed(name: str) -> None:
    if not (REPO_ROOT / "tools" / "node" / "node_modules").exists():
        pytest.skip("tools/node/node_modules absent (make test installs the composer)")
    fixture = load_fixture(name)
    assert compose_fixture(fixture) == fixture.supergraph_path.read_text(encoding="utf-8"), (
        "stale: run python -m tests.fixtures.federation.compose"
    )


def test_every_fixture_is_in_a_compat_module() -> None:
    from test_hive_entities import FIXTURES as entities
    from test_hive_execution import FIXTURES as execution
    from test_hive_operations import FIXTURES as operations

    assert sorted(entities + operations + execution) == sorted(FIXTURE_NAMES)
