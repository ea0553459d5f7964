"""Run one subgraph under uvicorn with settings from the environment."""

from __future__ import annotations

import os
from collections.abc import Callable

import uvicorn
from starlette.applications import Starlette

from subgraphs.common.settings import SubgraphSettings

__all__ = ["serve"]


def serve(name: str, create_app: Callable[[SubgraphSettings], Starlette]) -> None:
    """Build subgraph `name` from os.environ and serve it until interrupted."""
    settings = SubgraphSettings.from_mapping(name, os.environ)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
