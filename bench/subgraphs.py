"""Four small Strawberry federation subgraphs for the gateway benchmarks.

products (root list), reviews (entity jump, lists), accounts (jump from reviews' authors,
shared authors de-duplicate) and inventory (``@requires``): one operation touches all four
in three sequential stages. Data is generated deterministically in memory. They link
federation v2.9, the newest version the reference composer (tools/node) accepts.

Types are declared inside one function per subgraph (the subgraphs reuse type names), so
annotations are evaluated eagerly (no ``from __future__ import annotations``): Strawberry
resolves them where they are written.
"""

from typing import Any

import strawberry
from strawberry.asgi import GraphQL
from strawberry.federation import Schema
from strawberry.federation.schema_directives import Key

__all__ = ["OPERATION", "serve_subgraphs", "subgraph_apps", "subgraph_schemas"]

PRODUCT_COUNT = 10
REVIEWS_PER_PRODUCT = 3
USER_COUNT = 7

OPERATION = """
query Shelf($first: Int!) {
  topProducts(first: $first) {
    upc
    name
    price
    inStock
    shippingEstimate
    reviews { body author { name username } }
  }
}
"""


def _products_schema() -> Schema:
    @strawberry.federation.type(keys=["upc"])
    class Product:
        upc: str
        name: str
        price: int
        weight: int

        @classmethod
        def resolve_reference(cls, upc: str) -> "Product":
            return _product(upc)

    def _product(upc: str) -> Product:
        number = int(upc.removeprefix("p"))
        return Product(upc=upc, name=f"Product {number}", price=100 + number, weight=10 * number)

    @strawberry.type
    class Query:
        @strawberry.field
        def top_products(self, first: int = 5) -> list[Product]:
            return [_product(f"p{n}") for n in range(min(first, PRODUCT_COUNT))]

    return Schema(query=Query, federation_version="2.9")


def _reviews_schema() -> Schema:
    @strawberry.federation.type(keys=[Key(fields="id", resolvable=False)])
    class User:
        id: strawberry.ID

    @strawberry.type
    class Review:
        id: strawberry.ID
        body: str
        author: User

    @strawberry.federation.type(keys=["upc"])
    class Product:
        upc: str

        @strawberry.field
        def reviews(self) -> list[Review]:
            number = int(self.upc.removeprefix("p"))
            return [
                Review(
                    id=strawberry.ID(f"{self.upc}-r{n}"),
                    body=f"Review {n} of {self.upc}",
                    author=User(id=strawberry.ID(f"u{(number + n) % USER_COUNT}")),
                )
                for n in range(REVIEWS_PER_PRODUCT)
            ]

        @classmethod
        def resolve_reference(cls, upc: str) -> "Product":
            return cls(upc=upc)

    @strawberry.type
    class Query:
        @strawberry.field
        def review_count(self) -> int:
            return PRODUCT_COUNT * REVIEWS_PER_PRODUCT

    return Schema(query=Query, types=[Product], federation_version="2.9")


def _accounts_schema() -> Schema:
    @strawberry.federation.type(keys=["id"])
    class User:
        id: strawberry.ID
        name: str
        username: str

        @classmethod
        def resolve_reference(cls, id: strawberry.ID) -> "User":
            return cls(id=id, name=f"User {id}", username=f"user_{id}")

    @strawberry.type
    class Query:
        @strawberry.field
        def me(self) -> User:
            return User(id=strawberry.ID("u0"), name="User u0", username="user_u0")

    return Schema(query=Query, federation_version="2.9")


def _inventory_schema() -> Schema:
    @strawberry.federation.type(keys=["upc"])
    class Product:
        upc: str
        weight: int = strawberry.federation.field(external=True)

        @strawberry.field
        def in_stock(self) -> bool:
            return not self.upc.endswith("3")

        @strawberry.federation.field(requires=["weight"])
        def shipping_estimate(self) -> int:
            return 500 + self.weight // 2

        @classmethod
        def resolve_reference(cls, upc: str, **rest: Any) -> "Product":
            return cls(upc=upc, weight=int(rest.get("weight", 0)))

    @strawberry.type
    class Query:
        @strawberry.field
        def warehouses(self) -> int:
            return 1

    return Schema(query=Query, types=[Product], federation_version="2.9")


def subgraph_schemas() -> dict[str, Schema]:
    """Subgraph name -> Strawberry federation schema."""
    return {
        "products": _products_schema(),
        "reviews": _reviews_schema(),
        "accounts": _accounts_schema(),
        "inventory": _inventory_schema(),
    }


def subgraph_apps() -> dict[str, GraphQL]:
    """Subgraph name -> ASGI app serving it (no GraphiQL)."""
    return {name: GraphQL(schema, graphql_ide=None) for name, schema in subgraph_schemas().items()}


def serve_subgraphs(ports: dict[str, int]) -> None:
    """Serve every subgraph on ``127.0.0.1:<ports[name]>`` until the process is terminated."""
    import asyncio

    import uvicorn

    apps = subgraph_apps()
    servers = [
        uvicorn.Server(
            uvicorn.Config(
                apps[name], host="127.0.0.1", port=port, log_level="warning", access_log=False
            )
        )
        for name, port in ports.items()
    ]

    async def serve_all() -> None:
        await asyncio.gather(*(server.serve() for server in servers))

    asyncio.run(serve_all())
