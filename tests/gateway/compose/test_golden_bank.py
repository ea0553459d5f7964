"""The bank graph (schema/*.graphql, printed by the subgraphs): our supergraph matches the
checked-in schema/supergraph.graphql from the reference composer, and composing it live with
the reference composer when Node tools are installed."""

from __future__ import annotations

from pathlib import Path

import pytest
from compose_golden import (
    ROOT,
    api_schema_text,
    join_facts,
    linked_specs,
    reference_available,
    reference_compose,
)

from gateway.compose import SubgraphSource, compose
from gateway.supergraph import load_supergraph

SCHEMA = ROOT / "schema"
# The bank subgraphs and the ports `make run` serves them on (recorded in the supergraph).
BANK_SUBGRAPHS = {"accounts": 4001, "payments": 4002, "loans": 4003, "funds": 4004}

pytestmark = pytest.mark.skipif(
    not all((SCHEMA / f"{name}.graphql").exists() for name in BANK_SUBGRAPHS),
    reason="schema/ not printed yet",
)


def _bank_sources() -> list[SubgraphSource]:
    return [
        SubgraphSource(
            name, f"http://127.0.0.1:{port}/graphql", (SCHEMA / f"{name}.graphql").read_text()
        )
        for name, port in BANK_SUBGRAPHS.items()
    ]


def _assert_same(ours: str, reference: str) -> None:
    assert api_schema_text(ours) == api_schema_text(reference)
    assert join_facts(ours) == join_facts(reference)
    assert linked_specs(ours) == linked_specs(reference)


def test_bank_supergraph_matches_the_checked_in_one() -> None:
    checked_in: Path = SCHEMA / "supergraph.graphql"
    ours = compose(_bank_sources())
    _assert_same(ours, checked_in.read_text())
    assert set(load_supergraph(ours).subgraphs) == set(BANK_SUBGRAPHS)


@pytest.mark.node
@pytest.mark.skipif(not reference_available(), reason="node or tools/node/node_modules missing")
def test_bank_supergraph_matches_the_reference_composer() -> None:
    sources = _bank_sources()
    _assert_same(compose(sources), reference_compose(sources))
