"""Engine.execute end to end (real planner, real fixture subgraphs in process): introspection
merged with fetched data, query plan extension, header propagation, the authorization hook,
progressive override labels, hostile subgraphs."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from graphql import DocumentNode, FieldNode, SelectionSetNode

from gateway.engine import (
    Engine,
    EngineOptions,
    GraphQLRequest,
    PreparedOperation,
    RequestContext,
)
from gateway.override import OverridePolicy
from gateway.supergraph import load_supergraph
from tests.fixtures.federation.graphs import load_fixture
from tests.fixtures.federation.serving import free_port
from tests.fixtures.federation.subgraph import SubgraphApp


class HeaderRecorder:
    """Wraps an ASGI app and records the request headers it sees."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.headers: list[dict[str, str]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.headers.append({k.decode(): v.decode() for k, v in scope["headers"]})
        await self.app(scope, receive, send)


@dataclass
class Graph:
    engine: Engine
    apps: dict[str, SubgraphApp]
    recorders: dict[str, HeaderRecorder]

    async def run(
        self, query: str, variables: Mapping[str, Any] | None = None, **context: Any
    ) -> dict[str, Any]:
        return await self.engine.run(
            GraphQLRequest(query, None, variables), RequestContext(**context)
        )


@pytest.fixture
async def make_graph() -> AsyncIterator[Any]:
    """Builds an engine over a fixture graph; ``url_overrides`` point subgraphs elsewhere."""
    clients: list[httpx.AsyncClient] = []

    def make(name: str, options: EngineOptions | None = None, **url_overrides: str) -> Graph:
        fixture = load_fixture(name)
        apps = {spec.name: SubgraphApp(spec) for spec in fixture.subgraphs}
        recorders = {name: HeaderRecorder(app) for name, app in apps.items()}
        urls = {name: f"http://{name}.test/graphql" for name in apps} | url_overrides
        client = httpx.AsyncClient(
            mounts={f"all://{n}.test": httpx.ASGITransport(app=r) for n, r in recorders.items()}
        )
        clients.append(client)
        engine = Engine(load_supergraph(fixture.supergraph(urls)), client, options)
        return Graph(engine, apps, recorders)

    yield make
    for client in clients:
        await client.aclose()


async def test_introspection_is_answered_locally_and_merged_with_fetched_data(
    make_graph: Any,
) -> None:
    graph = make_graph("variables")
    query = """
    query Q($id: ID!) {
      __typename
      user(id: $id) { name }
      t: __type(name: "User") { name fields { name } }
      ... on Query { __schema { queryType { name } } }
    }
    """

    body = await graph.run(query, {"id": "u1"})

    assert body == {
        "data": {
            "__typename": "Query",
            "user": {"name": "Ada"},
            "t": {"name": "User", "fields": [{"name": "id"}, {"name": "name"}, {"name": "posts"}]},
            "__schema": {"queryType": {"name": "Query"}},
        }
    }
    assert len(graph.apps["a"].requests) == 1
    assert "__type" not in graph.apps["a"].requests[0]["query"]
    assert graph.apps["b"].requests == []


async def test_query_plan_extension_on_request(make_graph: Any) -> None:
    graph = make_graph("variables")
    body = await graph.run('{ greet(name: "Bo") }', query_plan="include")
    assert body["data"] == {"greet": "Bo!"}
    assert body["extensions"]["queryPlan"]["kind"] == "QueryPlan"
    assert body["extensions"]["queryPlan"]["node"]["serviceName"] == "a"
    assert "extensions" not in await graph.run('{ greet(name: "Bo") }')


async def test_query_plan_only_plans_without_executing(make_graph: Any) -> None:
    graph = make_graph("variables")
    body = await graph.run('{ greet(name: "Bo") }', query_plan="only")
    assert set(body) == {"extensions"}
    assert body["extensions"]["queryPlan"]["node"]["serviceName"] == "a"
    assert body["extensions"]["queryPlanText"].startswith("QueryPlan {")
    assert graph.apps["a"].requests == []


