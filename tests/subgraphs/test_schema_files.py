"""schema/ must match the code: one printed SDL per subgraph plus the composed supergraph."""

from __future__ import annotations

import pytest

from gateway.compose import CompositionError
from subgraphs.schema import SCHEMA_DIR, compose, render_all, subgraph_sdl


@pytest.mark.parametrize("name", ["accounts", "payments", "loans", "funds"])
def test_subgraph_sdl_file_matches_code(name: str) -> None:
    assert (SCHEMA_DIR / f"{name}.graphql").read_text() == subgraph_sdl(name), (
        f"schema/{name}.graphql is stale: run python -m subgraphs.schema"
    )


@pytest.mark.parametrize("name", ["accounts", "payments", "loans", "funds"])
def test_subgraph_links_federation_2(name: str) -> None:
    sdl = subgraph_sdl(name)
    assert sdl.startswith('schema @link(url: "https://specs.apollo.dev/federation/v2.')


def test_supergraph_file_matches_composition() -> None:
    files = render_all()
    assert (SCHEMA_DIR / "supergraph.graphql").read_text() == files["supergraph.graphql"], (
        "schema/supergraph.graphql is stale: run python -m subgraphs.schema"
    )


def test_composer_rejects_a_broken_subgraph() -> None:
    valid = subgraph_sdl("payments")
    broken = valid.replace('@requires(fields: "iban currency")', '@requires(fields: "nope")')
    assert broken != valid
    sdls = {name: subgraph_sdl(name) for name in ("accounts", "loans", "funds")}
    with pytest.raises(CompositionError, match=r'payments.*"nope"'):
        compose({**sdls, "payments": broken})
