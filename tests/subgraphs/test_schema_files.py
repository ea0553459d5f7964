"""schema/ must match the code: one printed SDL per subgraph plus the composed supergraph."""

from __future__ import annotations

import shutil

import pytest

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


@pytest.mark.node
@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_supergraph_file_matches_composition() -> None:
    files = render_all()
    assert (SCHEMA_DIR / "supergraph.graphql").read_text() == files["supergraph.graphql"], (
        "schema/supergraph.graphql is stale: run python -m subgraphs.schema"
    )


@pytest.mark.node
@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_composer_rejects_a_broken_subgraph() -> None:
    broken = subgraph_sdl("payments").replace(
        '@requires(fields: "iban")', '@requires(fields: "nope")'
    )
    with pytest.raises(RuntimeError):
        compose({"accounts": subgraph_sdl("accounts"), "payments": broken})
