"""Audit suite ``provides-only-requested-fields``: ``@provides(fields: "name description")``
is a hint: only the provided fields the client selected may be asked of the providing
subgraph, and never of the owner. The audit's "poor plan" guard (off in its default run)
is ON here, so over-fetching shows up as errors."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  _aPlaceholder: Boolean
}

type Entity @key(fields: "id") {
  id: ID!
  name: String! @shareable
  description: String! @shareable
  extra: String!
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@provides"])

type Query {
  entity: Entity @provides(fields: "name description")
  entities: [Entity!]! @provides(fields: "name description")
}

type Entity @key(fields: "id") {
  id: ID!
  name: String! @external
  description: String! @external
}
"""

ENTITIES = {
    "e1": {
        "id": "e1",
        "name": "Entity One",
        "description": "Description One",
        "extra": "Extra One",
    },
    "e2": {
        "id": "e2",
        "name": "Entity Two",
        "description": "Description Two",
        "extra": "Extra Two",
    },
}


def _poor_plan(message: str) -> Any:
    def fail(*_args: Any) -> Any:
        raise ValueError(message)

    return fail


def _provided(entity: dict[str, Any]) -> dict[str, Any]:
    return {k: entity[k] for k in ("id", "name", "description")}


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Entity.name": _poor_plan("You should be using the 'b' subgraph for `name`"),
            "Entity.description": _poor_plan(
                "You should be using the 'b' subgraph for `description`"
            ),
        },
        references={"Entity": lambda rep: ENTITIES.get(rep["id"])},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.entity": lambda _p, _i: _provided(ENTITIES["e1"]),
            "Query.entities": lambda _p, _i: [_provided(e) for e in ENTITIES.values()],
            "Entity.description": _poor_plan("Over-fetch: nobody selected `description`"),
        },
        references={"Entity": _poor_plan("You should not be entering 'b' by reference")},
    )
    return AuditSuite("provides-only-requested-fields", (a, b), CASES)


_E1 = {"id": "e1", "name": "Entity One"}

CASES = (
    AuditCase("key field only", "{ entity { id } }", {"entity": {"id": "e1"}}),
    AuditCase("one provided field", "{ entity { id name } }", {"entity": _E1}),
    AuditCase(
        "aliased provided field",
        "{ entity { id displayName: name } }",
        {"entity": {"id": "e1", "displayName": "Entity One"}},
    ),
    AuditCase(
        "provided field in an inline fragment",
        "{ entity { id ... on Entity { name } } }",
        {"entity": _E1},
    ),
    AuditCase(
        "provided field in a named fragment",
        "{ entity { id ...EntityName } } fragment EntityName on Entity { name }",
        {"entity": _E1},
    ),
    AuditCase(
        "provided field and a field of the owner",
        "{ entity { id name extra } }",
        {"entity": {**_E1, "extra": "Extra One"}},
    ),
    AuditCase(
        "list of provided fields",
        "{ entities { id name } }",
        {"entities": [{"id": e["id"], "name": e["name"]} for e in ENTITIES.values()]},
    ),
    AuditCase(
        "list of provided fields and owner fields",
        "{ entities { id name extra } }",
        {
            "entities": [
                {"id": e["id"], "name": e["name"], "extra": e["extra"]} for e in ENTITIES.values()
            ]
        },
    ),
    AuditCase(
        "@skip(if: true) on a provided field's fragment",
        "{ entity { id ... on Entity @skip(if: true) { description } } }",
        {"entity": {"id": "e1"}},
    ),
    AuditCase(
        "@include(if: false) on a provided field's fragment",
        "{ entity { id ... on Entity @include(if: false) { description } } }",
        {"entity": {"id": "e1"}},
    ),
    AuditCase(
        "sibling untyped fragments",
        "{ entity { id ... { name } ... { extra } } }",
        {"entity": {**_E1, "extra": "Extra One"}},
    ),
)
