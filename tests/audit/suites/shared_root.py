"""Audit suite ``shared-root``: the same ``@shareable`` root fields in three subgraphs, each
adding one field of a non-entity ``Product``; the gateway must ask each subgraph for its own
part and merge the objects."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite


def _sdl(field: str, type_name: str, type_fields: str) -> str:
    return f"""
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {{
  product: Product! @shareable
  products: [Product!]! @shareable
}}

type Product {{
  id: ID! @shareable
  {field}: {type_name}!
}}

type {type_name} {{
  {type_fields}
}}
"""


PRODUCT = {
    "id": "1",
    "name": {"id": "1", "brand": "Brand 1", "model": "Model 1"},
    "category": {"id": "1", "name": "Category 1"},
    "price": {"id": "1", "amount": 1000, "currency": "USD"},
}


def _subgraph(name: str, field: str, type_name: str, type_fields: str) -> SubgraphSpec:
    def one(_parent: Any, _info: Any) -> dict[str, Any]:
        return {"id": PRODUCT["id"], field: PRODUCT[field]}

    return SubgraphSpec(
        name,
        _sdl(field, type_name, type_fields),
        resolvers={"Query.product": one, "Query.products": lambda p, i: [one(p, i)]},
    )


def build() -> AuditSuite:
    subgraphs = (
        _subgraph("category", "category", "Category", "id: ID!\n  name: String!"),
        _subgraph("name", "name", "Name", "id: ID!\n  brand: String!\n  model: String!"),
        _subgraph("price", "price", "Price", "id: ID!\n  amount: Int!\n  currency: String!"),
    )
    return AuditSuite("shared-root", subgraphs, CASES)


_SELECTION = """
  id
  name { id brand model }
  category { id name }
  price { id amount currency }
"""

CASES = (
    AuditCase(
        "one object from three subgraphs", f"{{ product {{ {_SELECTION} }} }}", {"product": PRODUCT}
    ),
    AuditCase(
        "a list from three subgraphs", f"{{ products {{ {_SELECTION} }} }}", {"products": [PRODUCT]}
    ),
)
