"""Audit suite ``complex-entity-call``: entities whose keys are nested and list-valued
(``ProductList @key(fields: "products{id pid category{id tag}} selected{id}")``), so the
gateway must gather key fields from several subgraphs before it can call the owner."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

LINK_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])

type Product @key(fields: "id") @key(fields: "id pid") {
  id: String!
  pid: String!
}
"""

LIST_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key", "@shareable"])

type ProductList @key(fields: "products{id pid}") {
  products: [Product!]!
  first: Product @shareable
  selected: Product @shareable
}

type Product @key(fields: "id pid") {
  id: String!
  pid: String
}
"""

PRICE_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key", "@shareable"])

type ProductList @key(fields: "products{id pid category{id tag}} selected{id}") {
  products: [Product!]!
  first: Product @shareable
  selected: Product @shareable
}

type Product @key(fields: "id pid category{id tag}") {
  id: String!
  price: Price
  pid: String
  category: Category
}

type Category @key(fields: "id tag") {
  id: String!
  tag: String
}

type Price {
  price: Float!
}
"""

PRODUCTS_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.0",
  import: ["@key", "@external", "@extends", "@shareable"])

type Query {
  topProducts: ProductList!
}

type ProductList @key(fields: "products{id}") {
  products: [Product!]!
}

type Product @extends @key(fields: "id") {
  id: String! @external
  category: Category @shareable
}

type Category @key(fields: "id") {
  mainProduct: Product! @shareable
  id: String!
  tag: String @shareable
}
"""

PRODUCTS = [
    {"id": "1", "pid": "p1", "categoryId": "c1", "price": 100.0},
    {"id": "2", "pid": "p2", "categoryId": "c2", "price": 200.0},
]
CATEGORIES = {
    "c1": {"id": "c1", "tag": "t1", "mainProduct": "1"},
    "c2": {"id": "c2", "tag": "t2", "mainProduct": "2"},
}


def _by_id(product_id: str) -> dict[str, Any] | None:
    return next((p for p in PRODUCTS if p["id"] == product_id), None)


def _by_id_pid(key: dict[str, Any]) -> dict[str, Any] | None:
    return next((p for p in PRODUCTS if p["id"] == key["id"] and p["pid"] == key["pid"]), None)


def _link_product(key: dict[str, Any]) -> dict[str, Any] | None:
    return _by_id_pid(key) if "pid" in key else _by_id(key["id"])


def _matches_full_key(product: dict[str, Any], key: dict[str, Any]) -> bool:
    category = CATEGORIES.get(product["categoryId"])
    return (
        product["id"] == key["id"]
        and product["pid"] == key["pid"]
        and category is not None
        and category["id"] == key["category"]["id"]
        and category["tag"] == key["category"]["tag"]
    )


def _price_product(key: dict[str, Any]) -> dict[str, Any] | None:
    return next((p for p in PRODUCTS if _matches_full_key(p, key)), None)


def _price_list(key: dict[str, Any]) -> dict[str, Any]:
    products = [p for p in PRODUCTS if any(_matches_full_key(p, k) for k in key["products"])]
    return {
        "products": products,
        "first": products[0] if products else None,
        "selected": _by_id(key["selected"]["id"]),
    }


def _list_list(key: dict[str, Any]) -> dict[str, Any]:
    products = [p for p in PRODUCTS if any(_by_id_pid(k) is p for k in key["products"])]
    return {
        "products": products,
        "first": products[0] if products else None,
        "selected": products[1] if len(products) > 1 else None,
    }


def _products_list(key: dict[str, Any]) -> dict[str, Any]:
    wanted = {k["id"] for k in key["products"]}
    return {"products": [p for p in PRODUCTS if p["id"] in wanted]}


def build() -> AuditSuite:
    link = SubgraphSpec("link", LINK_SDL, references={"Product": _link_product})
    listing = SubgraphSpec(
        "list",
        LIST_SDL,
        references={"ProductList": _list_list, "Product": _by_id_pid},
    )
    price = SubgraphSpec(
        "price",
        PRICE_SDL,
        resolvers={
            "Product.price": lambda p, _i: {"price": p["price"]},
            "Product.category": lambda p, _i: CATEGORIES.get(p["categoryId"]),
        },
        references={
            "Product": _price_product,
            "Category": lambda key: CATEGORIES.get(key["id"]),
            "ProductList": _price_list,
        },
    )
    products = SubgraphSpec(
        "products",
        PRODUCTS_SDL,
        resolvers={
            "Query.topProducts": lambda _p, _i: {"products": PRODUCTS},
            "Product.category": lambda p, _i: CATEGORIES.get(p["categoryId"]),
            "Category.mainProduct": lambda c, _i: _by_id(c["mainProduct"]),
        },
        references={
            "ProductList": _products_list,
            "Product": lambda key: _by_id(key["id"]),
            "Category": lambda key: CATEGORIES.get(key["id"]),
        },
    )
    return AuditSuite("complex-entity-call", (link, listing, price, products), CASES)


CASES = (
    AuditCase(
        "keys gathered from three subgraphs",
        """
        {
          topProducts {
            products { id pid price { price } category { mainProduct { id } id tag } }
            selected { id }
            first { id }
          }
        }
        """,
        {
            "topProducts": {
                "products": [
                    {
                        "id": "1",
                        "pid": "p1",
                        "price": {"price": 100},
                        "category": {"mainProduct": {"id": "1"}, "id": "c1", "tag": "t1"},
                    },
                    {
                        "id": "2",
                        "pid": "p2",
                        "price": {"price": 200},
                        "category": {"mainProduct": {"id": "2"}, "id": "c2", "tag": "t2"},
                    },
                ],
                "selected": {"id": "2"},
                "first": {"id": "1"},
            }
        },
    ),
)
