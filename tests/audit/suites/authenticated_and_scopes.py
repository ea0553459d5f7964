"""Audit suite ``authenticated-and-scopes``: ``@authenticated`` and ``@requiresScopes`` on
fields of a non-entity type shared by three subgraphs; unauthorized fields come out null with
an error and are never fetched. The audit sends HS256 JWTs (``scope`` claim); here the
caller's scopes are given directly (token verification belongs to the edge's tests)."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite


def _sdl(imported: str, field: str, type_name: str, directive: str, type_fields: str) -> str:
    return f"""
extend schema @link(url: "https://specs.apollo.dev/federation/v2.5",
  import: ["@key", "@shareable", "{imported}"])

type Query {{
  product: Product! @shareable
  products: [Product!]! @shareable
}}

type Product {{
  id: ID! @shareable
  {field}: {type_name}! {directive}
}}

type {type_name} {{
  {type_fields}
}}

directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
directive @requiresScopes(scopes: [[federation__Scope!]!]!)
  on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
scalar federation__Scope
"""


PRODUCT = {
    "id": "1",
    "name": {"id": "1", "brand": "Brand 1", "model": "Model 1"},
    "category": {"id": "1", "name": "Category 1"},
    "price": {"id": "1", "amount": 1000, "currency": "USD"},
}


def _subgraph(name: str, sdl: str) -> SubgraphSpec:
    def one(_parent: Any, _info: Any) -> dict[str, Any]:
        return {"id": PRODUCT["id"], name: PRODUCT[name]}

    return SubgraphSpec(
        name, sdl, resolvers={"Query.product": one, "Query.products": lambda p, i: [one(p, i)]}
    )


def build() -> AuditSuite:
    subgraphs = (
        _subgraph(
            "name",
            _sdl(
                "@authenticated",
                "name",
                "Name",
                "@authenticated",
                "id: ID!\n  brand: String!\n  model: String!",
            ),
        ),
        _subgraph(
            "price",
            _sdl(
                "@requiresScopes",
                "price",
                "Price",
                '@requiresScopes(scopes: [["price"], ["all"]])',
                "id: ID!\n  amount: Int!\n  currency: String!",
            ),
        ),
        _subgraph(
            "category",
            _sdl(
                "@requiresScopes",
                "category",
                "Category",
                '@requiresScopes(scopes: [["category-name", "category-id"], ["all"]])',
                "id: ID!\n  name: String!",
            ),
        ),
    )
    return AuditSuite("authenticated-and-scopes", subgraphs, CASES)


_ALL_FIELDS = "id name { id brand model } category { id name } price { id amount currency }"
_GRANULAR = frozenset({"category-name", "category-id", "price"})


def _both(name: str, selection: str, product: dict[str, Any], **options: Any) -> tuple[Any, ...]:
    """The audit asks each operation once through ``product`` and once through ``products``."""
    return (
        AuditCase(
            f"{name} (one)", f"{{ product {{ {selection} }} }}", {"product": product}, **options
        ),
        AuditCase(
            f"{name} (list)",
            f"{{ products {{ {selection} }} }}",
            {"products": [product]},
            **options,
        ),
    )


CASES = (
    *_both("granular scopes", _ALL_FIELDS, PRODUCT, scopes=_GRANULAR),
    *_both("the 'all' scope", _ALL_FIELDS, PRODUCT, scopes=frozenset({"all"})),
    *_both(
        "authenticated without the scopes",
        "id name { id brand model } category { name } price { amount }",
        {"id": "1", "name": PRODUCT["name"], "category": None, "price": None},
        errors=True,
        scopes=frozenset({"non-used-scope"}),
    ),
    *_both(
        "anonymous",
        "id name { brand } category { name } price { amount }",
        {"id": "1", "name": None, "category": None, "price": None},
        errors=True,
    ),
    *_both(
        "one of two required scopes",
        "id category { id name }",
        {"id": "1", "category": None},
        errors=True,
        scopes=frozenset({"category-id"}),
    ),
)
