"""Audit suite ``interface-object-with-requires``: an ``@interfaceObject`` field that
``@requires`` a field of the interface owned by the subgraph defining the interface."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  users: [NodeWithName!]!
}

interface NodeWithName @key(fields: "id") {
  id: ID!
  name: String
}

type User implements NodeWithName @key(fields: "id") {
  id: ID!
  name: String
  age: Int
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@interfaceObject", "@external", "@requires"])

type Query {
  anotherUsers: [NodeWithName]
}

type NodeWithName @key(fields: "id") @interfaceObject {
  id: ID!
  name: String @external
  username: String @requires(fields: "name")
}
"""

USERS = {
    f"u{n}": {"id": f"u{n}", "name": f"u{n}-name", "username": f"u{n}-username", "age": 11 * n}
    for n in (1, 2)
}


def _user(rep: dict[str, Any]) -> dict[str, Any] | None:
    user = USERS.get(rep["id"])
    return None if user is None else {"__typename": "User", **user}


def _b_node(rep: dict[str, Any]) -> dict[str, Any] | None:
    return None if rep["id"] not in USERS else {"id": rep["id"], "name": rep.get("name")}


def _username(node: dict[str, Any], _info: Any) -> str | None:
    user = USERS.get(node["id"])
    if user is None:
        return None
    if not node.get("name"):
        raise ValueError("Requires field 'name' not provided")
    return str(user["username"])


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={"Query.users": lambda _p, _i: [_user(u) for u in USERS.values()]},
        references={"NodeWithName": _user, "User": _user},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.anotherUsers": lambda _p, _i: [{"id": u["id"]} for u in USERS.values()],
            "NodeWithName.username": _username,
        },
        references={"NodeWithName": _b_node},
    )
    return AuditSuite("interface-object-with-requires", (a, b), CASES)


def _users(*fields: str) -> list[dict[str, Any]]:
    return [{f: u[f] for f in fields} for u in USERS.values()]


_ALL = "... on User { age id name username } id name"

CASES = (
    AuditCase(
        "requires from an interface object's root field",
        "{ anotherUsers { id name username } }",
        {"anotherUsers": _users("id", "name", "username")},
    ),
    AuditCase(
        "requires for an interface returned by its owner",
        "{ users { id name username } }",
        {"users": _users("id", "name", "username")},
    ),
    AuditCase(
        "implementation field from an interface object's root field",
        "{ anotherUsers { ... on User { age } } }",
        {"anotherUsers": _users("age")},
    ),
    AuditCase(
        "implementation field from the owner",
        "{ users { ... on User { age } } }",
        {"users": _users("age")},
    ),
    AuditCase(
        "everything from an interface object's root field",
        f"{{ anotherUsers {{ {_ALL} }} }}",
        {"anotherUsers": _users("age", "id", "name", "username")},
    ),
    AuditCase(
        "everything from the owner",
        f"{{ users {{ {_ALL} }} }}",
        {"users": _users("age", "id", "name", "username")},
    ),
)
