"""Field sets (``@key``/``@requires``/``@provides`` arguments) resolved against one subgraph."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    FieldNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
)

from gateway.compose.model import Subgraph, named_type


@dataclass(frozen=True, slots=True)
class FieldSetReport:
    """Coordinates a field set touches (in order) and the problems found resolving it."""

    coordinates: tuple[tuple[str, str], ...]
    problems: tuple[str, ...]


def parse_field_set(text: str) -> SelectionSetNode | None:
    """``"id org { id }"`` -> its selection set, ``None`` when it is not valid syntax."""
    try:
        document = parse("{" + text + "}", no_location=True)
    except GraphQLError:
        return None
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return operation.selection_set


def resolve_field_set(subgraph: Subgraph, type_name: str, text: str) -> FieldSetReport:
    """Walk ``text`` from ``type_name`` inside ``subgraph``: every field must exist there."""
    selection_set = parse_field_set(text)
    if selection_set is None:
        return FieldSetReport((), (f'invalid field set syntax "{text}"',))
    coordinates: list[tuple[str, str]] = []
    problems: list[str] = []
    _walk(subgraph, type_name, selection_set, coordinates, problems)
    return FieldSetReport(tuple(coordinates), tuple(problems))


def _walk(
    subgraph: Subgraph,
    type_name: str,
    selection_set: SelectionSetNode,
    coordinates: list[tuple[str, str]],
    problems: list[str],
) -> None:
    sub_type = subgraph.types.get(type_name)
    for selection in selection_set.selections:
        if isinstance(selection, InlineFragmentNode):
            target = selection.type_condition.name.value if selection.type_condition else type_name
            if target not in subgraph.types:
                problems.append(f'unknown type "{target}" in type condition')
                continue
            _walk(subgraph, target, selection.selection_set, coordinates, problems)
            continue
        if not isinstance(selection, FieldNode):
            problems.append("fragment spreads are not allowed in field sets")
            continue
        name = selection.name.value
        if name == "__typename":
            continue
        field = sub_type.fields.get(name) if sub_type is not None else None
        if field is None:
            problems.append(f'cannot query field "{name}" on type "{type_name}"')
            continue
        coordinates.append((type_name, name))
        target = named_type(field.type)
        target_type = subgraph.types.get(target)
        is_composite = target_type is not None and target_type.kind in (
            "object",
            "interface",
            "union",
        )
        if selection.selection_set is not None:
            if not is_composite:
                problems.append(f'field "{type_name}.{name}" is a leaf and takes no selection')
                continue
            _walk(subgraph, target, selection.selection_set, coordinates, problems)
        elif is_composite:
            problems.append(f'field "{type_name}.{name}" of type "{target}" needs a selection')
