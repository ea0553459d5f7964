"""Supergraph loading: SDL -> join metadata per subgraph + the client-facing API schema."""

from ._load import load_supergraph
from ._model import (
    ContextArgument,
    DirectiveApplication,
    Key,
    SubgraphInfo,
    SubgraphView,
    Supergraph,
    SupergraphError,
    ViewField,
    ViewType,
)

__all__ = [
    "ContextArgument",
    "DirectiveApplication",
    "Key",
    "SubgraphInfo",
    "SubgraphView",
    "Supergraph",
    "SupergraphError",
    "ViewField",
    "ViewType",
    "load_supergraph",
]
