"""Differential property test: random valid operations over the ``shop`` and ``library``
fixtures give the same response through our gateway's engine (subgraphs on loopback) as
through one monolithic graphql-core schema holding the same data.

Examples are derandomised (the same 60 operations per graph every run) so a failure
reproduces.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fixtures.federation.graphs import library, load_fixture, shop
from fixtures.federation.harness import ServedFixture, ordered
from fixtures.federation.operations import GeneratedOperation, operations
from graphql import GraphQLSchema, build_schema, execute_sync, parse, validate
from hypothesis import HealthCheck, assume, given, settings

from gateway.engine import Engine, GraphQLRequest, RequestContext, RequestError
from gateway.supergraph import Supergraph, load_supergraph

# Types only, to draw operations from (the executable oracles are built per module).
_SHOP_SHAPE = build_schema(shop.MONOLITH_SDL)
_LIBRARY_SHAPE = build_schema(library.MONOLITH_SDL)

_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

Graph = tuple[Supergraph, GraphQLSchema]


@pytest.fixture(scope="module")
def shop_graph() -> Iterator[Graph]:
    with ServedFixture(load_fixture("shop")) as served:
        yield load_supergraph(served.supergraph_sdl), shop.build_monolith()


@pytest.fixture(scope="module")
def library_graph() -> Iterator[Graph]:
    with ServedFixture(load_fixture("library")) as served:
        yield load_supergraph(served.supergraph_sdl), library.build_monolith()


async def _through_gateway(supergraph: Supergraph, operation: GeneratedOperation) -> Any:
    async with httpx.AsyncClient(timeout=10.0) as client:
        engine = Engine(supergraph, client)
        prepared = engine.prepare(GraphQLRequest(operation.query, "Q", operation.variables))
        if isinstance(prepared, RequestError):
            return prepared.response()
        return await engine.execute(prepared, RequestContext(request_id="differential"))


def _assert_same_as_monolith(graph: Graph, operation: GeneratedOperation) -> None:
    supergraph, monolith = graph
    document = parse(operation.query)
    assume(not validate(monolith, document))
    expected = execute_sync(monolith, document, variable_values=operation.variables)
    assert expected.errors is None, expected.errors
    actual = asyncio.run(_through_gateway(supergraph, operation))
    assert "errors" not in actual, (operation, actual)
    assert ordered(actual.get("data")) == ordered(expected.data), operation


@_SETTINGS
@given(operation=operations(_SHOP_SHAPE))
def test_shop_answers_like_the_monolith(shop_graph: Graph, operation: GeneratedOperation) -> None:
    _assert_same_as_monolith(shop_graph, operation)


@_SETTINGS
@given(operation=operations(_LIBRARY_SHAPE, pools={"ID": library.ID_POOL}))
def test_library_answers_like_the_monolith(
    library_graph: Graph, operation: GeneratedOperation
) -> None:
    _assert_same_as_monolith(library_graph, operation)
