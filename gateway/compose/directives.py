"""Directive definitions kept in the supergraph: executable directives every subgraph defines,
and custom type-system directives requested with ``@composeDirective``."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.compose.errors import CompositionIssue
from gateway.compose.model import Subgraph
from gateway.compose.supermodel import MergedSchema


def compose_directive_definitions(
    subgraphs: Sequence[Subgraph], merged: MergedSchema, issues: list[CompositionIssue]
) -> None:
    """Fill ``merged.directive_definitions``/``composed_links``/``composed_directives``."""
