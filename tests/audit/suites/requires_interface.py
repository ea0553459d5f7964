"""Audit suite ``requires-interface``: ``@requires`` of an interface-typed external field
(``address { id }``) and of a fragment on one implementation
(``address { ... on WorkAddress { id } }``), where the subgraphs know different
implementations of ``Address``."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@requires", "@external", "@shareable"])

type Query {
  a: User
}

interface Address {
  id: ID!
}

type HomeAddress implements Address @key(fields: "id") {
  id: ID!
  city: String @shareable
}

type WorkAddress implements Address @key(fields: "id") {
  id: ID!
  city: String @shareable
}

type User @key(fields: "id") {
  id: ID!
  name: String! @shareable
  address: Address @external
  city: String @requires(fields: "address { id }")
  country: String @requires(fields: "address { ... on WorkAddress { id } }")
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable"])

type Query {
  b: User
}

interface Address {
  id: ID!
}

type HomeAddress implements Address @key(fields: "id") {
  id: ID!
  city: String @shareable
}

type WorkAddress implements Address @key(fields: "id") {
  id: ID!
  city: String @shareable
}

type SecondAddress implements Address @key(fields: "id") {
  id: ID!
  city: String @shareable
}

type User @key(fields: "id") {
  id: ID!
  name: String! @shareable
  address: Address @shareable
}
"""

USERS = {
    "u1": {"id": "u1", "name": "u1-name", "address": "a1"},
    "u2": {"id": "u2", "name": "u2-name", "address": "a2"},
}
ADDRESSES = {
    "a1": {"__typename": "HomeAddress", "id": "a1", "city": "a1-city", "country": "a1-country"},
    "a2": {"__typename": "WorkAddress", "id": "a2", "city": "a2-city", "country": "a2-country"},
}


def _a_user(representation: dict[str, Any]) -> dict[str, Any] | None:
    user = USERS.get(representation["id"])
    if user is None:
        return None
    address = representation.get("address") or {}
    if address.get("id"):
        return {"id": user["id"], "name": user["name"], "address": {"id": user["address"]}}
    return {"id": user["id"], "name": user["name"]}


def _required_address(user: dict[str, Any], field: str) -> Any:
    address = ADDRESSES.get((user.get("address") or {}).get("id"))
    return None if address is None else address[field]


def _address(representation: dict[str, Any]) -> dict[str, Any] | None:
    return ADDRESSES.get(representation["id"])


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.a": lambda _p, _i: {"id": "u1", "name": "u1-name"},
            "User.city": lambda u, _i: _required_address(u, "city"),
            "User.country": lambda u, _i: _required_address(u, "country"),
        },
        references={"User": _a_user, "HomeAddress": _address, "WorkAddress": _address},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.b": lambda _p, _i: dict(USERS["u2"]),
            "User.address": lambda u, _i: ADDRESSES.get(u["address"]),
        },
        references={
            "User": lambda rep: USERS.get(rep["id"]),
            "HomeAddress": _address,
            "WorkAddress": _address,
        },
    )
    return AuditSuite("requires-interface", (a, b), CASES)


CASES = (
    AuditCase(
        "requires an interface field fetched from b", "{ a { city } }", {"a": {"city": "a1-city"}}
    ),
    AuditCase(
        "requires an interface field from the root subgraph",
        "{ b { city } }",
        {"b": {"city": "a2-city"}},
    ),
    AuditCase(
        "requires a fragment the object does not match",
        "{ a { country } }",
        {"a": {"country": None}},
    ),
    AuditCase(
        "interface field from b",
        "{ a { address { __typename id } } }",
        {"a": {"address": {"__typename": "HomeAddress", "id": "a1"}}},
    ),
    AuditCase(
        "interface field at the root subgraph",
        "{ b { address { __typename id } } }",
        {"b": {"address": {"__typename": "WorkAddress", "id": "a2"}}},
    ),
)
