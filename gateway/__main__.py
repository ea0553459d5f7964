"""Command line: ``serve`` a supergraph, ``compose`` one from subgraphs, print a query ``plan``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bankgraph-gateway", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve GraphQL over HTTP for a supergraph")
    serve.add_argument("--supergraph", help="supergraph SDL file")
    serve.add_argument(
        "--subgraph",
        action="append",
        default=[],
        metavar="NAME=URL",
        help="compose at start-up from this live subgraph (repeatable)",
    )
    serve.add_argument("--poll", type=float, metavar="SECONDS", help="re-compose on change")
    serve.add_argument("--config", help="gateway settings file (YAML)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=4000)
    serve.add_argument(
        "--workers", type=int, default=1, help="gateway processes sharing the port (default 1)"
    )

    compose = commands.add_parser("compose", help="compose subgraph schemas into a supergraph")
    compose.add_argument("config", help="YAML file listing the subgraphs")
    compose.add_argument("-o", "--output", required=True, help="where to write the supergraph")

    plan = commands.add_parser("plan", help="print the query plan of an operation")
    plan.add_argument("--supergraph", required=True, help="supergraph SDL file")
    plan.add_argument("--query", required=True, help="file holding the operation")
    plan.add_argument("--operation-name")
    plan.add_argument("--json", action="store_true", help="print kind-tagged JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        from gateway.serve import serve_command

        return serve_command(args)
    if args.command == "compose":
        from gateway.compose.cli import compose_command

        return compose_command(args)
    from gateway.planner.cli import plan_command

    return plan_command(args)


if __name__ == "__main__":
    sys.exit(main())
