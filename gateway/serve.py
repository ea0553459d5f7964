"""``bankgraph-gateway serve``: load settings and the supergraph, then serve over HTTP.

Configuration comes from ``--config`` (YAML) with ``BANKGRAPH_GATEWAY_*`` environment
variables on top (`gateway.settings.load_settings`). An unreadable or invalid supergraph or
configuration is reported in one line on stderr with exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette

from gateway.compose import CompositionError, IntrospectionError
from gateway.compose.live import LiveSubgraph, SupergraphPoller, parse_subgraph_args
from gateway.edge.coalesce import CoalescingHttpToolsProtocol
from gateway.http import create_app
from gateway.settings import Settings, SettingsError, load_settings
from gateway.supergraph import SupergraphError, load_supergraph

__all__ = ["app_from_environment", "serve_command"]

# uvloop's event loop and httptools' C parser (both pinned dependencies) instead of asyncio's
# loop and h11: less CPU per request (bench.compare: single-subgraph query 0.72 -> 0.58 ms);
# the httptools protocol sends each response with one write (gateway.edge.coalesce).
# One set of uvicorn options for every way of serving (single process, workers, live compose).
_SERVER_OPTIONS: dict[str, Any] = {
    "log_level": "warning",
    "access_log": False,
    "lifespan": "on",
    "server_header": False,
    "loop": "uvloop",
    "http": CoalescingHttpToolsProtocol,
}


# How `serve_command` tells worker processes (``--workers N``) what to serve.
_SUPERGRAPH_FILE_ENV = "BANKGRAPH_SERVE_SUPERGRAPH_FILE"
_CONFIG_FILE_ENV = "BANKGRAPH_SERVE_CONFIG_FILE"


def serve_command(args: argparse.Namespace) -> int:
    """Serve until interrupted; 0 after a clean shutdown, 2 when start-up is refused.

    ``--workers N`` (N > 1, ``--supergraph`` only) runs N gateway processes on one
    listening socket (uvicorn's supervisor), each a whole gateway with its own caches and
    connection pools; configuration is checked once before any worker starts.
    """
    workers = getattr(args, "workers", 1)
    if workers < 1:
        return _refuse("--workers must be at least 1")
    if args.subgraph:
        if args.supergraph:
            return _refuse("give either --supergraph FILE or --subgraph NAME=URL, not both")
        if workers != 1:
            return _refuse("--workers needs --supergraph FILE (live composition runs in one)")
        return _serve_live(args)
    if args.poll is not None:
        return _refuse("--poll needs --subgraph NAME=URL (live composition)")
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
    _configure_logging()
    if workers > 1:
        os.environ[_SUPERGRAPH_FILE_ENV] = str(Path(args.supergraph).resolve())
        if args.config:
            os.environ[_CONFIG_FILE_ENV] = str(Path(args.config).resolve())
        del app  # checked; each worker builds its own
        uvicorn.run(
            "gateway.serve:app_from_environment",
            factory=True,
            workers=workers,
            host=args.host,
            port=args.port,
            **_SERVER_OPTIONS,
        )
        return 0
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        **_SERVER_OPTIONS,
    )
    return 0


def app_from_environment() -> Starlette:
    """The app of one ``--workers`` process: the files `serve_command` checked and named in
    ``BANKGRAPH_SERVE_SUPERGRAPH_FILE`` / ``BANKGRAPH_SERVE_CONFIG_FILE``."""
    _configure_logging()
    settings = load_settings(os.environ.get(_CONFIG_FILE_ENV), os.environ)
    sdl = Path(os.environ[_SUPERGRAPH_FILE_ENV]).read_text(encoding="utf-8")
    return create_app(settings, load_supergraph(sdl))


def _configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every subgraph request at INFO: far too much for a gateway's log.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def _refuse(message: str) -> int:
    print(f"bankgraph-gateway: {message}", file=sys.stderr)
    return 2


def _serve_live(args: argparse.Namespace) -> int:
    """Compose from live subgraphs (``--subgraph NAME=URL``), serve, and with ``--poll``
    re-compose on change, swapping the engine's supergraph; failures keep the last good one."""
    try:
        settings = load_settings(args.config, os.environ)
        subgraphs = parse_subgraph_args(args.subgraph)
    except (SettingsError, ValueError) as error:
        return _refuse(str(error))
    if args.poll is not None and args.poll <= 0:
        return _refuse("--poll SECONDS must be positive")
    _configure_logging()
    return asyncio.run(_run_live(args, settings, subgraphs))


async def _run_live(
    args: argparse.Namespace, settings: Settings, subgraphs: list[LiveSubgraph]
) -> int:
    async with httpx.AsyncClient(timeout=10.0) as client:
        poller = SupergraphPoller(subgraphs, client)
        try:
            app = create_app(settings, load_supergraph(await poller.compose_now()))
        except (CompositionError, IntrospectionError, SupergraphError) as error:
            return _refuse(f"live composition failed: {error}")
        except SettingsError as error:
            return _refuse(str(error))
        engine = app.state.engine

        def swap(sdl: str) -> None:
            supergraph = load_supergraph(sdl)
            if settings.subgraph_urls:
                supergraph = supergraph.with_subgraph_urls(settings.subgraph_urls)
            engine.update_supergraph(supergraph)

        config = uvicorn.Config(
            app,
            host=args.host,
            port=args.port,
            **_SERVER_OPTIONS,
        )
        polling = asyncio.create_task(poller.poll(args.poll, swap)) if args.poll else None
        try:
            await uvicorn.Server(config).serve()
        finally:
            if polling is not None:
                polling.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await polling
    return 0
