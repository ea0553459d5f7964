"""Audit suite ``requires-circular``: ``a`` requires a field of ``b`` which itself requires
a field of ``a`` (``byExpert`` <- ``byNovice`` <- ``author { yearsOfExperience }``)."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires"])

type Query {
  feed: [Post]
}

type Post @key(fields: "id") {
  id: ID!
  byNovice: Boolean! @external
  byExpert: Boolean! @requires(fields: "byNovice")
}

type Author @key(fields: "id") {
  id: ID!
  name: String!
  yearsOfExperience: Int!
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires"])

type Post @key(fields: "id") {
  id: ID!
  author: Author!
  byNovice: Boolean! @requires(fields: "author { yearsOfExperience }")
}

type Author @key(fields: "id") {
  id: ID!
  yearsOfExperience: Int! @external
}
"""

AUTHORS = {
    "a1": {"id": "a1", "name": "John", "yearsOfExperience": 5},
    "a2": {"id": "a2", "name": "Jane", "yearsOfExperience": 20},
}
POSTS = {"p1": {"id": "p1", "author": "a1"}, "p2": {"id": "p2", "author": "a2"}}


def _a_post(rep: dict[str, Any]) -> dict[str, Any] | None:
    if rep["id"] not in POSTS:
        return None
    return {"id": rep["id"], **({"byNovice": rep["byNovice"]} if "byNovice" in rep else {})}


def _by_expert(post: dict[str, Any], _info: Any) -> bool | None:
    # None (an error on a non-null field) when the requirement was skipped.
    return None if post.get("byNovice") is None else not post["byNovice"]


def _b_post(rep: dict[str, Any]) -> dict[str, Any] | None:
    post = POSTS.get(rep["id"])
    if post is None:
        return None
    return {"id": post["id"], "author": {"id": post["author"], **(rep.get("author") or {})}}


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.feed": lambda _p, _i: [{"id": p} for p in POSTS],
            "Post.byExpert": _by_expert,
        },
        references={"Post": _a_post, "Author": lambda rep: AUTHORS.get(rep["id"])},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={"Post.byNovice": lambda p, _i: p["author"]["yearsOfExperience"] < 10},
        references={"Post": _b_post},
    )
    return AuditSuite("requires-circular", (a, b), CASES)


CASES = (
    AuditCase(
        "requires back into the root subgraph",
        "{ feed { byNovice } }",
        {"feed": [{"byNovice": True}, {"byNovice": False}]},
    ),
    AuditCase(
        "requires of a requires, across the same two subgraphs",
        "{ feed { byExpert } }",
        {"feed": [{"byExpert": False}, {"byExpert": True}]},
    ),
)
