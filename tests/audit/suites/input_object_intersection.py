"""Audit suite ``input-object-intersection``: an input type whose fields differ per
subgraph; the supergraph keeps only the common fields, so the others are rejected."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

input UsersFilter {
  first: Int!
}

type User @key(fields: "id") {
  id: ID!
  name: String! @shareable
}

type Query {
  usersInA(filter: UsersFilter!): [User!]
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

input UsersFilter {
  offset: Int
  first: Int!
}

type User @key(fields: "id") {
  id: ID!
  name: String! @shareable
}

type Query {
  usersInB(filter: UsersFilter!): [User!]
}
"""

USERS = {f"u{n}": {"id": f"u{n}", "name": f"u{n}-name"} for n in (1, 2)}


def _users(_parent: Any, _info: Any, filter: dict[str, Any]) -> list[dict[str, Any]]:
    return [] if "offset" in filter else list(USERS.values())


def build() -> AuditSuite:
    subgraphs = tuple(
        SubgraphSpec(
            name,
            sdl,
            resolvers={f"Query.usersIn{name.upper()}": _users},
            references={"User": lambda rep: USERS.get(rep["id"])},
        )
        for name, sdl in (("a", A_SDL), ("b", B_SDL))
    )
    return AuditSuite("input-object-intersection", subgraphs, CASES)


CASES = (
    AuditCase(
        "common input field",
        "{ usersInA(filter: { first: 1 }) { id } }",
        {"usersInA": [{"id": "u1"}, {"id": "u2"}]},
    ),
    AuditCase(
        "input field of one subgraph only, sent to the other",
        "{ usersInA(filter: { first: 1, offset: 2 }) { id } }",
        None,
        errors=True,
    ),
    AuditCase(
        "input field of one subgraph only, sent to it",
        "{ usersInB(filter: { first: 1, offset: 2 }) { id } }",
        None,
        errors=True,
    ),
)
