"""Composition validation rules, one module per rule family.

Subgraph rules (``known_types``, ``field_sets``, ``contexts``, ``external``) run before
merging; supergraph rules (``inaccessible``, ``sharing``, ``entities``, ``satisfiability``)
run on the merged schema. Every rule appends ``CompositionIssue``s naming the rule, subgraph,
type and field.
"""

from __future__ import annotations

from collections.abc import Sequence

from gateway.compose.errors import CompositionIssue
from gateway.compose.model import Subgraph
from gateway.compose.rules.contexts import check_contexts
from gateway.compose.rules.entities import check_entity_entry, check_root_fields
from gateway.compose.rules.external import check_external_missing_on_base, check_external_unused
from gateway.compose.rules.field_sets import check_field_sets
from gateway.compose.rules.inaccessible import check_inaccessible_references
from gateway.compose.rules.known_types import check_known_types
from gateway.compose.rules.resolution import Resolution
from gateway.compose.rules.satisfiability import check_satisfiability
from gateway.compose.rules.sharing import check_field_sharing
from gateway.compose.supermodel import MergedSchema
from gateway.compose.usage import FieldUsage

__all__ = ["run_subgraph_rules", "run_supergraph_rules"]


def run_subgraph_rules(subgraphs: Sequence[Subgraph], issues: list[CompositionIssue]) -> None:
    """Rules that read the subgraphs before merging."""
    for subgraph in subgraphs:
        check_known_types(subgraph, issues)
    if issues:
        return
    for subgraph in subgraphs:
        check_field_sets(subgraph, issues)
        check_contexts(subgraph, issues)
    if issues:
        return
    usage = FieldUsage.collect(subgraphs)
    check_external_unused(subgraphs, usage, issues)
    check_external_missing_on_base(subgraphs, usage, issues)


def run_supergraph_rules(
    subgraphs: Sequence[Subgraph], merged: MergedSchema, issues: list[CompositionIssue]
) -> None:
    """Rules that read the merged schema; satisfiability only runs on an otherwise valid one."""
    usage = FieldUsage.collect(subgraphs)
    if "Query" not in merged.types:
        issues.append(
            CompositionIssue("NO_QUERIES", "No subgraph defines a query root type with fields")
        )
        return
    check_inaccessible_references(merged, issues)
    check_field_sharing(subgraphs, merged, usage, issues)
    resolution = Resolution(merged, usage)
    check_root_fields(resolution, issues)
    check_entity_entry(resolution, issues)
    if not issues:
        check_satisfiability(resolution, issues)
