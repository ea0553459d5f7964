"""Audit suite ``mutations``: root mutation fields spread over three subgraphs must run one
after another in document order; entity calls after a mutation must happen once per
subgraph (the reference resolvers delete what they resolve); a ``@shareable`` mutation
field must be sent to one subgraph only (a second call fails)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Mutation {
  addProduct(input: AddProductInput!): Product!
  addCategory(name: String!, requestId: String!): Category! @shareable
  multiply(by: Int!, requestId: String!): Int!
}

type Query {
  product(id: ID!): Product!
  products: [Product!]!
}

input AddProductInput {
  name: String!
  price: Float!
}

type Product @key(fields: "id") {
  id: ID!
  name: String!
  price: Float!
}

type Category @key(fields: "id") {
  id: ID!
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires", "@shareable"])

type Product @key(fields: "id") {
  id: ID!
  price: Float! @external
  isExpensive: Boolean! @requires(fields: "price")
  isAvailable: Boolean!
}

type Mutation {
  delete(requestId: String!): Int!
  addCategory(name: String!, requestId: String!): Category! @shareable
}

type Category @key(fields: "id") {
  id: ID!
  name: String!
}
"""

C_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Mutation {
  add(num: Int!, requestId: String!): Int!
}
"""

REQUEST_ID = "r-1"


@dataclass
class Store:
    """The state all three subgraphs share (the audit keeps it in one durable object)."""

    products: list[dict[str, Any]] = field(default_factory=list)
    categories: list[dict[str, Any]] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)

    def reset(self) -> None:
        self.products.clear()
        self.categories.clear()
        self.numbers.clear()

    def init_products(self) -> None:
        if not any(p["id"] == "p1" for p in self.products):
            self.products.append({"id": "p1", "name": "p1-name", "price": 9.99})

    def add_product(self, name: str, price: float) -> dict[str, Any]:
        product = {"id": f"p-added-{len(self.products)}", "name": name, "price": price}
        self.products.append(product)
        return product

    def take_product(self, product_id: str) -> dict[str, Any] | None:
        """Find and delete (what the audit's reference resolvers do)."""
        product = next((p for p in self.products if p["id"] == product_id), None)
        if product is not None:
            self.products.remove(product)
        return product

    def add_category(self, name: str, request_id: str) -> dict[str, Any]:
        category_id = f"c-added-{request_id}"
        if any(c["id"] == category_id for c in self.categories):
            raise ValueError("Category with this requestId was already added")
        category = {"id": category_id, "name": name}
        self.categories.append(category)
        return category

    def category(self, category_id: str) -> dict[str, Any] | None:
        return next((c for c in self.categories if c["id"] == category_id), None)

    def add(self, num: int, request_id: str) -> int:
        self.numbers[request_id] = self.numbers.get(request_id, 0) + num
        return self.numbers[request_id]

    def multiply(self, by: int, request_id: str) -> int:
        self.numbers[request_id] = self.numbers.get(request_id, 0) * by
        return self.numbers[request_id]

    def delete(self, request_id: str) -> int:
        return self.numbers.pop(request_id, 0)


def _is_expensive(product: dict[str, Any], _info: Any) -> bool:
    if not isinstance(product.get("price"), float | int):
        raise ValueError("Price is not available")
    return product["price"] > 100


def build() -> AuditSuite:
    store = Store()

    def a_product(_parent: Any, _info: Any, id: str) -> dict[str, Any] | None:
        store.init_products()
        return next((dict(p) for p in store.products if p["id"] == id), None)

    def a_products(_parent: Any, _info: Any) -> list[dict[str, Any]]:
        store.init_products()
        return store.products

    def b_product(representation: dict[str, Any]) -> dict[str, Any] | None:
        product = store.take_product(representation["id"])
        if product is None:
            return None
        return {"id": product["id"], "isAvailable": True, "price": product["price"]}

    def a_category(representation: dict[str, Any]) -> dict[str, Any] | None:
        category = store.category(representation["id"])
        return None if category is None else {"id": category["id"]}

    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.product": a_product,
            "Query.products": a_products,
            "Mutation.addProduct": lambda _p, _i, input: store.add_product(
                input["name"], input["price"]
            ),
            "Mutation.addCategory": lambda _p, _i, name, requestId: store.add_category(
                name, requestId
            ),
            "Mutation.multiply": lambda _p, _i, by, requestId: store.multiply(by, requestId),
        },
        references={"Product": lambda rep: store.take_product(rep["id"]), "Category": a_category},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Product.isExpensive": _is_expensive,
            "Mutation.delete": lambda _p, _i, requestId: store.delete(requestId),
            "Mutation.addCategory": lambda _p, _i, name, requestId: store.add_category(
                name, requestId
            ),
        },
        references={"Product": b_product, "Category": lambda rep: store.category(rep["id"])},
    )
    c = SubgraphSpec(
        "c",
        C_SDL,
        resolvers={"Mutation.add": lambda _p, _i, num, requestId: store.add(num, requestId)},
    )
    return AuditSuite("mutations", (a, b, c), CASES, reset=store.reset)


CASES = (
    AuditCase(
        "mutation result completed by a requires entity call",
        'mutation { addProduct(input: { name: "new", price: 599.99 }) '
        "{ name price isExpensive isAvailable } }",
        {
            "addProduct": {
                "name": "new",
                "price": 599.99,
                "isExpensive": True,
                "isAvailable": True,
            }
        },
    ),
    AuditCase(
        "one entity call per subgraph",
        '{ product(id: "p1") { id name price isExpensive isAvailable } }',
        {
            "product": {
                "id": "p1",
                "name": "p1-name",
                "price": 9.99,
                "isExpensive": False,
                "isAvailable": True,
            }
        },
    ),
    AuditCase(
        "root mutation fields in document order across subgraphs",
        f"""
        mutation {{
          five: add(num: 5, requestId: "{REQUEST_ID}")
          ten: multiply(by: 2, requestId: "{REQUEST_ID}")
          twelve: add(num: 2, requestId: "{REQUEST_ID}")
          final: delete(requestId: "{REQUEST_ID}")
        }}
        """,
        {"five": 5, "ten": 10, "twelve": 12, "final": 12},
    ),
    AuditCase(
        "shareable mutation field sent once",
        f'mutation {{ addCategory(name: "new", requestId: "{REQUEST_ID}") {{ id name }} }}',
        {"addCategory": {"id": f"c-added-{REQUEST_ID}", "name": "new"}},
    ),
)
