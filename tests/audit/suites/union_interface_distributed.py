"""Audit suite ``union-interface-distributed``: an interface implemented by ``Toaster`` in one
subgraph and by ``Oven`` only in another; fragments on the interface under a union, nested
interface conditions, and an object returned where its subgraph does not know it implements
the interface."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable", "@key"])

type Query {
  products: [Product]
  node(id: ID!): Node
  nodes: [Node]
  toasters: [Toaster]
}

union Product = Oven | Toaster

interface Node {
  id: ID!
}

interface WithWarranty {
  warranty: Int
}

type Oven @key(fields: "id") {
  id: ID!
}

type Toaster implements Node & WithWarranty @key(fields: "id") {
  id: ID!
  warranty: Int
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

interface Node {
  id: ID!
}

interface WithWarranty {
  warranty: Int
}

type Oven implements Node & WithWarranty @key(fields: "id") {
  id: ID!
  warranty: Int
}
"""

PRODUCTS = {
    "oven1": {"__typename": "Oven", "id": "oven1"},
    "oven2": {"__typename": "Oven", "id": "oven2"},
    "toaster1": {"__typename": "Toaster", "id": "toaster1", "warranty": 3},
    "toaster2": {"__typename": "Toaster", "id": "toaster2", "warranty": 4},
}


def _of(typename: str) -> list[dict[str, Any]]:
    return [p for p in PRODUCTS.values() if p["__typename"] == typename]


def _typed(typename: str, extra: dict[str, Any] | None = None) -> Any:
    def resolve(rep: dict[str, Any]) -> dict[str, Any] | None:
        product = PRODUCTS.get(rep["id"])
        if product is None or product["__typename"] != typename:
            return None
        return {**product, **(extra or {})}

    return resolve


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.products": lambda _p, _i: list(PRODUCTS.values()),
            # For an oven this answers an object a's schema does not see as a Node: an error.
            "Query.node": lambda _p, _i, id: PRODUCTS.get(id),
            "Query.nodes": lambda _p, _i: _of("Toaster"),
            "Query.toasters": lambda _p, _i: _of("Toaster"),
        },
        references={"Oven": _typed("Oven"), "Toaster": _typed("Toaster")},
    )
    b = SubgraphSpec("b", B_SDL, references={"Oven": _typed("Oven", {"warranty": 1})})
    return AuditSuite("union-interface-distributed", (a, b), CASES)


_TOASTER_IDS = [{"id": "toaster1"}, {"id": "toaster2"}]
_WARRANTIES = [{"warranty": 3}, {"warranty": 4}]

CASES = (
    AuditCase(
        "interface fragment under a union, implemented in different subgraphs",
        "{ products { ... on Node { id } } }",
        {"products": [{"id": p} for p in PRODUCTS]},
    ),
    AuditCase(
        "implementation conditions under an interface",
        "{ nodes { ... on Toaster { warranty } ... on Oven { id } } }",
        {"nodes": _WARRANTIES},
    ),
    AuditCase("interface field", "{ nodes { id } }", {"nodes": _TOASTER_IDS}),
    AuditCase(
        "interface condition on the interface",
        "{ nodes { ... on Node { id } } }",
        {"nodes": _TOASTER_IDS},
    ),
    AuditCase(
        "other interface nested in an interface condition",
        "{ nodes { ... on Node { ... on WithWarranty { warranty } } } }",
        {"nodes": _WARRANTIES},
    ),
    AuditCase(
        "nested interface conditions",
        "{ nodes { ... on Node { id ... on Node { id ... on WithWarranty { warranty } } } } }",
        {"nodes": [{**i, **w} for i, w in zip(_TOASTER_IDS, _WARRANTIES, strict=True)]},
    ),
    AuditCase(
        "object and interface fragments",
        "{ toasters { ...ToasterFragment ...NodeFragment } } "
        "fragment ToasterFragment on Toaster { id } "
        "fragment NodeFragment on Node { id __typename }",
        {"toasters": [{**i, "__typename": "Toaster"} for i in _TOASTER_IDS]},
    ),
    AuditCase(
        "object its subgraph does not know as a Node",
        '{ node(id: "oven1") { ... on Oven { warranty } } }',
        {"node": None},
        errors=True,
    ),
    AuditCase(
        "same, other condition",
        '{ node(id: "oven1") { ... on Toaster { warranty } } }',
        {"node": None},
        errors=True,
    ),
    AuditCase(
        "implementation known as a Node",
        '{ node(id: "toaster1") { ... on Toaster { warranty } } }',
        {"node": {"warranty": 3}},
    ),
)
