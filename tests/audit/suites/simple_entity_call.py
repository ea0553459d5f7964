"""Audit suite ``simple-entity-call``: an entity keyed differently in two subgraphs
(``id`` and ``email``); the second key must be fetched from the first subgraph."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

EMAIL_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])

type Query {
  user: User
}

type User @key(fields: "id") {
  id: ID!
  email: String!
}
"""

NICKNAME_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key", "@external"])

type User @key(fields: "email") {
  email: String! @external
  nickname: String!
}
"""

USERS = [
    {"id": "1", "email": "user1@gmail.com", "nickname": "user1"},
    {"id": "2", "email": "user2@gmail.com", "nickname": "user2"},
]


def _by(field: str, value: Any) -> dict[str, Any] | None:
    return next((u for u in USERS if u[field] == value), None)


def build() -> AuditSuite:
    email = SubgraphSpec(
        "email",
        EMAIL_SDL,
        resolvers={"Query.user": lambda _p, _i: {k: USERS[0][k] for k in ("id", "email")}},
        references={"User": lambda rep: _by("id", rep["id"])},
    )
    nickname = SubgraphSpec(
        "nickname",
        NICKNAME_SDL,
        references={"User": lambda rep: _by("email", rep["email"])},
    )
    return AuditSuite("simple-entity-call", (email, nickname), CASES)


CASES = (
    AuditCase(
        "field behind another key",
        "{ user { id nickname } }",
        {"user": {"id": "1", "nickname": "user1"}},
    ),
)
