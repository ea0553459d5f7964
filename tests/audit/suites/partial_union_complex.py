"""Audit suite ``partial-union-complex``: the same ``@shareable`` wrapper's union field has
different members per subgraph (``Common | OnlyA`` and ``Common | OnlyB``); each root field
and entity field must keep the fragments its own subgraph can answer."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  rootA: Container
  shared: Container @shareable
}

type Container @key(fields: "id") {
  id: ID!
  wrapper: Wrapper @shareable
}

type Wrapper @shareable {
  actions: [Action!]! @shareable
}

union Action = Common | OnlyA

type Common @shareable {
  label: String
}

type OnlyA {
  a: String
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  rootB: Container
  shared: Container @shareable
}

type Container @key(fields: "id") {
  id: ID!
  wrapper: Wrapper @shareable
  bWrapper: Wrapper
}

type Wrapper @shareable {
  actions: [Action!]! @shareable
}

union Action = Common | OnlyB

type Common @shareable {
  label: String
}

type OnlyB {
  b: String
}
"""

COMMON = {"__typename": "Common", "label": "common label"}
ONLY_A = {"__typename": "OnlyA", "a": "only a"}
ONLY_B = {"__typename": "OnlyB", "b": "only b"}
CONTAINER_ID = "container-1"
A_ACTIONS = [COMMON, ONLY_A]
B_ACTIONS = [COMMON, ONLY_B]
SHARED_ACTIONS = [COMMON]


def _container(actions: list[dict[str, Any]]) -> Any:
    return lambda *_args: {"id": CONTAINER_ID, "actions": actions}


def _reference(actions: list[dict[str, Any]]) -> Any:
    return lambda rep: None if rep["id"] != CONTAINER_ID else _container(actions)()


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.rootA": _container(A_ACTIONS),
            "Query.shared": _container(SHARED_ACTIONS),
            "Container.wrapper": lambda c, _i: {"actions": c.get("actions") or A_ACTIONS},
        },
        references={"Container": _reference(A_ACTIONS)},
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.rootB": _container(B_ACTIONS),
            "Query.shared": _container(SHARED_ACTIONS),
            "Container.wrapper": lambda c, _i: {"actions": c.get("actions") or B_ACTIONS},
            "Container.bWrapper": lambda _c, _i: {"actions": B_ACTIONS},
        },
        references={"Container": _reference(B_ACTIONS)},
    )
    return AuditSuite("partial-union-complex", (a, b), CASES)


_ALL = "__typename ... on Common { label } ... on OnlyA { a } ... on OnlyB { b }"

CASES = (
    AuditCase(
        "members of the first subgraph",
        f"{{ rootA {{ wrapper {{ actions {{ {_ALL} }} }} }} }}",
        {"rootA": {"wrapper": {"actions": A_ACTIONS}}},
    ),
    AuditCase(
        "members of the second subgraph",
        f"{{ rootB {{ wrapper {{ actions {{ {_ALL} }} }} }} }}",
        {"rootB": {"wrapper": {"actions": B_ACTIONS}}},
    ),
    AuditCase(
        "only a member the resolving subgraph does not know",
        "{ rootA { wrapper { actions { __typename ... on OnlyB { b } } } } }",
        {"rootA": {"wrapper": {"actions": [{"__typename": "Common"}, {"__typename": "OnlyA"}]}}},
    ),
    AuditCase(
        "shared root field",
        f"{{ shared {{ wrapper {{ actions {{ {_ALL} }} }} }} }}",
        {"shared": {"wrapper": {"actions": SHARED_ACTIONS}}},
    ),
    AuditCase(
        "entity field of the other subgraph",
        f"{{ rootA {{ bWrapper {{ actions {{ {_ALL} }} }} }} }}",
        {"rootA": {"bWrapper": {"actions": B_ACTIONS}}},
    ),
)
