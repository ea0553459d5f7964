"""Audit suite ``requires-with-argument``: ``@requires`` field sets that pass arguments
(``price(currency: "USD")``, ``comments(limit: 3) { authorId }``), including a required
list field whose client selection uses a different argument, and ``@requires`` of a
field with an argument nested under a list (``sameCommentOnOtherPosts { comments(limit: 50)
{ id } }``)."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = '''
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires"])

type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price(currency: String!): Int @external
  shippingEstimate: Int @requires(fields: """price(currency: "USD") weight""")
  category: Category @external
  isExpensiveCategory: Boolean
    @requires(fields: """category { averagePrice(currency: "USD") }""")
}

type Category @external {
  averagePrice(currency: String!): Int
}
'''

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  products: [Product]
}

type Product @key(fields: "upc") {
  upc: String!
  name: String
  price(currency: String!): Int
  weight: Int
  category: Category
}

type Category {
  averagePrice(currency: String!): Int
}
"""

C_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires"])

type Query {
  feed: [Post]
}

type Post @key(fields: "id") {
  id: ID!
  comments(limit: Int!): [Comment] @external
}

type Comment @key(fields: "id") {
  id: ID!
  authorId: ID
  body: String!
  sameCommentOnOtherPosts: [Post] @external
  isCommentSpam: Boolean
    @requires(fields: "sameCommentOnOtherPosts { comments(limit: 50) { id } }")
}
"""

D_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires"])

type Post @key(fields: "id") {
  id: ID!
  author: Author @requires(fields: "comments(limit: 3) { authorId }")
  comments(limit: Int!): [Comment]
}

type Comment @key(fields: "id") {
  id: ID!
  date: String
  authorId: ID @external
  sameCommentOnOtherPosts: [Post]
}

type Author {
  id: ID!
  name: String
}
"""

PRODUCTS = {
    "p1": {"upc": "p1", "name": "p-name-1", "price": 11, "weight": 1, "category": None},
    "p2": {"upc": "p2", "name": "p-name-2", "price": 22, "weight": 2, "category": None},
}
POSTS = ("p1", "p2")
COMMENTS = {
    f"c{n}": {"id": f"c{n}", "postId": post, "authorId": author, "body": body}
    for n, post, author, body in (
        (1, "p1", "a2", "c1-body"),
        (2, "p1", "a2", "c2-body"),
        (3, "p1", "a2", "c3-body"),
        (4, "p2", "a1", "c4-body"),
        (5, "p2", "a1", "c5-body"),
        (6, "p2", "a1", "c6-body"),
        (7, "p2", "a1", "c3-body"),
    )
}
AUTHORS = {"a1": {"id": "a1", "name": "a1-name"}, "a2": {"id": "a2", "name": "a2-name"}}


def _a_product(representation: dict[str, Any]) -> dict[str, Any] | None:
    product = PRODUCTS.get(representation["upc"])
    if product is None:
        return None
    found = {"upc": product["upc"], "category": product["category"]}
    if "weight" in representation and "price" in representation:
        found.update(weight=representation["weight"], price=representation["price"])
    return found


def _comments_of(post_id: str, limit: int) -> list[dict[str, Any]]:
    return [c for c in COMMENTS.values() if c["postId"] == post_id][:limit]


def _d_post(representation: dict[str, Any]) -> dict[str, Any] | None:
    if representation["id"] not in POSTS:
        return None
    comments = representation.get("comments")
    if comments is None:
        return {"id": representation["id"]}
    if len(comments) != 3:
        raise ValueError("Expected 3 comments")
    return {"id": representation["id"], "authorId": comments[2]["authorId"]}


def _c_comment(representation: dict[str, Any]) -> dict[str, Any] | None:
    comment = COMMENTS.get(representation["id"])
    if comment is None:
        return None
    others = representation.get("sameCommentOnOtherPosts") or []
    # Spam when the representation carries the full @requires selection for every post.
    spam = bool(others) and all(all(c["id"] for c in post["comments"]) for post in others)
    return {**comment, "isCommentSpam": spam}


