"""Audit suite ``unavailable-override``: ``@override(from: "non-existing")`` names no
subgraph; the field stays resolvable in both subgraphs and every entry point works."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Post @key(fields: "id") {
  id: ID!
  createdAt: String! @shareable
}

type Query {
  feed: [Post] @shareable
  aFeed: [Post]
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@override", "@shareable"])

type Post @key(fields: "id") {
  id: ID!
  createdAt: String! @override(from: "non-existing") @shareable
}

type Query {
  feed: [Post] @shareable
  bFeed: [Post]
}
"""

POSTS = {f"p{n}": {"id": f"p{n}", "createdAt": f"p{n}-createdAt"} for n in (1, 2)}


def _post(rep: dict[str, Any]) -> dict[str, Any] | None:
    return POSTS.get(rep["id"])


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.feed": lambda _p, _i: list(POSTS.values()),
            "Query.aFeed": lambda _p, _i: [POSTS["p2"]],
        },
        references={"Post": _post},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.feed": lambda _p, _i: list(POSTS.values()),
            "Query.bFeed": lambda _p, _i: [POSTS["p1"]],
        },
        references={"Post": _post},
    )
    return AuditSuite("unavailable-override", (a, b), CASES)


CASES = (
    AuditCase(
        "shared root field",
        "{ feed { createdAt } }",
        {"feed": [{"createdAt": "p1-createdAt"}, {"createdAt": "p2-createdAt"}]},
    ),
    AuditCase(
        "each subgraph's own root field",
        "{ aFeed { createdAt } bFeed { createdAt } }",
        {"aFeed": [{"createdAt": "p2-createdAt"}], "bFeed": [{"createdAt": "p1-createdAt"}]},
    ),
)
