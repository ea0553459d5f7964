"""Directive definitions kept in the supergraph: executable directives every subgraph defines,
and custom type-system directives requested with ``@composeDirective``."""

from __future__ import annotations

from collections.abc import Sequence

from graphql import DirectiveDefinitionNode, DirectiveLocation, print_ast

from gateway.compose.errors import CompositionIssue
from gateway.compose.links import CustomLink
from gateway.compose.model import Subgraph
from gateway.compose.supermodel import MergedSchema

EXECUTABLE_LOCATIONS = frozenset(
    {
        DirectiveLocation.QUERY.name,
        DirectiveLocation.MUTATION.name,
        DirectiveLocation.SUBSCRIPTION.name,
        DirectiveLocation.FIELD.name,
        DirectiveLocation.FRAGMENT_DEFINITION.name,
        DirectiveLocation.FRAGMENT_SPREAD.name,
        DirectiveLocation.INLINE_FRAGMENT.name,
        DirectiveLocation.VARIABLE_DEFINITION.name,
    }
)
RESERVED = frozenset(
    {"inaccessible", "tag", "authenticated", "requiresScopes", "policy", "cost", "listSize"}
)


def _locations(definition: DirectiveDefinitionNode) -> list[str]:
    return [location.value for location in definition.locations]


def _executable_definitions(subgraphs: Sequence[Subgraph]) -> list[DirectiveDefinitionNode]:
    """Executable directives defined (with the same arguments) in every subgraph, restricted to
    the executable locations all of them share."""
    first = subgraphs[0]
    kept: list[DirectiveDefinitionNode] = []
    for name, definition in first.directive_definitions.items():
        locations = [loc for loc in _locations(definition) if loc in EXECUTABLE_LOCATIONS]
        arguments = [print_ast(a) for a in definition.arguments or ()]
        for other in subgraphs[1:]:
            other_definition = other.directive_definitions.get(name)
            if other_definition is None or arguments != [
                print_ast(a) for a in other_definition.arguments or ()
            ]:
                locations = []
                break
            shared = set(_locations(other_definition))
            locations = [loc for loc in locations if loc in shared]
        if not locations:
            continue
        kept.append(
            DirectiveDefinitionNode(
                name=definition.name,
                description=definition.description,
                arguments=definition.arguments,
                repeatable=definition.repeatable,
                locations=tuple(n for n in definition.locations if n.value in locations),
            )
        )
    return kept


def compose_directive_definitions(
    subgraphs: Sequence[Subgraph], merged: MergedSchema, issues: list[CompositionIssue]
) -> None:
    """Fill ``merged.directive_definitions``/``composed_links``/``composed_directives``."""
    merged.directive_definitions = _executable_definitions(subgraphs)
    links: dict[str, tuple[CustomLink, list[str]]] = {}
    definitions: dict[str, DirectiveDefinitionNode] = {}
    for subgraph in subgraphs:
        for name in subgraph.compose_directives:
            link = next((lk for lk in subgraph.custom_links if name in lk.directives), None)
            definition = subgraph.directive_definitions.get(name)
            if link is None or definition is None or name in RESERVED:
                issues.append(
                    CompositionIssue(
                        "DIRECTIVE_COMPOSITION_ERROR",
                        f'[{subgraph.name}] @composeDirective(name: "@{name}") needs a directive'
                        " imported from a non-federation @link and defined in the subgraph",
                        subgraph=subgraph.name,
                    )
                )
                continue
            known = links.get(link.name)
            if known is not None and known[0].version[0] != link.version[0]:
                issues.append(
                    CompositionIssue(
                        "DIRECTIVE_COMPOSITION_ERROR",
                        f'[{subgraph.name}] @{name} comes from "{link.url}", a different major'
                        f' version than "{known[0].url}" linked by another subgraph',
                        subgraph=subgraph.name,
                    )
                )
                continue
            chosen = link if known is None or link.version > known[0].version else known[0]
            names = known[1] if known is not None else []
            if name not in names:
                names.append(name)
            links[link.name] = (chosen, names)
            definitions.setdefault(name, definition)
    merged.composed_links = list(links.values())
    merged.composed_directives = frozenset(definitions)
    merged.directive_definitions.extend(
        definition
        for name, definition in definitions.items()
        if all(d.name.value != name for d in merged.directive_definitions)
    )