def _same_comment_elsewhere(comment: dict[str, Any], _info: Any) -> list[dict[str, Any]]:
    this = COMMENTS[comment["id"]]
    return [
        {"id": other["postId"]}
        for other in COMMENTS.values()
        if other["body"] == this["body"] and other["postId"] != this["postId"]
    ]


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Product.shippingEstimate": lambda p, _i: p["price"] * p["weight"] * 10,
            "Product.isExpensiveCategory": lambda p, _i: p["category"]["averagePrice"] > 11,
        },
        references={"Product": _a_product},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.products": lambda _p, _i: list(PRODUCTS.values()),
            "Product.price": lambda p, _i, currency: p["price"],
        },
        references={"Product": lambda rep: PRODUCTS.get(rep["upc"])},
    )
    c = SubgraphSpec(
        "c",
        C_SDL,
        resolvers={"Query.feed": lambda _p, _i: [{"id": post} for post in POSTS]},
        references={
            "Post": lambda rep: {"id": rep["id"]} if rep["id"] in POSTS else None,
            "Comment": _c_comment,
        },
    )
    d = SubgraphSpec(
        "d",
        D_SDL,
        resolvers={
            "Post.author": lambda p, _i: AUTHORS.get(p.get("authorId") or ""),
            "Post.comments": lambda p, _i, limit: [
                {"id": c["id"]} for c in _comments_of(p["id"], limit)
            ],
            "Comment.sameCommentOnOtherPosts": _same_comment_elsewhere,
        },
        references={
            "Post": _d_post,
            "Comment": lambda rep: {"id": rep["id"]} if rep["id"] in COMMENTS else None,
        },
    )
    return AuditSuite("requires-with-argument", (a, b, c, d), CASES)


_AUTHORS_AND_FIRST_COMMENT = {
    "feed": [
        {"author": {"id": "a2"}, "comments": [{"id": "c1"}]},
        {"author": {"id": "a1"}, "comments": [{"id": "c4"}]},
    ]
}

CASES = (
    AuditCase(
        "requires a field with a literal argument",
        "{ products { upc name shippingEstimate } }",
        {
            "products": [
                {"upc": "p1", "name": "p-name-1", "shippingEstimate": 110},
                {"upc": "p2", "name": "p-name-2", "shippingEstimate": 440},
            ]
        },
    ),
    AuditCase(
        "requires a list field with an argument",
        "{ feed { author { id } } }",
        {"feed": [{"author": {"id": "a2"}}, {"author": {"id": "a1"}}]},
    ),
    AuditCase(
        "required field also selected with another argument",
        "{ feed { author { id } comments(limit: 1) { id } } }",
        _AUTHORS_AND_FIRST_COMMENT,
    ),
    AuditCase(
        "requires an argument field nested under a list",
        "{ feed { comments(limit: 3) { isCommentSpam } } }",
        {
            "feed": [
                {
                    "comments": [
                        {"isCommentSpam": False},
                        {"isCommentSpam": False},
                        {"isCommentSpam": True},
                    ]
                },
                {
                    "comments": [
                        {"isCommentSpam": False},
                        {"isCommentSpam": False},
                        {"isCommentSpam": False},
                    ]
                },
            ]
        },
    ),
    AuditCase(
        "client argument from a variable's default",
        "query ($limit: Int = 1) { feed { author { id } comments(limit: $limit) { id } } }",
        _AUTHORS_AND_FIRST_COMMENT,
    ),
    AuditCase(
        "same field with a variable argument in two fragments",
        """
        query ($limit: Int = 1) { feed { author { id } ...Foo ...Bar } }
        fragment Foo on Post { comments(limit: $limit) { id } }
        fragment Bar on Post { comments(limit: $limit) { id } }
        """,
        _AUTHORS_AND_FIRST_COMMENT,
    ),
)
