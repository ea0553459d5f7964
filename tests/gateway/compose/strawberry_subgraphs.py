"""Tiny real Strawberry federation subgraphs used by the introspection and live tests.

No ``from __future__ import annotations``: Strawberry must see the local classes themselves.
"""

import strawberry
from strawberry.asgi import GraphQL


def catalog_app(*, with_rating: bool = False) -> GraphQL:
    """A ``catalog`` subgraph: ``Query.products``; version 2 adds ``Product.rating``."""

    if with_rating:

        @strawberry.federation.type(keys=["upc"])
        class Product:
            upc: str
            name: str
            rating: int = 5

    else:

        @strawberry.federation.type(keys=["upc"])  # type: ignore[no-redef]
        class Product:
            upc: str
            name: str

    @strawberry.type
    class Query:
        @strawberry.field
        def products(self) -> list[Product]:
            return [Product(upc="1", name="Chair"), Product(upc="2", name="Desk")]

    return GraphQL(strawberry.federation.Schema(query=Query))


def stock_app() -> GraphQL:
    """A ``stock`` subgraph extending ``Product`` with ``inStock``."""

    @strawberry.federation.type(keys=["upc"])
    class Product:
        upc: str

        @strawberry.field
        def in_stock(self) -> bool:
            return self.upc == "1"

        @classmethod
        def resolve_reference(cls, upc: str) -> "Product":
            return cls(upc=upc)

    @strawberry.type
    class Query:
        @strawberry.field
        def stock_version(self) -> int:
            return 1

    return GraphQL(strawberry.federation.Schema(query=Query, types=[Product]))
