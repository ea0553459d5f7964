"""Audit suite ``include-skip``: ``@include``/``@skip`` on fields at the end of a
``@requires`` chain; when the condition drops the field, no subgraph may resolve it (the
resolvers fail if called)."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  product: Product
}

type Product @key(fields: "id") {
  id: ID!
  price: Float!
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires"])

type Product @key(fields: "id") {
  id: ID!
  price: Float! @external
  isExpensive: Boolean! @requires(fields: "price")
}
"""

C_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires"])

type Product @key(fields: "id") {
  id: ID!
  isExpensive: Boolean! @external
  include: Boolean! @requires(fields: "isExpensive")
  skip: Boolean! @requires(fields: "isExpensive")
  neverCalledInclude: Boolean! @requires(fields: "isExpensive")
  neverCalledSkip: Boolean! @requires(fields: "isExpensive")
}
"""

PRODUCTS = {"p1": {"id": "p1", "price": 699.99}}


def _known(rep: dict[str, Any]) -> dict[str, Any] | None:
    return dict(rep) if rep["id"] in PRODUCTS else None


def _is_expensive(product: dict[str, Any], _info: Any) -> bool:
    if not product.get("price"):
        raise ValueError("Price is missing")
    return bool(product["price"] > 500)


def _needs_is_expensive(product: dict[str, Any], _info: Any) -> bool:
    if not isinstance(product.get("isExpensive"), bool):
        raise ValueError("isExpensive is missing")
    return True


def _never(name: str) -> Any:
    def fail(_product: dict[str, Any], _info: Any) -> bool:
        raise ValueError(f"{name} should not be called")

    return fail


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={"Query.product": lambda _p, _i: dict(PRODUCTS["p1"])},
        references={"Product": lambda rep: PRODUCTS.get(rep["id"])},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={"Product.isExpensive": _is_expensive},
        references={"Product": _known},
    )
    c = SubgraphSpec(
        "c",
        C_SDL,
        resolvers={
            "Product.include": _needs_is_expensive,
            "Product.skip": _needs_is_expensive,
            "Product.neverCalledInclude": _never("neverCalledInclude"),
            "Product.neverCalledSkip": _never("neverCalledSkip"),
        },
        references={"Product": _known},
    )
    return AuditSuite("include-skip", (a, b, c), CASES)


CASES = (
    AuditCase(
        "@include false on a requires chain",
        "query ($bool: Boolean = false) "
        "{ product { price neverCalledInclude @include(if: $bool) } }",
        {"product": {"price": 699.99}},
    ),
    AuditCase(
        "@skip true on a requires chain",
        "query ($bool: Boolean = true) { product { price neverCalledSkip @skip(if: $bool) } }",
        {"product": {"price": 699.99}},
    ),
    AuditCase(
        "@include true on a requires chain",
        "query ($bool: Boolean = true) { product { price include @include(if: $bool) } }",
        {"product": {"price": 699.99, "include": True}},
    ),
    AuditCase(
        "@skip false on a requires chain",
        "query ($bool: Boolean = false) { product { price skip @skip(if: $bool) } }",
        {"product": {"price": 699.99, "skip": True}},
    ),
)
