"""Audit suite ``override-with-requires``: a field overridden away from ``c`` is
``@requires``d by ``a`` and by ``c`` itself; the required value must come from the new owner
``b`` (the external resolvers in ``a`` and ``c`` answer ``"NEVER"``)."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@requires", "@external"])

type User @key(fields: "id") {
  id: ID!
  name: String! @external
  aName: String! @requires(fields: "name")
}

type Query {
  userInA: User
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@override"])

type User @key(fields: "id") {
  id: ID!
  name: String! @override(from: "c")
}

type Query {
  userInB: User
}
"""

C_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@requires", "@external"])

type User @key(fields: "id") {
  id: ID!
  name: String! @external
  cName: String! @requires(fields: "name")
}

type Query {
  userInC: User
}
"""

USERS = {f"u{n}": {"id": f"u{n}", "name": f"u{n}-name"} for n in (1, 2, 3)}


def _requiring(rep: dict[str, Any]) -> dict[str, Any] | None:
    user = USERS.get(rep["id"])
    if user is None:
        return None
    return dict(user) if "name" in rep else {"id": user["id"]}


def _prefixed(prefix: str) -> Any:
    return lambda user, _info: f"{prefix}__{user['name']}"


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.userInA": lambda _p, _i: {"id": "u1"},
            "User.aName": _prefixed("a"),
            "User.name": lambda _u, _i: "NEVER",
        },
        references={"User": _requiring},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={"Query.userInB": lambda _p, _i: dict(USERS["u2"])},
        references={"User": lambda rep: USERS.get(rep["id"])},
    )
    c = SubgraphSpec(
        "c",
        C_SDL,
        resolvers={
            "Query.userInC": lambda _p, _i: {"id": "u3"},
            "User.cName": _prefixed("c"),
            "User.name": lambda _u, _i: "NEVER",
        },
        references={"User": _requiring},
    )
    return AuditSuite("override-with-requires", (a, b, c), CASES)


def _full(n: int) -> dict[str, str]:
    return {"id": f"u{n}", "name": f"u{n}-name", "aName": f"a__u{n}-name", "cName": f"c__u{n}-name"}


CASES = (
    AuditCase(
        "requires of an overridden field from every root",
        """
        {
          userInA { id name aName cName }
          userInB { id name aName cName }
          userInC { id name aName cName }
        }
        """,
        {"userInA": _full(1), "userInB": _full(2), "userInC": _full(3)},
    ),
    AuditCase(
        "requires of a field overridden away from the requiring subgraph",
        "{ userInC { cName } }",
        {"userInC": {"cName": "c__u3-name"}},
    ),
    AuditCase(
        "requires in a third subgraph",
        "{ userInA { cName } }",
        {"userInA": {"cName": "c__u1-name"}},
    ),
    AuditCase(
        "requires from the root subgraph",
        "{ userInA { aName } }",
        {"userInA": {"aName": "a__u1-name"}},
    ),
)
