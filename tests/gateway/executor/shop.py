"""The "shop" fixture graph for executor tests: four real subgraphs served in process.

The supergraph side is a plain GraphQL schema (the executor needs types only: type
conditions, nullability); plans are written by hand in each test, in the planner's contract
(gateway/planner/plan.py), so executor behaviour is tested independently of the planner.
Subgraphs are generic graphql-core federation subgraphs (tests/fixtures/federation) that
record every request body they receive, reached through ``httpx.ASGITransport`` mounts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from graphql import GraphQLSchema, build_schema, parse

from gateway.executor import ExecutionResult, Subgraphs, execute_plan, shape_response
from gateway.planner.plan import QueryPlan
from tests.fixtures.federation.subgraph import SubgraphApp, SubgraphSpec, by_key

SUPERGRAPH = build_schema(
    """
    type Query {
      me: User
      user(id: ID!): User
      topProducts(first: Int): [Product]!
      shelves: [[Product]]
      search: [SearchResult!]
      viewer: Query
    }
    type User { id: ID! name: String! username: String reviews: [Review!] }
    type Product {
      upc: String!
      name: String
      price: Int
      weight: Int
      inStock: Boolean
      shippingEstimate: Int
      color: Color
      reviews: [Review!]
    }
    type Review { id: ID! body: String! author: User! }
    union SearchResult = User | Product
    enum Color { RED GREEN }
    """
)

USERS = {
    "1": {"id": "1", "name": "Ada", "username": "ada"},
    "2": {"id": "2", "name": "Bob", "username": "bob"},
    "3": {"id": "3", "name": None, "username": "nameless"},
}
PRODUCTS = {
    "p1": {"upc": "p1", "name": "Table", "price": 100, "weight": 10, "color": "RED"},
    "p2": {"upc": "p2", "name": "Chair", "price": 50, "weight": 5, "color": "GREEN"},
    "p3": {"upc": "p3", "name": "Lamp", "price": 20, "weight": 1, "color": "BLUE"},
}
REVIEWS = {
    "p1": [
        {"id": "r1", "body": "Sturdy", "author": "1"},
        {"id": "r2", "body": "Ok", "author": "2"},
    ],
    "p2": [{"id": "r3", "body": "Comfy", "author": "1"}],
    "p3": [{"id": "r4", "body": "Bright", "author": "3"}],
}


def _reviews_of(product: dict[str, Any], _info: Any) -> list[dict[str, Any]]:
    return [
        {**review, "author": {"__typename": "User", "id": review["author"]}}
        for review in REVIEWS.get(product["upc"], [])
    ]


def _shipping(product: dict[str, Any], _info: Any) -> int:
    if product.get("weight") is None:
        raise ValueError("weight was not provided")
    return product["weight"] * 2


SPECS = {
    "accounts": SubgraphSpec(
        name="accounts",
        sdl="""
        type Query { me: User user(id: ID!): User }
        type User @key(fields: "id") { id: ID! name: String username: String }
        """,
        resolvers={
            "Query.me": lambda _root, _info: USERS["1"],
            "Query.user": lambda _root, _info, id: USERS.get(id),
        },
        references={"User": by_key(USERS, "id")},
    ),
    "products": SubgraphSpec(
        name="products",
        sdl="""
        type Query { topProducts(first: Int = 2): [Product] shelves: [[Product]] viewer: Query }
        type Product @key(fields: "upc") {
          upc: String! name: String price: Int weight: Int color: String
        }
        """,
        resolvers={
            "Query.topProducts": lambda _root, _info, first: list(PRODUCTS.values())[:first],
            "Query.viewer": lambda _root, _info: {},
            "Query.shelves": lambda _root, _info: [
                [PRODUCTS["p1"], None, PRODUCTS["p2"]],
                None,
                [],
                [PRODUCTS["p1"], PRODUCTS["p3"]],
            ],
        },
        references={"Product": by_key(PRODUCTS, "upc")},
    ),
    "reviews": SubgraphSpec(
        name="reviews",
        sdl="""
        type Product @key(fields: "upc") { upc: String! reviews: [Review!] }
        type Review { id: ID! body: String! author: User! }
        type User @key(fields: "id") { id: ID! }
        """,
        resolvers={"Product.reviews": _reviews_of},
        references={"Product": lambda rep: dict(rep)},
    ),
    "inventory": SubgraphSpec(
        name="inventory",
        sdl="""
        type Product @key(fields: "upc") {
          upc: String! weight: Int @external inStock: Boolean
          shippingEstimate: Int @requires(fields: "weight")
        }
        """,
        resolvers={
            "Product.inStock": lambda product, _info: product["upc"] != "p2",
            "Product.shippingEstimate": _shipping,
        },
        references={"Product": lambda rep: dict(rep)},
    ),
}


@dataclass
class Shop:
    """The running subgraphs and a client reaching them; `run` executes and shapes a plan."""

    apps: dict[str, SubgraphApp]
    subgraphs: Subgraphs

    def requests(self, name: str) -> list[dict[str, Any]]:
        return self.apps[name].requests

    async def execute(
        self,
        plan: QueryPlan,
        variables: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> ExecutionResult:
        return await execute_plan(
            plan,
            schema=SUPERGRAPH,
            subgraphs=self.subgraphs,
            variables=variables or {},
            headers=headers,
        )

    async def run(
        self, query: str, plan: QueryPlan, variables: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """The client response body for ``query`` executed through ``plan``."""
        result = await self.execute(plan, variables)
        return shape(SUPERGRAPH, query, result.data, result.errors, variables)


def shape(
    schema: GraphQLSchema,
    query: str,
    data: dict[str, Any],
    errors: list[dict[str, Any]],
    variables: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    document = parse(query)
    operation = document.definitions[0]
    fragments = {d.name.value: d for d in document.definitions[1:]}  # type: ignore[attr-defined]
    shaped, all_errors = shape_response(
        schema,
        operation,
        fragments,
        variables or {},
        data,
        errors,  # type: ignore[arg-type]
    )
    body: dict[str, Any] = {"data": shaped}
    if all_errors:
        body["errors"] = all_errors
    return body


def mounted_client(apps: Mapping[str, Any]) -> httpx.AsyncClient:
    """One client reaching each ASGI app at ``http://<name>.test``."""
    return httpx.AsyncClient(
        mounts={f"all://{name}.test": httpx.ASGITransport(app=app) for name, app in apps.items()}
    )


def urls(names: Any) -> dict[str, str]:
    return {name: f"http://{name}.test/graphql" for name in names}
