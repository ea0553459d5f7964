"""Audit suite ``keys-mashup``: an entity with four keys, each resolvable in only one of two
subgraphs (one key is composite and nested), plus a ``@requires`` that forces a trip
through the other subgraph's only resolvable key."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])

type A
  @key(fields: "id", resolvable: true)
  @key(fields: "pId", resolvable: false)
  @key(fields: "compositeId { one two }", resolvable: false)
  @key(fields: "id compositeId { two three }", resolvable: false) {
  id: ID!
  pId: ID!
  compositeId: CompositeID!
  name: String!
}

type CompositeID {
  one: ID!
  two: ID!
  three: ID!
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.5",
  import: ["@key", "@requires", "@external"])

type Query {
  b: B
}

type B @key(fields: "id") {
  id: ID!
  a: [A!]!
}

type A
  @key(fields: "compositeId { one two }", resolvable: false)
  @key(fields: "id compositeId { two three }", resolvable: true)
  @key(fields: "pId", resolvable: false)
  @key(fields: "id", resolvable: false) {
  id: ID!
  pId: ID!
  compositeId: CompositeID!
  name: String! @external
  nameInB: String! @requires(fields: "name")
}

type CompositeID {
  one: ID!
  two: ID!
  three: ID!
}
"""


def _a_row(n: str) -> dict[str, Any]:
    return {
        "id": n,
        "pId": f"a.{n}.pId",
        "name": f"a.{n}",
        "compositeId": {part: f"a.{n}.compositeId.{part}" for part in ("one", "two", "three")},
    }


AS = {n: _a_row(n) for n in ("1", "2")}
BS = {"100": {"id": "100", "a": ["1"]}, "200": {"id": "200", "a": ["1", "2"]}}


def _b_a(row: dict[str, Any]) -> dict[str, Any]:
    return {"__typename": "A", **{k: row[k] for k in ("id", "pId", "compositeId")}}


def _b_reference_a(representation: dict[str, Any]) -> dict[str, Any] | None:
    row = AS.get(representation["id"])
    if row is None:
        return None
    found = _b_a(row)
    if representation.get("name"):
        found["name"] = representation["name"]
    return found


def _name_in_b(a: dict[str, Any], _info: Any) -> str:
    if not a.get("name"):
        raise ValueError("A.name was not provided")
    return f"b.a.nameInB {a['name']}"


def build() -> AuditSuite:
    a = SubgraphSpec("a", A_SDL, references={"A": lambda rep: AS.get(rep["id"])})
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.b": lambda _p, _i: dict(BS["100"]),
            "B.a": lambda b, _i: [_b_a(AS[n]) if n in AS else None for n in b["a"]],
            "A.nameInB": _name_in_b,
        },
        references={"B": lambda rep: BS.get(rep["id"]), "A": _b_reference_a},
    )
    return AuditSuite("keys-mashup", (a, b), CASES)


CASES = (
    AuditCase(
        "field of a, then requires back in b",
        "{ b { id a { id name nameInB } } }",
        {"b": {"id": "100", "a": [{"id": "1", "name": "a.1", "nameInB": "b.a.nameInB a.1"}]}},
    ),
)
