"""Satisfiability: every field a client can select must be resolvable wherever it is reached.

The walk starts at the root fields, follows field return types inside a subgraph, and moves to
other subgraphs only through resolvable keys (or interface objects) whose fields are available.
For every (subgraph, object type) state reached, each accessible field of the type must resolve
in some subgraph reachable from that state; otherwise SATISFIABILITY_ERROR names the field, the
subgraph it was reached in and one query path leading there.
"""

from __future__ import annotations

from collections import deque

from gateway.compose.errors import CompositionIssue
from gateway.compose.rules.resolution import Resolution
from gateway.compose.supermodel import MergedType

State = tuple[str, str]  # (subgraph name, type name)


def check_satisfiability(resolution: Resolution, issues: list[CompositionIssue]) -> None:
    """Append one SATISFIABILITY_ERROR per unreachable (type, field)."""
    merged = resolution.merged
    paths: dict[State, str] = {}
    queue: deque[State] = deque()

    def visit(state: State, path: str) -> None:
        if state not in paths:
            paths[state] = path
            queue.append(state)

    for root in resolution.root_types():
        for field_name, field in root.fields.items():
            if field.meta.inaccessible:
                continue
            for graph in field.by_graph:
                if resolution.resolves(graph, root.name, field_name):
                    for target in resolution.composite_targets(graph, root, field_name):
                        visit((graph, target), f"{root.name}.{field_name}")
    reported: set[tuple[str, str]] = set()
    while queue:
        graph, type_name = queue.popleft()
        merged_type = merged.types[type_name]
        path = paths[(graph, type_name)]
        if merged_type.kind == "interface" and not merged_type.by_graph[graph].interface_object:
            for target in resolution.possible_objects(graph, type_name):
                visit((graph, target), path)
            continue
        reachable = resolution.jump_closure(graph, type_name)
        for other in sorted(reachable - {graph}):
            visit((other, type_name), path)
        for field_name, field in merged_type.fields.items():
            if field.meta.inaccessible:
                continue
            sources = [g for g in reachable if resolution.resolves(g, type_name, field_name)]
            via_interfaces = _interface_object_sources(
                resolution, merged_type, field_name, reachable
            )
            for state in via_interfaces:
                visit(state, path)
            if not sources and not via_interfaces:
                if (type_name, field_name) not in reported:
                    reported.add((type_name, field_name))
                    issues.append(_unsatisfiable(merged_type, field_name, graph, path))
                continue
            if graph in sources:
                for target in resolution.composite_targets(graph, merged_type, field_name):
                    visit((graph, target), f"{path}.{field_name}")
            for source in sources:
                visit((source, type_name), path)


def _interface_object_sources(
    resolution: Resolution, merged_type: MergedType, field_name: str, reachable: set[str]
) -> list[State]:
    """(interface-object subgraph, interface) states that resolve ``field_name`` for an
    implementation, entered through the interface object's key."""
    sources = []
    for interface_name in merged_type.interfaces:
        interface = resolution.merged.types.get(interface_name)
        if interface is None:
            continue
        for graph, sub_type in interface.by_graph.items():
            if not sub_type.interface_object or graph in reachable:
                continue
            keys = [k.fields for k in sub_type.keys if k.resolvable]
            if any(
                resolution.key_available(key, merged_type.name, reachable) for key in keys
            ) and resolution.resolves(graph, interface_name, field_name):
                sources.append((graph, interface_name))
    return sources


def _unsatisfiable(
    merged_type: MergedType, field_name: str, graph: str, path: str
) -> CompositionIssue:
    definers = sorted(merged_type.fields[field_name].by_graph) or ["an interface object"]
    listed = ", ".join(f'"{g}"' for g in definers)
    return CompositionIssue(
        "SATISFIABILITY_ERROR",
        f'Field "{merged_type.name}.{field_name}" cannot be resolved for the query path'
        f' "{path}": it is reached in subgraph "{graph}", which cannot resolve it, and no'
        f" subgraph resolving it ({listed}) can be entered from there through a resolvable"
        f' @key of "{merged_type.name}"',
        subgraph=graph,
        type_name=merged_type.name,
        field_name=field_name,
    )
