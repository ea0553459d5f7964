"""Audit suite ``null-keys``: the key needed to reach a field (``Book.id``) is only known to
an intermediate subgraph, which answers ``null`` for one entity; that entity's field comes
out ``null`` without an error, the others resolve."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  bookContainers: [BookContainer]
}

type BookContainer {
  book: Book
}

type Book @key(fields: "upc") {
  upc: ID!
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Book @key(fields: "id") @key(fields: "upc") {
  id: ID!
  upc: ID!
}
"""

C_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Book @key(fields: "id") {
  id: ID!
  author: Author
}

type Author {
  id: ID!
  name: String
}
"""

BOOKS = [
    {"id": "1", "upc": "b1", "author": {"id": "a1", "name": "Alice"}},
    {"id": "2", "upc": "b2", "author": {"id": "a2", "name": "Bob"}},
    {"id": "3", "upc": "b3", "author": {"id": "a3", "name": "Jack"}},
]


def _find(representation: dict[str, Any]) -> dict[str, Any]:
    field = "id" if "id" in representation else "upc"
    book = next((b for b in BOOKS if b[field] == representation.get(field)), None)
    if book is None:
        raise ValueError("Invalid reference")
    return book


def _b_book(representation: dict[str, Any]) -> dict[str, Any] | None:
    book = _find(representation)
    # b does not know book 3: the only way to its id (and on to c) is closed.
    return None if book["id"] == "3" else {"id": book["id"], "upc": book["upc"]}


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.bookContainers": lambda _p, _i: [{"book": {"upc": b["upc"]}} for b in BOOKS]
        },
    )
    b = SubgraphSpec("b", B_SDL, references={"Book": _b_book})
    c = SubgraphSpec(
        "c",
        C_SDL,
        references={"Book": lambda rep: {k: _find(rep)[k] for k in ("id", "author")}},
    )
    return AuditSuite("null-keys", (a, b, c), CASES)


CASES = (
    AuditCase(
        "entity the key subgraph answers null for",
        "{ bookContainers { book { upc author { name } } } }",
        {
            "bookContainers": [
                {"book": {"upc": "b1", "author": {"name": "Alice"}}},
                {"book": {"upc": "b2", "author": {"name": "Bob"}}},
                {"book": {"upc": "b3", "author": None}},
            ]
        },
    ),
)
