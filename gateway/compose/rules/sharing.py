"""Rule on field sharing: a field resolved by several subgraphs must be shareable in each."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.compose.errors import CompositionIssue
from gateway.compose.model import Subgraph
from gateway.compose.supermodel import MergedSchema
from gateway.compose.usage import FieldUsage


def check_field_sharing(
    subgraphs: Sequence[Subgraph],
    merged: MergedSchema,
    usage: FieldUsage,
    issues: list[CompositionIssue],
) -> None:
    """INVALID_FIELD_SHARING: an object field resolved (not ``@external``, not overridden away)
    by more than one subgraph, where some definition is neither ``@shareable`` nor a key field.
    Federation 1 fields count as shareable; progressive (labelled) overrides are allowed."""
    by_name = {s.name: s for s in subgraphs}
    for type_name, merged_type in merged.types.items():
        if merged_type.kind != "object":
            continue
        for field_name, field in merged_type.fields.items():
            overridden = {
                f.override
                for f in field.by_graph.values()
                if f.override and f.override_label is None
            }
            labelled = {
                graph
                for graph, f in field.by_graph.items()
                if f.override and f.override_label is not None
            }
            labelled |= {
                f.override for f in field.by_graph.values() if f.override and f.override_label
            }
            resolving = [
                graph
                for graph, f in field.by_graph.items()
                if not f.external
                and graph not in overridden
                and not merged_type.by_graph[graph].interface_object
            ]
            if len(resolving) < 2 or set(resolving) <= labelled:
                continue
            offending = [
                graph
                for graph in resolving
                if not field.by_graph[graph].shareable
                and not by_name[graph].is_federation_1
                and not usage.is_key(graph, type_name, field_name)
            ]
            if not offending:
                continue
            listed = ", ".join(f'"{g}"' for g in resolving)
            not_shareable = ", ".join(f'"{g}"' for g in offending)
            issues.append(
                CompositionIssue(
                    "INVALID_FIELD_SHARING",
                    f'Non-shareable field "{type_name}.{field_name}" is resolved from multiple'
                    f" subgraphs: it is resolved from subgraphs {listed} and defined as"
                    f" non-shareable in subgraph {not_shareable}",
                    subgraph=offending[0],
                    type_name=type_name,
                    field_name=field_name,
                )
            )
