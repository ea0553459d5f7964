"""Demand control estimates from @cost/@listSize."""

from __future__ import annotations

from typing import Any

from graphql import OperationDefinitionNode, build_schema, get_operation_ast, parse

from gateway.edge.cost import CostRules, ListSize, estimate_cost

SCHEMA = build_schema(
    """
    type Query { accounts(first: Int, last: Int): [Account!]!  page(first: Int): Page  n: Int }
    type Mutation { pay(amount: Int!): Int }
    type Page { edges: [Account!]!  total: Int }
    type Account { id: ID!  owner: Customer  history: [Int] }
    type Customer { name: String }
    """
)
RULES = CostRules(
    weights={"Account.owner": 5, "Customer": 2},
    list_sizes={
        "Query.accounts": ListSize(assumed_size=7, slicing_arguments=("first", "last")),
        "Query.page": ListSize(slicing_arguments=("first",), sized_fields=("edges",)),
    },
)


def cost(query: str, variables: dict[str, Any] | None = None) -> int:
    document = parse(query)
    operation = get_operation_ast(document)
    assert isinstance(operation, OperationDefinitionNode)
    return estimate_cost(document, operation, SCHEMA, RULES, variables or {}, default_list_size=3)


def test_scalars_cost_nothing_objects_one() -> None:
    assert cost("{ n }") == 0


def test_list_uses_assumed_size_then_slicing_arguments() -> None:
    assert cost("{ accounts { id } }") == 7 * 1
    assert cost("{ accounts(first: 2, last: 4) { id } }") == 4 * 1
    assert cost("query ($f: Int) { accounts(first: $f) { id } }", {"f": 10}) == 10


def test_field_weight_and_type_weight() -> None:
    # owner has weight 5 on the field (wins over the type's 2); each account: 1 + 5
    assert cost("{ accounts(first: 2) { owner { name } } }") == 2 * (1 + 5)


def test_sized_fields_multiply_children_and_default_list_size() -> None:
    # page: 1 + edges (size 5 from first) * (1 + history default 3 * 0)
    assert cost("{ page(first: 5) { edges { history } total } }") == 1 + 5 * 1


def test_mutations_start_at_ten_and_fragments_are_memoised() -> None:
    assert cost("mutation { pay(amount: 1) }") == 10
    levels = 30
    fragments = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    fragments.append(f"fragment F{levels} on Query {{ accounts(first: 1) {{ id }} }}")
    assert cost("{ ...F0 } " + " ".join(fragments)) == 2**levels
