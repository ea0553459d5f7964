"""Audit suite ``union-intersection``: a union whose members differ per subgraph
(``Media = Book | Song`` in ``a``, ``Book | Movie`` in ``b``); fragments on members a
subgraph does not know must not reach it, empty matches come out as ``{}``, and
member-specific fields are fetched by entity calls."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable", "@key"])

union Media = Book | Song
union ViewerMedia = Book | Song

type Book @key(fields: "id") {
  id: ID!
  title: String! @shareable
  aTitle: String!
}

type Song @key(fields: "id") {
  id: ID!
  title: String! @shareable
  aTitle: String!
}

type Query {
  media: Media @shareable
  aMedia: Media @shareable
  book: Book @shareable
  song: Media @shareable
  viewer: Viewer @shareable
}

type Viewer {
  media: ViewerMedia @shareable
  aMedia: ViewerMedia
  book: Book @shareable
  song: ViewerMedia @shareable
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable", "@key"])

type Query {
  media: Media @shareable
  bMedia: Media @shareable
  book: Media @shareable
  viewer: Viewer @shareable
}

union Media = Book | Movie
union ViewerMedia = Book | Movie

type Movie @key(fields: "id") {
  id: ID!
  title: String! @shareable
  bTitle: String!
}

type Book @key(fields: "id") {
  id: ID!
  title: String! @shareable
  bTitle: String!
}

type Viewer {
  media: ViewerMedia @shareable
  bMedia: ViewerMedia
  book: ViewerMedia @shareable
}
"""

BOOK = {
    "__typename": "Book",
    "id": "b1",
    "title": "The Lord of the Rings",
    "aTitle": "A: The Lord of the Rings",
    "bTitle": "B: The Lord of the Rings",
}
SONG = {"__typename": "Song", "id": "s2", "title": "Song Title", "aTitle": "A: Song Title"}
MOVIE = {"__typename": "Movie", "id": "m3", "title": "A Movie Title", "bTitle": "B Movie Title"}


def _only(value: dict[str, Any]) -> Any:
    return lambda rep: value if rep["id"] == value["id"] else None


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.media": lambda _p, _i: BOOK,
            "Query.aMedia": lambda _p, _i: BOOK,
            "Query.book": lambda _p, _i: BOOK,
            "Query.song": lambda _p, _i: SONG,
            "Query.viewer": lambda _p, _i: {
                "media": BOOK,
                "aMedia": BOOK,
                "book": BOOK,
                "song": SONG,
            },
        },
        references={"Book": _only(BOOK), "Song": _only(SONG)},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.media": lambda _p, _i: BOOK,
            "Query.bMedia": lambda _p, _i: BOOK,
            "Query.book": lambda _p, _i: BOOK,
            "Query.viewer": lambda _p, _i: {"media": BOOK, "bMedia": MOVIE, "book": BOOK},
        },
        references={"Book": _only(BOOK), "Movie": _only(MOVIE)},
    )
    return AuditSuite("union-intersection", (a, b), CASES, supergraph_patches=APOLLO_TYPES)


# @apollo/composition types these @shareable fields as the union (the most general of the
# subgraphs' types); the reference composer picks the member type ``Book``.
APOLLO_TYPES = (
    (
        "  book: Book\n",
        '  book: Media @join__field(graph: A, type: "Book") '
        '@join__field(graph: B, type: "Media")\n',
    ),
    (
        '  book: Book @join__field(graph: A, type: "Book")',
        '  book: ViewerMedia @join__field(graph: A, type: "Book")',
    ),
)


_ALL_MEMBERS = "__typename ... on Song { title } ... on Movie { title } ... on Book { title }"
_ALL_MEMBERS_EXTRA = (
    "__typename ... on Song { title aTitle } ... on Movie { title bTitle } "
    "... on Book { title aTitle bTitle }"
)
_TITLE = {"title": BOOK["title"]}
_BOOK_TITLE = {"__typename": "Book", "title": BOOK["title"]}
_SONG_TITLE = {"__typename": "Song", "title": SONG["title"]}

CASES = (
    AuditCase("member no subgraph returns", "{ media { ... on Movie { title } } }", {"media": {}}),
    AuditCase("member returned", "{ media { ... on Book { title } } }", {"media": _TITLE}),
    AuditCase(
        "both members",
        "{ media { ... on Book { title } ... on Movie { title } } }",
        {"media": _TITLE},
    ),
    AuditCase(
        "members known to one subgraph only",
        f"{{ viewer {{ media {{ {_ALL_MEMBERS} }} book {{ {_ALL_MEMBERS} }} "
        f"song {{ {_ALL_MEMBERS} }} }} }}",
        {"viewer": {"media": _BOOK_TITLE, "book": _BOOK_TITLE, "song": _SONG_TITLE}},
    ),
    AuditCase(
        "nested member no subgraph returns",
        "{ viewer { media { ... on Movie { title } } } }",
        {"viewer": {"media": {}}},
    ),
    AuditCase(
        "nested member returned",
        "{ viewer { media { ... on Book { title } } } }",
        {"viewer": {"media": _TITLE}},
    ),
    AuditCase(
        "nested, both members",
        "{ viewer { media { ... on Book { title } ... on Movie { title } } } }",
        {"viewer": {"media": _TITLE}},
    ),
    AuditCase(
        "entity calls: member of the other subgraph only",
        "{ aMedia { ... on Movie { title bTitle } } }",
        {"aMedia": {}},
    ),
    AuditCase(
        "entity calls: fields of both subgraphs",
        "{ aMedia { ... on Book { title aTitle bTitle } } }",
        {"aMedia": {k: BOOK[k] for k in ("title", "aTitle", "bTitle")}},
    ),
    AuditCase(
        "entity calls under a shared object",
        f"{{ viewer {{ media {{ {_ALL_MEMBERS_EXTRA} }} book {{ {_ALL_MEMBERS_EXTRA} }} "
        f"song {{ {_ALL_MEMBERS_EXTRA} }} }} }}",
        {
            "viewer": {
                "media": {k: BOOK[k] for k in ("__typename", "title", "aTitle", "bTitle")},
                "book": {k: BOOK[k] for k in ("__typename", "title", "aTitle", "bTitle")},
                "song": {k: SONG[k] for k in ("__typename", "title", "aTitle")},
            }
        },
    ),
    AuditCase(
        "subgraph-specific fields of a shared object",
        "{ viewer { aMedia { ... on Movie { title bTitle } } "
        "bMedia { ... on Movie { title bTitle } } } }",
        {"viewer": {"aMedia": {}, "bMedia": {"title": MOVIE["title"], "bTitle": MOVIE["bTitle"]}}},
    ),
)
