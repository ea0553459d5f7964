"""The public surface of ``gateway.compose`` changes only on purpose."""

from __future__ import annotations

import gateway.compose


def test_exported_members() -> None:
    assert sorted(gateway.compose.__all__) == [
        "ComposeConfig",
        "CompositionError",
        "CompositionIssue",
        "ConfigError",
        "IntrospectionError",
        "LiveSubgraph",
        "SubgraphConfig",
        "SubgraphSource",
        "SupergraphPoller",
        "compose",
        "fetch_subgraph_sdl",
        "load_config",
        "load_sources",
        "parse_subgraph_args",
    ]
    for name in gateway.compose.__all__:
        assert hasattr(gateway.compose, name)
