"""Audit suite ``requires-with-fragments``: ``@requires`` field sets with nested inline
fragments on interfaces, where one implementation (``Baz``) is ``@inaccessible`` in ``b``."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable"])

type Query @shareable {
  a: Entity
}

type Entity @key(fields: "id") {
  id: ID!
  data: Foo
}

interface Foo {
  foo: String!
}

interface Bar implements Foo {
  foo: String!
  bar: String!
}

type Baz implements Foo & Bar @shareable {
  foo: String!
  bar: String!
  baz: String!
}

type Qux implements Foo & Bar @shareable {
  foo: String!
  bar: String!
  qux: String!
}
"""

B_SDL = '''
extend schema @link(url: "https://specs.apollo.dev/federation/v2.5",
  import: ["@key", "@shareable", "@inaccessible", "@external", "@requires"])

type Query @shareable {
  b: Entity
  bb: Entity
}

type Entity @key(fields: "id") {
  id: ID!
  data: Foo @external
  requirer: String! @requires(fields: """
    data { foo ... on Bar { bar ... on Baz { baz } ... on Qux { qux } } }
  """)
  requirer2: String! @requires(fields: "data { ... on Foo { foo } }")
}

interface Foo {
  foo: String!
}

interface Bar implements Foo {
  foo: String!
  bar: String!
}

type Baz implements Foo & Bar @shareable @inaccessible {
  foo: String!
  bar: String!
  baz: String!
}

type Qux implements Foo & Bar @shareable {
  foo: String!
  bar: String!
  qux: String!
}
'''

ENTITIES = {"e1": {"id": "e1", "data": "b1"}, "e2": {"id": "e2", "data": "q1"}}
DATA = {
    "b1": {"__typename": "Baz", "foo": "b1-foo", "bar": "b1-bar", "baz": "b1-baz"},
    "q1": {"__typename": "Qux", "foo": "q1-foo", "bar": "q1-bar", "qux": "q1-qux"},
}


def _entity(entity_id: str) -> dict[str, Any]:
    return {"__typename": "Entity", **ENTITIES[entity_id]}


def _reference(representation: dict[str, Any]) -> dict[str, Any] | None:
    row = ENTITIES.get(representation["id"])
    return None if row is None else {**row, **representation}


def _data(entity: dict[str, Any], _info: Any) -> dict[str, Any]:
    return DATA[ENTITIES[entity["id"]]["data"]]


def _required_foo(entity: dict[str, Any], suffix: str) -> str:
    data = entity.get("data")
    if not isinstance(data, dict):
        raise ValueError("Expected entity to have a data field")
    return f"{data['foo']}_{suffix}"


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={"Query.a": lambda _p, _i: _entity("e2"), "Entity.data": _data},
        references={"Entity": _reference},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.b": lambda _p, _i: _entity("e1"),
            "Query.bb": lambda _p, _i: _entity("e2"),
            "Entity.requirer": lambda e, _i: _required_foo(e, "requirer"),
            "Entity.requirer2": lambda e, _i: _required_foo(e, "requirer2"),
        },
        references={"Entity": _reference},
    )
    return AuditSuite("requires-with-fragments", (a, b), CASES, skip_satisfiability=True)


CASES = (
    AuditCase(
        "inaccessible implementation answers null",
        "{ b { id data { __typename } } bb { id data { __typename } } }",
        {"b": {"id": "e1", "data": None}, "bb": {"id": "e2", "data": {"__typename": "Qux"}}},
    ),
    AuditCase(
        "requires from the root subgraph",
        "{ a { requirer } }",
        {"a": {"requirer": "q1-foo_requirer"}},
    ),
    AuditCase(
        "requires next to the required field",
        "{ a { data { __typename } requirer } }",
        {"a": {"data": {"__typename": "Qux"}, "requirer": "q1-foo_requirer"}},
    ),
    AuditCase(
        "requires fetched from a, back to b",
        "{ bb { data { __typename } requirer } }",
        {"bb": {"data": {"__typename": "Qux"}, "requirer": "q1-foo_requirer"}},
    ),
    AuditCase(
        "requires over an inaccessible implementation",
        "{ b { data { __typename } requirer } }",
        {"b": {"data": None, "requirer": "b1-foo_requirer"}},
    ),
    AuditCase(
        "requires with a fragment on the interface itself",
        "{ bb { data { __typename } requirer2 } }",
        {"bb": {"data": {"__typename": "Qux"}, "requirer2": "q1-foo_requirer2"}},
    ),
)
