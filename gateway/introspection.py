"""Introspection answered by the gateway from the API schema (federation.md 5.7).

Root ``__schema`` and ``__type`` fields are never planned or forwarded: `introspect` runs
graphql-core's executor over just those root fields (found through root fragments too) and
returns their values keyed by response name, ready to be stored in the response tree before
shaping. The API schema already hides ``_entities``, ``_service``, join/link machinery and
``@inaccessible`` elements.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    BooleanValueNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    execute_sync,
)

__all__ = ["INTROSPECTION_FIELDS", "introspect", "introspection_fields"]

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


def introspection_fields(
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
) -> tuple[FieldNode, ...]:
    """The root ``__schema``/``__type`` field nodes of a query, through root fragments whose
    ``@skip``/``@include`` let them in (field-level conditions are left to the executor)."""
    if operation.operation is not OperationType.QUERY:
        return ()
    found: list[FieldNode] = []
    _collect(operation.selection_set, fragments, variables, found, set())
    return tuple(found)


def _collect(
    selection_set: SelectionSetNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    found: list[FieldNode],
    visited: set[str],
) -> None:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value in INTROSPECTION_FIELDS:
                found.append(selection)
        elif not _included(selection, variables):
            continue
        elif isinstance(selection, InlineFragmentNode):
            _collect(selection.selection_set, fragments, variables, found, visited)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name not in visited and name in fragments:
                visited.add(name)
                _collect(fragments[name].selection_set, fragments, variables, found, visited)


def _included(node: InlineFragmentNode | FragmentSpreadNode, variables: Mapping[str, Any]) -> bool:
    for directive in node.directives or ():
        name = directive.name.value
        if name not in ("skip", "include"):
            continue
        condition = False
        for argument in directive.arguments or ():
            value = argument.value
            if isinstance(value, BooleanValueNode):
                condition = value.value
            elif isinstance(value, VariableNode):
                condition = variables.get(value.name.value) is True
        if (name == "skip") == condition:
            return False
    return True


def introspect(
    api_schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fields: tuple[FieldNode, ...],
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Execute ``fields`` against ``api_schema``; returns (values by response name, errors).

    ``variables`` are the client-provided variable values (coerced again by graphql-core).
    """
    query = OperationDefinitionNode(
        operation=OperationType.QUERY,
        name=operation.name,
        variable_definitions=operation.variable_definitions,
        directives=(),
        selection_set=SelectionSetNode(selections=fields),
    )
    document = DocumentNode(definitions=(query, *fragments.values()))
    result = execute_sync(api_schema, document, variable_values=dict(variables))
    errors = [error.formatted for error in result.errors or ()]
    return dict(result.data or {}), errors
