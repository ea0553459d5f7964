"""Audit suite ``typename``: ``__typename`` (aliased, repeated, inside type conditions) on
unions and interfaces, and on an ``@interfaceObject`` that cannot know the concrete type."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  union: Product
  interface: Node
}

union Product = Oven | Toaster

interface Node {
  id: ID!
}

type Oven implements Node {
  id: ID!
}

type Toaster implements Node {
  id: ID!
}

interface User @key(fields: "id") {
  id: ID!
}

type Admin implements User @key(fields: "id") {
  id: ID!
  isMain: Boolean!
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@interfaceObject"])

type Query {
  users: [User]
}

type User @key(fields: "id") @interfaceObject {
  id: ID!
  name: String!
}
"""

USERS = {
    "u1": {"__typename": "Admin", "id": "u1", "name": "Alice", "isMain": False},
    "u2": {"__typename": "Admin", "id": "u2", "name": "Bob", "isMain": True},
}


def _user(rep: dict[str, Any]) -> dict[str, Any] | None:
    return USERS.get(rep["id"])


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.union": lambda _p, _i: {"__typename": "Oven", "id": "1"},
            "Query.interface": lambda _p, _i: {"__typename": "Toaster", "id": "2"},
        },
        references={"User": _user, "Admin": _user},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.users": lambda _p, _i: [{"id": u} for u in USERS],
            "User.name": lambda u, _i: USERS[u["id"]]["name"],
        },
        references={"User": lambda rep: {"id": rep["id"]} if rep["id"] in USERS else None},
    )
    return AuditSuite("typename", (a, b), CASES)


CASES = (
    AuditCase(
        "aliased __typename on a union",
        "{ union { __typename typename: __typename } }",
        {"union": {"__typename": "Oven", "typename": "Oven"}},
    ),
    AuditCase(
        "__typename three times on an interface",
        "{ interface { id __typename typename: __typename t: __typename } }",
        {"interface": {"id": "2", "__typename": "Toaster", "typename": "Toaster", "t": "Toaster"}},
    ),
    AuditCase(
        "__typename in union member conditions",
        "{ union { __typename ... on Oven { typename: __typename } "
        "... on Toaster { typename: __typename } } }",
        {"union": {"__typename": "Oven", "typename": "Oven"}},
    ),
    AuditCase(
        "__typename in implementation conditions",
        "{ interface { __typename ... on Oven { typename: __typename } "
        "... on Toaster { typename: __typename } } }",
        {"interface": {"__typename": "Toaster", "typename": "Toaster"}},
    ),
    AuditCase(
        "interface object root field",
        "{ users { id } }",
        {"users": [{"id": "u1"}, {"id": "u2"}]},
    ),
    AuditCase(
        "__typename of an interface object comes from the interface's owner",
        "{ users { __typename } }",
        {"users": [{"__typename": "Admin"}, {"__typename": "Admin"}]},
    ),
)
