"""The fixture graph behind the HTTP tests: two subgraphs using the auth and cost directives.

``accounts`` owns customers and accounts (``@authenticated``, ``@requiresScopes`` on
``Account.balance``); ``vault`` adds ``Account.secretNote`` (``@policy``), a costly
``Account.riskScore`` (``@cost``) and a sized list (``@listSize``). The checked-in
``fixtures/supergraph.graphql`` is composed by the reference composer; regenerate it with
``python -m tests.gateway.http.graph``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson

from tests.fixtures.federation.fixture import placeholder_url
from tests.fixtures.federation.subgraph import SubgraphApp, SubgraphSpec, by_key

__all__ = ["SUPERGRAPH", "RecordingSubgraph", "subgraph_apps"]

REPO_ROOT = Path(__file__).resolve().parents[3]
SUPERGRAPH = Path(__file__).parent / "fixtures" / "supergraph.graphql"

ACCOUNTS_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9",
  import: ["@key", "@authenticated", "@requiresScopes"])

type Query {
  hello(name: String): String
  diagnostics: String
  me: Customer @authenticated
  accounts: [Account!]! @authenticated
}

type Mutation {
  rename(name: String!): String @authenticated
}

type Subscription {
  ticks: Int
}

type Customer @key(fields: "id") {
  id: ID!
  name: String!
}

type Account @key(fields: "id") {
  id: ID!
  iban: String!
  balance: Int @requiresScopes(scopes: [["balances"], ["admin"]])
  owner: Customer
}
"""

VAULT_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9",
  import: ["@key", "@policy", "@cost", "@listSize"])

type Query {
  transactions(first: Int): [Transaction!]!
    @listSize(assumedSize: 10, slicingArguments: ["first"], requireOneSlicingArgument: false)
}

type Account @key(fields: "id") {
  id: ID!
  secretNote: String @policy(policies: [["can_read_notes"]])
  riskScore: Int @cost(weight: 50)
}

type Transaction {
  id: ID!
  amount: Int!
}
"""

# What graphql-core needs to build the fixture schemas (composition reads the SDL above).
_DEFINITIONS = """
directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
directive @requiresScopes(scopes: [[String!]!]!)
  on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION
  | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!],
  requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
"""

CUSTOMERS = {"c1": {"id": "c1", "name": "Ada"}}
ACCOUNTS = {
    "a1": {"id": "a1", "iban": "GB01", "balance": 100, "owner": {"id": "c1"}},
    "a2": {"id": "a2", "iban": "GB02", "balance": 250, "owner": {"id": "c1"}},
}
VAULT = {
    "a1": {"id": "a1", "secretNote": "note-1", "riskScore": 3},
    "a2": {"id": "a2", "secretNote": "note-2", "riskScore": 7},
}


class RecordingSubgraph(SubgraphApp):
    """A fixture subgraph that also records the headers of every request it receives."""

    def __init__(self, spec: SubgraphSpec) -> None:
        super().__init__(spec)
        self.headers: list[dict[str, str]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.headers.append({k.decode(): v.decode() for k, v in scope["headers"]})
        await super().__call__(scope, receive, send)

    def reset(self) -> None:
        super().reset()
        self.headers.clear()


def _fail_with_details(_parent: Any, _info: Any) -> str:
    raise RuntimeError("core banking at http://10.9.8.7:4000/api refused Bearer abc.def.ghi")


def _specs() -> tuple[SubgraphSpec, SubgraphSpec]:
    accounts = SubgraphSpec(
        "accounts",
        ACCOUNTS_SDL + _DEFINITIONS,
        resolvers={
            "Query.hello": lambda _p, _i, name=None: f"Hello {name or 'world'}",
            "Query.diagnostics": _fail_with_details,
            "Query.me": lambda _p, _i: CUSTOMERS["c1"],
            "Query.accounts": lambda _p, _i: list(ACCOUNTS.values()),
            "Mutation.rename": lambda _p, _i, name: name,
            "Account.owner": lambda parent, _i: CUSTOMERS[parent["owner"]["id"]],
        },
        references={"Account": by_key(ACCOUNTS, "id"), "Customer": by_key(CUSTOMERS, "id")},
    )
    vault = SubgraphSpec(
        "vault",
        VAULT_SDL + _DEFINITIONS,
        resolvers={
            "Query.transactions": lambda _p, _i, first=None: [
                {"id": f"t{n}", "amount": n} for n in range(first or 2)
            ]
        },
        references={"Account": by_key(VAULT, "id")},
    )
    return accounts, vault


def subgraph_apps() -> dict[str, RecordingSubgraph]:
    """Fresh subgraph apps by name (each records its requests)."""
    return {spec.name: RecordingSubgraph(spec) for spec in _specs()}


def compose_supergraph() -> str:
    """The supergraph the reference composer builds (placeholder URLs)."""
    subgraphs = [
        {"name": name, "url": placeholder_url(name), "sdl": sdl}
        for name, sdl in (("accounts", ACCOUNTS_SDL), ("vault", VAULT_SDL))
    ]
    result = subprocess.run(
        ["node", str(REPO_ROOT / "tools" / "node" / "compose.mjs")],
        input=orjson.dumps(subgraphs),
        capture_output=True,
        cwd=REPO_ROOT / "tools" / "node",
        timeout=60,
        check=True,
    )
    return result.stdout.decode("utf-8")


if __name__ == "__main__":
    SUPERGRAPH.write_text(compose_supergraph(), encoding="utf-8")
    sys.exit(0)
