"""Composition: subgraph SDLs -> a Federation v2 supergraph SDL with readable errors.

``compose(sources)`` is the pure pipeline; ``load_config`` reads the YAML listing subgraphs;
``fetch_subgraph_sdl`` introspects a live subgraph through ``_service { sdl }``;
``SupergraphPoller`` re-composes live subgraphs on change.
"""

from gateway.compose.composer import SubgraphSource, compose
from gateway.compose.errors import (
    CompositionError,
    CompositionIssue,
    ConfigError,
    IntrospectionError,
)

__all__ = [
    "CompositionError",
    "CompositionIssue",
    "ConfigError",
    "IntrospectionError",
    "SubgraphSource",
    "compose",
]
