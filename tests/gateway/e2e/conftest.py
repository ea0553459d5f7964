"""Our gateway's engine over the fixture graphs: subgraphs on loopback (real HTTP, one set per
fixture per test module), one ``gateway.engine.Engine`` per test over a pooled client."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack

import httpx
import pytest
from fixtures.federation.fixture import Case
from fixtures.federation.graphs import load_fixture
from fixtures.federation.harness import CaseRun, ServedFixture

from gateway.engine import Engine, GraphQLRequest, RequestContext, RequestError
from gateway.supergraph import Supergraph, load_supergraph

RunCase = Callable[[str, Case], Awaitable[CaseRun]]


@pytest.fixture(scope="module")
def served_fixtures() -> Iterator[Callable[[str], tuple[ServedFixture, Supergraph]]]:
    """``get(name)``: the fixture served on loopback and its loaded supergraph, started on
    first use and kept for the rest of the test module."""
    served: dict[str, tuple[ServedFixture, Supergraph]] = {}
    with ExitStack() as stack:

        def get(name: str) -> tuple[ServedFixture, Supergraph]:
            if name not in served:
                fixture = stack.enter_context(ServedFixture(load_fixture(name)))
                served[name] = (fixture, load_supergraph(fixture.supergraph_sdl))
            return served[name]

        yield get


@pytest.fixture
def run_case(served_fixtures: Callable[[str], tuple[ServedFixture, Supergraph]]) -> RunCase:
    """``await run_case(fixture_name, case)``: the case through a fresh engine."""

    async def run(name: str, case: Case) -> CaseRun:
        served, supergraph = served_fixtures(name)
        async with httpx.AsyncClient(timeout=10.0) as client:
            engine = Engine(supergraph, client)
            served.reset()
            request = GraphQLRequest(case.query, case.operation_name, case.variables)
            prepared = engine.prepare(request)
            if isinstance(prepared, RequestError):
                body = prepared.response()
            else:
                body = await engine.execute(prepared, RequestContext(request_id="e2e"))
        return CaseRun(body, served.snapshot())

    return run
