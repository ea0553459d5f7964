"""The differential oracle checked against a reference engine: random valid operations over
the ``shop`` fixture give the same response through Hive Gateway as through the monolithic
schema (so a difference in tests/gateway/test_differential.py is our gateway's, not the
oracle's). Derandomised; root ``__typename`` allowed; no ``@skip``/``@include``: Hive drops a
field selected both with ``@include(if: false)`` and unconditionally (the strict-xfail case
"conditions: the same field with and without a false condition")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fixtures.federation.gateways import HIVE_GATEWAY, hive_gateway
from fixtures.federation.graphs import load_fixture
from fixtures.federation.graphs.shop import MONOLITH_SDL, build_monolith
from fixtures.federation.harness import FixtureDeployment, ordered
from fixtures.federation.operations import GeneratedOperation, operations
from graphql import GraphQLSchema, build_schema, execute_sync, parse, validate
from hypothesis import HealthCheck, assume, given, settings

pytestmark = pytest.mark.node

_SHAPE = build_schema(MONOLITH_SDL)  # types only, to draw operations from


@pytest.fixture(scope="module")
def hive_shop(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[FixtureDeployment, GraphQLSchema]]:
    if not HIVE_GATEWAY.exists():
        pytest.skip("tools/node/node_modules absent (make test installs Hive Gateway)")
    workdir = tmp_path_factory.mktemp("hive-differential")
    with FixtureDeployment(load_fixture("shop"), workdir, hive_gateway) as deployment:
        yield deployment, build_monolith()


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operation=operations(_SHAPE, conditions=False))
def test_hive_gateway_answers_like_the_monolith(
    hive_shop: tuple[FixtureDeployment, GraphQLSchema], operation: GeneratedOperation
) -> None:
    deployment, monolith = hive_shop
    document = parse(operation.query)
    assume(not validate(monolith, document))
    expected = execute_sync(monolith, document, variable_values=operation.variables)
    assert expected.errors is None, expected.errors
    assert deployment.gateway is not None
    actual = deployment.gateway.execute(operation.query, operation.variables, "Q")
    assert "errors" not in actual, (operation, actual)
    assert ordered(actual.get("data")) == ordered(expected.data), operation
