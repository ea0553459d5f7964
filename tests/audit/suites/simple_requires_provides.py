"""Audit suite ``simple-requires-provides``: the classic accounts/products/inventory/reviews
graph: ``@requires`` of two fields, ``@provides`` of ``username``, entity round trips."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

ACCOUNTS_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  me: User
}

type User @key(fields: "id") {
  id: ID!
  name: String
  username: String @shareable
}
"""

PRODUCTS_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  products: [Product]
}

type Product @key(fields: "upc") {
  upc: String!
  name: String
  price: Int
  weight: Int
}
"""

INVENTORY_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires"])

type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price: Int @external
  inStock: Boolean
  shippingEstimate: Int @requires(fields: "price weight")
  shippingEstimateTag: String @requires(fields: "price weight")
}
"""

REVIEWS_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@provides"])

type Review @key(fields: "id") {
  id: ID!
  body: String
  author: User @provides(fields: "username")
  product: Product
}

type User @key(fields: "id") {
  id: ID!
  username: String @external
  reviews: [Review]
}

type Product @key(fields: "upc") {
  upc: String!
  reviews: [Review]
}
"""

USERS = {"u1": {"id": "u1", "name": "u-name-1", "username": "u-username-1"}}
PRODUCTS = {
    "p1": {"upc": "p1", "name": "p-name-1", "price": 11, "weight": 1},
    "p2": {"upc": "p2", "name": "p-name-2", "price": 22, "weight": 2},
}
IN_STOCK = ("p1",)
REVIEWS = {
    "r1": {"id": "r1", "body": "r-body-1", "authorId": "u1", "productUpc": "p1"},
    "r2": {"id": "r2", "body": "r-body-2", "authorId": "u1", "productUpc": "p2"},
}


def _inventory_product(representation: dict[str, Any]) -> dict[str, Any] | None:
    if representation["upc"] not in PRODUCTS:
        return None
    if "price" in representation and "weight" in representation:
        return {key: representation[key] for key in ("upc", "price", "weight")}
    return {"upc": representation["upc"]}


def _estimate(product: dict[str, Any]) -> int:
    return int(product["price"]) * int(product["weight"]) * 10


def _reviews_of(key: str, value: str) -> list[dict[str, Any]]:
    return [review for review in REVIEWS.values() if review[key] == value]


def build() -> AuditSuite:
    accounts = SubgraphSpec(
        "accounts",
        ACCOUNTS_SDL,
        resolvers={"Query.me": lambda _p, _i: dict(USERS["u1"])},
        references={"User": lambda rep: USERS.get(rep["id"])},
    )
    products = SubgraphSpec(
        "products",
        PRODUCTS_SDL,
        resolvers={"Query.products": lambda _p, _i: list(PRODUCTS.values())},
        references={"Product": lambda rep: PRODUCTS.get(rep["upc"])},
    )
    inventory = SubgraphSpec(
        "inventory",
        INVENTORY_SDL,
        resolvers={
            "Product.shippingEstimate": lambda p, _i: _estimate(p),
            "Product.shippingEstimateTag": lambda p, _i: f"#{p['upc']}#{_estimate(p)}#",
            "Product.inStock": lambda p, _i: p["upc"] in IN_STOCK,
        },
        references={"Product": _inventory_product},
    )
    reviews = SubgraphSpec(
        "reviews",
        REVIEWS_SDL,
        resolvers={
            "Review.author": lambda r, _i: USERS.get(r["authorId"]),
            "Review.product": lambda r, _i: (
                {"upc": r["productUpc"]} if r["productUpc"] in PRODUCTS else None
            ),
            "User.reviews": lambda u, _i: _reviews_of("authorId", u["id"]),
            "Product.reviews": lambda p, _i: _reviews_of("productUpc", p["upc"]),
        },
        references={
            "Review": lambda rep: REVIEWS.get(rep["id"]),
            "User": lambda rep: USERS.get(rep["id"]),
            "Product": lambda rep: {"upc": rep["upc"]},
        },
    )
    return AuditSuite("simple-requires-provides", (accounts, products, inventory, reviews), CASES)


_TWO_PRODUCTS_ESTIMATES = [{"shippingEstimate": 110}, {"shippingEstimate": 440}]

CASES = (
    AuditCase("root field", "{ me { id } }", {"me": {"id": "u1"}}),
    AuditCase(
        "entity list from another subgraph",
        "{ me { id reviews { id } } }",
        {"me": {"id": "u1", "reviews": [{"id": "r1"}, {"id": "r2"}]}},
    ),
    AuditCase(
        "provided username and a field of a third subgraph",
        "{ me { reviews { id author { id username } product { inStock } } } }",
        {
            "me": {
                "reviews": [
                    {
                        "id": "r1",
                        "author": {"id": "u1", "username": "u-username-1"},
                        "product": {"inStock": True},
                    },
                    {
                        "id": "r2",
                        "author": {"id": "u1", "username": "u-username-1"},
                        "product": {"inStock": False},
                    },
                ]
            }
        },
    ),
    AuditCase(
        "root list",
        "{ products { name } }",
        {"products": [{"name": "p-name-1"}, {"name": "p-name-2"}]},
    ),
    AuditCase(
        "root list, other field",
        "{ products { price } }",
        {"products": [{"price": 11}, {"price": 22}]},
    ),
    AuditCase(
        "requires over a root list",
        "{ products { shippingEstimate } }",
        {"products": _TWO_PRODUCTS_ESTIMATES},
    ),
    AuditCase(
        "requires next to its required fields",
        "{ products { shippingEstimate weight price } }",
        {
            "products": [
                {"shippingEstimate": 110, "weight": 1, "price": 11},
                {"shippingEstimate": 440, "weight": 2, "price": 22},
            ]
        },
    ),
    AuditCase(
        "requires two levels down",
        "{ products { reviews { id author { username } product { name shippingEstimate } } } }",
        {
            "products": [
                {
                    "reviews": [
                        {
                            "id": "r1",
                            "author": {"username": "u-username-1"},
                            "product": {"name": "p-name-1", "shippingEstimate": 110},
                        }
                    ]
                },
                {
                    "reviews": [
                        {
                            "id": "r2",
                            "author": {"username": "u-username-1"},
                            "product": {"name": "p-name-2", "shippingEstimate": 440},
                        }
                    ]
                },
            ]
        },
    ),
    AuditCase(
        "back into the same subgraph",
        "{ me { reviews { product { reviews { id } } } } }",
        {
            "me": {
                "reviews": [
                    {"product": {"reviews": [{"id": "r1"}]}},
                    {"product": {"reviews": [{"id": "r2"}]}},
                ]
            }
        },
    ),
    AuditCase(
        "field of a third subgraph in a list",
        "{ me { reviews { product { inStock } } } }",
        {"me": {"reviews": [{"product": {"inStock": True}}, {"product": {"inStock": False}}]}},
    ),
    AuditCase(
        "requires through two entity hops",
        "{ me { reviews { product { shippingEstimate } } } }",
        {"me": {"reviews": [{"product": e} for e in _TWO_PRODUCTS_ESTIMATES]}},
    ),
    AuditCase(
        "two requires fields through two entity hops",
        "{ me { reviews { product { shippingEstimate shippingEstimateTag } } } }",
        {
            "me": {
                "reviews": [
                    {"product": {"shippingEstimate": 110, "shippingEstimateTag": "#p1#110#"}},
                    {"product": {"shippingEstimate": 440, "shippingEstimateTag": "#p2#440#"}},
                ]
            }
        },
    ),
)
