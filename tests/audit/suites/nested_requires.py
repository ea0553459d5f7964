"""Audit suite ``nested-requires``: two fields ``@requires`` a list (``userOrders { id }``)
that is itself ``@requires`` of a third subgraph, on a non-resolvable entity."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

SERVICE1_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])

type User @key(fields: "id") {
  id: ID!
  firstName: String!
  lastName: String!
  address: String
}

type Query {
  user: User
}
"""

SERVICE2_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.5",
  import: ["@key", "@requires", "@external"])

type UserOrder @key(fields: "id", resolvable: false) {
  id: ID!
}

type User @key(fields: "id") {
  id: ID!
  userOrders: [UserOrder!] @external
  totalOrdersPrices: Int @requires(fields: "userOrders { id }")
  aggregatedOrdersByStatus: Int @requires(fields: "userOrders { id }")
}
"""

SERVICE3_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.5",
  import: ["@key", "@requires", "@external"])

type UserOrder @key(fields: "id") {
  id: ID!
}

type User @key(fields: "id") {
  id: ID!
  lastName: String! @external
  userOrders: [UserOrder!] @requires(fields: "lastName")
}
"""

USER = {"id": "1", "firstName": "Jake", "lastName": "Dawkins", "address": "everywhere"}


def _needs_orders(value: int) -> Any:
    def resolve(user: dict[str, Any], _info: Any) -> int:
        if not isinstance(user.get("userOrders"), list):
            raise ValueError("UserOrders is required to be an array")
        return value

    return resolve


def _user_orders(user: dict[str, Any], _info: Any) -> list[dict[str, Any]]:
    if not user.get("lastName"):
        raise ValueError("LastName is required")
    return [{"id": f"{user['lastName']}1"}]


def build() -> AuditSuite:
    service1 = SubgraphSpec(
        "service1",
        SERVICE1_SDL,
        resolvers={"Query.user": lambda _p, _i: dict(USER)},
        references={"User": lambda rep: {**USER} if rep["id"] == USER["id"] else None},
    )
    service2 = SubgraphSpec(
        "service2",
        SERVICE2_SDL,
        resolvers={
            "User.totalOrdersPrices": _needs_orders(0),
            "User.aggregatedOrdersByStatus": _needs_orders(1),
        },
        references={"User": dict},
    )
    service3 = SubgraphSpec(
        "service3",
        SERVICE3_SDL,
        resolvers={"User.userOrders": _user_orders},
        references={"User": dict, "UserOrder": dict},
    )
    return AuditSuite("nested-requires", (service1, service2, service3), CASES)


CASES = (
    AuditCase(
        "two fields requiring a required list",
        "{ user { aggregatedOrdersByStatus totalOrdersPrices } }",
        {"user": {"aggregatedOrdersByStatus": 1, "totalOrdersPrices": 0}},
    ),
)
