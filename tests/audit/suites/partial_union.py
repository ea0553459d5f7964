"""Audit suite ``partial-union``: a union whose members ``Beta`` and ``Gamma`` (no keys)
exist only in the subgraph owning the root field, while another subgraph shares the
enclosing types with a partial union; no member fragment may be dropped."""

from __future__ import annotations

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key", "@shareable"])

type Query {
  getResponse: Response
}

type Response @shareable {
  actions: [Action!]!
  message: String
}

union Action = Alpha | Beta | Gamma

type Alpha @shareable {
  id: ID!
  value: String
}

type Beta {
  id: ID!
  name: String
  details: String
}

type Gamma {
  id: ID!
  label: String
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key", "@shareable"])

type Response @shareable {
  actions: [Action!]!
  message: String
}

union Action = Alpha

type Alpha @shareable {
  id: ID!
  value: String
}
"""

MESSAGE = "Hello, Federation!"
ALPHA = {"__typename": "Alpha", "id": "alpha-1", "value": "alpha value"}
BETA = {"__typename": "Beta", "id": "beta-1", "name": "beta name", "details": "beta details"}
GAMMA = {"__typename": "Gamma", "id": "gamma-1", "label": "gamma label"}


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.getResponse": lambda _p, _i: {
                "message": MESSAGE,
                "actions": [ALPHA, BETA, GAMMA],
            }
        },
    )
    b = SubgraphSpec("b", B_SDL)
    return AuditSuite("partial-union", (a, b), CASES)


CASES = (
    AuditCase(
        "every member of a partial union",
        """
        {
          getResponse {
            message
            actions {
              __typename
              ... on Alpha { id value }
              ... on Beta { id name details }
              ... on Gamma { id label }
            }
          }
        }
        """,
        {"getResponse": {"message": MESSAGE, "actions": [ALPHA, BETA, GAMMA]}},
    ),
    AuditCase(
        "only the members missing from the other subgraph",
        "{ getResponse { actions { __typename ... on Beta { name } ... on Gamma { label } } } }",
        {
            "getResponse": {
                "actions": [
                    {"__typename": "Alpha"},
                    {"__typename": "Beta", "name": BETA["name"]},
                    {"__typename": "Gamma", "label": GAMMA["label"]},
                ]
            }
        },
    ),
)
