"""``bankgraph-gateway serve`` (run as ``python -m gateway serve``, introspection switched on
through ``BANKGRAPH_GATEWAY_INTROSPECTION``) over GraphQL-over-HTTP on loopback answers the
corpus of a representative set of fixtures exactly: the CLI, HTTP layer and engine together,
driven exactly like Hive Gateway in tests/compat/."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from fixtures.federation.corpus import corpus_params
from fixtures.federation.fixture import Case
from fixtures.federation.gateways import bankgraph_gateway
from fixtures.federation.graphs import load_fixture
from fixtures.federation.harness import FixtureDeployment, assert_case

FIXTURES = ("keys", "errors", "mutations", "introspection", "conditions", "variables")
SETTINGS = {"BANKGRAPH_GATEWAY_INTROSPECTION": "true"}


@pytest.fixture(scope="module")
def served_gateway(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], FixtureDeployment]]:
    deployments: dict[str, FixtureDeployment] = {}
    with ExitStack() as stack:

        def get(name: str) -> FixtureDeployment:
            if name not in deployments:
                workdir = tmp_path_factory.mktemp(f"serve-{name}")
                deployment = FixtureDeployment(
                    load_fixture(name), workdir, lambda path: bankgraph_gateway(path, SETTINGS)
                )
                deployments[name] = stack.enter_context(deployment)
            return deployments[name]

        yield get


@pytest.mark.parametrize(("fixture_name", "case"), corpus_params(FIXTURES))
def test_served_gateway_answers_the_corpus(
    served_gateway: Callable[[str], FixtureDeployment], fixture_name: str, case: Case
) -> None:
    assert_case(served_gateway(fixture_name).run(case), case)
