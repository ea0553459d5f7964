"""``bankgraph-gateway plan``: print the query plan of an operation over a supergraph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import orjson
from graphql import GraphQLSyntaxError, parse, validate

from gateway.supergraph import SupergraphError, load_supergraph

from .errors import PlanningError
from .plan import plan_to_json, print_plan
from .planner import QueryPlanner

__all__ = ["plan_command"]


def plan_command(args: argparse.Namespace) -> int:
    """Print the plan (text, or kind-tagged JSON with ``--json``); 0 on success, 1 on a bad
    supergraph or operation (message on stderr), 2 when a file cannot be read."""
    try:
        sdl = Path(args.supergraph).read_text(encoding="utf-8")
        query = Path(args.query).read_text(encoding="utf-8")
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        supergraph = load_supergraph(sdl)
        document = parse(query)
    except SupergraphError as error:
        print(f"error: supergraph: {error}", file=sys.stderr)
        return 1
    except GraphQLSyntaxError as error:
        print(f"error: operation: {error.message}", file=sys.stderr)
        return 1
    errors = validate(supergraph.api_schema, document)
    if errors:
        for error in errors:
            print(f"error: operation: {error.message}", file=sys.stderr)
        return 1
    try:
        plan = QueryPlanner(supergraph).plan(document, args.operation_name)
    except PlanningError as error:
        print(f"error: planning: {error}", file=sys.stderr)
        return 1
    if args.json:
        sys.stdout.write(orjson.dumps(plan_to_json(plan), option=orjson.OPT_INDENT_2).decode())
        sys.stdout.write("\n")
    else:
        print(print_plan(plan))
    return 0
