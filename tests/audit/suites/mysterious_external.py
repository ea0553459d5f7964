"""Audit suite ``mysterious-external``: an entity whose key field is ``@external`` in a
Federation 2 ``extend type`` that also owns a root field returning it."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

PRICE_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external"])

extend type Product @key(fields: "id") {
  id: ID! @external
  price: Float
}

type Query {
  cheapestProduct: Product
}
"""

PRODUCT_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external"])

type Product @key(fields: "id") {
  id: ID!
  name: String!
}

type Query {
  products: [Product!]!
}
"""

PRODUCTS = {
    "1": {"id": "1", "name": "name-1", "price": 100.0},
    "2": {"id": "2", "name": "name-2", "price": 200.0},
}


def _only(*fields: str) -> Any:
    def resolve(rep: dict[str, Any]) -> dict[str, Any] | None:
        product = PRODUCTS.get(rep["id"])
        return None if product is None else {f: product[f] for f in ("id", *fields)}

    return resolve


def build() -> AuditSuite:
    price = SubgraphSpec(
        "price",
        PRICE_SDL,
        resolvers={
            "Query.cheapestProduct": lambda _p, _i: min(PRODUCTS.values(), key=lambda p: p["price"])
        },
        references={"Product": _only("price")},
    )
    product = SubgraphSpec(
        "product",
        PRODUCT_SDL,
        resolvers={"Query.products": lambda _p, _i: [_only("name")(p) for p in PRODUCTS.values()]},
        references={"Product": _only("name")},
    )
    return AuditSuite("mysterious-external", (price, product), CASES)


CASES = (
    AuditCase(
        "root field of the extending subgraph",
        "{ cheapestProduct { id price name } }",
        {"cheapestProduct": {"id": "1", "price": 100, "name": "name-1"}},
    ),
    AuditCase(
        "field of the extending subgraph",
        "{ products { name price id } }",
        {
            "products": [
                {"name": p["name"], "price": p["price"], "id": p["id"]} for p in PRODUCTS.values()
            ]
        },
    ),
)
