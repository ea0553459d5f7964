"""``bankgraph-gateway compose CONFIG -o OUT``: compose and write the supergraph atomically."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

import httpx

from gateway.compose.composer import SubgraphSource, compose
from gateway.compose.config import load_config
from gateway.compose.errors import CompositionError, ConfigError, IntrospectionError
from gateway.compose.introspect import load_sources


async def _sources(config_path: str) -> list[SubgraphSource]:
    config = load_config(config_path)
    async with httpx.AsyncClient(timeout=10.0) as client:
        return await load_sources(config, client)


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old or the new file, never a
    partial one."""
    directory = path.parent if str(path.parent) else Path(".")
    with tempfile.NamedTemporaryFile(
        "w", dir=directory, prefix=f".{path.name}.", delete=False, encoding="utf-8"
    ) as handle:
        handle.write(text)
        temporary = Path(handle.name)
    os.replace(temporary, path)


def compose_command(args: argparse.Namespace) -> int:
    """Exit status 0 on success; 1 with every problem on stderr, leaving OUT untouched."""
    try:
        sources = asyncio.run(_sources(args.config))
        supergraph = compose(sources)
    except (ConfigError, IntrospectionError) as error:
        print(f"compose: {error}", file=sys.stderr)
        return 1
    except CompositionError as error:
        print(f"compose: composition failed ({len(error.issues)} errors)", file=sys.stderr)
        for issue in error.issues:
            print(f"  {issue}", file=sys.stderr)
        return 1
    try:
        write_atomically(Path(args.output), supergraph)
    except OSError as error:
        print(f"compose: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"compose: wrote {args.output} ({len(sources)} subgraphs)", file=sys.stderr)
    return 0
