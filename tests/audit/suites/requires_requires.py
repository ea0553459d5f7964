"""Audit suite ``requires-requires``: a ``@requires`` whose required field is itself
``@requires`` from another subgraph (``canAfford`` <- ``isExpensive`` <- inaccessible
``price``), two such chains in one operation."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@inaccessible"])

type Product @key(fields: "id") {
  id: ID!
  price: Float! @inaccessible
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  product: Product
}

type Product @key(fields: "id") {
  id: ID!
  hasDiscount: Boolean!
}
"""

C_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires"])

type Product @key(fields: "id") {
  id: ID!
  price: Float! @external
  isExpensive: Boolean! @requires(fields: "price")
  hasDiscount: Boolean! @external
  isExpensiveWithDiscount: Boolean! @requires(fields: "hasDiscount")
}
"""

D_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires"])

type Product @key(fields: "id") {
  id: ID!
  isExpensive: Boolean! @external
  canAfford: Boolean! @requires(fields: "isExpensive")
  isExpensiveWithDiscount: Boolean! @external
  canAffordWithDiscount: Boolean! @requires(fields: "isExpensiveWithDiscount")
}
"""

PRODUCTS = {"p1": {"id": "p1", "price": 699.99, "hasDiscount": True}}


def _known(representation: dict[str, Any]) -> dict[str, Any] | None:
    """Reference resolver of ``c`` and ``d``: the key plus whatever the gateway sent."""
    return dict(representation) if representation["id"] in PRODUCTS else None


def _owned(*fields: str) -> Any:
    def resolve(representation: dict[str, Any]) -> dict[str, Any] | None:
        row = PRODUCTS.get(representation["id"])
        return None if row is None else {"id": row["id"], **{f: row[f] for f in fields}}

    return resolve


def build() -> AuditSuite:
    a = SubgraphSpec("a", A_SDL, references={"Product": _owned("price")})
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.product": lambda _p, _i: {"id": "p1", "hasDiscount": True},
        },
        references={"Product": _owned("hasDiscount")},
    )
    c = SubgraphSpec(
        "c",
        C_SDL,
        resolvers={
            "Product.isExpensive": lambda p, _i: p["price"] > 500,
            "Product.isExpensiveWithDiscount": lambda p, _i: not p["hasDiscount"],
        },
        references={"Product": _known},
    )
    d = SubgraphSpec(
        "d",
        D_SDL,
        resolvers={
            "Product.canAfford": lambda p, _i: not p["isExpensive"],
            "Product.canAffordWithDiscount": lambda p, _i: not p["isExpensiveWithDiscount"],
        },
        references={"Product": _known},
    )
    return AuditSuite("requires-requires", (a, b, c, d), CASES)


CASES = (
    AuditCase(
        "requires of a requires", "{ product { canAfford } }", {"product": {"canAfford": False}}
    ),
    AuditCase(
        "requires of an inaccessible field",
        "{ product { isExpensive } }",
        {"product": {"isExpensive": True}},
    ),
    AuditCase(
        "both links of the chain",
        "{ product { isExpensive canAfford } }",
        {"product": {"isExpensive": True, "canAfford": False}},
    ),
    AuditCase(
        "chain from the root subgraph's field",
        "{ product { canAffordWithDiscount } }",
        {"product": {"canAffordWithDiscount": True}},
    ),
    AuditCase(
        "two chains at once",
        "{ product { canAfford canAffordWithDiscount } }",
        {"product": {"canAfford": False, "canAffordWithDiscount": True}},
    ),
)
