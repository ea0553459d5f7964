"""Executable schemas of the fixture subgraphs, with what a federation library adds
(``_Any``, ``_Entity``, ``_entities``, federation directive definitions), so the operations a
plan sends to a subgraph can be validated exactly as that subgraph would."""

from __future__ import annotations

from pathlib import Path

from graphql import (
    DocumentNode,
    GraphQLSchema,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    build_ast_schema,
    parse,
)
from graphql.language import DirectiveNode

__all__ = ["subgraph_schema"]

_FEDERATION = """
scalar _Any
scalar FieldSet
scalar link__Import
scalar federation__ContextFieldValue
enum link__Purpose { SECURITY EXECUTION }
directive @link(url: String!, as: String, import: [link__Import], for: link__Purpose)
  repeatable on SCHEMA
directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @external on FIELD_DEFINITION | OBJECT
directive @requires(fields: FieldSet!) on FIELD_DEFINITION
directive @provides(fields: FieldSet!) on FIELD_DEFINITION
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
directive @override(from: String!, label: String) on FIELD_DEFINITION
directive @interfaceObject on OBJECT
directive @extends on OBJECT | INTERFACE
directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
directive @requiresScopes(scopes: [[String!]!]!)
  on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION
  | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!],
  requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
directive @context(name: String!) repeatable on INTERFACE | OBJECT | UNION
directive @fromContext(field: federation__ContextFieldValue) on ARGUMENT_DEFINITION
directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION
  | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
"""


def subgraph_schema(path: Path) -> GraphQLSchema:
    """The schema a federation library would serve for the subgraph SDL in ``path``."""
    document = parse(path.read_text(encoding="utf-8"))
    defined = {
        d.name.value for d in document.definitions if isinstance(d, ObjectTypeDefinitionNode)
    }
    definitions = []
    entities = []
    for definition in document.definitions:
        if isinstance(definition, ObjectTypeExtensionNode) and definition.name.value not in defined:
            # Fed 1 style ``extend type`` without a base definition: the subgraph owns it.
            definition = ObjectTypeDefinitionNode(
                name=definition.name,
                interfaces=definition.interfaces,
                directives=definition.directives,
                fields=definition.fields,
            )
        if isinstance(definition, ObjectTypeDefinitionNode | ObjectTypeExtensionNode) and any(
            _is_resolvable_key(d) for d in definition.directives or ()
        ):
            entities.append(definition.name.value)
        definitions.append(definition)
    named = {getattr(d, "name", None) and d.name.value for d in document.definitions}
    root = _query_type_name(document)
    extra = _FEDERATION
    if entities and "_Entity" not in named:
        members = " | ".join(dict.fromkeys(entities))
        extra += f"union _Entity = {members}\n"
        extra += f"extend type {root} {{ _entities(representations: [_Any!]!): [_Entity]! }}\n"
    if root not in defined:
        extra += f"type {root} {{ _service: String }}\n"
    added = [
        d
        for d in parse(extra).definitions
        if isinstance(d, ObjectTypeExtensionNode)
        or getattr(d, "name", None) is None
        or d.name.value not in named  # type: ignore[attr-defined]
    ]
    return build_ast_schema(
        type(document)(definitions=(*added, *definitions)),  # type: ignore[call-arg]
        assume_valid_sdl=True,
    )


def _query_type_name(document: DocumentNode) -> str:
    """The query root type's name (a subgraph may call it something else than Query)."""
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
            for operation in definition.operation_types or ():
                if operation.operation.value == "query":
                    return operation.type.name.value
    return "Query"


def _is_resolvable_key(directive: DirectiveNode) -> bool:
    if directive.name.value != "key":
        return False
    for argument in directive.arguments or ():
        if argument.name.value == "resolvable":
            return getattr(argument.value, "value", True) is not False
    return True
