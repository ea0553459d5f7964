"""Audit suite ``nested-provides``: a nested ``@provides`` field set
(``categories { id name subCategories { id name } }``) lets the root subgraph answer the
whole selection; a gateway may resolve fields through it without any entity call."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

ALL_PRODUCTS_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Product @key(fields: "id") {
  id: ID!
}
"""

CATEGORY_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@external", "@provides"])

type Query {
  products: [Product]
    @shareable
    @provides(fields: "categories { id name subCategories { id name } }")
}

type Product @key(fields: "id") {
  id: ID!
  categories: [Category] @external
}

type Category @key(fields: "id") {
  id: ID!
  name: String
  subCategories: [Category] @external
}
"""

SUBCATEGORIES_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Product @key(fields: "id") {
  id: ID!
  categories: [Category] @shareable
}

type Category @key(fields: "id") {
  id: ID!
  subCategories: [Category] @shareable
}
"""

PRODUCTS = {"p1": ["c1", "c2"], "p2": ["c3", "c2"]}
CATEGORIES = {
    "c1": {"name": "Category 1", "subCategories": ["c2"]},
    "c2": {"name": "Category 2", "subCategories": ["c3"]},
    "c3": {"name": "Category 3", "subCategories": ["c1"]},
}


def _provided_products(_parent: Any, _info: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": product,
            "categories": [
                {
                    "id": category,
                    "name": CATEGORIES[category]["name"],
                    "subCategories": [
                        {"id": sub, "name": CATEGORIES[sub]["name"]}
                        for sub in CATEGORIES[category]["subCategories"]
                    ],
                }
                for category in categories
            ],
        }
        for product, categories in PRODUCTS.items()
    ]


def _category_ref(category_id: str) -> dict[str, Any] | None:
    category = CATEGORIES.get(category_id)
    if category is None:
        return None
    return {"id": category_id, "subCategories": category["subCategories"]}


def build() -> AuditSuite:
    all_products = SubgraphSpec(
        "all-products",
        ALL_PRODUCTS_SDL,
        references={"Product": lambda rep: {"id": rep["id"]} if rep["id"] in PRODUCTS else None},
    )
    category = SubgraphSpec(
        "category",
        CATEGORY_SDL,
        resolvers={"Query.products": _provided_products},
        references={
            "Product": lambda rep: {"id": rep["id"]} if rep["id"] in PRODUCTS else None,
            "Category": lambda rep: {"id": rep["id"]} if rep["id"] in CATEGORIES else None,
        },
    )
    subcategories = SubgraphSpec(
        "subcategories",
        SUBCATEGORIES_SDL,
        resolvers={
            "Product.categories": lambda p, _i: [_category_ref(c) for c in PRODUCTS[p["id"]]],
            "Category.subCategories": lambda c, _i: [
                _category_ref(sub) for sub in c["subCategories"]
            ],
        },
        references={
            "Product": lambda rep: {"id": rep["id"]} if rep["id"] in PRODUCTS else None,
            "Category": lambda rep: _category_ref(rep["id"]),
        },
    )
    return AuditSuite("nested-provides", (all_products, category, subcategories), CASES)


def _category(category_id: str, *, subs: bool) -> dict[str, Any]:
    found: dict[str, Any] = {"id": category_id, "name": CATEGORIES[category_id]["name"]}
    if subs:
        found["subCategories"] = [
            _category(sub, subs=False) for sub in CATEGORIES[category_id]["subCategories"]
        ]
    return found


CASES = (
    AuditCase(
        "provided list of entities",
        "{ products { id categories { id name } } }",
        {
            "products": [
                {"id": p, "categories": [_category(c, subs=False) for c in cs]}
                for p, cs in PRODUCTS.items()
            ]
        },
    ),
    AuditCase(
        "nested provided lists",
        "{ products { id categories { id name subCategories { id name } } } }",
        {
            "products": [
                {"id": p, "categories": [_category(c, subs=True) for c in cs]}
                for p, cs in PRODUCTS.items()
            ]
        },
    ),
)
