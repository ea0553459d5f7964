"""Planner test harness: fixture supergraphs by name, and the printed plan of an operation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from graphql import parse, validate

from gateway.planner import QueryPlanner, print_plan
from gateway.supergraph import Supergraph, load_supergraph
from tests.gateway.planner.harness import PlanText

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def supergraph_of() -> Callable[[str], Supergraph]:
    """Load ``fixtures/<name>/supergraph.graphql`` (once per session)."""
    loaded: dict[str, Supergraph] = {}

    def load(name: str) -> Supergraph:
        if name not in loaded:
            sdl = (FIXTURES / name / "supergraph.graphql").read_text(encoding="utf-8")
            loaded[name] = load_supergraph(sdl)
        return loaded[name]

    return load


@pytest.fixture
def plan(supergraph_of: Callable[[str], Supergraph]) -> PlanText:
    """The printed plan of a (validated) operation over a fixture supergraph."""

    def plan_text(
        fixture: str,
        query: str,
        *,
        operation_name: str | None = None,
        labels: frozenset[str] = frozenset(),
    ) -> str:
        supergraph = supergraph_of(fixture)
        document = parse(query)
        errors = validate(supergraph.api_schema, document)
        assert not errors, errors
        planner = QueryPlanner(supergraph)
        return print_plan(planner.plan(document, operation_name, override_labels=labels))

    return plan_text
