"""``bankgraph-gateway serve``: load settings and the supergraph, then serve over HTTP.

Configuration comes from ``--config`` (YAML) with ``BANKGRAPH_GATEWAY_*`` environment
variables on top (`gateway.settings.load_settings`). An unreadable or invalid supergraph or
configuration is reported in one line on stderr with exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

import uvicorn

from gateway.http import create_app
from gateway.settings import SettingsError, load_settings
from gateway.supergraph import SupergraphError, load_supergraph

__all__ = ["serve_command"]


def serve_command(args: argparse.Namespace) -> int:
    """Serve until interrupted; 0 after a clean shutdown, 2 when start-up is refused."""
    if args.subgraph or args.poll is not None:
        return _refuse(
            "--subgraph/--poll (live composition) is not available yet; use --supergraph"
        )
    if not args.supergraph:
        return _refuse("--supergraph FILE is required")
    try:
        settings = load_settings(args.config, os.environ)
        sdl = Path(args.supergraph).read_text(encoding="utf-8")
        app = create_app(settings, load_supergraph(sdl))
    except (SettingsError, SupergraphError) as error:
        return _refuse(str(error))
    except OSError as error:
        return _refuse(f"cannot read {error.filename}: {error.strerror}")
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        server_header=False,
    )
    return 0


def _refuse(message: str) -> int:
    print(f"bankgraph-gateway: {message}", file=sys.stderr)
    return 2
