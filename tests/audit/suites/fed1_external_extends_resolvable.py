"""Audit suite ``fed1-external-extends-resolvable``: a Federation 1 extension with two keys,
one of them (``id name``) provided by the owner, the other (``upc``) external; fulfilling one
key is enough to resolve every field, including the other key's."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
type Query {
  productInA: Product
}

type Product @key(fields: "id") {
  id: ID!
  name: String
  pid: ID
}
"""

B_SDL = """
type Query {
  productInB: Product
}

extend type Product @key(fields: "id name") @key(fields: "upc") {
  id: ID @external
  name: String @external
  upc: String @external
  price: Float!
}
"""

PRODUCT = {"id": "p1", "pid": "p1-pid", "price": 12.3, "upc": "upc1", "name": "p1-name"}


def _a_product(rep: dict[str, Any]) -> dict[str, Any] | None:
    return None if rep["id"] != PRODUCT["id"] else {k: PRODUCT[k] for k in ("id", "name", "pid")}


def _b_product(rep: dict[str, Any]) -> dict[str, Any] | None:
    if "id" in rep:
        found = rep["id"] == PRODUCT["id"] and rep.get("name") == PRODUCT["name"]
    else:
        found = rep.get("upc") == PRODUCT["upc"]
    return {k: PRODUCT[k] for k in ("id", "name", "upc", "price")} if found else None


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={"Query.productInA": lambda _p, _i: _a_product({"id": "p1"})},
        references={"Product": _a_product},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={"Query.productInB": lambda _p, _i: _b_product({"upc": "upc1"})},
        references={"Product": _b_product},
    )
    return AuditSuite("fed1-external-extends-resolvable", (a, b), CASES)


CASES = (
    AuditCase(
        "external key field through the other key",
        "{ productInA { id pid price upc name } }",
        {"productInA": dict(PRODUCT)},
    ),
)
