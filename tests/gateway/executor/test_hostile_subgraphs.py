"""Subgraphs that misbehave: each failure is one clear error, other data is kept, and the same
client keeps serving the next request."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
import pytest

from gateway.executor import Subgraphs, execute_plan
from gateway.planner.plan import (
    Fetch,
    FieldSelection,
    Flatten,
    InlineFragmentSelection,
    Parallel,
    QueryPlan,
    Sequence,
)
from tests.fixtures.federation.serving import LoopbackServers, free_port
from tests.fixtures.federation.subgraph import SubgraphApp
from tests.gateway.executor.shop import SPECS, SUPERGRAPH, mounted_client, shape, urls

QUERY = "{ me { name } shelves { name } }"
PLAN = QueryPlan(
    Parallel((Fetch("accounts", "{ me { name } }"), Fetch("bad", "{ shelves { name } }")))
)


class RawApp:
    """ASGI app answering every request with a fixed status, content type and body."""

    def __init__(self, status: int, content_type: str | None, body: bytes) -> None:
        self.status, self.content_type, self.body = status, content_type, body

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        while (await receive()).get("more_body"):
            pass
        headers = (
            [] if self.content_type is None else [(b"content-type", self.content_type.encode())]
        )
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": self.body})


class SilentApp:
    """ASGI app that never answers; it returns once the client disconnects."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        while (await receive())["type"] != "http.disconnect":
            pass


def malformed(reason: str) -> dict[str, Any]:
    return {
        "message": f"Subgraph response from 'bad' was malformed: {reason}",
        "extensions": {"code": "SUBREQUEST_MALFORMED_RESPONSE", "serviceName": "bad"},
    }


def http_failure(reason: str, status: int | None = None) -> dict[str, Any]:
    extensions: dict[str, Any] = {
        "code": "SUBREQUEST_HTTP_ERROR",
        "serviceName": "bad",
        "reason": reason,
    }
    if status is not None:
        extensions["http"] = {"status": status}
    return {"message": f"HTTP fetch failed from 'bad': {reason}", "extensions": extensions}


GRAPHQL_ERRORS = orjson.dumps(
    {
        "errors": [
            {
                "message": "database down",
                "locations": [{"line": 1, "column": 3}],
                "extensions": {"code": "INTERNAL"},
            }
        ]
    }
)
PARTIAL = orjson.dumps(
    {
        "data": {"shelves": [[{"name": "Partial"}, None]]},
        "errors": [{"message": "upstream flaky", "path": ["shelves", 0, 1]}],
    }
)

CASES = [
    pytest.param(
        200,
        "application/json",
        b"\x00garbage{",
        [malformed("body is not JSON")],
        None,
        id="garbage",
    ),
    pytest.param(
        200,
        "text/html",
        b"<html>hi</html>",
        [malformed("unexpected content type 'text/html'")],
        None,
        id="html",
    ),
    pytest.param(
        200, None, b"[1, 2]", [malformed("body is not a JSON object")], None, id="json-array"
    ),
    pytest.param(
        200,
        "application/json",
        b'{"data": "nope"}',
        [malformed("data is not an object")],
        None,
        id="data-not-object",
    ),
    pytest.param(
        200,
        "application/json",
        b"{}",
        [malformed("neither data nor errors")],
        None,
        id="empty-object",
    ),
    pytest.param(
        500,
        "text/plain",
        b"oops",
        [http_failure("500: Internal Server Error", 500)],
        None,
        id="500-text",
    ),
    pytest.param(
        500,
        "application/json",
        GRAPHQL_ERRORS,
        [
            http_failure("500: Internal Server Error", 500),
            {"message": "database down", "extensions": {"code": "INTERNAL", "serviceName": "bad"}},
        ],
        None,
        id="500-graphql-errors",
    ),
    pytest.param(
        502,
        "application/graphql-response+json; charset=utf-8",
        PARTIAL,
        [
            http_failure("502: Bad Gateway", 502),
            {
                "message": "upstream flaky",
                "path": ["shelves", 0, 1],
                "extensions": {"serviceName": "bad"},
            },
        ],
        [[{"name": "Partial"}, None]],
        id="502-partial-data",
    ),
]


async def run(apps: Mapping[str, Any], plan: QueryPlan, query: str, **options: Any) -> Any:
    async with mounted_client(apps) as client:
        subgraphs = Subgraphs(client=client, urls=urls(apps), **options)
        result = await execute_plan(plan, schema=SUPERGRAPH, subgraphs=subgraphs, variables={})
        body = shape(SUPERGRAPH, query, result.data, result.errors)
        # The same client keeps serving after the failure.
        again = await execute_plan(
            QueryPlan(Fetch("accounts", "{ me { name } }")),
            schema=SUPERGRAPH,
            subgraphs=subgraphs,
            variables={},
        )
        assert again.data == {"me": {"name": "Ada"}}
    return body


@pytest.mark.parametrize(("status", "content_type", "payload", "errors", "shelves"), CASES)
async def test_bad_root_fetch_keeps_other_data(
    status: int,
    content_type: str | None,
    payload: bytes,
    errors: list[dict[str, Any]],
    shelves: Any,
) -> None:
    apps = {
        "accounts": SubgraphApp(SPECS["accounts"]),
        "bad": RawApp(status, content_type, payload),
    }

    body = await run(apps, PLAN, QUERY)

    assert body == {"data": {"me": {"name": "Ada"}, "shelves": shelves}, "errors": errors}


