"""Supergraph extraction: join metadata -> one ``SubgraphView`` per subgraph (federation.md 3.3).

Missing arguments or directives of older join versions take their defaults: no
``@join__unionMember`` / ``@join__implements`` on a type means "every member / interface that
exists in the subgraph"; no ``@join__field`` means "in every subgraph that has the parent type".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    FieldNode,
    InputObjectTypeDefinitionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    OperationDefinitionNode,
    ScalarTypeDefinitionNode,
    TypeDefinitionNode,
    UnionTypeDefinitionNode,
    parse,
    print_ast,
    value_from_ast_untyped,
)

from ._links import Links
from ._model import (
    ContextArgument,
    Key,
    SubgraphInfo,
    SubgraphView,
    SupergraphError,
    TypeKind,
    ViewField,
    ViewType,
)

__all__ = ["Extraction", "extract_subgraphs"]


@dataclass(frozen=True, slots=True)
class Extraction:
    subgraphs: dict[str, SubgraphInfo]
    views: dict[str, SubgraphView]
    override_labels: frozenset[str]


@dataclass(slots=True)
class _TypeDraft:
    name: str
    kind: TypeKind
    keys: list[Key] = field(default_factory=list)
    fields: dict[str, ViewField] = field(default_factory=dict)
    implements: set[str] = field(default_factory=set)
    members: set[str] = field(default_factory=set)
    is_interface_object: bool = False
    # Fields without any @join__field (rule 1: "in every subgraph that has the type").
    implicit: set[str] = field(default_factory=set)


def extract_subgraphs(document: DocumentNode, links: Links) -> Extraction:
    """Per-subgraph views of every type, field, key, implementation and union member."""
    join = links.by_name["join"]
    names = _JoinNames(
        graph=join.directive("graph"),
        type=join.directive("type"),
        field=join.directive("field"),
        implements=join.directive("implements"),
        union_member=join.directive("unionMember"),
        graph_enum=join.type("Graph"),
    )
    definitions = [d for d in document.definitions if isinstance(d, TypeDefinitionNode)]
    subgraphs = _read_graphs(definitions, names)
    by_enum = {info.graph: info.name for info in subgraphs.values()}
    drafts: dict[str, dict[str, _TypeDraft]] = {name: {} for name in subgraphs}
    labels: set[str] = set()
    for definition in definitions:
        if links.owns(definition.name.value):
            continue
        _add_type(definition, names, by_enum, drafts, labels)
    views = {name: _finish_view(name, types) for name, types in drafts.items()}
    return Extraction(subgraphs=subgraphs, views=views, override_labels=frozenset(labels))


@dataclass(frozen=True, slots=True)
class _JoinNames:
    graph: str
    type: str
    field: str
    implements: str
    union_member: str
    graph_enum: str


def _read_graphs(
    definitions: list[TypeDefinitionNode], names: _JoinNames
) -> dict[str, SubgraphInfo]:
    enum = next(
        (
            d
            for d in definitions
            if isinstance(d, EnumTypeDefinitionNode) and d.name.value == names.graph_enum
        ),
        None,
    )
    if enum is None:
        raise SupergraphError(f"the supergraph has no {names.graph_enum} enum")
    subgraphs: dict[str, SubgraphInfo] = {}
    for value in enum.values or ():
        args = _directive_args(value.directives, names.graph)
        if not args:
            raise SupergraphError(f"{names.graph_enum}.{value.name.value} has no @{names.graph}")
        name, url = args[0].get("name"), args[0].get("url")
        if not isinstance(name, str) or not isinstance(url, str):
            raise SupergraphError(f"@{names.graph} on {value.name.value} needs name and url")
        subgraphs[name] = SubgraphInfo(name=name, url=url, graph=value.name.value)
    if not subgraphs:
        raise SupergraphError("the supergraph declares no subgraphs")
    return subgraphs


def _add_type(
    definition: TypeDefinitionNode,
    names: _JoinNames,
    by_enum: Mapping[str, str],
    drafts: dict[str, dict[str, _TypeDraft]],
    labels: set[str],
) -> None:
    type_name = definition.name.value
    kind = _kind(definition)
    join_types = _directive_args(definition.directives, names.type)
    graphs = [_graph(args, by_enum, type_name) for args in join_types] or list(drafts)
    for graph in dict.fromkeys(graphs):
        drafts[graph][type_name] = _TypeDraft(name=type_name, kind=kind)
    for args in join_types:
        draft = drafts[_graph(args, by_enum, type_name)][type_name]
        if args.get("isInterfaceObject") is True:
            draft.kind = "object"
            draft.is_interface_object = True
        if isinstance(args.get("key"), str):
            draft.keys.append(
                Key(
                    fields=args["key"],
                    resolvable=args.get("resolvable", True) is not False,
                    extension=args.get("extension") is True,
                )
            )
    for args in _directive_args(definition.directives, names.implements):
        drafts[_graph(args, by_enum, type_name)][type_name].implements.add(args["interface"])
    for args in _directive_args(definition.directives, names.union_member):
        drafts[_graph(args, by_enum, type_name)][type_name].members.add(args["member"])
    if isinstance(definition, UnionTypeDefinitionNode) and not _has(definition, names.union_member):
        for draft_types in drafts.values():
            if type_name in draft_types:
                draft_types[type_name].members.update(t.name.value for t in definition.types or ())
    if isinstance(definition, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode) and not _has(
        definition, names.implements
    ):
        for draft_types in drafts.values():
            if type_name in draft_types:
                draft_types[type_name].implements.update(
                    i.name.value for i in definition.interfaces or ()
                )
    if isinstance(
        definition,
        ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode | InputObjectTypeDefinitionNode,
    ):
        for node in definition.fields or ():
            _add_field(node, type_name, names, by_enum, drafts, labels, graphs)


def _add_field(
    node: FieldDefinitionNode | InputValueDefinitionNode,
    type_name: str,
    names: _JoinNames,
    by_enum: Mapping[str, str],
    drafts: dict[str, dict[str, _TypeDraft]],
    labels: set[str],
    type_graphs: list[str],
) -> None:
    name = node.name.value
    supergraph_type = print_ast(node.type)
    join_fields = _directive_args(node.directives, names.field)
    if not join_fields:
        for graph in dict.fromkeys(type_graphs):
            drafts[graph][type_name].fields[name] = ViewField(name=name, type=supergraph_type)
            drafts[graph][type_name].implicit.add(name)
        return
    for args in join_fields:
        if args.get("graph") is None:
            continue  # supplied through an @interfaceObject of an implemented interface
        graph = _graph(args, by_enum, f"{type_name}.{name}")
        label = args.get("overrideLabel")
        if isinstance(label, str):
            labels.add(label)
        draft = drafts[graph].get(type_name)
        if draft is None:
            raise SupergraphError(
                f"{type_name}.{name} is joined to subgraph {graph!r} which lacks {type_name}"
            )
        draft.fields[name] = ViewField(
            name=name,
            type=args.get("type") or supergraph_type,
            external=args.get("external") is True,
            used_overridden=args.get("usedOverridden") is True,
            requires=args.get("requires"),
            provides=args.get("provides"),
            override_from=args.get("override"),
            override_label=label,
            context_arguments=tuple(
                ContextArgument(
                    name=item["name"],
                    type=item["type"],
                    context=item["context"],
                    selection=item["selection"],
                )
                for item in args.get("contextArguments") or ()
            ),
        )


def _finish_view(name: str, drafts: dict[str, _TypeDraft]) -> SubgraphView:
    types: dict[str, ViewType] = {}
    for draft in drafts.values():
        required = {
            required_name
            for view_field in draft.fields.values()
            if view_field.requires
            for required_name in top_level_fields(view_field.requires)
        } & draft.implicit
        fields = {
            field_name: _unfake_external(_required_is_external(view_field, required), draft.keys)
            for field_name, view_field in draft.fields.items()
        }
        types[draft.name] = ViewType(
            name=draft.name,
            kind=draft.kind,
            keys=tuple(draft.keys),
            fields=fields,
            implements=frozenset(i for i in draft.implements if i in drafts),
            members=frozenset(m for m in draft.members if m in drafts),
            is_interface_object=draft.is_interface_object,
        )
    possible: dict[str, set[str]] = {}
    for view_type in types.values():
        if view_type.kind == "object":
            for interface in view_type.implements:
                possible.setdefault(interface, set()).add(view_type.name)
        elif view_type.kind == "union":
            possible.setdefault(view_type.name, set()).update(view_type.members)
    for view_type in types.values():
        if view_type.kind in ("interface", "union"):
            possible.setdefault(view_type.name, set())
    return SubgraphView(
        name=name,
        types=types,
        possible_types={k: frozenset(v) for k, v in possible.items()},
    )


def _required_is_external(view_field: ViewField, required: set[str]) -> ViewField:
    """A field this subgraph ``@requires`` on the same type is external here although the
    supergraph leaves its ``@join__field`` out (some composers do for interface-object fields).

    ``required`` holds only such implicitly joined fields: an explicit ``@join__field`` without
    ``external`` is authoritative, e.g. ``@requires(fields: "author { yearsOfExperience }")``
    over a local ``author`` whose nested field alone is external."""
    if view_field.external or view_field.name not in required:
        return view_field
    return replace(view_field, external=True)


def _unfake_external(view_field: ViewField, keys: Iterable[Key]) -> ViewField:
    """Externals on the keys of a type extension (Fed 1 style) are resolvable: "fake"."""
    if not view_field.external:
        return view_field
    for key in keys:
        if key.extension and view_field.name in top_level_fields(key.fields):
            return ViewField(
                name=view_field.name,
                type=view_field.type,
                requires=view_field.requires,
                provides=view_field.provides,
            )
    return view_field


def top_level_fields(field_set: str) -> set[str]:
    """Names of the top-level fields a field set selects."""
    operation = parse("{" + field_set + "}", no_location=True).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return {s.name.value for s in operation.selection_set.selections if isinstance(s, FieldNode)}


def _kind(definition: TypeDefinitionNode) -> TypeKind:
    match definition:
        case ObjectTypeDefinitionNode():
            return "object"
        case InterfaceTypeDefinitionNode():
            return "interface"
        case UnionTypeDefinitionNode():
            return "union"
        case EnumTypeDefinitionNode():
            return "enum"
        case ScalarTypeDefinitionNode():
            return "scalar"
        case _:
            return "input"


def _graph(args: Mapping[str, Any], by_enum: Mapping[str, str], where: str) -> str:
    graph = args.get("graph")
    if graph not in by_enum:
        raise SupergraphError(f"{where} names unknown join graph {graph!r}")
    return by_enum[graph]


def _has(definition: TypeDefinitionNode, directive_name: str) -> bool:
    return any(d.name.value == directive_name for d in definition.directives or ())


def _directive_args(
    directives: Iterable[DirectiveNode] | None, directive_name: str
) -> list[dict[str, Any]]:
    return [
        {a.name.value: value_from_ast_untyped(a.value) for a in d.arguments or ()}
        for d in directives or ()
        if d.name.value == directive_name
    ]
