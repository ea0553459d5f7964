"""``load_supergraph``: SDL text -> ``Supergraph`` (links, extraction, API schema, directives)."""

from __future__ import annotations

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSyntaxError,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    TypeDefinitionNode,
    build_ast_schema,
    parse,
    validate_schema,
    value_from_ast_untyped,
)
from graphql.language import DirectiveNode

from ._api_schema import derive_api_schema
from ._extract import extract_subgraphs
from ._links import Links, resolve_links
from ._model import DirectiveApplication, Supergraph, SupergraphError

__all__ = ["load_supergraph"]

_DIRECTIVE_SPECS = {
    "authenticated": ("authenticated",),
    "requiresScopes": ("requiresScopes",),
    "policy": ("policy",),
    "cost": ("cost", "listSize"),
}


def load_supergraph(sdl: str) -> Supergraph:
    """Load a Federation 2 supergraph. Raises ``SupergraphError`` naming the problem."""
    try:
        document = parse(sdl, no_location=True)
    except GraphQLSyntaxError as error:
        raise SupergraphError(f"invalid supergraph SDL: {error.message}") from None
    links = resolve_links(document)
    try:
        schema = build_ast_schema(document)
    except (GraphQLError, TypeError) as error:
        raise SupergraphError(f"invalid supergraph SDL: {error}") from None
    errors = validate_schema(schema)
    if errors:
        raise SupergraphError(f"invalid supergraph schema: {errors[0].message}")
    extraction = extract_subgraphs(document, links)
    hidden_arguments = frozenset(
        (view_type.name, view_field.name, argument.name)
        for view in extraction.views.values()
        for view_type in view.types.values()
        for view_field in view_type.fields.values()
        for argument in view_field.context_arguments
    )
    api_schema = derive_api_schema(document, links, hidden_arguments)
    return Supergraph(
        sdl=sdl,
        schema=schema,
        api_schema=api_schema,
        subgraphs=extraction.subgraphs,
        views=extraction.views,
        override_labels=extraction.override_labels,
        directives=_read_directives(document, links),
    )


def _read_directives(
    document: DocumentNode, links: Links
) -> dict[tuple[str, str | None], tuple[DirectiveApplication, ...]]:
    canonical: dict[str, str] = {}
    for spec, elements in _DIRECTIVE_SPECS.items():
        link = links.get(spec)
        if link is not None:
            canonical.update({link.directive(element): element for element in elements})
    found: dict[tuple[str, str | None], tuple[DirectiveApplication, ...]] = {}
    if not canonical:
        return found
    for definition in document.definitions:
        if not isinstance(definition, TypeDefinitionNode) or links.owns(definition.name.value):
            continue
        type_name = definition.name.value
        _collect(found, (type_name, None), definition.directives, canonical)
        if isinstance(
            definition,
            ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode | InputObjectTypeDefinitionNode,
        ):
            for node in definition.fields or ():
                _collect(found, (type_name, node.name.value), node.directives, canonical)
    return found


def _collect(
    found: dict[tuple[str, str | None], tuple[DirectiveApplication, ...]],
    where: tuple[str, str | None],
    directives: tuple[DirectiveNode, ...] | None,
    canonical: dict[str, str],
) -> None:
    applications = tuple(
        DirectiveApplication(
            name=canonical[d.name.value],
            arguments={a.name.value: value_from_ast_untyped(a.value) for a in d.arguments or ()},
        )
        for d in directives or ()
        if d.name.value in canonical
    )
    if applications:
        found[where] = applications
