"""Merging object and interface fields (types, arguments, metadata) and their join metadata."""

from __future__ import annotations

import dataclasses

from graphql import print_ast

from gateway.compose.errors import CompositionIssue
from gateway.compose.metadata import merge_metadata
from gateway.compose.model import SubField, Subgraph, SubType
from gateway.compose.subtyping import merge_input_types, merge_output_types
from gateway.compose.supermodel import (
    ContextArgument,
    GraphInfo,
    JoinField,
    MergedArgument,
    MergedField,
    MergedType,
)
from gateway.compose.usage import FieldUsage


class FieldMerger:
    """Merges the fields of composite types; holds the cross-type facts merging needs."""

    def __init__(
        self,
        graphs: dict[str, GraphInfo],
        subgraphs: dict[str, Subgraph],
        groups: dict[str, dict[str, SubType]],
        usage: FieldUsage,
        issues: list[CompositionIssue],
    ) -> None:
        self.graphs = graphs
        self.subgraphs = subgraphs
        self.usage = usage
        self.issues = issues
        self.supertypes: dict[str, set[str]] = {}
        for name, by_graph in groups.items():
            for sub in by_graph.values():
                self.supertypes.setdefault(name, set()).update(sub.interfaces)
                for member in sub.members:
                    self.supertypes.setdefault(member, set()).add(name)

    def is_named_subtype(self, sub: str, sup: str) -> bool:
        seen: set[str] = set()
        stack = [sub]
        while stack:
            current = stack.pop()
            for parent in self.supertypes.get(current, ()):
                if parent == sup:
                    return True
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return False

    # -- composite types --------------------------------------------------------------------

    def merge_composite(self, merged: MergedType) -> None:
        """Fields, implemented interfaces and (for interfaces) join fields of ``merged``."""
        collected: dict[str, dict[str, SubField]] = {}
        for graph, sub in merged.by_graph.items():
            for interface in sub.interfaces:
                if interface not in merged.interfaces:
                    merged.interfaces.append(interface)
                merged.join_implements.append((self.graphs[graph].enum, interface))
            for name, sub_field in sub.fields.items():
                collected.setdefault(name, {})[graph] = sub_field
        for name, by_graph in collected.items():
            field = self._merge_field(merged.name, name, by_graph)
            if field is not None:
                merged.fields[name] = field
        if merged.kind == "interface":
            for field in merged.fields.values():
                field.join = self._interface_join(merged, field)

    def _merge_field(
        self, type_name: str, name: str, by_graph: dict[str, SubField]
    ) -> MergedField | None:
        resolving = [(g, f) for g, f in by_graph.items() if not f.external] or list(
            by_graph.items()
        )
        merged_type = resolving[0][1].type
        for graph, sub_field in by_graph.items():
            combined = merge_output_types(merged_type, sub_field.type, self.is_named_subtype)
            if combined is None:
                described = ", ".join(f'"{f.type}" in "{g}"' for g, f in by_graph.items())
                self.issues.append(
                    CompositionIssue(
                        "FIELD_TYPE_MISMATCH",
                        f'Type of field "{type_name}.{name}" is incompatible across subgraphs:'
                        f" {described}",
                        subgraph=graph,
                        type_name=type_name,
                        field_name=name,
                    )
                )
                return None
            if not sub_field.external or all(f.external for f in by_graph.values()):
                merged_type = combined
        field = MergedField(
            name=name,
            type=merged_type,
            meta=merge_metadata(f.meta for f in by_graph.values()),
            by_graph=dict(by_graph),
        )
        field.args = self._merge_arguments(type_name, name, by_graph)
        return field

    def _merge_arguments(
        self, type_name: str, field_name: str, by_graph: dict[str, SubField]
    ) -> dict[str, MergedArgument]:
        names: list[str] = []
        for sub_field in by_graph.values():
            names.extend(a for a in sub_field.args if a not in names)
        merged: dict[str, MergedArgument] = {}
        coordinate = f'"{type_name}.{field_name}({{}}:)"'
        for arg_name in names:
            present = {g: f.args[arg_name] for g, f in by_graph.items() if arg_name in f.args}
            if any(a.from_context is not None for a in present.values()):
                continue  # filled by the gateway from a context, never by clients
            missing = [g for g in by_graph if g not in present]
            if missing:
                required = [g for g, a in present.items() if a.type.endswith("!") and not a.default]
                if required:
                    self.issues.append(
                        CompositionIssue(
                            "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                            f"Argument {coordinate.format(arg_name)} is required in subgraph"
                            f' "{required[0]}" but missing in subgraph "{missing[0]}"',
                            subgraph=missing[0],
                            type_name=type_name,
                            field_name=field_name,
                        )
                    )
                continue
            arguments = list(present.values())
            arg_type = merge_input_types(a.type for a in arguments)
            if arg_type is None:
                described = ", ".join(f'"{a.type}" in "{g}"' for g, a in present.items())
                self.issues.append(
                    CompositionIssue(
                        "FIELD_ARGUMENT_TYPE_MISMATCH",
                        f"Type of argument {coordinate.format(arg_name)} is incompatible across"
                        f" subgraphs: {described}",
                        subgraph=next(iter(present)),
                        type_name=type_name,
                        field_name=field_name,
                    )
                )
                continue
            defaults = {print_ast(a.default) for a in arguments if a.default is not None}
            if len(defaults) > 1:
                self.issues.append(
                    CompositionIssue(
                        "FIELD_ARGUMENT_DEFAULT_MISMATCH",
                        f"Argument {coordinate.format(arg_name)} has different default values"
                        f" across subgraphs: {', '.join(sorted(defaults))}",
                        type_name=type_name,
                        field_name=field_name,
                    )
                )
            merged[arg_name] = MergedArgument(
                name=arg_name,
                type=arg_type,
                default=next((a.default for a in arguments if a.default is not None), None),
                meta=merge_metadata(a.meta for a in arguments),
            )
        return merged

    # -- join metadata ----------------------------------------------------------------------

    def _interface_join(self, merged: MergedType, field: MergedField) -> list[JoinField]:
        type_differs = any(f.type != field.type for f in field.by_graph.values())
        joins = [
            JoinField(
                self.graphs[g].enum,
                type=f.type if type_differs else None,
                external=f.external,
                requires=f.requires,
                provides=f.provides,
            )
            for g, f in field.by_graph.items()
        ]
        if set(field.by_graph) == set(merged.by_graph) and not any(j.has_metadata for j in joins):
            return []
        return joins

    def add_interface_object_fields(self, types: dict[str, MergedType]) -> None:
        """Give each implementation the interface fields contributed by interface objects."""
        for merged in types.values():
            if merged.kind != "object":
                continue
            for interface_name in merged.interfaces:
                interface = types.get(interface_name)
                if interface is None or interface.kind != "interface":
                    continue
                object_graphs = {g for g, s in interface.by_graph.items() if s.interface_object}
                if not object_graphs:
                    continue
                for name, field in interface.fields.items():
                    if name in merged.fields or not object_graphs & set(field.by_graph):
                        continue
                    merged.fields[name] = MergedField(
                        name=name,
                        type=field.type,
                        meta=merge_metadata([field.meta]),
                        by_graph={},
                        args=dict(field.args),
                        join=[JoinField(None)],
                    )

    def assign_object_join_fields(self, types: dict[str, MergedType]) -> None:
        """Compute ``@join__field``s of every object field; drop fields left in no subgraph."""
        for merged in types.values():
            if merged.kind != "object":
                continue
            interface_graphs = self._interface_field_graphs(merged, types)
            for name in list(merged.fields):
                field = merged.fields[name]
                if not field.by_graph:
                    continue
                joins = self._object_join(merged, field, interface_graphs.get(name, set()))
                if joins is None:
                    del merged.fields[name]
                else:
                    field.join = joins

    @staticmethod
    def _interface_field_graphs(
        merged: MergedType, types: dict[str, MergedType]
    ) -> dict[str, set[str]]:
        result: dict[str, set[str]] = {}
        for interface_name in merged.interfaces:
            interface = types.get(interface_name)
            if interface is None:
                continue
            for name, field in interface.fields.items():
                result.setdefault(name, set()).update(field.by_graph)
        return result

    def _object_join(
        self, merged: MergedType, field: MergedField, interface_graphs: set[str]
    ) -> list[JoinField] | None:
        """The join fields of one object field, ``None`` when no subgraph keeps it."""
        overridden: dict[str, str | None] = {}
        for graph, sub_field in field.by_graph.items():
            source = sub_field.override
            if source and source != graph and source in field.by_graph:
                overridden[source] = sub_field.override_label
        type_differs = any(f.type != field.type for f in field.by_graph.values())
        joins: list[JoinField] = []
        for graph, sub_field in field.by_graph.items():
            join = self._graph_join(merged, field, graph, sub_field, overridden, interface_graphs)
            if join is not None:
                if type_differs:
                    join = dataclasses.replace(join, type=sub_field.type)
                joins.append(join)
        if not joins:
            return None
        type_graphs = {j.graph for j in merged.join_types}
        if {j.graph for j in joins} == type_graphs and not any(j.has_metadata for j in joins):
            return []
        return joins

    def _graph_join(
        self,
        merged: MergedType,
        field: MergedField,
        graph: str,
        sub_field: SubField,
        overridden: dict[str, str | None],
        interface_graphs: set[str],
    ) -> JoinField | None:
        usage, type_name = self.usage, merged.name
        sub_type = merged.by_graph[graph]
        is_key = usage.is_key(graph, type_name, field.name)
        fake_external = sub_field.external and is_key and sub_type.extension
        external = sub_field.external and not fake_external
        used = (
            is_key
            or usage.is_required(graph, type_name, field.name)
            or usage.is_provided(graph, type_name, field.name)
        )
        if external and not used and self.subgraphs[graph].is_federation_1:
            return None
        used_overridden = False
        label: str | None = None
        if graph in overridden:
            label = overridden[graph]
            if label is None:
                if (is_key and not sub_field.external) or graph in interface_graphs:
                    used_overridden = True
                elif not (external and used):
                    return None
        override = None
        if sub_field.override and sub_field.override in self.subgraphs:
            override, label = sub_field.override, sub_field.override_label
        context_arguments = tuple(
            ContextArgument(
                context=f"{graph}__{a.from_context.context}",
                name=a.name,
                type=a.type,
                selection=a.from_context.selection,
            )
            for a in sub_field.args.values()
            if a.from_context is not None
        )
        return JoinField(
            self.graphs[graph].enum,
            context_arguments=context_arguments,
            external=external,
            requires=sub_field.requires,
            provides=sub_field.provides,
            override=override,
            used_overridden=used_overridden,
            override_label=label,
        )
