"""Tiny real Strawberry federation subgraphs used by the introspection and live tests.

No ``from __future__ import annotations``: Strawberry must see the local classes themselves.
"""

from typing import Literal

import strawberry
from strawberry.asgi import GraphQL

CatalogVersion = Literal["base", "rating", "conflict"]


def catalog_app(version: CatalogVersion = "base") -> GraphQL:
    """A ``catalog`` subgraph serving ``Query.products``. ``rating`` adds ``Product.rating``;
    ``conflict`` keeps ``rating`` and adds ``Product.inStock: String``, which clashes with the
    ``stock`` subgraph (composition fails)."""

    if version == "rating":

        @strawberry.federation.type(keys=["upc"])
        class Product:
            upc: str
            name: str
            rating: int = 5

    elif version == "conflict":

        @strawberry.federation.type(keys=["upc"])  # type: ignore[no-redef]
        class Product:
            upc: str
            name: str
            rating: int = 5
            in_stock: str = "maybe"

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


class SwappableApp:
    """An ASGI app whose target can be replaced while it serves (a subgraph redeploying)."""

    def __init__(self, app: object) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: object, send: object) -> None:
        await self.app(scope, receive, send)  # type: ignore[operator]
