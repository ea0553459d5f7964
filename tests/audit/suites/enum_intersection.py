"""Audit suite ``enum-intersection``: an enum whose values differ per subgraph, one of them
``@inaccessible``; the inaccessible value can neither be passed in nor come out."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  users: [User]
}

type User @key(fields: "id") {
  id: ID
  type: UserType @shareable
}

enum UserType {
  REGULAR
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@inaccessible", "@shareable"])

type Query {
  usersByType(type: UserType!): [User!]
  usersB: [User!]
}

extend type User @key(fields: "id") {
  id: ID
  type: UserType @shareable
}

enum UserType {
  ANONYMOUS @inaccessible
  REGULAR
}
"""

USERS = {"u1": {"id": "u1", "type": "REGULAR"}, "u2": {"id": "u2", "type": "ANONYMOUS"}}


def _user(rep: dict[str, Any]) -> dict[str, Any] | None:
    return USERS.get(rep["id"])


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={"Query.users": lambda _p, _i: list(USERS.values())},
        references={"User": _user},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.usersByType": lambda _p, _i, type: [
                u for u in USERS.values() if u["type"] == type
            ],
            "Query.usersB": lambda _p, _i: list(USERS.values()),
        },
        references={"User": _user},
    )
    return AuditSuite("enum-intersection", (a, b), CASES)


CASES = (
    AuditCase("ids only", "{ users { id } }", {"users": [{"id": "u1"}, {"id": "u2"}]}),
    AuditCase(
        "value unknown to the resolving subgraph",
        "{ users { id type } }",
        {"users": [{"id": "u1", "type": "REGULAR"}, {"id": "u2", "type": None}]},
        errors=True,
    ),
    AuditCase(
        "inaccessible value from a subgraph that knows it",
        "{ usersB { id type } }",
        {"usersB": [{"id": "u1", "type": "REGULAR"}, {"id": "u2", "type": None}]},
    ),
    AuditCase(
        "accessible value as an argument",
        "{ usersByType(type: REGULAR) { id type } }",
        {"usersByType": [{"id": "u1", "type": "REGULAR"}]},
    ),
    AuditCase(
        "inaccessible value as an argument",
        "{ usersByType(type: ANONYMOUS) { id type } }",
        None,
        errors=True,
    ),
)
