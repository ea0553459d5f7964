"""Audit suite ``provides-on-interface``: ``@provides`` through interface-typed fields
(``media { animals { id name } }``), where only the providing subgraph may answer
``media`` (the other one fails on purpose: the audit's "poor plan" guard is on here), and a
field (``Cat.age``) that is only reachable through the parent entity ``Book``."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@external", "@provides"])

type Query {
  media: Media @shareable
  book: Book @provides(fields: "animals { ... on Dog { name } }")
}

interface Media {
  id: ID!
}

interface Animal {
  id: ID!
}

type Book implements Media @key(fields: "id") {
  id: ID!
  animals: [Animal] @shareable
}

type Dog implements Animal @key(fields: "id") {
  id: ID! @external
  name: String @external
}

type Cat implements Animal @key(fields: "id") {
  id: ID! @external
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@provides", "@external"])

type Query {
  media: Media @shareable @provides(fields: "animals { id name }")
}

interface Media {
  id: ID!
  animals: [Animal]
}

interface Animal {
  id: ID!
  name: String
}

type Book implements Media {
  id: ID! @shareable
  animals: [Animal] @external
}

type Dog implements Animal {
  id: ID! @external
  name: String @external
}

type Cat implements Animal {
  id: ID! @external
  name: String @external
}
"""

C_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

interface Media {
  id: ID!
  animals: [Animal]
}

interface Animal {
  id: ID!
  name: String
}

type Book implements Media @key(fields: "id") {
  id: ID!
  animals: [Animal] @shareable
}

type Dog implements Animal @key(fields: "id") {
  id: ID!
  name: String @shareable
  age: Int
}

type Cat implements Animal @key(fields: "id") {
  id: ID!
  name: String @shareable
  age: Int
}
"""

MEDIAS = {"m1": {"__typename": "Book", "id": "m1", "animals": ["a1", "a2"]}}
ANIMALS = {
    "a1": {"__typename": "Dog", "id": "a1", "name": "Fido", "age": 3},
    "a2": {"__typename": "Cat", "id": "a2", "name": "Whiskers", "age": 6},
}


def _poor_plan(message: str) -> Any:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise ValueError(message)

    return fail


def _animals(ids: list[str], *fields: str) -> list[dict[str, Any] | None]:
    return [
        {"__typename": ANIMALS[i]["__typename"], **{f: ANIMALS[i][f] for f in fields}}
        if i in ANIMALS
        else None
        for i in ids
    ]


def _book(media: dict[str, Any], *fields: str) -> dict[str, Any]:
    return {"__typename": "Book", "id": media["id"], "animals": _animals(media["animals"], *fields)}


def _a_book(_parent: Any, _info: Any) -> dict[str, Any]:
    media = MEDIAS["m1"]
    animals = [
        {k: v for k, v in ANIMALS[i].items() if k in ("__typename", "id", "name")}
        if ANIMALS[i]["__typename"] == "Dog"
        else {"__typename": ANIMALS[i]["__typename"], "id": i}
        for i in media["animals"]
    ]
    return {"__typename": "Book", "id": media["id"], "animals": animals}


def _c_book(representation: dict[str, Any]) -> dict[str, Any] | None:
    media = MEDIAS.get(representation["id"])
    return None if media is None else _book(media, "id", "name")


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.media": _poor_plan("You should be using the 'a' subgraph!"),
            "Query.book": _a_book,
        },
        references={
            "Book": lambda rep: _book(MEDIAS[rep["id"]], "id") if rep["id"] in MEDIAS else None
        },
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={"Query.media": lambda _p, _i: _book(MEDIAS["m1"], "id", "name")},
    )
    c = SubgraphSpec(
        "c",
        C_SDL,
        resolvers={
            "Cat.age": lambda cat, _i: ANIMALS[cat["id"]]["age"],
            "Dog.age": lambda dog, _i: ANIMALS[dog["id"]]["age"],
        },
        references={
            "Book": _c_book,
            "Cat": lambda rep: ANIMALS.get(rep["id"]),
            "Dog": _poor_plan("You should be using the 'c' subgraph!"),
        },
    )
    return AuditSuite("provides-on-interface", (a, b, c), CASES)


CASES = (
    AuditCase(
        "provided interface fields from the providing subgraph only",
        "{ media { id animals { id name } } }",
        {
            "media": {
                "id": "m1",
                "animals": [{"id": "a1", "name": "Fido"}, {"id": "a2", "name": "Whiskers"}],
            }
        },
    ),
    AuditCase(
        "field of an implementation reached through the parent entity",
        "{ media { id animals { id name ... on Cat { age } } } }",
        {
            "media": {
                "id": "m1",
                "animals": [
                    {"id": "a1", "name": "Fido"},
                    {"id": "a2", "name": "Whiskers", "age": 6},
                ],
            }
        },
    ),
)
