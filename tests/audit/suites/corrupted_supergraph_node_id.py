"""Audit suite ``corrupted-supergraph-node-id``: a ``@shareable`` ``Query.node`` in two
subgraphs, each with the other's implementation's ``id`` ``@external`` (answering
``"never"``); ``id`` on the interface cannot be planned, the rest must route per type."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

A_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@external"])

type Query {
  node(id: ID!): Node @shareable
  account(id: String!): Account
}

interface Node {
  id: ID!
}

type Account implements Node @key(fields: "id") {
  id: ID!
  username: String!
}

type Chat implements Node @key(fields: "id") {
  id: ID! @external
  account: Account!
}
"""

B_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@external"])

type Query {
  node(id: ID!): Node @shareable
  chat(id: String!): Chat
}

interface Node {
  id: ID!
}

type Account implements Node @key(fields: "id") {
  id: ID! @external
  chats: [Chat!]!
}

type Chat implements Node @key(fields: "id") {
  id: ID!
  text: String!
}
"""

ACCOUNTS = {"a1": {"__typename": "Account", "id": "a1", "username": "a1-username"}}
CHATS = {"c1": {"__typename": "Chat", "id": "c1", "accountId": "a1", "text": "c1-text"}}


def _a_node(_parent: Any, _info: Any, id: str) -> dict[str, Any] | None:
    if id in ACCOUNTS:
        return ACCOUNTS[id]
    if id in CHATS:
        # Chat.id is external here: the audit answers "never" on purpose.
        return {"__typename": "Chat", "id": "never", "accountId": CHATS[id]["accountId"]}
    return None


def _chat_ids(account_id: str) -> list[str]:
    return [c["id"] for c in CHATS.values() if c["accountId"] == account_id]


def _b_node(_parent: Any, _info: Any, id: str) -> dict[str, Any] | None:
    if id in ACCOUNTS:
        return {"__typename": "Account", "id": "never", "chatIds": _chat_ids(id)}
    return CHATS.get(id)


def _b_account(rep: dict[str, Any]) -> dict[str, Any] | None:
    if rep["id"] not in ACCOUNTS:
        return None
    return {"id": rep["id"], "chatIds": _chat_ids(rep["id"])}


def build() -> AuditSuite:
    a = SubgraphSpec(
        "a",
        A_SDL,
        resolvers={
            "Query.node": _a_node,
            "Query.account": lambda _p, _i, id: ACCOUNTS.get(id),
            "Chat.account": lambda chat, _i: ACCOUNTS.get(chat["accountId"]),
        },
        references={
            "Account": lambda rep: ACCOUNTS.get(rep["id"]),
            "Chat": lambda rep: CHATS.get(rep["id"]),
        },
    )
    b = SubgraphSpec(
        "b",
        B_SDL,
        resolvers={
            "Query.node": _b_node,
            "Query.chat": lambda _p, _i, id: CHATS.get(id),
            "Account.chats": lambda account, _i: [CHATS[c] for c in account["chatIds"]],
        },
        references={"Account": _b_account, "Chat": lambda rep: CHATS.get(rep["id"])},
    )
    return AuditSuite("corrupted-supergraph-node-id", (a, b), CASES)


CASES = (
    AuditCase(
        "interface id no subgraph can answer", '{ node(id: "a1") { id } }', None, errors=True
    ),
    AuditCase(
        "__typename from the shared root field",
        '{ account: node(id: "a1") { __typename } chat: node(id: "c1") { __typename } }',
        {"account": {"__typename": "Account"}, "chat": {"__typename": "Chat"}},
    ),
    AuditCase(
        "each implementation from the subgraph owning its id",
        '{ account: node(id: "a1") { ... on Account { id username } } '
        'chat: node(id: "c1") { ... on Chat { id text } } }',
        {
            "account": {"id": "a1", "username": "a1-username"},
            "chat": {"id": "c1", "text": "c1-text"},
        },
    ),
    AuditCase(
        "type conditions that do not match",
        '{ account: node(id: "a1") { ... on Chat { id } } '
        'chat: node(id: "c1") { ... on Account { id } } }',
        {"account": {}, "chat": {}},
    ),
    AuditCase(
        "type conditions that do not match, with __typename",
        '{ account: node(id: "a1") { __typename ... on Chat { id } } '
        'chat: node(id: "c1") { __typename ... on Account { id } } }',
        {"account": {"__typename": "Account"}, "chat": {"__typename": "Chat"}},
    ),
    AuditCase(
        "interface id next to type conditions",
        '{ account: node(id: "a1") { id ... on Chat { id } } '
        'chat: node(id: "c1") { __typename ... on Account { id } } }',
        None,
        errors=True,
    ),
    AuditCase("own root field", '{ chat(id: "c1") { id } }', {"chat": {"id": "c1"}}),
    AuditCase("other own root field", '{ account(id: "a1") { id } }', {"account": {"id": "a1"}}),
    AuditCase(
        "entity field from the other subgraph",
        '{ chat(id: "c1") { id text account { id } } }',
        {"chat": {"id": "c1", "text": "c1-text", "account": {"id": "a1"}}},
    ),
    AuditCase(
        "entity list from the other subgraph",
        '{ account(id: "a1") { id username chats { id } } }',
        {"account": {"id": "a1", "username": "a1-username", "chats": [{"id": "c1"}]}},
    ),
)
