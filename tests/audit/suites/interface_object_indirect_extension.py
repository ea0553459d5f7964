"""Audit suite ``interface-object-indirect-extension``: an implementation (``Video``) of an
entity interface is extended by a subgraph that does not know the interface, while a third
subgraph sees the interface only as an ``@interfaceObject``; a type condition under the
interface object needs the concrete type first."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

MEDIA_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  media: Media
}

interface Media @key(fields: "id") {
  id: ID!
  title: String
}

type Video implements Media @key(fields: "id") {
  id: ID!
  title: String
  duration: Int
}

type Article implements Media @key(fields: "id") {
  id: ID!
  title: String
  wordCount: Int
}
"""

AUTHOR_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  author: Author
}

type Author @key(fields: "id") {
  id: ID!
  name: String
}

extend type Video @key(fields: "id") {
  id: ID!
  authorName: String
}
"""

PLAYLIST_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@interfaceObject"])

type Query {
  playlist: Playlist
}

type Playlist @key(fields: "id") {
  id: ID!
  name: String
  media: Media
}

type Media @key(fields: "id") @interfaceObject {
  id: ID!
}
"""


def _video(rep: dict[str, Any]) -> dict[str, Any]:
    n = int(rep["id"])
    return {"__typename": "Video", "id": rep["id"], "title": f"title for {n}", "duration": 100 * n}


def _article(rep: dict[str, Any]) -> dict[str, Any]:
    n = int(rep["id"])
    return {
        "__typename": "Article",
        "id": rep["id"],
        "title": f"title for {n}",
        "wordCount": 900 * n,
    }


def build() -> AuditSuite:
    media = SubgraphSpec(
        "a",
        MEDIA_SDL,
        resolvers={"Query.media": lambda _p, _i: _video({"id": "1"})},
        references={
            # No reference resolver for the interface in the audit: the subgraph library types
            # the representation with the interface's resolveType (always Video) and runs
            # Video's reference resolver.
            "Media": _video,
            "Video": _video,
            "Article": _article,
        },
    )
    author = SubgraphSpec(
        "b",
        AUTHOR_SDL,
        resolvers={
            "Query.author": lambda _p, _i: {"id": "1", "name": "name for 1"},
            "Video.authorName": lambda _v, _i: "John Doe",
        },
        references={
            "Author": lambda rep: {"id": rep["id"], "name": f"name for {rep['id']}"},
            "Video": lambda rep: {"id": rep["id"]},
        },
    )
    playlist = SubgraphSpec(
        "c",
        PLAYLIST_SDL,
        resolvers={
            "Query.playlist": lambda _p, _i: {"id": "1", "name": "name for 1", "media": {"id": "1"}}
        },
        references={
            "Playlist": lambda rep: {
                "id": rep["id"],
                "name": f"name for {rep['id']}",
                "media": {"id": rep["id"]},
            },
            "Media": lambda rep: {"id": rep["id"]},
        },
    )
    return AuditSuite("interface-object-indirect-extension", (media, author, playlist), CASES)


CASES = (
    AuditCase(
        "interface, extension of one implementation, and the interface object",
        """
        {
          media { id title ... on Video { duration authorName } ... on Article { wordCount } }
          author { id name }
          playlist { id name media { id ... on Video { duration } } }
        }
        """,
        {
            "media": {"id": "1", "title": "title for 1", "duration": 100, "authorName": "John Doe"},
            "author": {"id": "1", "name": "name for 1"},
            "playlist": {"id": "1", "name": "name for 1", "media": {"id": "1", "duration": 100}},
        },
    ),
)
