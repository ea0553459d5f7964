"""Audit suite ``requires-with-argument-conflict``: two ``@requires`` of the same field with
different arguments (``price(currency: "USD")`` and ``price(currency: "EUR")``) in one
operation; each requiring field must receive the value for its own argument."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = '''
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires"])

type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price(currency: String!): Int @external
  shippingEstimate: Int @requires(fields: """price(currency: "USD") weight""")
  shippingEstimateEUR: Int @requires(fields: """price(currency: "EUR") weight""")
  category: Category @external
  isExpensiveCategory: Boolean
    @requires(fields: """category { averagePrice(currency: "USD") }""")
}

type Category @external {
  averagePrice(currency: String!): Int
}
'''

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  products: [Product]
}

type Product @key(fields: "upc") {
  upc: String!
  name: String
  price(currency: String!): Int
  weight: Int
  category: Category
}

type Category {
  averagePrice(currency: String!): Int
}
"""

PRODUCTS = {
    "p1": {
        "upc": "p1",
        "name": "p-name-1",
        "price": 11,
        "weight": 1,
        "category": {"averagePrice": 11},
    },
    "p2": {
        "upc": "p2",
        "name": "p-name-2",
        "price": 22,
        "weight": 2,
        "category": {"averagePrice": 22},
    },
}
_EUR_PER_USD = 2  # b's price in EUR is twice the USD price


def _a_product(rep: dict[str, Any]) -> dict[str, Any] | None:
    product = PRODUCTS.get(rep["upc"])
    if product is None:
        return None
    found = {"upc": product["upc"], "category": rep.get("category")}
    if "weight" in rep and "price" in rep:
        found.update(weight=rep["weight"], price=rep["price"])
    return found


def _estimate_eur(product: dict[str, Any], _info: Any) -> int:
    # The USD estimate times 1.5, computed from the EUR price this field requires: a USD
    # price sent in its place gives a non-integer (an error), not a plausible wrong number.
    value = product["price"] / _EUR_PER_USD * product["weight"] * 10 * 1.5
    if value != int(value):
        raise ValueError(f"EUR estimate {value} is not whole: the price sent was not in EUR")
    return int(value)


def _price(product: dict[str, Any], _info: Any, currency: str) -> int:
    if currency == "EUR":
        return int(product["price"]) * _EUR_PER_USD
    if currency == "USD":
        return int(product["price"])
    raise ValueError(f"Unsupported currency {currency}")


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Product.shippingEstimate": lambda p, _i: p["price"] * p["weight"] * 10,
            "Product.shippingEstimateEUR": _estimate_eur,
            "Product.isExpensiveCategory": lambda p, _i: p["category"]["averagePrice"] > 11,
        },
        references={"Product": _a_product},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.products": lambda _p, _i: list(PRODUCTS.values()),
            "Product.price": _price,
            "Category.averagePrice": lambda c, _i, currency: c["averagePrice"],
        },
        references={"Product": lambda rep: PRODUCTS.get(rep["upc"])},
    )
    return AuditSuite("requires-with-argument-conflict", (a, b), CASES)


CASES = (
    AuditCase(
        "same required field with two arguments",
        "{ products { upc name shippingEstimate shippingEstimateEUR isExpensiveCategory } }",
        {
            "products": [
                {
                    "upc": "p1",
                    "name": "p-name-1",
                    "shippingEstimate": 110,
                    "shippingEstimateEUR": 165,
                    "isExpensiveCategory": False,
                },
                {
                    "upc": "p2",
                    "name": "p-name-2",
                    "shippingEstimate": 440,
                    "shippingEstimateEUR": 660,
                    "isExpensiveCategory": True,
                },
            ]
        },
    ),
)
