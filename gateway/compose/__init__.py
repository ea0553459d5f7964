"""Composition: subgraph SDLs -> a Federation v2 supergraph SDL with readable errors.

``compose(sources)`` is the pure pipeline; ``load_config`` reads the YAML listing subgraphs;
``fetch_subgraph_sdl`` introspects a live subgraph through ``_service { sdl }``;
``SupergraphPoller`` re-composes live subgraphs on change.
"""

from gateway.compose.composer import SubgraphSource, compose
from gateway.compose.config import ComposeConfig, SubgraphConfig, load_config
from gateway.compose.errors import (
    CompositionError,
    CompositionIssue,
    ConfigError,
    IntrospectionError,
)
from gateway.compose.introspect import fetch_subgraph_sdl, load_sources
from gateway.compose.live import LiveSubgraph, SupergraphPoller, parse_subgraph_args

__all__ = [
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
