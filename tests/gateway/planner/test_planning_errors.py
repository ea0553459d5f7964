"""Operations no plan exists for raise ``PlanningError`` (never another exception)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from graphql import parse

from gateway.planner import PlanningError, QueryPlanner
from gateway.supergraph import Supergraph


def test_unresolvable_interface_field(supergraph_of: Callable[[str], Supergraph]) -> None:
    """Node.id on node(...) resolves in neither subgraph for every type (Chat.id is external
    in a, Account.id in b): composition let it through, the planner must refuse it."""
    planner = QueryPlanner(supergraph_of("node_id"))
    with pytest.raises(PlanningError):
        planner.plan(parse('{ node(id: "a1") { id } }'), None)


def test_context_arguments_are_refused(supergraph_of: Callable[[str], Supergraph]) -> None:
    planner = QueryPlanner(supergraph_of("security"))
    with pytest.raises(PlanningError, match="@fromContext"):
        planner.plan(parse("{ me { wallet { converted } } }"), None)


def test_subscriptions_are_refused(supergraph_of: Callable[[str], Supergraph]) -> None:
    planner = QueryPlanner(supergraph_of("basic"))
    with pytest.raises(PlanningError, match="subscription"):
        planner.plan(parse("subscription { me { id } }"), None)


def test_operation_name_must_match(supergraph_of: Callable[[str], Supergraph]) -> None:
    planner = QueryPlanner(supergraph_of("basic"))
    with pytest.raises(PlanningError, match="unknown operation named 'C'"):
        planner.plan(parse("query A { me { id } }"), "C")


def test_field_only_behind_a_non_resolvable_interface_object(
    supergraph_of: Callable[[str], Supergraph],
) -> None:
    """Node.field lives only on b's @interfaceObject Node, whose key is resolvable: false, and
    a has no implementation of Node: nothing can resolve { a { field } }."""
    planner = QueryPlanner(supergraph_of("non_resolvable_interface_object"))
    with pytest.raises(PlanningError, match=r"cannot plan Node\.field"):
        planner.plan(parse("{ a { field } }"), None)
    planner.plan(parse("{ a { id } b { id field } }"), None)
