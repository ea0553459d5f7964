"""Audit suite ``simple-interface-object``: ``@interfaceObject`` types in two subgraphs
standing for interfaces of a third; the interface objects cannot tell an object's concrete
type (their ``__typename`` is wrong on purpose), so type conditions and ``__typename`` need
an entity call to the interface's owner."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

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

interface Account @key(fields: "id") {
  id: ID!
}

type Admin implements Account @key(fields: "id") {
  id: ID!
  isMain: Boolean!
  isActive: Boolean! @shareable
}

type Regular implements Account @key(fields: "id") {
  id: ID!
  isMain: Boolean!
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@interfaceObject", "@shareable"])

type Query {
  anotherUsers: [NodeWithName]
  accounts: [Account] @shareable
}

type Account @key(fields: "id") @interfaceObject {
  id: ID!
  name: String!
}

type NodeWithName @key(fields: "id") @interfaceObject {
  id: ID!
  username: String
}
"""

C_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@interfaceObject", "@shareable"])

type Account @key(fields: "id") @interfaceObject {
  id: ID!
  isActive: Boolean! @shareable
}
"""

USERS = {
    f"u{n}": {"id": f"u{n}", "name": f"u{n}-name", "username": f"u{n}-username", "age": 11 * n}
    for n in (1, 2)
}
ACCOUNTS = {
    "u1": {"__typename": "Admin", "id": "u1", "name": "Alice", "isMain": False, "isActive": True},
    "u2": {"__typename": "Admin", "id": "u2", "name": "Bob", "isMain": True, "isActive": True},
    "u3": {
        "__typename": "Regular",
        "id": "u3",
        "name": "Charlie",
        "isMain": False,
        "isActive": True,
    },
}


def _user(rep: dict[str, Any]) -> dict[str, Any] | None:
    user = USERS.get(rep["id"])
    return None if user is None else {"__typename": "User", **user}


def _account(rep: dict[str, Any]) -> dict[str, Any] | None:
    return ACCOUNTS.get(rep["id"])


def _of_type(typename: str) -> Any:
    def resolve(rep: dict[str, Any]) -> dict[str, Any] | None:
        account = ACCOUNTS.get(rep["id"])
        return account if account is not None and account["__typename"] == typename else None

    return resolve


def _known_account(rep: dict[str, Any]) -> dict[str, Any] | None:
    return {"id": rep["id"]} if rep["id"] in ACCOUNTS else None


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={"Query.users": lambda _p, _i: [_user(u) for u in USERS.values()]},
        references={
            "NodeWithName": _user,
            "User": _user,
            "Account": _account,
            "Admin": _of_type("Admin"),
            "Regular": _account,
        },
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.anotherUsers": lambda _p, _i: [{"id": u} for u in USERS],
            # The audit returns a wrong __typename here so gateways cannot rely on it.
            "Query.accounts": lambda _p, _i: [{"__typename": "Never", "id": a} for a in ACCOUNTS],
            "NodeWithName.username": lambda n, _i: USERS[n["id"]]["username"],
            "Account.name": lambda a, _i: ACCOUNTS[a["id"]]["name"],
        },
        references={
            "NodeWithName": lambda rep: {"id": rep["id"]} if rep["id"] in USERS else None,
            "Account": _known_account,
        },
    )
    c = SubgraphSpec(
        "c",
        C_SDL,
        resolvers={"Account.isActive": lambda _a, _i: False},
        references={"Account": _known_account},
    )
    return AuditSuite("simple-interface-object", (a, b, c), CASES)


def _users(*fields: str) -> list[dict[str, Any]]:
    return [{f: u[f] for f in fields} for u in USERS.values()]


def _admins(value: Any) -> list[dict[str, Any]]:
    return [value(a) if a["__typename"] == "Admin" else {} for a in ACCOUNTS.values()]


_ALL = "... on User { age id name username } id name"

CASES = (
    AuditCase(
        "owner field from an interface object's root field",
        "{ anotherUsers { id name username } }",
        {"anotherUsers": _users("id", "name", "username")},
    ),
    AuditCase(
        "interface object field for the owner's root field",
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
    AuditCase(
        "everything from the owner, again",
        f"{{ users {{ {_ALL} }} }}",
        {"users": _users("age", "id", "name", "username")},
    ),
    AuditCase(
        "interface object field without type condition",
        "{ accounts { name } }",
        {"accounts": [{"name": a["name"]} for a in ACCOUNTS.values()]},
    ),
    AuditCase(
        "interface object field under a type condition",
        "{ accounts { ... on Admin { name } } }",
        {"accounts": _admins(lambda a: {"name": a["name"]})},
    ),
    AuditCase(
        "__typename of an interface object",
        "{ accounts { name __typename } }",
        {
            "accounts": [
                {"name": a["name"], "__typename": a["__typename"]} for a in ACCOUNTS.values()
            ]
        },
    ),
    AuditCase(
        "__typename under a type condition",
        "{ accounts { ... on Admin { __typename } } }",
        {"accounts": _admins(lambda a: {"__typename": "Admin"})},
    ),
    AuditCase(
        "field of another interface object",
        "{ accounts { id isActive } }",
        {"accounts": [{"id": a, "isActive": False} for a in ACCOUNTS]},
    ),
    AuditCase(
        "shareable field under a type condition comes from the owner",
        "{ accounts { id ... on Admin { isActive } } }",
        {
            "accounts": [
                {"id": a["id"], "isActive": True} if a["__typename"] == "Admin" else {"id": a["id"]}
                for a in ACCOUNTS.values()
            ]
        },
    ),
)
