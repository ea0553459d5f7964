"""Audit suite ``parent-entity-call-complex``: the fields of one value-type object
(``Product.category``) come from two subgraphs through the parent entity, and one of them
(``id``) is the key for a third subgraph's entity call on ``Category``."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@shareable"])

type Product @key(fields: "id") {
  id: ID @external
  category: Category @shareable
}

type Category {
  details: String
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@shareable"])

type Product @key(fields: "id") {
  id: ID @external
  category: Category @shareable
}

type Category {
  id: ID @shareable
}
"""

C_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Category @key(fields: "id") {
  id: ID
  name: String
}
"""

D_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  productFromD(id: ID!): Product
}

type Product @key(fields: "id") {
  id: ID
  name: String
}
"""


def _d_product(product_id: str) -> dict[str, Any]:
    return {"id": product_id, "name": f"Product#{product_id}"}


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        references={
            "Product": lambda rep: {
                "id": rep["id"],
                "category": {"details": f"Details for Product#{rep['id']}"},
            }
        },
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        references={"Product": lambda rep: {"id": rep["id"], "category": {"id": "3"}}},
    )
    c = SubgraphSpec(
        "c",
        C_SDL,
        references={"Category": lambda rep: {"id": rep["id"], "name": f"Category#{rep['id']}"}},
    )
    d = SubgraphSpec(
        "d",
        D_SDL,
        resolvers={"Query.productFromD": lambda _p, _i, id: _d_product(id)},
        references={"Product": lambda rep: _d_product(rep["id"])},
    )
    return AuditSuite("parent-entity-call-complex", (a, b, c, d), CASES)


CASES = (
    AuditCase(
        "value object merged from two subgraphs, key for a third",
        '{ productFromD(id: "1") { id name category { id name details } } }',
        {
            "productFromD": {
                "id": "1",
                "name": "Product#1",
                "category": {"id": "3", "name": "Category#3", "details": "Details for Product#1"},
            }
        },
    ),
)
