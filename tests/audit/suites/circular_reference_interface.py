"""Audit suite ``circular-reference-interface``: an interface field returning the interface
(``Product.samePriceProduct``), narrowed to ``Book`` with ``@provides(fields: "price")`` in
the implementation, selected both through the interface and the implementation."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@provides"])

type Query {
  product: Product
}

interface Product {
  samePriceProduct: Product
}

type Book implements Product @key(fields: "id") {
  id: ID!
  samePriceProduct: Book @provides(fields: "price")
  price: Float @external
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Book @key(fields: "id") {
  id: ID!
  price: Float @shareable
}
"""

BOOKS = {
    book_id: {"__typename": "Book", "id": book_id, "price": price}
    for book_id, price in (("1", 10.99), ("2", 5.99), ("3", 10.99))
}


def _same_price(book: dict[str, Any], _info: Any) -> dict[str, Any] | None:
    return next(
        (
            other
            for other in BOOKS.values()
            if other["price"] == book.get("price") and other["id"] != book["id"]
        ),
        None,
    )


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.product": lambda _p, _i: BOOKS["1"],
            "Book.samePriceProduct": _same_price,
        },
        # No reference resolver in the audit: the subgraph library answers the key itself.
        references={"Book": dict},
    )
    b = SubgraphSpec("b", B_SDL, references={"Book": lambda rep: BOOKS.get(rep["id"])})
    return AuditSuite("circular-reference-interface", (a, b), CASES)


CASES = (
    AuditCase(
        "interface field through the interface twice",
        "{ product { samePriceProduct { ... on Product { samePriceProduct { __typename } } } } }",
        {"product": {"samePriceProduct": {"samePriceProduct": {"__typename": "Book"}}}},
    ),
    AuditCase(
        "interface and implementation selections merged",
        """
        {
          product {
            __typename
            samePriceProduct {
              __typename
              ... on Book { id }
              samePriceProduct { __typename ... on Book { id } }
            }
            ... on Book { __typename id price samePriceProduct { id price } }
          }
        }
        """,
        {
            "product": {
                "__typename": "Book",
                "samePriceProduct": {
                    "__typename": "Book",
                    "id": "3",
                    "samePriceProduct": {"__typename": "Book", "id": "1"},
                    "price": 10.99,
                },
                "id": "1",
                "price": 10.99,
            }
        },
    ),
)
