"""Merging unions, enums, input objects and scalars (types without output fields)."""

from __future__ import annotations

from graphql import print_ast

from gateway.compose.errors import CompositionIssue
from gateway.compose.metadata import merge_metadata
from gateway.compose.model import SubEnumValue
from gateway.compose.subtyping import merge_input_types
from gateway.compose.supermodel import (
    GraphInfo,
    JoinField,
    JoinType,
    MergedEnumValue,
    MergedField,
    MergedType,
)
from gateway.compose.usage import FieldUsage


def _plain_join_types(merged: MergedType, graphs: dict[str, GraphInfo]) -> list[JoinType]:
    return [JoinType(graphs[graph].enum) for graph in merged.by_graph]


def merge_scalar(merged: MergedType, graphs: dict[str, GraphInfo]) -> None:
    merged.join_types = _plain_join_types(merged, graphs)


def merge_union(merged: MergedType, graphs: dict[str, GraphInfo]) -> None:
    """Members are the union of all subgraphs' members; membership is recorded per graph."""
    merged.join_types = _plain_join_types(merged, graphs)
    for graph, sub in merged.by_graph.items():
        for member in sub.members:
            if member not in merged.members:
                merged.members.append(member)
            merged.join_members.append((graphs[graph].enum, member))


def merge_enum(
    merged: MergedType,
    graphs: dict[str, GraphInfo],
    usage: FieldUsage,
    issues: list[CompositionIssue],
) -> None:
    """Output-only enums take all values, input-only ones the shared values; an enum used in both
    positions must have the same values everywhere."""
    merged.join_types = _plain_join_types(merged, graphs)
    in_input = merged.name in usage.input_types
    in_output = merged.name in usage.output_types
    values: dict[str, dict[str, SubEnumValue]] = {}
    for graph, sub in merged.by_graph.items():
        for name, value in sub.values.items():
            values.setdefault(name, {})[graph] = value
    for name, by_graph in values.items():
        missing = [g for g in merged.by_graph if g not in by_graph]
        if missing and in_input:
            if in_output:
                issues.append(
                    CompositionIssue(
                        "ENUM_VALUE_MISMATCH",
                        f'Enum type "{merged.name}" is used as both input and output type, but'
                        f' value "{name}" is not defined in subgraph "{missing[0]}"',
                        subgraph=missing[0],
                        type_name=merged.name,
                    )
                )
            continue
        merged.values[name] = MergedEnumValue(
            name=name,
            meta=merge_metadata(v.meta for v in by_graph.values()),
            graphs=[graphs[g].enum for g in by_graph],
        )
    if not merged.values:
        issues.append(
            CompositionIssue(
                "EMPTY_MERGED_ENUM_TYPE",
                f'Enum type "{merged.name}" has no value shared by all subgraphs defining it',
                type_name=merged.name,
            )
        )


def merge_input(
    merged: MergedType, graphs: dict[str, GraphInfo], issues: list[CompositionIssue]
) -> None:
    """Fields are the intersection; a required field missing from a subgraph is an error."""
    merged.join_types = _plain_join_types(merged, graphs)
    names: list[str] = []
    for sub in merged.by_graph.values():
        names.extend(n for n in sub.fields if n not in names)
    for name in names:
        present = {g: s.fields[name] for g, s in merged.by_graph.items() if name in s.fields}
        missing = [g for g in merged.by_graph if g not in present]
        if missing:
            required = [g for g, f in present.items() if f.type.endswith("!") and not f.default]
            if required:
                issues.append(
                    CompositionIssue(
                        "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
                        f'Input field "{merged.name}.{name}" is required in subgraph'
                        f' "{required[0]}" but missing in subgraph "{missing[0]}"',
                        subgraph=missing[0],
                        type_name=merged.name,
                        field_name=name,
                    )
                )
            continue
        fields = list(present.values())
        field_type = merge_input_types(f.type for f in fields)
        if field_type is None:
            described = ", ".join(f'"{f.type}" in "{g}"' for g, f in present.items())
            issues.append(
                CompositionIssue(
                    "FIELD_TYPE_MISMATCH",
                    f'Type of input field "{merged.name}.{name}" is incompatible across'
                    f" subgraphs: {described}",
                    type_name=merged.name,
                    field_name=name,
                )
            )
            continue
        defaults = {print_ast(f.default) for f in fields if f.default is not None}
        if len(defaults) > 1:
            issues.append(
                CompositionIssue(
                    "INPUT_FIELD_DEFAULT_MISMATCH",
                    f'Input field "{merged.name}.{name}" has different default values across'
                    f" subgraphs: {', '.join(sorted(defaults))}",
                    type_name=merged.name,
                    field_name=name,
                )
            )
        type_differs = any(f.type != field_type for f in fields)
        merged.fields[name] = MergedField(
            name=name,
            type=field_type,
            meta=merge_metadata(f.meta for f in fields),
            by_graph=dict(present),
            default=next((f.default for f in fields if f.default is not None), None),
            join=[JoinField(graphs[g].enum, type=f.type) for g, f in present.items()]
            if type_differs
            else [],
        )
