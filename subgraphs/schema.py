"""Print every subgraph's SDL into schema/ and compose schema/supergraph.graphql.

    python -m subgraphs.schema           # regenerate the files
    python -m subgraphs.schema --check   # exit 1 if any file differs from the code

The supergraph is composed by our own composer (`gateway.compose`), so no other ecosystem's
tooling is needed; tests/gateway/compose/test_golden_bank.py checks it against the reference.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import strawberry

import gateway.compose
from gateway.compose import SubgraphSource
from subgraphs.accounts.schema import build_schema as accounts_schema
from subgraphs.common.settings import SUBGRAPHS
from subgraphs.funds.schema import build_schema as funds_schema
from subgraphs.loans.schema import build_schema as loans_schema
from subgraphs.payments.schema import build_schema as payments_schema

__all__ = ["compose", "main", "render_all", "subgraph_sdl"]

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema"
BUILDERS: Mapping[str, Callable[[], strawberry.federation.Schema]] = {
    "accounts": accounts_schema,
    "payments": payments_schema,
    "loans": loans_schema,
    "funds": funds_schema,
}


def subgraph_sdl(name: str) -> str:
    """The SDL subgraph `name` serves at `_service { sdl }`, newline-terminated."""
    result = BUILDERS[name]().execute_sync("{ _service { sdl } }")
    if result.errors or result.data is None:
        raise RuntimeError(f"{name}: _service failed: {result.errors}")
    return str(result.data["_service"]["sdl"]).rstrip("\n") + "\n"


def default_url(name: str) -> str:
    """Where `make run` serves subgraph `name` (the supergraph records it)."""
    return f"http://127.0.0.1:{SUBGRAPHS[name].port}/graphql"


def compose(sdls: Mapping[str, str]) -> str:
    """The supergraph of ``sdls``; raises `gateway.compose.CompositionError` naming each issue."""
    sources = [SubgraphSource(name, default_url(name), sdl) for name, sdl in sdls.items()]
    return gateway.compose.compose(sources).rstrip("\n") + "\n"


def render_all() -> dict[str, str]:
    """File name -> content for every file under schema/ this module owns."""
    sdls = {name: subgraph_sdl(name) for name in BUILDERS}
    files = {f"{name}.graphql": sdl for name, sdl in sdls.items()}
    files["supergraph.graphql"] = compose(sdls)
    return files


def main(argv: list[str] | None = None) -> int:
    """CLI entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if schema/ is out of date")
    args = parser.parse_args(argv)
    files = render_all()
    stale = [
        name
        for name, content in files.items()
        if not (SCHEMA_DIR / name).exists() or (SCHEMA_DIR / name).read_text() != content
    ]
    if args.check:
        for name in stale:
            print(f"schema/{name} is out of date; run python -m subgraphs.schema", file=sys.stderr)
        return 1 if stale else 0
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name in stale:
        (SCHEMA_DIR / name).write_text(files[name])
        print(f"wrote schema/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
