"""Four fast fixture subgraphs for the side-by-side gateway comparison (`bench.compare`).

The same graph as `bench.subgraphs` (products, reviews, accounts, inventory with
``@requires``) written as subgraph SDL over in-memory dicts and served by the generic fixture
subgraph (`tests.fixtures.federation.subgraph`), but through `CachedSubgraphApp`: it parses
and validates each distinct query text once and then only executes it, so the subgraphs stay
cheap next to the gateways under test. Each subgraph runs in its own process (uvicorn with
uvloop and httptools) so none of them serialises the others.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Mapping
from typing import Any

import httpx
import orjson
from graphql import DocumentNode, GraphQLError, GraphQLSchema, execute, parse, validate

from tests.fixtures.federation.subgraph import SubgraphSpec, build_subgraph_schema

__all__ = ["CachedSubgraphApp", "serve_subgraph", "subgraph_specs", "wait_until_serving"]

PRODUCT_COUNT = 20
REVIEWS_PER_PRODUCT = 3
USER_COUNT = 7
_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [{}])\n'

PRODUCTS_SDL = (
    _LINK.format('"@key"')
    + """
type Query { topProducts(first: Int = 5): [Product!]! }
type Product @key(fields: "upc") { upc: String! name: String! price: Int! weight: Int! }
"""
)
REVIEWS_SDL = (
    _LINK.format('"@key"')
    + """
type Product @key(fields: "upc") { upc: String! reviews: [Review!]! }
type Review { id: ID! body: String! author: User! }
type User @key(fields: "id", resolvable: false) { id: ID! }
"""
)
ACCOUNTS_SDL = (
    _LINK.format('"@key"')
    + """
type Query { me: User }
type User @key(fields: "id") { id: ID! name: String! username: String! }
"""
)
INVENTORY_SDL = (
    _LINK.format('"@key", "@external", "@requires"')
    + """
type Product @key(fields: "upc") {
  upc: String!
  weight: Int! @external
  inStock: Boolean!
  shippingEstimate: Int! @requires(fields: "weight")
}
"""
)


def _product(number: int) -> dict[str, Any]:
    upc = f"p{number}"
    return {"upc": upc, "name": f"Product {number}", "price": 100 + number, "weight": 10 * number}


def _reviews(product: dict[str, Any], _info: Any) -> list[dict[str, Any]]:
    number = int(product["upc"].removeprefix("p"))
    return [
        {
            "id": f"{product['upc']}-r{n}",
            "body": f"Review {n} of {product['upc']}",
            "author": {"__typename": "User", "id": f"u{(number + n) % USER_COUNT}"},
        }
        for n in range(REVIEWS_PER_PRODUCT)
    ]


def _user(representation: dict[str, Any]) -> dict[str, Any]:
    uid = representation["id"]
    return {"__typename": "User", "id": uid, "name": f"User {uid}", "username": f"user_{uid}"}


def subgraph_specs() -> dict[str, SubgraphSpec]:
    """Subgraph name -> its fixture spec (SDL, resolvers, reference resolvers)."""
    products = {f"p{n}": _product(n) for n in range(PRODUCT_COUNT)}
    return {
        "products": SubgraphSpec(
            "products",
            PRODUCTS_SDL,
            resolvers={
                "Query.topProducts": lambda _p, _i, first=5: list(products.values())[:first]
            },
            references={"Product": lambda rep: products.get(rep["upc"])},
        ),
        "reviews": SubgraphSpec(
            "reviews",
            REVIEWS_SDL,
            resolvers={"Product.reviews": _reviews},
            references={"Product": dict},
        ),
        "accounts": SubgraphSpec(
            "accounts",
            ACCOUNTS_SDL,
            resolvers={"Query.me": lambda _p, _i: _user({"id": "u0"})},
            references={"User": _user},
        ),
        "inventory": SubgraphSpec(
            "inventory",
            INVENTORY_SDL,
            resolvers={
                "Product.inStock": lambda p, _i: not p["upc"].endswith("3"),
                "Product.shippingEstimate": lambda p, _i: 500 + p["weight"] // 2,
            },
            references={"Product": dict},
        ),
    }


class CachedSubgraphApp:
    """ASGI app executing GraphQL POSTs against ``schema``; each query text is parsed and
    validated once (at most ``cache_size`` texts are kept)."""

    def __init__(self, schema: GraphQLSchema, cache_size: int = 256) -> None:
        self._schema = schema
        self._cache_size = cache_size
        self._documents: dict[str, DocumentNode | list[GraphQLError]] = {}

    def _document(self, query: str) -> DocumentNode | list[GraphQLError]:
        document = self._documents.get(query)
        if document is None:
            try:
                parsed = parse(query)
                errors = validate(self._schema, parsed)
                document = errors or parsed
            except GraphQLError as error:
                document = [error]
            if len(self._documents) >= self._cache_size:
                self._documents.clear()
            self._documents[query] = document
        return document

    async def _answer(self, body: bytes) -> bytes:
        request = orjson.loads(body)
        document = self._document(request.get("query") or "")
        if isinstance(document, list):
            return orjson.dumps({"errors": [error.formatted for error in document]})
        result: Any = execute(
            self._schema,
            document,
            variable_values=request.get("variables"),
            operation_name=request.get("operationName"),
        )
        if inspect.isawaitable(result):
            result = await result
        return orjson.dumps(result.formatted)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        payload = await self._answer(body)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})


def serve_subgraph(name: str, port: int) -> None:
    """Serve subgraph ``name`` on ``127.0.0.1:port`` until the process is terminated."""
    import uvicorn

    app = CachedSubgraphApp(build_subgraph_schema(subgraph_specs()[name]))
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        loop="uvloop",
        http="httptools",
        lifespan="off",
        log_level="warning",
        access_log=False,
    )


def wait_until_serving(urls: Mapping[str, str], timeout: float = 30.0) -> None:
    """Block until every URL answers a GraphQL POST (raises ``RuntimeError`` otherwise)."""
    deadline = time.monotonic() + timeout
    for url in urls.values():
        while True:
            try:
                httpx.post(url, json={"query": "{ __typename }"}, timeout=1.0)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} did not start") from None
                time.sleep(0.05)