@pytest.mark.parametrize(
    "entities",
    [[], [{"inStock": True}], [{"inStock": True}, 7], "nope"],
    ids=["too-few", "too-many", "not-objects", "not-a-list"],
)
async def test_wrong_entities_answer_is_malformed(entities: Any) -> None:
    apps = {
        "products": SubgraphApp(SPECS["products"]),
        "accounts": SubgraphApp(SPECS["accounts"]),
        "bad": RawApp(200, "application/json", orjson.dumps({"data": {"_entities": entities}})),
    }
    key = (
        InlineFragmentSelection("Product", (FieldSelection("__typename"), FieldSelection("upc"))),
    )
    plan = QueryPlan(
        Sequence(
            (
                Fetch("products", "{ topProducts(first: 2) { __typename upc name } }"),
                Flatten(
                    ("topProducts", "@"),
                    Fetch(
                        "bad",
                        "query($representations: [_Any!]!) { _entities(representations: "
                        "$representations) { ... on Product { inStock } } }",
                        requires=key,
                    ),
                ),
            )
        )
    )

    body = await run(apps, plan, "{ topProducts(first: 2) { name inStock } }")

    reason = "_entities is not a list of 2 objects or nulls"
    assert body == {
        "data": {
            "topProducts": [{"name": "Table", "inStock": None}, {"name": "Chair", "inStock": None}]
        },
        "errors": [{**malformed(reason), "path": ["topProducts"]}],
    }


async def test_timeout_is_a_transport_error() -> None:
    with LoopbackServers({"bad": SilentApp()}) as loopback:
        apps = {"accounts": SubgraphApp(SPECS["accounts"])}
        async with mounted_client(apps) as client:
            subgraphs = Subgraphs(
                client=client, urls={**urls(apps), "bad": loopback["bad"]}, timeout=0.2
            )
            result = await execute_plan(PLAN, schema=SUPERGRAPH, subgraphs=subgraphs, variables={})
    body = shape(SUPERGRAPH, QUERY, result.data, result.errors)
    assert body == {
        "data": {"me": {"name": "Ada"}, "shelves": None},
        "errors": [http_failure("request timed out")],
    }


async def test_connection_refused_is_a_transport_error() -> None:
    apps = {"accounts": SubgraphApp(SPECS["accounts"])}
    refused = f"http://127.0.0.1:{free_port()}/graphql"
    async with mounted_client(apps) as client:
        subgraphs = Subgraphs(client=client, urls={**urls(apps), "bad": refused})
        result = await execute_plan(PLAN, schema=SUPERGRAPH, subgraphs=subgraphs, variables={})
    body = shape(SUPERGRAPH, QUERY, result.data, result.errors)

    assert body["data"] == {"me": {"name": "Ada"}, "shelves": None}
    [error] = body["errors"]
    assert error["message"].startswith("HTTP fetch failed from 'bad': connection failed")
    assert error["extensions"]["code"] == "SUBREQUEST_HTTP_ERROR"
    assert error["extensions"]["serviceName"] == "bad"


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("http://[not-a-host/graphql", {}),
        ("http://bad.test/graphql", {"x-name": "caf\u00e9 \u2603"}),
    ],
    ids=["invalid-url", "unencodable-header"],
)
async def test_unsendable_request_is_a_transport_error(url: str, headers: dict[str, str]) -> None:
    apps = {"accounts": SubgraphApp(SPECS["accounts"])}
    async with mounted_client(apps) as client:
        subgraphs = Subgraphs(client=client, urls={**urls(apps), "bad": url})
        result = await execute_plan(
            QueryPlan(Fetch("bad", "{ shelves { name } }")),
            schema=SUPERGRAPH,
            subgraphs=subgraphs,
            variables={},
            headers=headers,
        )
    [error] = result.errors
    assert error["message"].startswith("HTTP fetch failed from 'bad': ")
    assert error["extensions"]["code"] == "SUBREQUEST_HTTP_ERROR"


async def test_deeply_nested_lists_do_not_exhaust_recursion() -> None:
    depth = 1000
    nested = b"[" * depth + b'{"__typename": "Product", "upc": "p1"}' + b"]" * depth
    apps = {
        "bad": RawApp(200, "application/json", b'{"data": {"shelves": ' + nested + b"}}"),
        "inventory": SubgraphApp(SPECS["inventory"]),
    }
    key = (
        InlineFragmentSelection("Product", (FieldSelection("__typename"), FieldSelection("upc"))),
    )
    plan = QueryPlan(
        Sequence(
            (
                Fetch("bad", "{ shelves { __typename upc } }"),
                Flatten(
                    ("shelves", "@", "@"),
                    Fetch(
                        "inventory",
                        "query($representations: [_Any!]!) { _entities(representations: "
                        "$representations) { ... on Product { inStock } } }",
                        requires=key,
                    ),
                ),
            )
        )
    )

    async with mounted_client(apps) as client:
        subgraphs = Subgraphs(client=client, urls=urls(apps))
        result = await execute_plan(plan, schema=SUPERGRAPH, subgraphs=subgraphs, variables={})
    body = shape(SUPERGRAPH, "{ shelves { inStock } }", result.data, result.errors)

    # [[Product]] holds two list levels: the third is an invalid value, reported once.
    assert body == {
        "data": {"shelves": [[None]]},
        "errors": [
            {"message": "Invalid value found for field Query.shelves.", "path": ["shelves", 0, 0]}
        ],
    }
