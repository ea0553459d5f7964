"""Composition validation rules, one module per rule family.

Subgraph rules run on each parsed subgraph before merging (field sets, ``@external`` use);
supergraph rules run on the merged schema (field sharing, entities and root fields,
satisfiability). Each rule appends ``CompositionIssue``s naming subgraph, type, field and rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from gateway.compose.errors import CompositionIssue
from gateway.compose.model import Subgraph
from gateway.compose.supermodel import MergedSchema


def run_subgraph_rules(subgraphs: Sequence[Subgraph], issues: list[CompositionIssue]) -> None:
    """Rules that need one subgraph at a time."""


def run_supergraph_rules(
    subgraphs: Sequence[Subgraph], merged: MergedSchema, issues: list[CompositionIssue]
) -> None:
    """Rules that need the merged schema."""
