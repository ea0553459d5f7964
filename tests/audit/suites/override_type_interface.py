"""Audit suite ``override-type-interface``: ``@override`` of a field of an implementation
(``ImagePost.createdAt``) that the overriding subgraph puts behind a different interface;
the field must come from the overriding subgraph even under the original interface."""

from __future__ import annotations

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

interface Post {
  id: ID!
  createdAt: String!
}

type ImagePost implements Post @key(fields: "id") {
  id: ID!
  createdAt: String!
}

type Query {
  feed: [Post]
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@override"])

interface Post {
  id: ID!
  createdAt: String!
}

type TextPost implements Post @key(fields: "id") {
  id: ID!
  createdAt: String!
  body: String!
}

interface AnotherPost {
  id: ID!
  createdAt: String!
}

type ImagePost implements AnotherPost @key(fields: "id") {
  id: ID!
  createdAt: String! @override(from: "a")
}

type Query {
  anotherFeed: [AnotherPost]
}
"""

IMAGE_POSTS = {
    f"i{n}": {"__typename": "ImagePost", "id": f"i{n}", "createdAt": f"i{n}-createdAt"}
    for n in (1, 2)
}
TEXT_POSTS = {
    "t1": {"__typename": "TextPost", "id": "t1", "createdAt": "t1-createdAt", "body": "t1-body"}
}


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.feed": lambda _p, _i: list(IMAGE_POSTS.values()),
            "ImagePost.createdAt": lambda _p, _i: "NEVER",
        },
        references={"ImagePost": lambda rep: IMAGE_POSTS.get(rep["id"])},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={"Query.anotherFeed": lambda _p, _i: list(IMAGE_POSTS.values())},
        references={
            "ImagePost": lambda rep: IMAGE_POSTS.get(rep["id"]),
            "TextPost": lambda rep: TEXT_POSTS.get(rep["id"]),
        },
    )
    return AuditSuite("override-type-interface", (a, b), CASES)


_CREATED = [{"createdAt": p["createdAt"]} for p in IMAGE_POSTS.values()]

CASES = (
    AuditCase(
        "overridden implementation field under the original interface",
        "{ feed { id createdAt } }",
        {"feed": [{"id": p["id"], "createdAt": p["createdAt"]} for p in IMAGE_POSTS.values()]},
    ),
    AuditCase(
        "implementation the root subgraph never returns",
        "{ feed { ... on TextPost { id body } } }",
        {"feed": [{}, {}]},
    ),
    AuditCase(
        "overridden field under the overriding subgraph's interface",
        "{ anotherFeed { createdAt } }",
        {"anotherFeed": _CREATED},
    ),
    AuditCase(
        "same fields with and without a type condition",
        "{ anotherFeed { createdAt id ... on ImagePost { createdAt id } } }",
        {
            "anotherFeed": [
                {"createdAt": p["createdAt"], "id": p["id"]} for p in IMAGE_POSTS.values()
            ]
        },
    ),
)
