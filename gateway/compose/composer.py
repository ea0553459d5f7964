"""The composition pipeline: parse -> per-subgraph rules -> merge -> supergraph rules -> print."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graphql import GraphQLError, build_ast_schema, parse, validate_schema

from gateway.compose.directives import compose_directive_definitions
from gateway.compose.errors import CompositionError, CompositionIssue
from gateway.compose.merge import merge_subgraphs
from gateway.compose.printer import print_supergraph
from gateway.compose.rules import run_subgraph_rules, run_supergraph_rules
from gateway.compose.subgraph import parse_subgraph


@dataclass(frozen=True, slots=True)
class SubgraphSource:
    """One subgraph to compose: its name, routing URL and SDL (as ``_service { sdl }`` returns)."""

    name: str
    url: str
    sdl: str


def compose(sources: Sequence[SubgraphSource]) -> str:
    """Compose ``sources`` (in this order) into a supergraph SDL.

    Pure and deterministic: the same sources in the same order give byte-identical output.
    Raises ``CompositionError`` listing every failed rule; nothing is returned on failure.
    """
    issues: list[CompositionIssue] = []
    _check_names(sources, issues)
    if issues:
        raise CompositionError(issues)
    parsed = [parse_subgraph(s.name, s.url, s.sdl, issues) for s in sources]
    subgraphs = [s for s in parsed if s is not None]
    if issues:
        raise CompositionError(issues)
    run_subgraph_rules(subgraphs, issues)
    if issues:
        raise CompositionError(issues)
    merged = merge_subgraphs(subgraphs, issues)
    if issues:
        raise CompositionError(issues)
    compose_directive_definitions(subgraphs, merged, issues)
    run_supergraph_rules(subgraphs, merged, issues)
    if issues:
        raise CompositionError(issues)
    supergraph = print_supergraph(merged)
    _check_supergraph(supergraph)
    return supergraph


def _check_supergraph(supergraph: str) -> None:
    """Last line of defence: never hand out a supergraph that is not a valid schema."""
    try:
        errors = validate_schema(build_ast_schema(parse(supergraph)))
    except (GraphQLError, TypeError) as error:
        errors = [error]
    if errors:
        raise CompositionError(
            [CompositionIssue("INVALID_SUPERGRAPH", str(error).split("\n")[0]) for error in errors]
        )


def _check_names(sources: Sequence[SubgraphSource], issues: list[CompositionIssue]) -> None:
    if not sources:
        issues.append(CompositionIssue("NO_SUBGRAPHS", "No subgraph to compose"))
    seen: set[str] = set()
    for source in sources:
        if not source.name or source.name in seen:
            issues.append(
                CompositionIssue(
                    "INVALID_SUBGRAPH_NAME",
                    f'Subgraph name "{source.name}" is empty or used more than once',
                    subgraph=source.name,
                )
            )
        seen.add(source.name)
