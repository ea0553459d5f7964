"""The YAML composition config: accepted shapes and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.compose import ConfigError
from gateway.compose.config import SubgraphConfig, load_config, parse_config


def test_all_schema_sources_in_listed_order(tmp_path: Path) -> None:
    config = tmp_path / "supergraph.yaml"
    config.write_text(
        "subgraphs:\n"
        "  b:\n    routing_url: http://b/graphql\n    schema:\n      file: b.graphql\n"
        "  a:\n    routing_url: http://a/graphql\n    schema: introspect\n"
        "  c:\n    routing_url: http://c/graphql\n    schema:\n"
        "      subgraph_url: http://c-admin/graphql\n"
        "  d:\n    routing_url: http://d/graphql\n    schema:\n      sdl: 'type Query { d: Int }'\n"
    )
    loaded = load_config(config)
    assert loaded.subgraphs == (
        SubgraphConfig("b", "http://b/graphql", file=tmp_path / "b.graphql"),
        SubgraphConfig("a", "http://a/graphql", introspect_url="http://a/graphql"),
        SubgraphConfig("c", "http://c/graphql", introspect_url="http://c-admin/graphql"),
        SubgraphConfig("d", "http://d/graphql", sdl="type Query { d: Int }"),
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], '"subgraphs" mapping'),
        ({"subgraphs": {}}, "no subgraph"),
        ({"subgraphs": {"a": {"schema": "introspect"}}}, '"a": "routing_url"'),
        ({"subgraphs": {"a": {"routing_url": "http://a"}}}, '"a": "schema"'),
        ({"subgraphs": {"a": {"routing_url": "http://a", "schema": {"ftp": "x"}}}}, '"ftp"'),
        ({"subgraphs": {"a": {"routing_url": "http://a", "schema": {"file": ""}}}}, '"file"'),
    ],
)
def test_invalid_configs_are_rejected_with_the_entry_named(raw: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(raw, base_dir=Path("."))


def test_unreadable_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("subgraphs: [unclosed")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(bad)
