"""Who resolves what: per-subgraph resolvability of merged fields and key-based jumps.

Shared by the entity and satisfiability rules. A field is resolvable in subgraph G when G defines
it, not ``@external`` (Federation 1 extension keys excepted) and not overridden away from G.
"""

from __future__ import annotations

from gateway.compose.fieldset import parse_field_set
from gateway.compose.model import ROOT_TYPES, named_type
from gateway.compose.supermodel import MergedSchema, MergedType
from gateway.compose.usage import FieldUsage


class Resolution:
    """Resolvability facts over one merged schema."""

    def __init__(self, merged: MergedSchema, usage: FieldUsage) -> None:
        self.merged = merged
        self.usage = usage

    def resolves(self, graph: str, type_name: str, field_name: str) -> bool:
        merged_type = self.merged.types.get(type_name)
        if merged_type is None or field_name not in merged_type.fields:
            return False
        field = merged_type.fields[field_name]
        sub_field = field.by_graph.get(graph)
        if sub_field is None:
            return False
        overridden_away = any(
            f.override == graph and f.override_label is None
            for g, f in field.by_graph.items()
            if g != graph
        )
        if overridden_away:
            return False
        if not sub_field.external:
            return True
        sub_type = merged_type.by_graph[graph]
        return sub_type.extension and self.usage.is_key(graph, type_name, field_name)

    def resolvable_keys(self, graph: str, type_name: str) -> list[str]:
        merged_type = self.merged.types.get(type_name)
        if merged_type is None or graph not in merged_type.by_graph:
            return []
        return [k.fields for k in merged_type.by_graph[graph].keys if k.resolvable]

    def key_available(self, key: str, type_name: str, sources: set[str]) -> bool:
        """Whether every top-level field of ``key`` resolves in one of ``sources``."""
        selection_set = parse_field_set(key)
        if selection_set is None:
            return False
        names = [s.name.value for s in selection_set.selections if hasattr(s, "name")]
        return all(
            name == "__typename" or any(self.resolves(g, type_name, name) for g in sources)
            for name in names
        )

    def jump_closure(self, graph: str, type_name: str) -> set[str]:
        """Subgraphs reachable for an object of ``type_name`` first held by ``graph``."""
        reached = {graph}
        merged_type = self.merged.types.get(type_name)
        if merged_type is None:
            return reached
        changed = True
        while changed:
            changed = False
            for candidate in merged_type.by_graph:
                if candidate in reached:
                    continue
                if any(
                    self.key_available(key, type_name, reached)
                    for key in self.resolvable_keys(candidate, type_name)
                ):
                    reached.add(candidate)
                    changed = True
        return reached

    def composite_targets(self, graph: str, merged_type: MergedType, field_name: str) -> list[str]:
        """Object types a field of ``merged_type`` may return inside ``graph``."""
        field = merged_type.fields[field_name]
        sub_field = field.by_graph.get(graph)
        target = named_type(sub_field.type if sub_field is not None else field.type)
        return self.possible_objects(graph, target)

    def possible_objects(self, graph: str, type_name: str) -> list[str]:
        target_type = self.merged.types.get(type_name)
        if target_type is None:
            return []
        enum = self.merged.graphs[graph].enum
        if target_type.kind == "object":
            return [type_name]
        if target_type.kind == "union":
            return [m for g, m in target_type.join_members if g == enum]
        if target_type.kind == "interface":
            in_graph = target_type.by_graph.get(graph)
            if in_graph is not None and in_graph.interface_object:
                return [type_name]
            return [
                name
                for name, other in self.merged.types.items()
                if other.kind == "object" and (enum, type_name) in other.join_implements
            ]
        return []

    def root_types(self) -> list[MergedType]:
        return [self.merged.types[name] for name in ROOT_TYPES if name in self.merged.types]
