"""Audit suite ``node``: a ``Node`` interface root field whose implementation's fields live
in a third subgraph that marks the type ``@shareable``."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

NODE_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  productNode: Node
  categoryNode: Node
}

interface Node {
  id: ID!
}

type Product implements Node @key(fields: "id") {
  id: ID!
}

type Category implements Node @key(fields: "id") {
  id: ID!
}
"""

NODE_TWO_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

interface Node {
  id: ID!
}

type Product implements Node @key(fields: "id") {
  id: ID!
}

type Category implements Node @key(fields: "id") {
  id: ID!
}
"""

TYPES_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

interface Node {
  id: ID!
}

type Product implements Node @key(fields: "id") @shareable {
  id: ID!
  name: String!
  price: Float!
}

type Category implements Node @key(fields: "id") {
  id: ID!
  name: String!
}
"""

PRODUCTS = {
    "p-1": {"id": "p-1", "name": "Product 1", "price": 10.0},
    "p-2": {"id": "p-2", "name": "Product 2", "price": 20.0},
}
CATEGORIES = {
    "pc-1": {"id": "pc-1", "name": "Category 1"},
    "c-2": {"id": "c-2", "name": "Category 2"},
}


def _ids(rows: dict[str, dict[str, Any]]) -> Any:
    return lambda rep: {"id": rep["id"]} if rep["id"] in rows else None


def _id_references() -> dict[str, Any]:
    return {"Product": _ids(PRODUCTS), "Category": _ids(CATEGORIES)}


def build() -> AuditSuite:
    node = SubgraphSpec(
        "node",
        NODE_SDL,
        resolvers={
            "Query.productNode": lambda _p, _i: {"__typename": "Product", "id": "p-1"},
            "Query.categoryNode": lambda _p, _i: {"__typename": "Category", "id": "pc-1"},
        },
        references=_id_references(),
    )
    node_two = SubgraphSpec("node-two", NODE_TWO_SDL, references=_id_references())
    types = SubgraphSpec(
        "types",
        TYPES_SDL,
        references={
            "Product": lambda rep: PRODUCTS.get(rep["id"]),
            "Category": lambda rep: CATEGORIES.get(rep["id"]),
        },
    )
    return AuditSuite("node", (node, node_two, types), CASES)


CASES = (
    AuditCase(
        "implementation fields from a third subgraph",
        "{ productNode { ... on Product { id name __typename price } } }",
        {"productNode": {"id": "p-1", "name": "Product 1", "__typename": "Product", "price": 10}},
    ),
)
