"""The shape shared by the audit's ``fed{1,2}-external-{extends,extension}`` suites: ``a``
extends ``User`` (``@extends`` or ``extend type``, Federation 1 or 2) with ``id`` and
``name`` external, ``b`` owns ``User``. Only the SDL header and the extension syntax differ;
the data, resolvers and operations are the same."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

USERS = {
    f"u{n}": {"id": f"u{n}", "rid": f"u{n}-rid", "name": f"u{n}-name", "nickname": f"u{n}-nickname"}
    for n in (1, 2)
}

FED2_LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", '
    'import: ["@key", "@external", "@extends", "@provides", "@shareable"])\n'
)


def a_sdl(*, fed2: bool, extends_directive: bool) -> str:
    """``a``: ``type User @extends`` or ``extend type User``, with or without the v2 link."""
    header = FED2_LINK if fed2 else ""
    user = (
        'type User @key(fields: "id") @extends'
        if extends_directive
        else 'extend type User @key(fields: "id")'
    )
    return f"""{header}
type Query {{
  randomUser: User
  providedRandomUser: User @provides(fields: "name")
}}

{user} {{
  id: ID! @external
  name: String! @external
  rid: ID
}}
"""


def b_sdl(*, fed2: bool) -> str:
    header = FED2_LINK if fed2 else ""
    shareable = " @shareable" if fed2 else ""
    return f"""{header}
type Query {{
  userById(id: ID): User
}}

type User @key(fields: "id") {{
  id: ID!
  name: String!{shareable}
  nickname: String
}}
"""


def _a_user(user: dict[str, Any]) -> dict[str, Any]:
    return {"id": user["id"], "rid": user["rid"]}


def build_suite(name: str, *, fed2_a: bool, fed2_b: bool, extends_directive: bool) -> AuditSuite:
    a = SubgraphSpec(
        "a",
        a_sdl(fed2=fed2_a, extends_directive=extends_directive),
        resolvers={
            "Query.randomUser": lambda _p, _i: _a_user(USERS["u1"]),
            "Query.providedRandomUser": lambda _p, _i: {
                **_a_user(USERS["u1"]),
                "name": USERS["u1"]["name"],
            },
            # The audit answers "never" for a name that was not provided.
            "User.name": lambda user, _i: user.get("name") or "never",
        },
        references={"User": lambda rep: _a_user(USERS[rep["id"]]) if rep["id"] in USERS else None},
    )
    b = SubgraphSpec(
        "b",
        b_sdl(fed2=fed2_b),
        resolvers={"Query.userById": lambda _p, _i, id=None: USERS.get(id or "")},
        references={"User": lambda rep: USERS.get(rep["id"])},
    )
    return AuditSuite(name, (a, b), CASES)


CASES = (
    AuditCase(
        "external field from the owner, next to the owner's root field",
        '{ randomUser { id name } userById(id: "u2") { id name nickname } }',
        {
            "randomUser": {"id": "u1", "name": "u1-name"},
            "userById": {"id": "u2", "name": "u2-name", "nickname": "u2-nickname"},
        },
    ),
    AuditCase(
        "fields of the extending subgraph",
        "{ randomUser { id rid } }",
        {"randomUser": {"id": "u1", "rid": "u1-rid"}},
    ),
)
