"""Audit suite ``provides-on-union``: ``@provides(fields: "... on Book { title }")`` on a
union list; ``Movie.title`` must still come from the subgraph owning it."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@external"])

type Query {
  media: [Media] @shareable
}

union Media = Book | Movie

type Book @key(fields: "id") {
  id: ID!
}

type Movie @key(fields: "id") {
  id: ID!
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@provides", "@external"])

type Query {
  media: [Media] @shareable @provides(fields: "... on Book { title }")
}

union Media = Book | Movie

type Book @key(fields: "id") {
  id: ID!
  title: String @external
}

type Movie @key(fields: "id") {
  id: ID!
}
"""

C_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Book @key(fields: "id") {
  id: ID!
  title: String @shareable
}

type Movie @key(fields: "id") {
  id: ID!
  title: String @shareable
}
"""

MEDIAS = {
    "m1": {"__typename": "Book", "id": "m1", "title": "Book 1"},
    "m2": {"__typename": "Movie", "id": "m2", "title": "Movie 1"},
}


def _b_media(_parent: Any, _info: Any) -> list[dict[str, Any]]:
    return [
        dict(media)
        if media["__typename"] == "Book"
        else {k: media[k] for k in ("__typename", "id")}
        for media in MEDIAS.values()
    ]


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.media": lambda _p, _i: [
                {k: m[k] for k in ("__typename", "id")} for m in MEDIAS.values()
            ]
        },
    )
    b = SubgraphSpec("b", B_SDL, resolvers={"Query.media": _b_media})
    c = SubgraphSpec(
        "c",
        C_SDL,
        references={
            "Book": lambda rep: MEDIAS.get(rep["id"]),
            "Movie": lambda rep: MEDIAS.get(rep["id"]),
        },
    )
    return AuditSuite("provides-on-union", (a, b, c), CASES)


CASES = (
    AuditCase(
        "provided field of one union member",
        "{ media { ... on Book { id title } ... on Movie { id } } }",
        {"media": [{"id": "m1", "title": "Book 1"}, {"id": "m2"}]},
    ),
    AuditCase(
        "provided on one member, fetched for the other",
        "{ media { ... on Book { id title } ... on Movie { id title } } }",
        {"media": [{"id": "m1", "title": "Book 1"}, {"id": "m2", "title": "Movie 1"}]},
    ),
)
