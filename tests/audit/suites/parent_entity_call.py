"""Audit suite ``parent-entity-call``: a field of a value type (``Category.details``) that
only one subgraph resolves, reachable only through the parent entity ``Product`` (keyed
``id pid``), not through ``Category``'s own key."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@shareable"])

type Query {
  products: [Product!]!
}

type Product @key(fields: "id") @key(fields: "id pid") {
  id: ID!
  pid: ID!
  category: Category @shareable
}

type Category @key(fields: "id") {
  id: ID!
  name: String! @shareable
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Product @key(fields: "id pid") {
  id: ID!
  pid: ID!
  category: Category @shareable
}

type Category @key(fields: "id") {
  id: ID!
  name: String! @shareable
}
"""

C_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Category {
  details: CategoryDetails
}

type Product @key(fields: "id pid") {
  id: ID!
  pid: ID!
  category: Category @shareable
}

type CategoryDetails {
  products: Int
}
"""

PRODUCTS = {
    f"p{n}": {"id": f"p{n}", "pid": f"p{n}-pid", "categoryId": category}
    for n, category in ((1, "c1"), (2, "c2"), (3, "c1"))
}
CATEGORIES = {
    c: {
        "id": c,
        "name": f"{c}-name",
        "details": {"products": sum(1 for p in PRODUCTS.values() if p["categoryId"] == c)},
    }
    for c in ("c1", "c2")
}


def _product(rep: dict[str, Any]) -> dict[str, Any] | None:
    product = PRODUCTS.get(rep["id"])
    if product is None or ("pid" in rep and rep["pid"] != product["pid"]):
        return None
    return product


def _category(product: dict[str, Any], _info: Any) -> dict[str, Any] | None:
    category = CATEGORIES.get(product["categoryId"])
    return None if category is None else {"id": category["id"], "name": category["name"]}


def _entity_subgraph(name: str, sdl: str, **extra: Any) -> SubgraphSpec:
    return SubgraphSpec(
        name,
        sdl,
        resolvers={"Product.category": _category, **extra},
        references={"Product": _product, "Category": lambda rep: CATEGORIES.get(rep["id"])},
    )


def build() -> AuditSuite:
    a = _entity_subgraph("a", A_SDL, **{"Query.products": lambda _p, _i: list(PRODUCTS.values())})
    b = _entity_subgraph("b", B_SDL)
    c = SubgraphSpec(
        "c",
        C_SDL,
        resolvers={
            "Product.category": lambda p, _i: {"details": CATEGORIES[p["categoryId"]]["details"]}
        },
        references={"Product": _product},
    )
    return AuditSuite("parent-entity-call", (a, b, c), CASES)


CASES = (
    AuditCase(
        "value type field through the parent entity",
        "{ products { id category { id details { products } } } }",
        {
            "products": [
                {
                    "id": p["id"],
                    "category": {
                        "id": p["categoryId"],
                        "details": CATEGORIES[p["categoryId"]]["details"],
                    },
                }
                for p in PRODUCTS.values()
            ]
        },
    ),
)
