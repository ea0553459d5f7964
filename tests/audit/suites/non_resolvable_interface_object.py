"""Audit suite ``non-resolvable-interface-object``: interface objects with
``resolvable: false`` keys; fields reachable only through an impossible entity call must
fail (errors, null data), the rest resolve."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@interfaceObject"])

interface Node @key(fields: "id") {
  id: ID!
}

type Product @key(fields: "id", resolvable: false) @interfaceObject {
  id: ID!
}

type Query {
  a: Node
  product: Product!
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@interfaceObject"])

type Node @key(fields: "id", resolvable: false) @interfaceObject {
  id: ID!
  field: String
}

interface Product @key(fields: "id") {
  id: ID!
}

type Bread implements Product @key(fields: "id") {
  id: ID!
  name: String!
}

type Query {
  b: Node
}
"""

PRODUCTS = {"p1": {"__typename": "Bread", "id": "p1", "name": "Bread"}}


def _not_resolvable(_rep: dict[str, Any]) -> Any:
    raise ValueError("Not resolvable as it is an interface object")


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.a": lambda _p, _i: {"__typename": "Node", "id": "n1"},
            "Query.product": lambda _p, _i: {"id": "p1"},
        },
        references={"Node": _not_resolvable},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={"Query.b": lambda _p, _i: {"id": "n1"}, "Node.field": lambda _n, _i: "foo"},
        references={
            "Product": lambda rep: PRODUCTS.get(rep["id"]),
            "Bread": lambda rep: PRODUCTS.get(rep["id"]),
        },
    )
    return AuditSuite("non-resolvable-interface-object", (a, b), CASES)


CASES = (
    AuditCase(
        "interface object root field", "{ b { id field } }", {"b": {"id": "n1", "field": "foo"}}
    ),
    AuditCase("field no subgraph can reach", "{ a { field } }", None, errors=True),
    AuditCase("key field of an interface object", "{ b { id } }", {"b": {"id": "n1"}}),
    AuditCase(
        "interface without implementations in its subgraph",
        "{ a { id } }",
        {"a": None},
        errors=True,
    ),
    AuditCase("non-resolvable interface object", "{ product { id } }", {"product": {"id": "p1"}}),
    AuditCase("field not on the interface", "{ product { id name } }", None, errors=True),
    AuditCase(
        "type condition resolved by the interface's owner",
        "{ product { ... on Bread { id } } }",
        {"product": {"id": "p1"}},
    ),
)
