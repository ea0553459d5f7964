"""The client-facing API schema: the supergraph minus link/join machinery and @inaccessible
elements (federation.md 3.6)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from graphql import (
    DirectiveDefinitionNode,
    DirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    InputObjectTypeDefinitionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    Node,
    ObjectTypeDefinitionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    TypeDefinitionNode,
    TypeNode,
    UnionTypeDefinitionNode,
    build_ast_schema,
    validate_schema,
)
from graphql.language import ListTypeNode, NonNullTypeNode

from ._links import Links
from ._model import SupergraphError

__all__ = ["derive_api_schema"]

N = TypeVar("N", bound=Node)


def derive_api_schema(
    document: DocumentNode, links: Links, hidden_arguments: frozenset[tuple[str, str, str]]
) -> GraphQLSchema:
    """Build and validate the API schema; ``hidden_arguments`` = context-filled (type, field,
    argument) triples, which clients never pass. Raises ``SupergraphError`` on leaks."""
    inaccessible_link = links.get("inaccessible")
    inaccessible = inaccessible_link.directive("inaccessible") if inaccessible_link else None
    stripper = _Stripper(links, inaccessible)
    removed = {
        d.name.value
        for d in document.definitions
        if isinstance(d, TypeDefinitionNode)
        and (links.owns(d.name.value) or stripper.hidden(d.directives))
    }
    definitions: list[Any] = []
    for definition in document.definitions:
        match definition:
            case SchemaDefinitionNode():
                definitions.append(_copy(definition, directives=()))
            case SchemaExtensionNode():
                continue
            case DirectiveDefinitionNode():
                # Executable directives composition kept (@composeDirective) stay, although
                # their custom spec is linked: clients may use them and they are forwarded.
                if not links.owns(definition.name.value) or _executable(definition):
                    definitions.append(definition)
            case TypeDefinitionNode():
                if definition.name.value not in removed:
                    definitions.append(_strip_type(definition, stripper, removed, hidden_arguments))
            case _:
                definitions.append(definition)
    try:
        schema = build_ast_schema(DocumentNode(definitions=tuple(definitions)))
    except (GraphQLError, TypeError) as error:
        raise SupergraphError(f"cannot build the API schema: {error}") from None
    errors = validate_schema(schema)
    if errors:
        raise SupergraphError(f"invalid API schema: {errors[0].message}")
    return schema


class _Stripper:
    """Decides which directive applications and elements disappear."""

    def __init__(self, links: Links, inaccessible: str | None) -> None:
        self._links = links
        self._inaccessible = inaccessible

    def hidden(self, directives: Iterable[DirectiveNode] | None) -> bool:
        return self._inaccessible is not None and any(
            d.name.value == self._inaccessible for d in directives or ()
        )

    def directives(self, directives: Iterable[DirectiveNode] | None) -> tuple[DirectiveNode, ...]:
        return tuple(d for d in directives or () if not self._links.owns(d.name.value))


def _strip_type(
    definition: TypeDefinitionNode,
    stripper: _Stripper,
    removed: set[str],
    hidden_arguments: frozenset[tuple[str, str, str]],
) -> TypeDefinitionNode:
    type_name = definition.name.value
    changes: dict[str, Any] = {"directives": stripper.directives(definition.directives)}
    match definition:
        case ObjectTypeDefinitionNode() | InterfaceTypeDefinitionNode():
            changes["interfaces"] = tuple(
                i for i in definition.interfaces or () if i.name.value not in removed
            )
            changes["fields"] = tuple(
                _strip_field(f, type_name, stripper, removed, hidden_arguments)
                for f in definition.fields or ()
                if not stripper.hidden(f.directives)
            )
        case UnionTypeDefinitionNode():
            changes["types"] = tuple(
                t for t in definition.types or () if t.name.value not in removed
            )
        case EnumTypeDefinitionNode():
            changes["values"] = tuple(
                _copy(v, directives=stripper.directives(v.directives))
                for v in definition.values or ()
                if not stripper.hidden(v.directives)
            )
        case InputObjectTypeDefinitionNode():
            changes["fields"] = tuple(
                _strip_input(f, f"{type_name}.{f.name.value}", stripper, removed)
                for f in definition.fields or ()
                if not stripper.hidden(f.directives)
            )
    return _copy(definition, **changes)


def _strip_field(
    node: FieldDefinitionNode,
    type_name: str,
    stripper: _Stripper,
    removed: set[str],
    hidden_arguments: frozenset[tuple[str, str, str]],
) -> FieldDefinitionNode:
    where = f"{type_name}.{node.name.value}"
    _check_reference(node.type, where, removed)
    arguments = tuple(
        _strip_input(a, f"{where}({a.name.value}:)", stripper, removed)
        for a in node.arguments or ()
        if not stripper.hidden(a.directives)
        and (type_name, node.name.value, a.name.value) not in hidden_arguments
    )
    return _copy(node, arguments=arguments, directives=stripper.directives(node.directives))


def _strip_input(
    node: InputValueDefinitionNode, where: str, stripper: _Stripper, removed: set[str]
) -> InputValueDefinitionNode:
    _check_reference(node.type, where, removed)
    return _copy(node, directives=stripper.directives(node.directives))


def _executable(definition: DirectiveDefinitionNode) -> bool:
    return any(location.value in _EXECUTABLE_LOCATIONS for location in definition.locations or ())


_EXECUTABLE_LOCATIONS = frozenset(
    {
        "QUERY",
        "MUTATION",
        "SUBSCRIPTION",
        "FIELD",
        "FRAGMENT_DEFINITION",
        "FRAGMENT_SPREAD",
        "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION",
    }
)


def _check_reference(type_node: TypeNode, where: str, removed: set[str]) -> None:
    while isinstance(type_node, ListTypeNode | NonNullTypeNode):
        type_node = type_node.type
    name = type_node.name.value  # type: ignore[attr-defined]
    if name in removed:
        raise SupergraphError(
            f"{where} is accessible but its type {name} is @inaccessible or link machinery"
        )


def _copy(node: N, **changes: Any) -> N:
    values = {key: getattr(node, key) for key in node.keys}
    values.update(changes)
    return type(node)(**values)
