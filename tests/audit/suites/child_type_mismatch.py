"""Audit suite ``child-type-mismatch``: a field with different nullability per type and
subgraph (``User.id: ID!`` vs ``Admin.id: ID``) selected side by side under a union, so the
subgraph query must alias one of them to stay valid, at every nesting depth."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable"])

type User {
  id: ID @shareable
}

type Query {
  users: [User!]!
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable", "@key"])

union Account = User | Admin

type User @key(fields: "id") {
  id: ID!
  name: String
  similarAccounts: [Account!]!
}

type Admin {
  id: ID
  name: String @shareable
  similarAccounts: [Account!]!
}

type Query {
  accounts: [Account!]!
}
"""

USERS = {"u1": {"id": "u1", "name": "u1-name"}}


def _accounts(*_args: Any) -> list[dict[str, Any]]:
    return [
        *({"__typename": "User", **user} for user in USERS.values()),
        {"__typename": "Admin", "id": "a1", "name": "a1-name"},
    ]


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a", A_SDL, resolvers={"Query.users": lambda _p, _i: [{"id": u} for u in USERS]}
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.accounts": _accounts,
            "User.similarAccounts": _accounts,
            "Admin.similarAccounts": _accounts,
        },
        references={"User": lambda rep: USERS.get(rep["id"])},
    )
    return AuditSuite("child-type-mismatch", (a, b), CASES)


def _nested(fields: str, depth: int) -> str:
    """``... on User { <fields> similarAccounts { ... } } ... on Admin { ... }`` ``depth`` deep."""
    inner = "" if depth == 0 else f" similarAccounts {{ {_nested(fields, depth - 1)} }}"
    return f"... on User {{ {fields}{inner} }} ... on Admin {{ {fields}{inner} }}"


def _expected(keys: tuple[str, ...], depth: int) -> list[dict[str, Any]]:
    accounts = [{"id": "u1", "name": "u1-name"}, {"id": "a1", "name": "a1-name"}]
    result = []
    for account in accounts:
        item: dict[str, Any] = {k: account[k] for k in keys}
        if depth:
            item["similarAccounts"] = _expected(keys, depth - 1)
        result.append(item)
    return result


_USERS = {"users": [{"id": "u1", "name": "u1-name"}]}

CASES = (
    AuditCase(
        "same field, different nullability, side by side",
        f"{{ users {{ id name }} accounts {{ {_nested('id name', 0)} }} }}",
        {**_USERS, "accounts": _expected(("id", "name"), 0)},
    ),
    AuditCase(
        "nested once",
        "query NestedInternalAlias "
        f"{{ users {{ id name }} accounts {{ {_nested('id name', 1)} }} }}",
        {**_USERS, "accounts": _expected(("id", "name"), 1)},
    ),
    AuditCase(
        "nested twice",
        "query DeeplyNestedInternalAlias "
        f"{{ users {{ id name }} accounts {{ {_nested('id name', 2)} }} }}",
        {**_USERS, "accounts": _expected(("id", "name"), 2)},
    ),
    AuditCase(
        "nested twice, without the mismatching field",
        f"query DeeplyNested {{ accounts {{ {_nested('name', 2)} }} }}",
        {"accounts": _expected(("name",), 2)},
    ),
)
