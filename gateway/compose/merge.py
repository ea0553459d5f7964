"""Merge the subgraph models into one ``MergedSchema``: type by type, then join metadata.

Kinds must agree across subgraphs, except that an ``@interfaceObject`` object merges into the
entity interface of the same name. Object and interface fields are the union of the subgraphs'
fields; input object fields and field arguments the intersection; enum values follow their usage
(output only: union, input only: intersection, both: must be equal).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gateway.compose.errors import CompositionIssue
from gateway.compose.merge_fields import FieldMerger
from gateway.compose.merge_values import merge_enum, merge_input, merge_scalar, merge_union
from gateway.compose.metadata import merge_metadata
from gateway.compose.model import Subgraph, SubType, TypeKind
from gateway.compose.supermodel import GraphInfo, JoinType, MergedSchema, MergedType
from gateway.compose.usage import FieldUsage


def graph_enum_values(subgraphs: Sequence[Subgraph]) -> dict[str, GraphInfo]:
    """``join__Graph`` values: the upper-cased name, non-word characters as ``_``, made unique."""
    taken: set[str] = set()
    result: dict[str, GraphInfo] = {}
    for subgraph in subgraphs:
        base = re.sub(r"\W", "_", subgraph.name).upper()
        if base[:1].isdigit():
            base = "_" + base
        candidate, counter = base, 0
        while candidate in taken:
            counter += 1
            candidate = f"{base}_{counter}"
        taken.add(candidate)
        result[subgraph.name] = GraphInfo(candidate, subgraph.name, subgraph.url)
    return result


def _group_types(subgraphs: Sequence[Subgraph]) -> dict[str, dict[str, SubType]]:
    groups: dict[str, dict[str, SubType]] = {}
    for subgraph in subgraphs:
        for name, sub_type in subgraph.types.items():
            groups.setdefault(name, {})[subgraph.name] = sub_type
    return groups


def _merged_kind(
    name: str, by_graph: dict[str, SubType], issues: list[CompositionIssue]
) -> TypeKind | None:
    kinds = {
        "interface" if sub.kind == "object" and sub.interface_object else sub.kind
        for sub in by_graph.values()
    }
    if len(kinds) == 1:
        return kinds.pop()
    described = ", ".join(f'{sub.kind} in "{graph}"' for graph, sub in by_graph.items())
    issues.append(
        CompositionIssue(
            "TYPE_KIND_MISMATCH",
            f'Type "{name}" has mismatched kinds: it is defined as {described}',
            type_name=name,
        )
    )
    return None


def merge_subgraphs(subgraphs: Sequence[Subgraph], issues: list[CompositionIssue]) -> MergedSchema:
    """Merge ``subgraphs`` (in their given order); failures are appended to ``issues``."""
    graphs = graph_enum_values(subgraphs)
    by_name = {s.name: s for s in subgraphs}
    groups = _group_types(subgraphs)
    kinds: dict[str, TypeKind] = {}
    for name, by_graph in groups.items():
        kind = _merged_kind(name, by_graph, issues)
        if kind is not None:
            kinds[name] = kind
    usage = FieldUsage.collect(subgraphs)
    fields = FieldMerger(graphs, by_name, groups, usage, issues)
    types: dict[str, MergedType] = {}
    for name, kind in kinds.items():
        by_graph = groups[name]
        merged = MergedType(
            kind=kind,
            name=name,
            meta=merge_metadata(sub.meta for sub in by_graph.values()),
            by_graph=by_graph,
        )
        merged.contexts = [f"{g}__{c}" for g, sub in by_graph.items() for c in sub.contexts]
        if kind in ("object", "interface"):
            merged.join_types = _object_join_types(merged, graphs)
            fields.merge_composite(merged)
        elif kind == "union":
            merge_union(merged, graphs)
        elif kind == "enum":
            merge_enum(merged, graphs, usage, issues)
        elif kind == "input":
            merge_input(merged, graphs, issues)
        else:
            merge_scalar(merged, graphs)
        types[name] = merged
    fields.add_interface_object_fields(types)
    fields.assign_object_join_fields(types)
    return MergedSchema(
        graphs=graphs,
        types=types,
        directive_definitions=[],
        composed_links=[],
        composed_directives=frozenset(),
    )


def _object_join_types(merged: MergedType, graphs: dict[str, GraphInfo]) -> list[JoinType]:
    """One ``@join__type`` per key per subgraph (bare when keyless); ``Query`` lists every
    subgraph, as each one serves ``_service`` there."""
    if merged.name == "Query":
        return [JoinType(info.enum) for info in graphs.values()]
    result: list[JoinType] = []
    for graph, sub in merged.by_graph.items():
        enum = graphs[graph].enum
        extension = _is_extension(sub)
        if not sub.keys:
            result.append(JoinType(enum))
            continue
        for key in sub.keys:
            result.append(
                JoinType(
                    enum,
                    key=key.fields,
                    extension=extension,
                    resolvable=key.resolvable,
                    is_interface_object=sub.interface_object,
                )
            )
    return result


def _is_extension(sub: SubType) -> bool:
    """Whether ``sub``'s keys were declared on a type extension (its key externals are fake)."""
    if sub.extends_directive:
        return True
    return sub.extension and not sub.has_definition