async def test_context_headers_reach_every_subgraph(make_graph: Any) -> None:
    graph = make_graph("variables")
    headers = {"authorization": "Bearer t", "x-request-id": "r1", "content-type": "text/evil"}

    body = await graph.run('{ user(id: "u1") { name posts } }', headers=headers)

    assert body == {"data": {"user": {"name": "Ada", "posts": ["first", "second"]}}}
    for name in ("a", "b"):
        [seen] = graph.recorders[name].headers
        assert seen["authorization"] == "Bearer t"
        assert seen["x-request-id"] == "r1"
        assert seen["content-type"] == "application/json"
        assert seen["accept"] == "application/graphql-response+json, application/json;q=0.9"


@dataclass(frozen=True)
class Outcome:
    document: DocumentNode
    removed_nodes: frozenset[int]


def remove_field(field_name: str) -> Any:
    """An authorizer removing every selection of ``field_name`` (as the edge's filter does)."""

    def authorize(prepared: PreparedOperation, _context: RequestContext) -> Outcome:
        removed: set[int] = set()

        def prune(node: Any) -> Any:
            if getattr(node, "selection_set", None) is None:
                return node
            kept = []
            for selection in node.selection_set.selections:
                if isinstance(selection, FieldNode) and selection.name.value == field_name:
                    removed.add(id(selection))
                else:
                    kept.append(prune(selection))
            attributes = {key: getattr(node, key) for key in node.keys}
            attributes["selection_set"] = SelectionSetNode(selections=tuple(kept))
            return type(node)(**attributes)

        operation = prune(prepared.operation)
        return Outcome(DocumentNode(definitions=(operation,)), frozenset(removed))

    return authorize


async def test_authorizer_removes_selections_before_planning(make_graph: Any) -> None:
    graph = make_graph("variables", EngineOptions(authorizer=remove_field("posts")))

    body = await graph.run('{ user(id: "u1") { name posts } }')

    assert body == {
        "data": {"user": {"name": "Ada", "posts": None}},  # in place, although non-null
        "errors": [
            {
                "message": "Unauthorized field or type",
                "path": ["user", "posts"],
                "extensions": {"code": "UNAUTHORIZED_FIELD_OR_TYPE"},
            }
        ],
    }
    assert graph.apps["b"].requests == []  # nobody was asked for the removed field


@pytest.mark.parametrize(
    ("policy", "stock", "new_requests"),
    [
        (OverridePolicy(), 5, 0),
        (OverridePolicy(enabled=frozenset({"beta"})), 6, 1),
    ],
)
async def test_progressive_override_labels_follow_the_policy(
    make_graph: Any, policy: OverridePolicy, stock: int, new_requests: int
) -> None:
    graph = make_graph("override", EngineOptions(override=policy))

    body = await graph.run("{ items { stock } }")

    assert body == {"data": {"items": [{"stock": stock}]}}
    assert len(graph.apps["new"].requests) == new_requests


async def test_unreachable_subgraph_gives_errors_and_engine_keeps_serving(make_graph: Any) -> None:
    graph = make_graph("variables", b=f"http://127.0.0.1:{free_port()}/graphql")

    body = await graph.run('{ user(id: "u1") { name posts } }')

    assert body["data"] == {"user": None}
    assert [e["extensions"]["code"] for e in body["errors"]] == ["SUBREQUEST_HTTP_ERROR"]
    assert body["errors"][0]["path"] == ["user"]
    assert await graph.run('{ user(id: "u1") { name } }') == {"data": {"user": {"name": "Ada"}}}


async def test_subscriptions_are_refused_without_data() -> None:
    sdl = load_fixture("variables").supergraph_path.read_text()
    sdl = sdl.replace("  query: Query\n", "  query: Query\n  subscription: Subscription\n", 1)
    sdl += "\ntype Subscription @join__type(graph: A) { tick: Int @join__field(graph: A) }\n"
    async with httpx.AsyncClient() as client:
        engine = Engine(load_supergraph(sdl), client)
        prepared = engine.prepare(GraphQLRequest("subscription { tick }"))
        assert isinstance(prepared, PreparedOperation)
        assert prepared.operation_type == "subscription"
        body = await engine.execute(prepared, RequestContext())
    assert body == {
        "errors": [
            {
                "message": "Subscriptions are not supported by this gateway.",
                "extensions": {"code": "SUBSCRIPTIONS_NOT_SUPPORTED"},
            }
        ]
    }
