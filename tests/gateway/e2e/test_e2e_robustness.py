"""Our gateway's engine under conditions the corpus does not model: a subgraph slower than the
subgraph timeout, and many different operations in flight at once on one engine."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fixtures.federation.graphs import load_fixture
from fixtures.federation.harness import ServedFixture, assert_response

from gateway.engine import Engine, EngineOptions, GraphQLRequest, RequestContext, RequestError
from gateway.supergraph import Supergraph, load_supergraph


async def _execute(engine: Engine, query: str, variables: dict[str, Any] | None = None) -> Any:
    prepared = engine.prepare(GraphQLRequest(query, None, variables))
    if isinstance(prepared, RequestError):
        return prepared.response()
    return await engine.execute(prepared, RequestContext(request_id="robustness"))


@pytest.fixture(scope="module")
def slow_errors() -> Iterator[Supergraph]:
    """The ``errors`` fixture with ``flaky`` answering after 2 s instead of failing."""
    fixture = load_fixture("errors")
    products = {"p1": {"__typename": "Product", "id": "p1", "price": 9}}

    async def slow_reference(representation: dict[str, Any]) -> dict[str, Any] | None:
        await asyncio.sleep(2.0)
        return products.get(representation["id"])

    subgraphs = tuple(
        dataclasses.replace(spec, fault=None, references={"Product": slow_reference})
        if spec.name == "flaky"
        else spec
        for spec in fixture.subgraphs
    )
    with ServedFixture(dataclasses.replace(fixture, subgraphs=subgraphs)) as served:
        yield load_supergraph(served.supergraph_sdl)


async def test_slow_subgraph_times_out_into_an_error_and_the_gateway_keeps_serving(
    slow_errors: Supergraph,
) -> None:
    async with httpx.AsyncClient(timeout=10.0) as client:
        engine = Engine(slow_errors, client, EngineOptions(subgraph_timeout=0.3))
        slow = await _execute(engine, '{ product(id: "p1") { name price } }')
        assert_response(
            slow,
            {
                "data": {"product": {"name": "Lamp", "price": None}},
                "errors": [{"path": ["product"]}],
            },
        )
        fast = await _execute(engine, '{ product(id: "p1") { name } }')
        assert fast == {"data": {"product": {"name": "Lamp"}}}


@pytest.fixture(scope="module")
def keys_graph() -> Iterator[Supergraph]:
    with ServedFixture(load_fixture("keys")) as served:
        yield load_supergraph(served.supergraph_sdl)


async def test_concurrent_operations_on_one_engine_do_not_mix(keys_graph: Supergraph) -> None:
    cases = load_fixture("keys").cases
    rounds = 8
    async with httpx.AsyncClient(timeout=10.0) as client:
        engine = Engine(keys_graph, client)
        responses = await asyncio.gather(
            *(_execute(engine, case.query, dict(case.variables or {})) for case in cases * rounds)
        )
    for case, response in zip(cases * rounds, responses, strict=True):
        assert_response(response, case.expected)
