"""Run one subgraph under uvicorn with settings from the environment."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import uvicorn
from starlette.applications import Starlette

from subgraphs.common.settings import SubgraphSettings

__all__ = ["serve"]


def serve(name: str, create_app: Callable[[SubgraphSettings], Starlette]) -> None:
    """Build subgraph `name` from os.environ and serve it until interrupted.

    Exits with status 2 and a one-line reason when the settings are invalid or the bank
    credentials (written by `python -m sandbox`) are missing.
    """
    try:
        settings = SubgraphSettings.from_mapping(name, os.environ)
        app = create_app(settings)
    except FileNotFoundError as error:
        _fail(
            f"{name}: bank credentials not found ({error.filename}); start the sandbox first "
            "or set BANKGRAPH_CREDENTIALS_DIR"
        )
    except (ValueError, KeyError) as error:
        _fail(f"{name}: invalid settings or credentials: {error}")
    # Idle keep-alive longer than gateways' connection pools keep theirs (uvicorn's 5 s default
    # races them): a gateway must never send on a connection the subgraph is closing.
    uvicorn.run(
        app, host=settings.host, port=settings.port, log_level="info", timeout_keep_alive=75
    )


def _fail(reason: str) -> None:
    print(reason, file=sys.stderr)
    sys.exit(2)
