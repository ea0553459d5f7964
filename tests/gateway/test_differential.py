"""Differential property test: random valid operations over the ``shop`` fixture give the
same response through our gateway's engine (three subgraphs on loopback) as through one
monolithic graphql-core schema holding the same data.

Examples are derandomised (the same 60 operations every run) so a failure reproduces.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fixtures.federation.graphs import load_fixture
from fixtures.federation.graphs.shop import MONOLITH_SDL, build_monolith
from fixtures.federation.harness import ServedFixture, ordered
from fixtures.federation.operations import GeneratedOperation, operations
from graphql import GraphQLSchema, build_schema, execute_sync, parse, validate
from hypothesis import HealthCheck, assume, given, settings

from gateway.engine import Engine, GraphQLRequest, RequestContext, RequestError
from gateway.supergraph import Supergraph, load_supergraph

_SHAPE = build_schema(MONOLITH_SDL)  # types only, to draw operations from


@pytest.fixture(scope="module")
def shop() -> Iterator[tuple[ServedFixture, Supergraph, GraphQLSchema]]:
    with ServedFixture(load_fixture("shop")) as served:
        yield served, load_supergraph(served.supergraph_sdl), build_monolith()


async def _through_gateway(supergraph: Supergraph, operation: GeneratedOperation) -> Any:
    async with httpx.AsyncClient(timeout=10.0) as client:
        engine = Engine(supergraph, client)
        prepared = engine.prepare(GraphQLRequest(operation.query, "Q", operation.variables))
        if isinstance(prepared, RequestError):
            return prepared.response()
        return await engine.execute(prepared, RequestContext(request_id="differential"))


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Root __typename stays out until the planner handles it under a variable condition; that
# gap is the strict xfail "shop: root __typename under a variable condition" in
# tests/gateway/e2e/test_e2e_shop.py (re-enable here when it flips).
@given(operation=operations(_SHAPE, root_typename=False))
def test_gateway_answers_like_the_monolith(
    shop: tuple[ServedFixture, Supergraph, GraphQLSchema], operation: GeneratedOperation
) -> None:
    _served, supergraph, monolith = shop
    document = parse(operation.query)
    assume(not validate(monolith, document))
    expected = execute_sync(monolith, document, variable_values=operation.variables)
    assert expected.errors is None, expected.errors
    actual = asyncio.run(_through_gateway(supergraph, operation))
    assert "errors" not in actual, (operation, actual)
    assert ordered(actual.get("data")) == ordered(expected.data), operation
