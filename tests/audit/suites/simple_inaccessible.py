"""Audit suite ``simple-inaccessible``: an ``@inaccessible`` enum value used as an
inaccessible argument default, and returned by a subgraph."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

AGE_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@inaccessible", "@shareable"])

type Query {
  usersInAge: [User!]! @shareable
}

type User @key(fields: "id") {
  id: ID
  age: Int
}
"""

FRIENDS_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@inaccessible", "@shareable"])

type Query {
  usersInFriends: [User!]!
}

type User @key(fields: "id") {
  id: ID
  friends(type: FriendType = FAMILY @inaccessible): [User!]!
  type: FriendType
}

enum FriendType {
  FAMILY @inaccessible
  FRIEND
}
"""

USERS = {
    "u1": {"id": "u1", "age": 11, "friends": ["u2"]},
    "u2": {"id": "u2", "age": 22, "friends": ["u1"]},
}


def _friends(user: dict[str, Any], _info: Any, **_args: Any) -> list[dict[str, Any]]:
    return [USERS[f] for f in USERS[user["id"]]["friends"]]


def build() -> AuditSuite:
    age = SubgraphSpec(
        "age",
        AGE_SDL,
        resolvers={"Query.usersInAge": lambda _p, _i: list(USERS.values())},
        references={"User": lambda rep: USERS.get(rep["id"])},
    )
    friends = SubgraphSpec(
        "friends",
        FRIENDS_SDL,
        resolvers={
            "Query.usersInFriends": lambda _p, _i: list(USERS.values()),
            "User.friends": _friends,
            "User.type": lambda _u, _i: "FAMILY",
        },
        references={"User": lambda rep: USERS.get(rep["id"])},
    )
    return AuditSuite("simple-inaccessible", (age, friends), CASES)


def _users(**extra: Any) -> list[dict[str, Any]]:
    return [
        {"id": u["id"], "friends": [{"id": f, **extra} for f in u["friends"]]}
        for u in USERS.values()
    ]


CASES = (
    AuditCase(
        "field with an inaccessible argument, from another subgraph",
        "{ usersInAge { id friends { id } } }",
        {"usersInAge": _users()},
    ),
    AuditCase(
        "field with an inaccessible argument, from its subgraph",
        "{ usersInFriends { id friends { id } } }",
        {"usersInFriends": _users()},
    ),
    AuditCase(
        "inaccessible argument",
        "{ usersInFriends { id friends(type: FRIEND) { id } } }",
        None,
        errors=True,
    ),
    AuditCase(
        "inaccessible enum value returned",
        "{ usersInFriends { id friends { id type } } }",
        {"usersInFriends": _users(type=None)},
    ),
)
