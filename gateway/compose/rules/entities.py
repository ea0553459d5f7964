"""Rules on entry points: root fields must be resolvable, and entity fields that only one
subgraph resolves must be reachable in that subgraph (a resolvable key, or its own root fields)."""

from __future__ import annotations

from gateway.compose.errors import CompositionIssue
from gateway.compose.model import ROOT_TYPES
from gateway.compose.rules.resolution import Resolution


def check_root_fields(resolution: Resolution, issues: list[CompositionIssue]) -> None:
    """ROOT_FIELD_UNRESOLVABLE: a root field every defining subgraph marks ``@external``."""
    for root in resolution.root_types():
        for field_name, field in root.fields.items():
            if any(resolution.resolves(g, root.name, field_name) for g in field.by_graph):
                continue
            listed = ", ".join(f'"{g}"' for g in field.by_graph)
            issues.append(
                CompositionIssue(
                    "ROOT_FIELD_UNRESOLVABLE",
                    f'Root field "{root.name}.{field_name}" cannot be resolved by any subgraph:'
                    f" it is only declared @external (in {listed})",
                    subgraph=next(iter(field.by_graph), None),
                    type_name=root.name,
                    field_name=field_name,
                )
            )


def _reachable_in_graph(resolution: Resolution, graph: str) -> set[str]:
    """Types a subgraph can return from its own root fields, without any jump."""
    seen: set[str] = set()
    stack: list[str] = []
    for root in resolution.root_types():
        if graph in root.by_graph:
            stack.append(root.name)
    while stack:
        type_name = stack.pop()
        if type_name in seen:
            continue
        seen.add(type_name)
        merged_type = resolution.merged.types[type_name]
        if merged_type.kind != "object" and type_name not in ROOT_TYPES:
            continue
        for field_name in merged_type.fields:
            if resolution.resolves(graph, type_name, field_name):
                stack.extend(resolution.composite_targets(graph, merged_type, field_name))
    return seen


def check_entity_entry(resolution: Resolution, issues: list[CompositionIssue]) -> None:
    """ENTITY_WITHOUT_RESOLVABLE_KEY: subgraph G alone resolves some field of entity T, yet G
    declares no resolvable key for T and returns no T from its own root fields."""
    reachable_cache: dict[str, set[str]] = {}
    for type_name, merged_type in resolution.merged.types.items():
        if merged_type.kind != "object" or type_name in ROOT_TYPES:
            continue
        if not any(sub.keys for sub in merged_type.by_graph.values()):
            continue
        for graph in merged_type.by_graph:
            if resolution.resolvable_keys(graph, type_name):
                continue
            only_here = [
                name
                for name, field in merged_type.fields.items()
                if resolution.resolves(graph, type_name, name)
                and not any(
                    resolution.resolves(g, type_name, name) for g in field.by_graph if g != graph
                )
            ]
            if not only_here:
                continue
            if graph not in reachable_cache:
                reachable_cache[graph] = _reachable_in_graph(resolution, graph)
            if type_name in reachable_cache[graph]:
                continue
            issues.append(
                CompositionIssue(
                    "ENTITY_WITHOUT_RESOLVABLE_KEY",
                    f'Field "{type_name}.{only_here[0]}" is resolved only by subgraph "{graph}",'
                    f' but "{graph}" declares no resolvable @key on entity "{type_name}" and'
                    " none of its root fields returns it, so the field can never be reached",
                    subgraph=graph,
                    type_name=type_name,
                    field_name=only_here[0],
                )
            )
